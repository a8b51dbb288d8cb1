// Service history ("/history", F5): every visit, newest first, a page at a time, for one property
// ("?property=<id>") or all of them. Changing the property reloads the list and the address bar.
// A home the customer sold (F14) is one more choice ("former:<id>"): their own visits there.
import { fill, h } from "../dom.js";
import { get, propertyLabels, showProblem } from "../customer.js";
import { downloadButton } from "../download.js";
import { count, documentKind, longDate, number, serviceType, words } from "../format.js";
import { field } from "../forms.js";
import { pagedList } from "../paged.js";

const PAGE_SIZE = 5;

export async function render(main, ctx) {
  ctx.setTitle("Service history");
  let selected = ctx.query.get("property") ?? "";
  let labels = new Map();
  const list = pagedList({
    fetchPage: (cursor) => get(`/api/history?${new URLSearchParams({ ...scope(selected), ...(cursor && { cursor }), limit: String(PAGE_SIZE) })}`),
    renderItem: (visit) => visitItem(visit, selected || labels.size < 2 ? null : labels.get(visit.property_id)),
    focusIn: (item) => item.querySelector("h2"),
    one: "visit",
    many: "visits",
    loadLabel: "Load more visits",
    empty: "No visits on record yet.",
  });

  const [me, first] = await Promise.all([get("/api/me"), list.load()]);
  let choices = new Map();
  if (me.ok) {
    labels = propertyLabels(me.data);
    choices = new Map([...labels, ...formerLabels(me.data)]);
  }
  let result;
  if (me.ok && ((selected && !choices.has(selected)) || (!selected && labels.size === 0 && choices.size > 0))) {
    // An old or mistyped link shows every property rather than an error; a customer whose only
    // home is one they sold sees their visits there.
    selected = labels.size === 0 && choices.size > 0 ? [...choices.keys()][0] : "";
    showSelection(selected);
    result = await list.start();
  } else {
    result = list.show(first);
  }
  if (!result.ok) return showProblem(main, "Service history", result.data);

  fill(
    main,
    h("h1", {}, "Service history"),
    h("p", { class: "lead" }, "Every visit we’ve made, newest first."),
    choices.size > 1 && propertyFilter(choices, selected, labels.size > 0, async (value) => {
      selected = value;
      showSelection(selected);
      const reloaded = await list.start();
      if (reloaded.stale) return;
      const where = selected ? ` for ${choices.get(selected)}` : " for all properties";
      list.announce(reloaded.ok ? (reloaded.count ? `Showing visits${where}.` : `No visits on record yet${where}.`) : reloaded.data.message);
    }),
    list.el,
  );
}

function showSelection(selected) {
  const query = selected ? `?${new URLSearchParams({ property: selected })}` : "";
  history.replaceState(history.state, "", `${location.pathname}${query}`);
}

/** The API's parameter for a choice: a home held now, or one sold ("former:<id>"). */
function scope(selected) {
  if (!selected) return {};
  return selected.startsWith("former:") ? { former_property_id: selected.slice(7) } : { property_id: selected };
}

function formerLabels(me) {
  return (Array.isArray(me?.former_properties) ? me.former_properties : [])
    .map((home) => [`former:${home.property_id}`, `${home.label} (sold)`]);
}

function propertyFilter(labels, selected, withAll, onChange) {
  const options = [...(withAll ? [["", "All properties"]] : []), ...labels].map(([value, label]) => h("option", { value, selected: value === selected }, label));
  const select = field("Property", { name: "property", class: "select" }, "The list below changes when you choose.", "select");
  select.input.append(...options);
  select.input.value = selected;
  select.input.addEventListener("change", () => onChange(select.input.value));
  return h("form", { class: "filter", onsubmit: (event) => event.preventDefault() }, select.el);
}

function visitItem(visit, propertyLabel) {
  const notes = (Array.isArray(visit.notes) ? visit.notes : []).map((note) => (typeof note === "string" ? note : note?.text)).filter(Boolean);
  const measurements = visit.measurements && typeof visit.measurements === "object" ? Object.entries(visit.measurements) : [];
  const documents = Array.isArray(visit.documents) ? visit.documents : [];
  return h(
    "li",
    { class: "card visit" },
    h("h2", {}, longDate(visit.date)),
    h(
      "p",
      { class: "visit-type" },
      h("strong", {}, serviceType(visit.service_type)),
      visit.status === "scheduled" && [" ", h("span", { class: "badge badge-soon" }, "Scheduled")],
    ),
    visit.gallons_pumped != null && h("p", {}, `${count(Number(visit.gallons_pumped), "gallon", "gallons")} pumped`),
    // F14: a visit made for the previous owner; its notes were theirs and stay with them
    visit.previous_owner && h("p", { class: "hint" }, "Before you owned this home"),
    h(
      "dl",
      { class: "facts" },
      propertyLabel && fact("Property", propertyLabel),
      visit.technician_name && fact("Technician", visit.technician_name),
      visit.condition_rating && fact("Condition", words(visit.condition_rating)),
      notes.length > 0 && fact(notes.length > 1 ? "Notes" : "Note", notes.length > 1 ? h("ul", { class: "notes" }, notes.map((text) => h("li", {}, text))) : notes[0]),
      measurements.length > 0 &&
        fact("Measurements", h("ul", { class: "plain" }, measurements.map(([name, value]) => h("li", {}, `${words(name)}: ${typeof value === "number" ? number(value) : value}`)))),
    ),
    documents.length > 0 && [h("h3", {}, documents.length > 1 ? "Documents" : "Document"), h("ul", { class: "docs" }, documents.map(documentRow))],
  );
}

function documentRow(doc) {
  return h("li", {}, h("p", { class: "doc-title" }, doc.title, h("span", { class: "doc-kind" }, documentKind(doc.kind))), downloadButton(doc));
}

function fact(term, detail) {
  return h("div", {}, h("dt", {}, term), h("dd", {}, detail));
}
