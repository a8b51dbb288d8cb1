// Shared by the signed-in pages: API calls that lead to the sign-in page when the session is gone,
// the page shown when data could not load, and how the next service stands (due, or booked).
import { signInHere } from "./destination.js";
import { api } from "./api.js";
import { fill, h } from "./dom.js";
import { longDate } from "./format.js";

const SIGNED_OUT = "You are signed out. Taking you to the sign-in page…";
const DUE = {
  ok: ["On schedule", "badge-ok"],
  due_soon: ["Due soon", "badge-soon"],
  overdue: ["Overdue", "badge-overdue"],
  unknown: ["No pump-out on record", "badge-unknown"],
  booked: ["Booked", "badge-ok"],
};

/** api() for routes that need a session: a 401 (signed out, or the session ended) goes to sign-in. */
export async function call(method, path, body, headers) {
  const result = await api(method, path, body, headers);
  if (result.status !== 401) return result;
  location.replace(signInHere());
  return { ...result, data: { ...result.data, code: "signed_out", message: SIGNED_OUT } };
}

export function get(path) {
  return call("GET", path);
}

/** The page when its data could not load: its heading, what went wrong and a way to try again. */
export function showProblem(main, title, error) {
  fill(
    main,
    h("h1", {}, title),
    h("p", { class: "alert", role: "alert" }, error.message),
    error.code !== "signed_out" &&
      h("div", { class: "actions" }, h("a", { class: "button", href: location.href }, "Try again")),
  );
}

/** How the next service stands, in words (the colour only repeats them). */
export function dueBadge(status, service = "pump_out") {
  const [text, tone] = DUE[status] ?? DUE.unknown;
  return h("span", { class: `badge ${tone}` }, status === "unknown" && service === "inspection" ? "No inspection on record" : text);
}

const SERVICE = {
  pump_out: { due: "Next pump-out due", booked: "Pump-out booked for", book: "Book a pump-out" },
  inspection: { due: "Next inspection due", booked: "Inspection booked for", book: "Book an inspection" },
};

/**
 * A service's next visit as a fact, [term, detail]: "Pump-out booked for <date>" once one is booked
 * (online or by the office), else the date it is due and how that stands; under it, where the
 * figure comes from ("Every 3 years for a 1,000 gal tank and 4 people"). Dashboard and property page.
 */
export function dueFact(due = {}) {
  const words = SERVICE[due.service] ?? SERVICE.pump_out;
  const why = due.explanation && h("span", { class: "due-why" }, `${due.explanation}.`);
  if (due.status === "booked" && due.booked_on) {
    return [words.due.replace(" due", ""), [h("span", { class: "due-booked" }, `${words.booked} ${longDate(due.booked_on)}`), why]];
  }
  return [words.due, [due.date && h("span", { class: "due-date" }, longDate(due.date)), " ", dueBadge(due.status, due.service), why]];
}

/** Whether to offer booking the service: it is due soon or overdue and none is booked yet. */
export function pumpOutDue(due) {
  return due?.status === "due_soon" || due?.status === "overdue";
}

/** The "Book a pump-out" / "Book an inspection" link for a property, when that service is due. */
export function bookDueLink(propertyId, due, attrs = {}) {
  if (!pumpOutDue(due)) return null;
  const service = SERVICE[due.service] ? due.service : "pump_out";
  const query = new URLSearchParams({ property: propertyId, service });
  return h("a", { class: "button", href: `/book?${query}`, ...attrs }, SERVICE[service].book);
}

/** "12 Oak Street, Springfield" for a property id, from GET /api/me's properties. */
export function propertyLabels(me) {
  return new Map((me?.properties ?? []).map((p) => [p.id, p.label]));
}
