// One invoice ("/invoices/<id>"): its status, dates, lines, payments and refunds, and when
// something is still owed, a button to pay it online ("/invoices/<id>/pay").
import { fill, h } from "../dom.js";
import { get, showProblem } from "../customer.js";
import { longDate, money } from "../format.js";
import { autopayCharge, invoiceBadge, invoiceName } from "../invoice-status.js";

const METHODS = { card: "Card", bank_account: "Bank account", ach: "Bank account", us_bank_account: "Bank account" };

export async function render(main, ctx) {
  const id = decodeURIComponent(ctx.path.split("/")[2] ?? "");
  ctx.setTitle("Invoice");
  const result = id ? await get(`/api/invoices/${encodeURIComponent(id)}`) : { ok: false, status: 404, data: {} };
  if (!result.ok && (result.status === 404 || result.status === 400)) return showMissing(main, ctx);
  if (!result.ok) return showProblem(main, "Invoice", result.data);
  const invoice = result.data ?? {};
  const name = invoiceName(invoice);
  ctx.setTitle(name);
  const lines = list(invoice.lines);
  const payments = list(invoice.payments);
  const refunds = list(invoice.refunds);
  const balance = Number(invoice.balance_cents) || 0;
  fill(
    main,
    h("h1", {}, name),
    h("p", { class: "invoice-status" }, invoiceBadge(invoice.status)),
    h(
      "dl",
      { class: "meta" },
      meta("Issued", longDate(invoice.issued_on)),
      invoice.due_on && meta("Due", longDate(invoice.due_on)),
    ),
    balance > 0 && balancePanel(invoice, balance),
    invoice.status === "processing" &&
      h("p", { class: "notice" }, "Your bank payment is on its way. It usually takes 3 to 5 business days to clear; we’ll email you a receipt when it does."),
    linesTable(name, lines, invoice.total_cents),
    h("h2", {}, "Payments"),
    payments.length
      ? h("ul", { class: "plain invoice-list" }, payments.map((p) => h("li", {}, paymentText(p))))
      : h("p", {}, "No payments yet."),
    refunds.length > 0 && [
      h("h2", {}, "Refunds"),
      h("ul", { class: "plain invoice-list" }, refunds.map((r) => h("li", {}, refundText(r, payments)))),
    ],
    h("p", {}, h("a", { href: "/invoices" }, "All invoices")),
  );
}

function showMissing(main, ctx) {
  ctx.setTitle("Invoice not found");
  fill(
    main,
    h("h1", {}, "We couldn’t find that invoice."),
    h("p", {}, "The link may be old or incomplete."),
    h("div", { class: "actions" }, h("a", { class: "button", href: "/invoices" }, "See all your invoices")),
  );
}

function balancePanel(invoice, cents) {
  const failed = invoice.last_attempt;
  return h(
    "section",
    { class: "panel balance", "aria-labelledby": "balance-heading" },
    h("h2", { id: "balance-heading" }, `Balance due: ${money(cents)}`),
    failed &&
      h(
        "p",
        { class: "alert" },
        `Your payment of ${money(failed.amount_cents)} on ${longDate(failed.on)} did not go through, so nothing was charged.`,
      ),
    autopayCharge(invoice) && h("p", { class: "autopay-note" }, autopayCharge(invoice)),
    invoice.status === "open" &&
      h(
        "div",
        { class: "actions" },
        h("a", { class: "button", href: `/invoices/${encodeURIComponent(invoice.id)}/pay` }, `Pay ${money(cents)} now`),
      ),
    h(
      "p",
      { class: "hint" },
      "Pay online in a minute, securely through Stripe. Prefer the phone? Call us",
      h(
        "span",
        { "data-brand-if": "phone", hidden: true },
        " at ",
        h("a", { "data-brand-href": "phone" }, h("span", { "data-brand": "phone" })),
      ),
      ".",
    ),
  );
}

function linesTable(name, lines, totalCents) {
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "invoice-lines" },
      h("caption", {}, `What ${name} is for`),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Item"), h("th", { scope: "col", class: "amount" }, "Amount"))),
      h(
        "tbody",
        {},
        lines.length
          ? lines.map((line) => h("tr", {}, h("td", {}, line.description ?? ""), h("td", { class: "amount" }, money(line.amount_cents))))
          : h("tr", {}, h("td", { colspan: "2" }, "No items listed.")),
      ),
      h("tfoot", {}, h("tr", {}, h("th", { scope: "row" }, "Total"), h("td", { class: "amount" }, money(totalCents)))),
    ),
  );
}

/** "$45.00 on May 3, 2026 · Card (on its way)". */
function paymentText(payment) {
  const method = METHODS[payment.method] ?? (payment.method ? String(payment.method) : "Payment");
  const text = `${money(payment.amount_cents)} on ${longDate(payment.paid_on)} · ${method}`;
  return payment.status === "processing" ? `${text} (on its way)` : text;
}

/** "$20.00 refunded of the $45.00 payment on May 3, 2026". */
function refundText(refund, payments) {
  const payment = payments.find((p) => p.id === refund.payment_id);
  const of = payment ? ` of the ${money(payment.amount_cents)} payment on ${longDate(payment.paid_on)}` : "";
  return `${money(refund.amount_cents)} refunded${of}`;
}

function list(value) {
  return Array.isArray(value) ? value : [];
}

function meta(term, detail) {
  return [h("dt", {}, term), h("dd", {}, detail)];
}
