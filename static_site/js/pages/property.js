// One property's system on file ("/property?id=<id>", F7): what is in the ground, who lives there,
// when it was last pumped, when it is due and why ("Every 3 years for a 1,000 gal tank and 4 people").
// Anything the company has not recorded reads "Not on file". A pump-out due soon or overdue can be booked from here; one already booked says
// so instead, as on the dashboard.
import { fill, h } from "../dom.js";
import { packButton, saleFacts } from "../sale.js";
import { bookDueLink, dueFact, get, pumpOutDue, showProblem } from "../customer.js";
import { count, longDate, number, serviceType } from "../format.js";

const UNKNOWN = "Not on file";

export async function render(main, ctx) {
  ctx.setTitle("Your septic system");
  const id = ctx.query.get("id");
  const { ok, status, data } = id ? await get(`/api/properties/${encodeURIComponent(id)}`) : { ok: false, status: 404 };
  if (!ok && status === 404) return notFound(main);
  if (!ok) return showProblem(main, "Your septic system", data);

  const system = data.system ?? {};
  const due = data.next_service_due ?? {};
  const inspection = data.next_inspection_due;
  const people = Number(data.household_size);
  const query = encodeURIComponent(data.id ?? id);
  fill(
    main,
    h("h1", {}, "Your septic system"),
    h("p", { class: "lead" }, data.label),
    h(
      "dl",
      { class: "facts facts-wide" },
      fact("System type", system.type),
      fact("Tank size", system.tank_gallons != null && count(Number(system.tank_gallons), "gallon", "gallons")),
      fact("Number of tanks", system.tank_count != null && number(system.tank_count)),
      fact("Installed", system.install_year != null && String(system.install_year)),
      fact("Where the lids are", system.lid_location),
      fact("People living there", people > 0
        ? [count(people, "person", "people"), " (", h("a", { href: "/profile#household" }, "change"), ")"]
        : ["Not given yet (", h("a", { href: "/profile#household" }, "add it"), ")"]),
      fact("Last pump-out", data.last_pump_out_on && longDate(data.last_pump_out_on)),
      fact(...dueFact(due)),
      inspection && fact("Last inspection", data.last_inspection_on && longDate(data.last_inspection_on)),
      inspection && fact(...dueFact(inspection)),
      data.last_service && fact("Last service", `${longDate(data.last_service.date)} · ${serviceType(data.last_service.service_type)}`),
      ...saleFacts(data.transaction).map(([term, details]) => fact(term, details)),
    ),
    h(
      "section",
      { class: "panel", "aria-labelledby": "access-heading" },
      h("h2", { id: "access-heading" }, "Notes for our technician"),
      h("p", { class: "multiline" }, data.access_notes || "None yet. Add a gate code, dogs, or anything else our technician should know."),
      h("p", {}, h("a", { class: "button button-secondary", href: "/profile#site-access" }, "Change these notes")),
    ),
    h(
      "div",
      { class: "actions" },
      bookDueLink(data.id ?? id, due),
      inspection && bookDueLink(data.id ?? id, inspection),
      h("a", { class: pumpOutDue(due) || pumpOutDue(inspection) ? "button button-secondary" : "button", href: `/history?property=${query}` }, "Service history"),
      h("a", { class: "button button-secondary", href: `/shares?property=${query}` }, "Share these records"),
      h("a", { class: "button button-secondary", href: "/dashboard" }, "Back to dashboard"),
    ),
    h(
      "section",
      { class: "panel", "aria-labelledby": "pack-heading" },
      h("h2", { id: "pack-heading" }, "Selling this home?"),
      h("p", {}, "The records pack is a PDF of this system, its service history and reports, dated today, to give a buyer, inspector or realtor."),
      packButton(data.id ?? id),
    ),
    h("p", {}, "Something here not right? Please call us", h("span", { "data-brand-if": "phone", hidden: true }, " at ", h("a", { "data-brand": "phone", "data-brand-href": "phone" })), "."),
  );
}

function fact(term, value) {
  return h("div", {}, h("dt", {}, term), h("dd", {}, value || value === 0 ? value : UNKNOWN));
}

function notFound(main) {
  fill(
    main,
    h("h1", {}, "We couldn’t find that property."),
    h("p", {}, "The link may be old or incomplete. Your properties are listed on your dashboard."),
    h("div", { class: "actions" }, h("a", { class: "button", href: "/dashboard" }, "Go to my dashboard")),
  );
}
