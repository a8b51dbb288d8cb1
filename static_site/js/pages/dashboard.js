// The signed-in home ("/dashboard", F4): what the customer owes, a one-tap "Book service", and per
// property the last service, when the next pump-out (and, for a system with mechanical parts, the next
// inspection) is due and why (with "Book a pump-out" when it is due soon or overdue) and any booked visit, with links to the property's history and system. The account
// settings live on the profile page.
import { saleFacts } from "../sale.js";
import { fill, h } from "../dom.js";
import { bookDueLink, showProblem, get, dueFact } from "../customer.js";
import { clockTime, count, dayDate, longDate, money, serviceType } from "../format.js";
import { uid } from "../forms.js";
import { autopayOffered } from "../invoice-status.js";
import { currentSession } from "../session.js";
import { visitProgress } from "../visit-progress.js";

export async function render(main, ctx) {
  ctx.setTitle("Your dashboard");
  const [session, { ok, data }] = await Promise.all([currentSession(), get("/api/dashboard")]);
  if (!ok) return showProblem(main, "Your dashboard", data);
  const name = firstName(data.account?.name) || firstName(session?.name);
  const properties = Array.isArray(data.properties) ? data.properties : [];
  fill(
    main,
    h("h1", {}, name ? `Hello, ${name}` : "Hello"),
    h(
      "div",
      { class: "actions" },
      h("a", { class: "button button-large", href: safePath(data.booking_url) ?? "/book" }, "Book service"),
      h("a", { class: "button button-secondary", href: "/bookings" }, "My bookings"),
    ),
    balance(data, session?.autopay),
    h("h2", {}, properties.length === 1 ? "Your property" : "Your properties"),
    properties.length
      ? h("ul", { class: "cards" }, properties.map(propertyCard))
      : h("p", {}, "We don’t have a property on file for you yet. Please call us and we’ll add it."),
    h(
      "section",
      { class: "panel", "aria-labelledby": "details-heading" },
      h("h2", { id: "details-heading" }, "Your details"),
      h("p", {}, "Change your phone number, mailing address, notes for our technician, the messages we send you, or your password."),
      h("p", {}, h("a", { class: "button button-secondary", href: "/profile" }, "Go to your profile")),
    ),
  );
}

function balance(data, autopay) {
  const cents = Number(data.open_balance_cents) || 0;
  const invoices = Number(data.open_invoice_count) || 0;
  let text = "Nothing to pay right now";
  if (cents > 0) text = invoices > 0 ? `You owe ${money(cents)} on ${count(invoices, "invoice", "invoices")}` : `You owe ${money(cents)}`;
  return h(
    "section",
    { class: "panel balance", "aria-labelledby": "balance-heading" },
    h("h2", { id: "balance-heading" }, "Your balance"),
    h("p", { class: "balance-amount" }, text),
    autopay?.on && h("p", {}, "Autopay is on: invoices are charged automatically on their due date."),
    h(
      "div",
      { class: "actions" },
      h("a", { class: "button button-secondary", href: "/invoices" }, "Invoices"),
      autopayOffered(autopay) && h("a", { class: "button button-secondary", href: "/autopay" }, autopay.on ? "Manage autopay" : "Set up autopay"),
    ),
  );
}

function propertyCard(property) {
  const headingId = uid("property");
  const query = encodeURIComponent(property.id);
  const appointments = Array.isArray(property.upcoming_appointments) ? property.upcoming_appointments : [];
  const due = property.next_service_due ?? {};
  const inspection = property.next_inspection_due;
  return h(
    "li",
    { class: "card" },
    h("h3", { id: headingId }, property.label),
    h(
      "dl",
      { class: "facts" },
      fact("Last service", property.last_service ? `${longDate(property.last_service.date)} · ${serviceType(property.last_service.service_type)}` : "None on record"),
      fact(...dueFact(due)),
      inspection && fact(...dueFact(inspection)),
      fact(
        appointments.length > 1 ? "Upcoming appointments" : "Upcoming appointment",
        appointments.length ? h("ul", { class: "plain" }, appointments.map(appointment)) : "None booked",
      ),
      ...saleFacts(property.transaction).map(([term, details]) => fact(term, details)),
    ),
    h(
      "div",
      { class: "actions" },
      bookDueLink(property.id, due, { "aria-describedby": headingId }),
      inspection && bookDueLink(property.id, inspection, { "aria-describedby": headingId }),
      h("a", { class: "button button-secondary", href: `/history?property=${query}`, "aria-describedby": headingId }, "Service history"),
      h("a", { class: "button button-secondary", href: `/property?id=${query}`, "aria-describedby": headingId }, "System details"),
      h("a", { class: "button button-secondary", href: `/shares?property=${query}`, "aria-describedby": headingId }, "Share records"),
    ),
  );
}

function fact(term, ...details) {
  return h("div", {}, h("dt", {}, term), h("dd", {}, ...details));
}

/** "Tuesday, December 1 · 8:00 AM – 12:00 PM · Technician: Luis Ortega", under its service type;
 * on the day, "Luis is on the way, arriving about 10:40 AM" under that. */
function appointment(visit) {
  const parts = [dayDate(visit.date)];
  if (visit.window_start && visit.window_end) parts.push(`${clockTime(visit.window_start)} – ${clockTime(visit.window_end)}`);
  if (visit.technician_name) parts.push(`Technician: ${visit.technician_name}`);
  return h("li", {}, h("strong", { class: "block" }, serviceType(visit.service_type)), h("span", {}, parts.join(" · ")), visitProgress(visit));
}

function firstName(name) {
  return typeof name === "string" ? name.trim().split(/\s+/)[0] : "";
}

/** Only a path on this site ("/book"): the API names where booking lives, never another site. */
function safePath(url) {
  return typeof url === "string" && /^\/(?!\/)/.test(url) ? url : null;
}
