// The dispatcher's page ("/dispatch#token=…", F11): a link in the office's email about a booking
// request, to confirm it for one of the times the customer asked for, or to decline it. No
// customer session is involved: the signed token is the permission.
//
// Like the sign-in link page, the token sits in the URL fragment (never sent by GET), and opening
// the page only shows the request (POST /api/dispatch/preview changes nothing), so mail scanners
// that follow links act on nothing. Only the dispatcher's press of the button acts.
import { api } from "../api.js";
import { answerText as outcome, appointmentText, choiceText, statusBadge } from "../booking.js";
import { formatPhone } from "../branding.js";
import { fill, h } from "../dom.js";
import { alertSlot, field, focusHeading, submitForm } from "../forms.js";
import { readToken, rememberToken } from "../link-token.js";

const KEY = "dispatch-link-token";
const LINK_ERRORS = new Set(["link_invalid", "link_expired"]);
const ACTIONS = {
  confirm: { title: "Confirm this booking?", button: "Confirm booking", busy: "Confirming…", done: "Booking confirmed" },
  decline: { title: "Decline this request?", button: "Decline request", busy: "Declining…", done: "Request declined" },
};
const MISSING = "Part of the link is missing. Please open the whole link from the email.";
const EXPIRED = "This link is too old to use: answer the request on the dispatch board, or call the customer.";

export async function render(main, ctx) {
  ctx.setTitle("Booking request");
  // Another link opened in this tab changes only the fragment, which loads no page: start over.
  addEventListener("hashchange", () => {
    if (location.hash.includes("token=")) location.reload();
  });
  const token = readToken(KEY);
  if (!token) return showLinkProblem(main, ctx, { code: "link_invalid", message: MISSING }, false);
  await showPreview(main, ctx, token, null);
}

/** Ask what the link is about (this changes nothing) and show it; news: a message to show first. */
async function showPreview(main, ctx, token, news) {
  const { ok, data } = await api("POST", "/api/dispatch/preview", { token });
  if (!ok) return showLinkProblem(main, ctx, data, Boolean(news));
  const action = ACTIONS[data.action] ? data.action : "decline";
  const booking = data.booking ?? {};
  const ready = data.state === "ready";
  const title = ready ? ACTIONS[action].title : data.state === "expired" ? "This link has expired" : "This request was already answered";
  const heading = h("h1", {}, title);
  ctx.setTitle(title);
  fill(
    main,
    heading,
    news && h("p", { class: "alert", role: "alert" }, news),
    h("p", { class: "lead" }, [booking.service_name, data.customer?.name].filter(Boolean).join(" for ")),
    ready && actionSummary(action, data),
    !ready && h("p", { class: "notice" }, data.state === "expired" ? `${EXPIRED} ${outcome(booking)}` : outcome(booking)),
    requestSection(booking, data),
    customerSection(data.customer ?? {}, ready),
    propertySection(data.property ?? {}, booking, ready),
    ready && actForm(main, ctx, token, action, data),
  );
  if (news) focusHeading(heading);
}

function actionSummary(action, data) {
  if (action === "decline") return h("p", { class: "notice" }, "This link declines the request. The customer gets an email saying so, with your reason if you give one.");
  const when = data.date ? appointmentText(data) : "the time in the email";
  return h("p", { class: "notice" }, "This link confirms it for ", h("strong", {}, when), ". The customer gets an email with the details.");
}

function requestSection(booking, data) {
  const preferred = Array.isArray(booking.preferred) ? booking.preferred : [];
  const chosen = (choice) => data.action === "confirm" && choice.date === data.date && choice.window === data.window;
  return section("request", "The request", h(
    "dl",
    { class: "facts" },
    fact("Service", booking.service_name),
    fact("Status", statusBadge(booking.status)),
    preferred.length > 0 && fact(
      "Times the customer asked for",
      h("ul", { class: "plain" }, preferred.map((choice) => h("li", {}, choiceText(choice), chosen(choice) && h("strong", {}, " (this link)")))),
    ),
    booking.appointment && fact("Appointment", appointmentText(booking.appointment)),
    booking.notes && fact("Customer’s notes", h("span", { class: "multiline" }, booking.notes)),
  ));
}

// Once answered, the link stops showing how to reach the customer or get onto the property.
const HIDDEN = "Hidden once the request is answered";

