// Invoices ("/invoices"): the last 3 years of invoices, newest first, a page at a time. Each one
// links to its own page ("/invoices/<id>") with its lines, payments and refunds.
import { fill, h } from "../dom.js";
import { get, propertyLabels, showProblem } from "../customer.js";
import { longDate, money } from "../format.js";
import { invoiceBadge, invoiceName } from "../invoice-status.js";
import { pagedList } from "../paged.js";

const PAGE_SIZE = 10;

export async function render(main, ctx) {
  ctx.setTitle("Invoices");
  let labels = new Map();
  const list = pagedList({
    fetchPage: (cursor) => get(`/api/invoices?${new URLSearchParams({ ...(cursor && { cursor }), limit: String(PAGE_SIZE) })}`),
    renderItem: (invoice) => invoiceItem(invoice, labels.get(invoice.property_id)),
    focusIn: (item) => item.querySelector("h2"),
    one: "invoice",
    many: "invoices",
    loadLabel: "Load more invoices",
    empty: "No invoices in the last 3 years.",
  });
  const [me, first] = await Promise.all([get("/api/me"), list.load()]);
  if (me.ok) labels = propertyLabels(me.data);
  const result = list.show(first);
  if (!result.ok) return showProblem(main, "Invoices", result.data);
  fill(
    main,
    h("h1", {}, "Invoices"),
    h("p", { class: "lead" }, "Your invoices from the last 3 years, newest first."),
    h("p", {}, "Want invoices paid on their due date without thinking about it? ", h("a", { href: "/autopay" }, "Set up autopay")),
    list.el,
  );
}

function invoiceItem(invoice, propertyLabel) {
  const balance = Number(invoice.balance_cents) || 0;
  return h(
    "li",
    { class: "card invoice" },
    h("h2", {}, h("a", { href: `/invoices/${encodeURIComponent(invoice.id)}` }, invoiceName(invoice))),
    h(
      "p",
      { class: "invoice-status" },
      invoiceBadge(invoice.status),
      invoice.status === "open" && balance > 0 && h("span", { class: "invoice-balance" }, `Balance ${money(balance)}`),
    ),
    h(
      "dl",
      { class: "meta" },
      meta("Issued", longDate(invoice.issued_on)),
      invoice.due_on && meta("Due", longDate(invoice.due_on)),
      meta("Total", money(invoice.total_cents)),
      propertyLabel && meta("Property", propertyLabel),
    ),
  );
}

function meta(term, detail) {
  return [h("dt", {}, term), h("dd", {}, detail)];
}
