// Autopay ("/autopay", F10): customers on a maintenance agreement save a card (or, where Stripe.js
// offers it, a US bank account) and invoices are charged on their due date; they can turn it off.
// The card is saved by Stripe.js into a SetupIntent; the API checks it with Stripe before enrolling.
import { call, get, showProblem } from "../customer.js";
import { fill, h } from "../dom.js";
import { alertSlot, focusHeading, isBusy, setBusy, showAlert, submitForm } from "../forms.js";
import { cardField, offersBankAccounts, saveCard, stripeFor, stripeMessage } from "../stripe-card.js";

const TITLE = "Autopay";

export async function render(main, ctx) {
  ctx.setTitle(TITLE);
  const result = await get("/api/autopay");
  if (!result.ok) return showProblem(main, TITLE, result.data);
  await show(main, result.data);
}

async function show(main, autopay, message) {
  const heading = h("h1", {}, TITLE);
  const intro = h("p", { class: "lead" }, "Pay your invoices automatically on their due date. We email a receipt each time.");
  if (autopay.enrolled) {
    fill(main, heading, message, intro, enrolledPanel(main, autopay.method));
  } else if (!autopay.eligible) {
    fill(
      main,
      heading,
      message,
      intro,
      h(
        "p",
        { class: "notice" },
        "Autopay comes with a maintenance agreement. To set one up, call us",
        h("span", { "data-brand-if": "phone", hidden: true }, " at ", h("a", { "data-brand-href": "phone" }, h("span", { "data-brand": "phone" }))),
        ".",
      ),
      backLink(),
    );
  } else {
    fill(main, heading, message, intro, await enrolForm(main));
  }
  if (message) focusHeading(heading);
}

function enrolledPanel(main, method) {
  const alert = alertSlot();
  const button = h("button", { type: "submit", class: "button button-secondary" }, "Turn off autopay");
  const form = h("form", { class: "panel", "aria-labelledby": "autopay-on" },
    h("h2", { id: "autopay-on" }, "Autopay is on"),
    h("p", {}, `Invoices are charged to ${describe(method)} on their due date.`),
    h("p", { class: "hint" }, "Turning it off stops future charges. You can still pay each invoice yourself."),
    alert,
    h("div", { class: "actions" }, button),
  );
  submitForm(form, {
    button, alert, busy: "Turning off…",
    send: () => call("DELETE", "/api/autopay"),
    async sent() {
      const now = await get("/api/autopay");
      await show(main, now.ok ? now.data : { eligible: true, enrolled: false }, h("p", { class: "success", role: "status" }, "Autopay is off. Nothing more will be charged automatically."));
    },
  });
  return [form, backLink()];
}

async function enrolForm(main) {
  const started = await call("POST", "/api/autopay/setup-intent", { method: "card" });
  if (!started.ok) return h("p", { class: "alert", role: "alert" }, started.data.message);
  let stripe;
  try {
    stripe = await stripeFor(started.data.stripe_js_url, started.data.publishable_key);
  } catch (error) {
    return h("p", { class: "alert", role: "alert" }, error.message);
  }
  let setup = started.data;
  const card = cardField(stripe);
  const alert = alertSlot();
  const status = h("p", { role: "status" });
  const button = h("button", { type: "submit", class: "button" }, "Turn on autopay");
  const bank = offersBankAccounts(stripe) && bankButton(stripe, main, alert);
  const form = h(
    "form",
    { class: "pay-form", novalidate: true, "aria-labelledby": "autopay-enrol" },
    h("h2", { id: "autopay-enrol" }, "Turn on autopay with a card"),
    card.el,
    h("p", { class: "hint" }, "We charge each invoice on its due date and email you if a charge does not go through."),
    alert,
    button,
    status,
  );
  /** Save the card with Stripe, then enrol it: api()'s { ok, data }, a Stripe refusal as its message. */
  async function enrol() {
    if (!setup) {
      const again = await call("POST", "/api/autopay/setup-intent", { method: "card" });
      if (!again.ok) return again;
      setup = again.data;
    }
    const saved = await saveCard(stripe, setup.client_secret, card);
    const setupId = setup.setup_intent_id;
    setup = null; // a SetupIntent takes one card: a retry starts a new one
    if (saved.error) return { ok: false, data: { message: stripeMessage(saved.error) } };
    return call("POST", "/api/autopay/confirm", { setup_intent_id: setupId });
  }
  submitForm(form, {
    button, alert, busy: "Saving…",
    async send() {
      status.textContent = "Saving your card securely…";
      const enrolled = await enrol();
      status.textContent = "";
      return enrolled;
    },
    sent: (data) => show(main, data, h("p", { class: "success", role: "status" }, "Autopay is on.")),
  });
  return [form, bank, backLink()];
}

/** Where Stripe.js can collect US bank accounts: enrol one instead of a card. */
function bankButton(stripe, main, alert) {
  const button = h("button", { type: "button", class: "button button-secondary" }, "Use a US bank account instead");
  button.addEventListener("click", async () => {
    if (isBusy(button)) return;
    const done = setBusy(button, "Opening…");
    const [started, me] = await Promise.all([call("POST", "/api/autopay/setup-intent", { method: "us_bank_account" }), get("/api/me")]);
    if (!started.ok) {
      done();
      return showAlert(alert, started.data.message);
    }
    const secret = started.data.client_secret;
    const details = { name: me.data?.name ?? "", email: me.data?.email ?? "" };
    const collected = await stripe.collectBankAccountForSetup({
      clientSecret: secret,
      params: { payment_method_type: "us_bank_account", payment_method_data: { billing_details: details } },
    });
    const confirmed = collected.error ? collected : await stripe.confirmUsBankAccountSetup(secret);
    const enrolled = confirmed.error ? null : await call("POST", "/api/autopay/confirm", { setup_intent_id: started.data.setup_intent_id });
    done();
    if (confirmed.error) return showAlert(alert, stripeMessage(confirmed.error));
    if (!enrolled.ok) return showAlert(alert, enrolled.data.message);
    await show(main, enrolled.data, h("p", { class: "success", role: "status" }, "Autopay is on."));
  });
  return h("div", { class: "actions" }, button);
}

function describe(method) {
  const brand = method?.brand ? String(method.brand) : method?.type === "card" ? "card" : "bank account";
  const name = brand.charAt(0).toUpperCase() + brand.slice(1);
  return method?.last4 ? `${name} ending in ${method.last4}` : `your ${brand}`;
}

function backLink() {
  return h("p", {}, h("a", { href: "/invoices" }, "Back to invoices"));
}
