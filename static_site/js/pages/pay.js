// Pay an invoice ("/invoices/<id>/pay", F9). The amount is the balance the server holds; the page
// only collects the card (in Stripe's element) or, where Stripe.js offers it, a US bank account.
//
// Card: Stripe.js saves the card into a SetupIntent (confirmCardSetup), then the API charges the
// invoice's balance to it and answers at once: paid, on its way, declined, or "the bank wants 3-D
// Secure", which the page finishes with confirmCardPayment. Bank account (ACH): Stripe.js collects
// and confirms the account on the invoice's PaymentIntent; the payment is then on its way for a
// few business days, and Stripe's webhook settles it.
import { call, get, showProblem } from "../customer.js";
import { fill, h } from "../dom.js";
import { longDate, money } from "../format.js";
import { alertSlot, focusHeading, submitForm } from "../forms.js";
import { autopayCharge, invoiceName } from "../invoice-status.js";
import { cardField, offersBankAccounts, saveCard, stripeFor, stripeMessage } from "../stripe-card.js";

const POLL_MS = 1500;
const POLL_TIMES = 20;

export async function render(main, ctx) {
  const id = decodeURIComponent(ctx.path.split("/")[2] ?? "");
  const path = `/api/invoices/${encodeURIComponent(id)}`;
  ctx.setTitle("Pay invoice");
  const found = await get(path);
  if (!found.ok) return showProblem(main, "Pay invoice", found.data);
  const invoice = found.data;
  const name = invoiceName(invoice);
  ctx.setTitle(`Pay ${name}`);
  if (invoice.status !== "open" || !(invoice.balance_cents > 0)) return showOutcome(main, ctx, invoice, invoice.status);

  const setup = await call("POST", `${path}/card-setup`);
  if (!setup.ok) return showProblem(main, `Pay ${name}`, setup.data);
  let stripe;
  try {
    stripe = await stripeFor(setup.data.stripe_js_url, setup.data.publishable_key);
  } catch (error) {
    return showProblem(main, `Pay ${name}`, { message: error.message });
  }
  const amount = money(setup.data.amount_cents);
  const payment = new Payment(stripe, path, setup.data);
  const card = cardField(stripe);
  const bank = offersBankAccounts(stripe) && ctx.branding.bank_account_payments !== false; // the company may offer cards only
  const alert = alertSlot();
  const status = h("p", { role: "status", class: "pay-status" });
  const button = h("button", { type: "submit", class: "button" }, `Pay ${amount}`);
  const choice = bank ? methodChoice(card.el) : null;
  const form = h(
    "form",
    { class: "pay-form", novalidate: true },
    choice?.el,
    card.el,
    h("p", { class: "hint" }, `You will be charged ${amount}. We email a receipt when the payment goes through.`),
    alert,
    button,
    status,
  );
  submitForm(form, {
    button, alert, busy: "Paying…",
    async send() {
      status.textContent = "Sending your payment securely…";
      const method = choice?.value() ?? "card";
      const result = method === "card" ? await payment.byCard(card) : await payment.byBank();
      status.textContent = "";
      return result.outcome ? { ok: true, data: result.outcome } : { ok: false, data: { message: result.message } };
    },
    sent: (outcome) => showOutcome(main, ctx, { ...invoice, balance_cents: setup.data.amount_cents }, outcome),
  });
  fill(
    main,
    h("h1", {}, `Pay ${name}`),
    h(
      "dl",
      { class: "meta" },
      meta("Amount due", amount),
      invoice.due_on && meta("Due", longDate(invoice.due_on)),
    ),
    invoice.last_attempt && lastAttempt(invoice.last_attempt),
    autopayCharge(invoice) &&
      h(
        "p",
        { class: "notice autopay-note" },
        `${autopayCharge(invoice)} You don’t need to do anything, but you can still pay it now; autopay then charges nothing.`,
      ),
    form,
    h("p", {}, h("a", { href: `/invoices/${encodeURIComponent(id)}` }, `Back to ${name}`)),
  );
}

/** One payment try after another until one goes through: { outcome } or { message } to show. */
class Payment {
  constructor(stripe, path, setup) {
    this.stripe = stripe;
    this.path = path;
    this.setup = setup;
  }

  async byCard(field) {
    // A SetupIntent takes one card: after a refusal the next try starts a new one.
    if (!this.setup) {
      const again = await call("POST", `${this.path}/card-setup`);
      if (!again.ok) return this.refused(again);
      this.setup = again.data;
    }
    const { setup } = this;
    const saved = await saveCard(this.stripe, setup.client_secret, field);
    if (saved.error) {
      this.setup = null;
      return { message: stripeMessage(saved.error) };
    }
    this.setup = null;
    const paid = await call("POST", `${this.path}/pay`, { setup_intent_id: setup.setup_intent_id });
    if (!paid.ok) return this.refused(paid);
    if (paid.data.status !== "requires_action") return { outcome: paid.data.status };
    const checked = await this.stripe.confirmCardPayment(paid.data.client_secret);
    if (checked.error) return { message: stripeMessage(checked.error, "Your bank did not confirm the payment. Nothing was charged.") };
    return { outcome: await this.settled() };
  }

