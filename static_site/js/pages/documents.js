// Documents ("/documents", F6): inspection reports, receipts, warranties, estimates and photos,
// newest first, a page at a time. "Open" asks for a fresh short-lived link on every click.
// "?former=<id>": a home the customer sold (F14), their own documents there.
import { fill, h } from "../dom.js";
import { get, propertyLabels, showProblem } from "../customer.js";
import { downloadButton } from "../download.js";
import { documentKind, longDate } from "../format.js";
import { pagedList } from "../paged.js";

const PAGE_SIZE = 10;

export async function render(main, ctx) {
  ctx.setTitle("Documents");
  let labels = new Map();
  const former = ctx.query.get("former");
  const list = pagedList({
    fetchPage: (cursor) => get(`/api/documents?${new URLSearchParams({ ...(former && { former_property_id: former }), ...(cursor && { cursor }), limit: String(PAGE_SIZE) })}`),
    renderItem: (doc) => documentItem(doc, labels.get(doc.property_id)),
    focusIn: (item) => item.querySelector("h2"),
    one: "document",
    many: "documents",
    loadLabel: "Load more documents",
    empty: "No documents yet. Inspection reports and receipts appear here after a visit.",
  });
  const [me, first] = await Promise.all([get("/api/me"), list.load()]);
  if (me.ok) labels = propertyLabels(me.data);
  const sold = me.ok && Array.isArray(me.data.former_properties) ? me.data.former_properties : [];
  const home = sold.find((p) => p.property_id === former);
  const result = list.show(first);
  if (!result.ok) return showProblem(main, "Documents", result.data);
  fill(
    main,
    h("h1", {}, "Documents"),
    h("p", { class: "lead" }, home
      ? `Your documents from ${home.label}, while it was yours (until ${longDate(home.until)}).`
      : "Your inspection reports, receipts, warranties, estimates and photos, newest first."),
    former && h("p", {}, h("a", { href: "/documents" }, "Back to the documents of your homes")),
    list.el,
    !former && sold.length > 0 && h("section", { class: "panel", "aria-labelledby": "sold-heading" },
      h("h2", { id: "sold-heading" }, "Homes you sold"),
      h("ul", { class: "plain" }, sold.map((p) => h("li", {}, h("a", { href: `/documents?${new URLSearchParams({ former: p.property_id })}` }, `${p.label} (yours until ${longDate(p.until)})`))))),
  );
}

function documentItem(doc, propertyLabel) {
  const details = [doc.date && longDate(doc.date), propertyLabel].filter(Boolean);
  return h(
    "li",
    { class: "card document" },
    h("h2", {}, doc.title || documentKind(doc.kind)),
    h("p", { class: "doc-meta" }, h("strong", { class: "block" }, documentKind(doc.kind)), details.join(" · ")),
    downloadButton({ ...doc, title: doc.title || documentKind(doc.kind) }),
  );
}
