// Bookings ("/office/bookings", every role): the requests waiting for an answer (confirm a day and
// window, optionally naming the technician; decline with a reason) and the week's bookings per day
// and window against what each window can take. GET /api/admin/booking-requests, POST …/confirm and
// …/decline, GET /api/admin/bookings/week?start= (the week's Monday is also the page's ?week=).
import { api } from "../../api.js";
import { answerText, choiceText, windowTimes } from "../../booking.js";
import { formatPhone } from "../../branding.js";
import { fill, h } from "../../dom.js";
import { count, dayDate, momentText } from "../../format.js";
import { alertSlot, field, focusHeading, showFieldError, submitForm, uid } from "../../forms.js";

const WEEK = /^\d{4}-\d{2}-\d{2}$/;

export async function render(main, ctx) {
  ctx.setTitle("Bookings");
  const queue = h("div", { "aria-live": "polite" }, h("p", { role: "status" }, "Loading the requests…"));
  const week = h("div", { "aria-live": "polite" }, h("p", { role: "status" }, "Loading the week…"));
  const page = { queue, week, windows: [], start: WEEK.test(ctx.query.get("week") ?? "") ? ctx.query.get("week") : null };
  fill(
    main,
    h("h1", {}, "Bookings"),
    h("p", { class: "lead" }, "Answer the customers’ booking requests, and see the week’s visits against what each window can take."),
    h("section", { class: "panel", "aria-labelledby": "queue-heading" }, h("h2", { id: "queue-heading" }, "Requests waiting for an answer"), queue),
    h("section", { class: "panel", "aria-labelledby": "week-heading" }, h("h2", { id: "week-heading" }, "The week"), week),
  );
  await loadWeek(page, page.start);
  await loadQueue(page);
}

// -- the queue ----------------------------------------------------------------------------------

async function loadQueue(page) {
  const { ok, data } = await api("GET", "/api/admin/booking-requests?status=requested");
  if (!ok) return fill(page.queue, h("p", { class: "alert", role: "alert" }, data.message || "The requests could not be loaded. Please reload the page."));
  fill(page.queue,
    h("p", {}, data.items.length ? `${count(data.items.length, "request", "requests")}, oldest first.` : "No requests are waiting. New ones appear here and in the dispatcher’s email."),
    data.items.length > 0 && h("ul", { class: "cards booking-queue" }, data.items.map((item) => requestCard(item, page))));
}

function requestCard(item, page) {
  const headingId = uid("request");
  const customer = item.customer ?? {};
  const card = h("li", { class: "card", "aria-labelledby": headingId });
  fill(card,
    h("h3", { id: headingId }, `${item.service_name} for ${customer.name || "a customer"}`),
    h("dl", { class: "facts" },
      fact("Property", item.property_label || "Not on file"),
      item.notes && fact("Customer’s notes", h("span", { class: "multiline" }, item.notes)),
      fact("Phone", customer.phone ? h("a", { href: `tel:${customer.phone}` }, formatPhone(customer.phone)) : "Not on file"),
      fact("Email", customer.email ? h("a", { href: `mailto:${customer.email}` }, customer.email) : "Not on file"),
      fact("Sent", momentText(item.created_at))),
    confirmForm(item, card, page, headingId),
    declineForm(item, card, page, headingId));
  return card;
}