  async byBank() {
    const [started, me] = await Promise.all([
      call("POST", `${this.path}/payment-intent`, { method: "us_bank_account" }),
      get("/api/me"),
    ]);
    if (!started.ok) return this.refused(started);
    const secret = started.data.client_secret;
    const details = { name: me.data?.name ?? "", email: me.data?.email ?? "" };
    const collected = await this.stripe.collectBankAccountForPayment({
      clientSecret: secret,
      params: { payment_method_type: "us_bank_account", payment_method_data: { billing_details: details } },
    });
    if (collected.error) return { message: stripeMessage(collected.error) };
    if (collected.paymentIntent?.status !== "requires_confirmation") return { message: "No bank account was chosen, so nothing was paid." };
    const confirmed = await this.stripe.confirmUsBankAccountPayment(secret);
    if (confirmed.error) return { message: stripeMessage(confirmed.error) };
    return { outcome: confirmed.paymentIntent?.status === "succeeded" ? "succeeded" : "processing" };
  }

  /** After 3-D Secure, Stripe tells the portal by webhook: wait a little for the invoice to change. */
  async settled() {
    for (let i = 0; i < POLL_TIMES; i += 1) {
      const now = await get(this.path);
      if (now.ok && now.data.status !== "open") return now.data.status === "paid" ? "succeeded" : now.data.status;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    return "confirming";
  }

  refused(result) {
    if (result.status === 409) return { outcome: "nothing_to_pay" };
    return { message: result.data.message };
  }
}

const OUTCOMES = {
  succeeded: ["Thank you, it’s paid", (i) => `We received your payment of ${money(i.balance_cents)} for ${invoiceName(i)}. A receipt is on its way to your email.`],
  paid: ["This invoice is paid", (i) => `${invoiceName(i)} is paid in full. Thank you.`],
  processing: ["Your payment is on its way", (i) => `Your bank payment for ${invoiceName(i)} usually takes 3 to 5 business days to clear. We’ll email you a receipt when it does.`],
  confirming: ["We’re confirming your payment", (i) => `Your bank approved the payment for ${invoiceName(i)}. It will show as paid in a minute, and we’ll email you a receipt.`],
  void: ["Nothing to pay", (i) => `${invoiceName(i)} was cancelled, so there is nothing to pay.`],
  refunded: ["Nothing to pay", (i) => `${invoiceName(i)} was paid and refunded.`],
  partially_refunded: ["Nothing to pay", (i) => `${invoiceName(i)} is paid, and part of it was refunded.`],
  nothing_to_pay: ["Nothing to pay", (i) => `${invoiceName(i)} has nothing left to pay. It may have just been paid.`],
};

function showOutcome(main, ctx, invoice, outcome) {
  const [title, text] = OUTCOMES[outcome] ?? OUTCOMES.nothing_to_pay;
  const heading = h("h1", {}, title);
  fill(
    main,
    heading,
    h("p", { class: outcome === "succeeded" ? "success" : "notice" }, text(invoice)),
    h(
      "div",
      { class: "actions" },
      h("a", { class: "button", href: `/invoices/${encodeURIComponent(invoice.id)}` }, `See ${invoiceName(invoice)}`),
      h("a", { href: "/invoices" }, "All invoices"),
    ),
  );
  ctx.setTitle(title);
  focusHeading(heading);
}

/** Card or bank account; the card element shows only while card is chosen. */
function methodChoice(cardEl) {
  const options = [
    ["card", "Card"],
    ["us_bank_account", "US bank account (ACH): takes 3 to 5 business days to clear"],
  ];
  const inputs = options.map(([value], i) => h("input", { type: "radio", name: "method", value, id: `method-${value}`, checked: i === 0 }));
  const el = h(
    "fieldset",
    { class: "field" },
    h("legend", {}, "Pay with"),
    options.map(([value, label], i) => h("div", { class: "choice" }, inputs[i], h("label", { for: `method-${value}` }, label))),
  );
  el.addEventListener("change", () => {
    cardEl.hidden = inputs[1].checked;
  });
  return { el, value: () => inputs.find((input) => input.checked).value };
}

function lastAttempt(attempt) {
  const how = attempt.method === "card" ? "by card" : "from your bank account";
  return h(
    "p",
    { class: "alert" },
    `Your last payment of ${money(attempt.amount_cents)} ${how} on ${longDate(attempt.on)} did not go through. You can try again below.`,
  );
}

function meta(term, detail) {
  return [h("dt", {}, term), h("dd", {}, detail)];
}