function customerSection(customer, ready) {
  const phone = typeof customer.phone === "string" && customer.phone;
  const missing = ready ? "Not on file" : HIDDEN;
  return section("customer", "Customer", h(
    "dl",
    { class: "facts" },
    fact("Name", customer.name || "Not on file"),
    fact("Email", customer.email ? h("a", { href: `mailto:${customer.email}` }, customer.email) : missing),
    fact("Phone", phone ? h("a", { href: `tel:${phone.replace(/[^\d+]/g, "")}` }, formatPhone(phone)) : missing),
  ));
}

function propertySection(property, booking, ready) {
  const system = Array.isArray(property.system) ? property.system : [];
  return section("property", "Property", h(
    "dl",
    { class: "facts" },
    fact("Address", property.label || booking.property_label || "Not on file"),
    system.map((item) => fact(item.label, item.value)),
    fact("Access notes", property.access_notes ? h("span", { class: "multiline" }, property.access_notes) : ready ? "None" : HIDDEN),
  ));
}

function actForm(main, ctx, token, action, data) {
  const words = ACTIONS[action];
  const extra = action === "confirm"
    ? field("Technician (optional)", { name: "technician_name", autocomplete: "off", maxlength: "200" }, "The customer sees this name.")
    : field("Reason (optional)", { name: "reason", rows: "4", maxlength: "1000" }, "The customer sees this in our email.", "textarea");
  const alert = alertSlot();
  // A day the company does not work (a blackout, a weekend): say so, and confirm only when pressed again.
  const closed = action === "confirm" && data.closed_day;
  const warning = closed && h("p", { class: "alert alert-warning closed-day", role: "note" },
    h("strong", {}, "We don’t work that day. "), closed, " Confirm only if a crew can really go then.");
  const button = h("button", { type: "submit", class: `button button-large${action === "decline" ? " button-danger" : ""}` }, closed ? "Confirm anyway" : words.button);
  const form = h("form", { novalidate: true, "aria-label": words.button }, warning, extra.el, alert, h("div", { class: "actions" }, button));
  submitForm(form, {
    button, alert, busy: words.busy, fields: { [extra.input.name]: extra.input },
    check() {
      const value = extra.input.value.trim();
      return {
        token,
        ...(value && { [action === "confirm" ? "technician_name" : "reason"]: value }),
        ...(closed && { allow_closed_day: true }),
      };
    },
    send: (body) => api("POST", "/api/dispatch/act", body),
    sent: (answer) => showDone(main, ctx, action, answer.booking ?? data.booking, data.customer ?? {}),
    failed(answer, status) {
      if (status === 409) showPreview(main, ctx, token, answer.message);
      else if (LINK_ERRORS.has(answer.code)) showLinkProblem(main, ctx, answer, true);
      else return false;
      return true;
    },
  });
  return section("answer", action === "confirm" ? "Confirm" : "Decline", form);
}

function showDone(main, ctx, action, booking, customer) {
  rememberToken(KEY, null);
  const title = ACTIONS[action].done;
  const heading = h("h1", {}, title);
  const who = customer.name ? `${customer.name} gets` : "The customer gets";
  fill(
    main,
    heading,
    h("p", { class: "success" }, `${outcome(booking)} ${who} an email about it.`),
    h(
      "dl",
      { class: "facts" },
      fact("Service", booking.service_name),
      booking.property_label && fact("Property", booking.property_label),
      fact("Status", statusBadge(booking.status)),
    ),
  );
  ctx.setTitle(title);
  focusHeading(heading);
}

/** A link that cannot be used (or could not be checked): say so, and what to do instead. */
function showLinkProblem(main, ctx, error, focus) {
  const known = LINK_ERRORS.has(error.code);
  if (known) rememberToken(KEY, null);
  const title = error.code === "link_expired" ? "This link has expired" : known ? "This link can’t be used" : "We couldn’t open this link";
  const heading = h("h1", {}, title);
  ctx.setTitle(title);
  fill(
    main,
    heading,
    h("p", {}, error.message),
    known
      ? h("p", {}, "Answer the request on the dispatch board instead, or call the customer.")
      : h("div", { class: "actions" }, h("a", { class: "button", href: location.pathname }, "Try again")),
  );
  if (focus) focusHeading(heading);
}

function section(id, title, ...content) {
  const headingId = `${id}-heading`;
  return h("section", { class: "panel", "aria-labelledby": headingId }, h("h2", { id: headingId }, title), ...content);
}

function fact(term, detail) {
  return h("div", {}, h("dt", {}, term), h("dd", {}, detail));
}