function confirmForm(item, card, page, headingId) {
  const name = uid("when");
  const choices = item.preferred.map((choice, index) => {
    const input = h("input", { type: "radio", name, value: String(index), checked: index === 0 });
    return { input, choice, el: h("label", { class: "option" }, input, h("span", {}, choiceText(choice, page.windows))) };
  });
  const other = h("input", { type: "radio", name, value: "other", checked: choices.length === 0 });
  const date = field("Date", { type: "date", name: "date" });
  const times = page.windows.map((w) => `${w.id} ${windowTimes(w.start, w.end)}`).join("; ");
  const window = field("Window", { name: "window" }, times ? `${times[0].toUpperCase()}${times.slice(1)}.` : null, "select");
  window.input.append(h("option", { value: "morning" }, "Morning"), h("option", { value: "afternoon" }, "Afternoon"));
  const elsewhere = h("div", { class: "choice-row another-time" }, date.el, window.el);
  const showOther = () => { elsewhere.hidden = !other.checked; };
  for (const radio of [...choices.map((c) => c.input), other]) radio.addEventListener("change", showOther);
  showOther();
  const technician = field("Technician (optional)", { name: "technician_name", autocomplete: "off", maxlength: "200" }, "The customer sees this name.");
  const warning = h("div");
  const alert = alertSlot();
  const button = h("button", { type: "submit", class: "button", "aria-describedby": headingId }, "Confirm");
  let closedDay = null; // the day the office was warned about: confirming it again means it
  const form = h("form", { novalidate: true, "aria-label": "Confirm the request" },
    h("fieldset", { class: "field" }, h("legend", { class: "group-legend" }, "Confirm for"), choices.map((c) => c.el),
      h("label", { class: "option" }, other, h("span", {}, "Another day and time")), elsewhere),
    technician.el, warning, alert, h("div", { class: "actions" }, button));
  submitForm(form, {
    button, alert, busy: "Confirming…", fields: { date: date.input, window: window.input, technician_name: technician.input },
    check() {
      const picked = choices.find((c) => c.input.checked)?.choice;
      if (!picked && !date.input.value) return showFieldError(date.input, "Choose the date of the visit.");
      const when = picked ?? { date: date.input.value, window: window.input.value };
      const named = technician.input.value.trim();
      const sure = closedDay && closedDay.date === when.date && closedDay.window === when.window;
      if (!sure) warning.replaceChildren();
      return { ...when, ...(named && { technician_name: named }), ...(sure && { allow_closed_day: true }) };
    },
    send: (body) => api("POST", `/api/admin/booking-requests/${encodeURIComponent(item.id)}/confirm`, body),
    sent: (answer) => answered(card, answer, page),
    failed(answer, status, body) {
      if (answer.code === "closed_day") {
        closedDay = { date: body.date, window: body.window };
        fill(warning, h("p", { class: "alert alert-warning", role: "alert" }, h("strong", {}, "We don’t work that day. "), answer.details?.[0]?.message ?? answer.message,
          " Press “Confirm anyway” only if a crew can really go then."));
        button.textContent = "Confirm anyway";
        button.focus();
        return true;
      }
      if (status === 409 || status === 404) return gone(card, answer.message);
      return false;
    },
  });
  return form;
}

function declineForm(item, card, page, headingId) {
  const reason = field("Reason (optional)", { name: "reason", rows: "3", maxlength: "1000" }, "The customer sees this in our email and on their bookings page.", "textarea");
  const alert = alertSlot();
  const button = h("button", { type: "submit", class: "button button-danger", "aria-describedby": headingId }, "Decline request");
  const form = h("form", { novalidate: true, "aria-label": "Decline the request" }, reason.el, alert, h("div", { class: "actions" }, button));
  submitForm(form, {
    button, alert, busy: "Declining…", fields: { reason: reason.input },
    check: () => (reason.input.value.trim() ? { reason: reason.input.value.trim() } : {}),
    send: (body) => api("POST", `/api/admin/booking-requests/${encodeURIComponent(item.id)}/decline`, body),
    sent: (answer) => answered(card, answer, page),
    failed: (answer, status) => (status === 409 || status === 404) && gone(card, answer.message),
  });
  return h("details", { class: "decline" }, h("summary", {}, "Decline this request"), form);
}

/** The request is answered: the card says how, the week shows a confirmed visit. */
async function answered(card, booking, page) {
  const who = booking.customer?.name ? `${booking.customer.name} gets` : "The customer gets";
  const heading = h("h3", {}, `${booking.service_name}: ${booking.status === "confirmed" ? "confirmed" : "declined"}`);
  fill(card, heading, h("p", { class: "success", role: "status" }, `${answerText(booking)} ${who} an email about it.`));
  focusHeading(heading);
  if (booking.status === "confirmed") await loadWeek(page, page.start);
}

