// Shared by the invoice pages: an invoice's status in words (the colour only repeats them).
import { h } from "./dom.js";
import { words } from "./format.js";

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
