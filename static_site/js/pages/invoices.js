// Invoices ("/invoices"): the last 3 years of invoices, newest first, a page at a time. Each one
// links to its own page ("/invoices/<id>") with its lines, payments and refunds.
import { fill, h } from "../dom.js";
import { get, propertyLabels, showProblem } from "../customer.js";
import { longDate, money } from "../format.js";
import { autopayCharge, autopayOffered, invoiceBadge, invoiceName } from "../invoice-status.js";
import { pagedList } from "../paged.js";
import { currentSession } from "../session.js";

const PAGE_SIZE = 10;

export async function render(main, ctx) {
  ctx.setTitle("Invoices");
  let labels = new Map();
  let autopay = null; // { on, eligible }, as the invoices say it (an empty list: as the session says it)
  const list = pagedList({
    fetchPage: async (cursor) => {
      const result = await get(`/api/invoices?${new URLSearchParams({ ...(cursor && { cursor }), limit: String(PAGE_SIZE) })}`);
      if (result.ok && result.data?.autopay) autopay = result.data.autopay;
      return result;
    },
    renderItem: (invoice) => invoiceItem(invoice, labels.get(invoice.property_id)),
    focusIn: (item) => item.querySelector("h2"),
    one: "invoice",
    many: "invoices",
    loadLabel: "Load more invoices",
    empty: "No invoices in the last 3 years.",
  });
  const [me, first, session] = await Promise.all([get("/api/me"), list.load(), currentSession()]);
  if (me.ok) labels = propertyLabels(me.data);
  const result = list.show(first);
  if (!result.ok) return showProblem(main, "Invoices", result.data);
  fill(
    main,
    h("h1", {}, "Invoices"),
    h("p", { class: "lead" }, "Your invoices from the last 3 years, newest first."),
    autopayLine(autopay ?? session?.autopay),
    list.el,
  );
}

/** "Autopay is on" (and where to manage it), the offer to set it up, or nothing where it cannot be had. */
function autopayLine(state) {
  if (state?.on) {
    return h(
      "p",
      { class: "autopay-on" },
      h("strong", {}, "Autopay is on."),
      " Open invoices are charged automatically on their due date. ",
      h("a", { href: "/autopay" }, "Manage autopay"),
    );
  }
  if (!autopayOffered(state)) return null;
  return h("p", {}, "Want invoices paid on their due date without thinking about it? ", h("a", { href: "/autopay" }, "Set up autopay"));
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
    autopayCharge(invoice) && h("p", { class: "autopay-note" }, autopayCharge(invoice)),
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