/** Someone else answered it meanwhile (or the customer withdrew it): the card says so. */
function gone(card, message) {
  const heading = h("h3", {}, "This request was already answered");
  fill(card, heading, h("p", { class: "notice", role: "status" }, message));
  focusHeading(heading);
  return true;
}

// -- the week -----------------------------------------------------------------------------------

async function loadWeek(page, start) {
  const { ok, data } = await api("GET", `/api/admin/bookings/week${start ? `?start=${encodeURIComponent(start)}` : ""}`);
  if (!ok) return fill(page.week, h("p", { class: "alert", role: "alert" }, data.message || "The week could not be loaded. Please reload the page."));
  page.windows = data.days[0].windows.map((w) => ({ id: w.window, start: w.start, end: w.end }));
  const thisWeek = data.start <= data.today && data.today <= data.end;
  const heading = h("h3", { class: "week-title" }, `${thisWeek ? "This week: " : "Week of "}${dayDate(data.start)} to ${dayDate(data.end)}`);
  const go = (monday) => async () => {
    page.start = monday;
    const url = new URL(location.href);
    if (monday) url.searchParams.set("week", monday);
    else url.searchParams.delete("week");
    history.replaceState(null, "", url);
    fill(page.week, h("p", { role: "status" }, "Loading the week…"));
    await loadWeek(page, monday);
    const shown = page.week.querySelector(".week-title");
    if (shown) focusHeading(shown);
  };
  const booked = data.days.flatMap((day) => day.windows.flatMap((w) => w.visits)).length;
  fill(page.week,
    h("div", { class: "actions week-nav" },
      h("button", { type: "button", class: "button button-secondary", onclick: go(data.previous) }, "Previous week"),
      !thisWeek && h("button", { type: "button", class: "button button-secondary", onclick: go(null) }, "This week"),
      h("button", { type: "button", class: "button button-secondary", onclick: go(data.next) }, "Next week")),
    heading,
    h("p", {}, booked ? `${count(booked, "visit", "visits")} booked on the portal this week.` : "No visits are booked on the portal this week."),
    h("ol", { class: "week-days" }, data.days.map((day) => dayCard(day, data.today))));
}

function dayCard(day, today) {
  const isToday = day.date === today;
  const past = day.date < today;
  return h("li", { class: `week-day${isToday ? " week-today" : ""}${past ? " week-past" : ""}` },
    h("h4", {}, dayDate(day.date), isToday && h("span", { class: "badge badge-ok" }, "Today")),
    day.blacked_out && h("p", { class: "notice" }, "Closed: a blackout date. Nothing can be booked."),
    day.windows.some((w) => w.places.length || w.visits.length)
      ? day.windows.map((w) => windowBlock(w))
      : !day.blacked_out && h("p", { class: "hint" }, "Not a working day: no places to book, nothing booked."));
}

function windowBlock(w) {
  const full = w.places.some((p) => p.capacity > 0 && p.booked >= p.capacity);
  return h("div", { class: `week-window${full ? " week-full" : ""}` },
    h("p", { class: "week-window-name" }, h("strong", {}, w.label), ` ${windowTimes(w.start, w.end)}`),
    w.places.length > 0 && h("ul", { class: "plain week-places" }, w.places.map((p) => h("li", {},
      `${p.service_name}: ${p.booked} of ${p.capacity} booked`,
      p.capacity > 0 && p.booked >= p.capacity && h("strong", {}, " (full)")))),
    w.visits.length > 0 && h("ul", { class: "plain week-visits" }, w.visits.map((visit) => h("li", {},
      h("strong", {}, visit.customer?.name || "A customer"), `: ${visit.service_name}, ${visit.property_label || "property not on file"}`,
      visit.appointment?.technician_name && `, with ${visit.appointment.technician_name}`,
      visit.mode === "request" && " (confirmed request)",
      visit.customer?.phone && h("span", { class: "block" }, h("a", { href: `tel:${visit.customer.phone}` }, formatPhone(visit.customer.phone)))))),
    w.places.length === 0 && w.visits.length === 0 && h("p", { class: "hint" }, "No places to book, nothing booked."));
}

function fact(term, detail) {
  return h("div", {}, h("dt", {}, term), h("dd", {}, detail));
}

