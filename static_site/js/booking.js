// Shared by the booking pages ("/book", "/bookings", "/dispatch", the office's "/office/bookings"): bookings and their times in
// words, the list of free times to choose from, and errors about a whole group of choices.
//
// Dates and times from the booking API are the company's local calendar days and wall-clock times
// ("2026-12-01", "08:00"), shown as they are: no time zone of the browser moves them.
import { h } from "./dom.js";
import { dayDate, clockTime, count } from "./format.js";
import { clearErrors, uid } from "./forms.js";

const STATUS = {
  requested: ["Requested", "badge-soon"],
  confirmed: ["Confirmed", "badge-ok"],
  declined: ["Declined", "badge-overdue"],
  cancelled: ["Cancelled", "badge-unknown"],
};
// Few enough places left that the customer should know ("Only 1 place left").
const FEW = 1;
// Dates shown at first in the list of free times; "Show more dates" adds as many again.
const DATES_AT_ONCE = 7;

/** The status in words (the colour only repeats them). */
export function statusBadge(status) {
  const [text, tone] = STATUS[status] ?? [String(status ?? ""), "badge-unknown"];
  return h("span", { class: `badge ${tone}` }, text);
}

/** The company's phone as a link, after "call us" (hidden, with its lead-in, when none is set). */
export function phoneLink(leadIn = " at ") {
  return h("span", { "data-brand-if": "phone", hidden: true }, leadIn, h("a", { "data-brand": "phone", "data-brand-href": "phone" }));
}

/** What happened to the booking, in a sentence. */
export function answerText(booking) {
  const visit = booking.appointment;
  if (booking.status === "confirmed") {
    const who = visit?.technician_name ? ` with ${visit.technician_name}` : "";
    return visit ? `It was confirmed for ${appointmentText(visit)}${who}.` : "It was confirmed.";
  }
  if (booking.status === "declined") return booking.decline_reason ? `It was declined (reason: ${booking.decline_reason.replace(/[.!]+$/, "")}).` : "It was declined.";
  if (booking.status === "cancelled") return "The customer cancelled it.";
  return "It is still waiting for an answer.";
}

/** "8:00 AM – 12:00 PM". */
export function windowTimes(start, end) {
  return start && end ? `${clockTime(start)} – ${clockTime(end)}` : "";
}

/** "Tuesday, December 1, 8:00 AM – 12:00 PM" for an appointment or a slot. */
export function appointmentText(visit) {
  const times = windowTimes(visit.window_start, visit.window_end);
  return times ? `${dayDate(visit.date)}, ${times}` : `${dayDate(visit.date)}, ${windowName(visit.window)}`;
}

/** "Tuesday, December 1, morning (8:00 AM – 12:00 PM)" for a preferred date; windows from the options. */
export function choiceText(choice, windows = []) {
  const window = windows.find((w) => w.id === choice.window);
  const times = window ? ` (${windowTimes(window.start, window.end)})` : "";
  return `${dayDate(choice.date)}, ${windowName(choice.window).toLowerCase()}${times}`;
}

function windowName(id) {
  return { morning: "Morning", afternoon: "Afternoon" }[id] ?? String(id ?? "");
}

/**
 * "Monday, November 30 at 8:00 AM" from an ISO datetime such as "2026-11-30T08:00:00-06:00". The
 * API writes it in the company's time zone, so its own date and clock time are the ones to show.
 */
export function deadlineText(iso) {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso ?? "");
  return match ? `${dayDate(match[1])} at ${clockTime(match[2])}` : null;
}

/** A new Idempotency-Key: one per attempt at a booking, so a double click or a retry books once. */
export function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Free times to choose from, grouped by date (one fieldset per date, one radio name for them all,
 * so exactly one time is chosen and the arrow keys move through them). Shows a week of dates at
 * first; "Show more dates" adds more and moves the focus to the first time it added.
 * → { el, value() → the chosen slot or null, focus(), showError(message) }, or null when there
 * are no times to show.
 */
export function slotPicker(slots, { legend, exclude = null }) {
  const name = uid("slot");
  const byDate = new Map();
  for (const slot of slots) {
    if (exclude && slot.date === exclude.date && slot.window === exclude.window) continue;
    if (!byDate.has(slot.date)) byDate.set(slot.date, []);
    byDate.get(slot.date).push(slot);
  }
  if (!byDate.size) return null;
  const radios = new Map();
  const days = [...byDate].map(([date, times]) =>
    h(
      "fieldset",
      { class: "slot-day" },
      h("legend", {}, dayDate(date)),
      times.map((slot) => {
        const input = h("input", { type: "radio", name, value: slot.id });
        radios.set(input, slot);
        return h(
          "label",
          { class: "option" },
          input,
          h(
            "span",
            {},
            `${windowName(slot.window)}, ${windowTimes(slot.window_start, slot.window_end)}`,
            slot.remaining <= FEW && h("span", { class: "option-note" }, `Only ${count(slot.remaining, "place", "places")} left`),
          ),
        );
      }),
    ),
  );
  const group = h("fieldset", { class: "field slot-picker", id: uid("slots") }, h("legend", { class: "group-legend" }, legend));
  const more = h("button", { type: "button", class: "button button-secondary" }, "Show more dates");
  const moreRow = h("div", { class: "actions" }, more);
  let shown = 0;
  const showMore = () => {
    const next = days.slice(shown, shown + DATES_AT_ONCE);
    moreRow.before(...next);
    shown += next.length;
    moreRow.hidden = shown >= days.length;
    return next;
  };
  more.addEventListener("click", () => {
    const added = showMore();
    added[0]?.querySelector("input")?.focus();
  });
  group.append(moreRow);
  showMore();
  return {
    el: group,
    value: () => radios.get([...radios.keys()].find((input) => input.checked)) ?? null,
    focus: () => ([...radios.keys()].find((input) => input.checked) ?? radios.keys().next().value)?.focus(),
    showError(message) {
      groupError(group, message);
      this.focus();
    },
  };
}

/**
 * An error about a group of radio buttons, under its legend: the group is described by it (the
 * radios themselves cannot carry aria-invalid). clearAllErrors() takes it away again.
 */
export function groupError(fieldset, message) {
  fieldset.id ||= uid("group");
  const id = `${fieldset.id}-error`;
  document.getElementById(id)?.remove();
  const error = h("p", { class: "field-error", id }, h("span", { class: "visually-hidden" }, "Error: "), message);
  fieldset.querySelector("legend").after(error);
  fieldset.setAttribute("aria-describedby", id);
  fieldset.classList.add("has-error");
}

/** clearErrors() for forms that also have group errors. */
export function clearAllErrors(form) {
  clearErrors(form);
  for (const group of form.querySelectorAll(".has-error")) {
    group.classList.remove("has-error");
    group.removeAttribute("aria-describedby");
  }
}
