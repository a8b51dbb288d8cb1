// Shared by the invoice pages: an invoice's status in words (the colour only repeats them), and
// what autopay will do with it.
import { h } from "./dom.js";
import { longDate, words } from "./format.js";

const STATUS = {
  open: ["To pay", "badge-soon"],
  processing: ["Payment on its way", "badge-unknown"],
  paid: ["Paid", "badge-ok"],
  void: ["Void", "badge-unknown"],
  refunded: ["Refunded", "badge-unknown"],
  partially_refunded: ["Partly refunded", "badge-unknown"],
};

/** "To pay", "Paid", … as a badge; an unknown status reads as words ("on_hold" → "On hold"). */
export function invoiceBadge(status) {
  const [text, tone] = STATUS[status] ?? [words(status) || "Unknown", "badge-unknown"];
  return h("span", { class: `badge ${tone}` }, text);
}

/** "Invoice 2415" (the id when the invoice has no number). */
export function invoiceName(invoice) {
  return `Invoice ${invoice?.number ?? invoice?.id ?? ""}`.trim();
}

/** "Autopay will charge this on December 31, 2026." when the API says autopay will charge it (else null). */
export function autopayCharge(invoice) {
  const day = invoice?.autopay_charges_on;
  return typeof day === "string" && day ? `Autopay will charge this on ${longDate(day)}.` : null;
}

/**
 * Autopay is offered only to a customer who can have it (on a maintenance agreement) or already has
 * it (to manage or turn it off); `state` is { on, eligible } from the session or the invoices.
 */
export function autopayOffered(state) {
  return Boolean(state?.on || state?.eligible);
}
