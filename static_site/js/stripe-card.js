// Stripe.js for the pages that take a card or bank account (pay an invoice, autopay). It loads only
// on those pages, from the address the API gives (Stripe's own, or the local emulator's stand-in),
// and the card fields live in Stripe's element: card numbers never touch the portal.
import { h } from "./dom.js";
import { uid } from "./forms.js";

const LOAD_FAILED = "The secure card form could not load. Check your connection and reload the page, or call us.";
let loading = null;

/** The Stripe object for a publishable key, loading Stripe.js once from url. */
export async function stripeFor(url, publishableKey) {
  loading ??= new Promise((resolve, reject) => {
    // A classic script, as Stripe requires (it finds its own address through document.currentScript).
    const script = h("script", { src: url, async: true });
    script.addEventListener("load", () => resolve());
    script.addEventListener("error", () => {
      loading = null;
      reject(new Error(LOAD_FAILED));
    });
    document.head.append(script);
  });
  await loading;
  if (typeof window.Stripe !== "function") throw new Error(LOAD_FAILED);
  return window.Stripe(publishableKey);
}

/** Can this Stripe.js collect US bank accounts (ACH)? Stripe's own can; the local emulator cannot. */
export function offersBankAccounts(stripe) {
  return typeof stripe?.collectBankAccountForPayment === "function";
}

/**
 * A labelled place for Stripe's card element: { el, card, problem }. The element is mounted at
 * once; el is a fieldset so its label is read out with whatever inputs Stripe puts inside;
 * problem() is a sentence while nothing has been typed into it (Stripe.js would send an empty card).
 */
export function cardField(stripe, legend = "Card details") {
  const id = uid("card");
  const hint = h("p", { class: "hint", id: `${id}-hint` }, "Card number, expiry date, security code (CVC) and ZIP code.");
  const slot = h("div", { class: "card-element", id });
  const el = h("fieldset", { class: "field card-field", "aria-describedby": hint.id }, h("legend", {}, legend), hint, slot);
  // The local emulator's stand-in draws plain inputs in this page and sends the number as typed;
  // Stripe's own (in its frame) takes "4242 4242 4242 4242". So people may type it either way, the
  // stand-in's number loses its spaces and dashes before it reads them (capture runs first).
  slot.addEventListener("input", (event) => {
    const input = event.target;
    if (input.matches?.('input[placeholder="number"]') && /[\s-]/.test(input.value)) {
      input.value = input.value.replace(/[\s-]+/g, "");
    }
  }, { capture: true });
  const card = stripe.elements().create("card", { hidePostalCode: false });
  // Stripe's change events say whether the element is empty; the stand-in's carry nothing.
  let empty = true;
  card.on?.("change", (event) => {
    empty = Boolean(event?.empty);
  });
  card.mount(slot);
  const problem = () => (empty ? "Please enter your card number, expiry date, security code (CVC) and ZIP code." : null);
  return { el, card, problem };
}

/**
 * Saves the card in field into a SetupIntent: Stripe's answer ({ setupIntent } or { error }),
 * never an exception; an empty card is refused here with a sentence, before anything is sent.
 */
export async function saveCard(stripe, clientSecret, field) {
  const missing = field.problem();
  if (missing) return { error: { type: "validation_error", message: missing } };
  try {
    return await stripe.confirmCardSetup(clientSecret, { payment_method: { card: field.card } });
  } catch (error) {
    return { error };
  }
}

// Stripe's own messages for these are written for customers; others ("Bad request", a script's
// TypeError, an outage) are not, and give way to a sentence of ours.
const CUSTOMER_ERRORS = new Set(["card_error", "validation_error"]);
const BY_CODE = {
  incomplete_number: "The card number is incomplete. Please check it.",
  invalid_number: "That card number is not valid. Please check it.",
  incorrect_number: "That card number is not right. Please check it.",
  incomplete_expiry: "The expiry date is incomplete. Please enter the month and year.",
  invalid_expiry_month: "The expiry month is not valid. Please check it.",
  invalid_expiry_year: "The expiry year is not valid. Please check it.",
  expired_card: "This card has expired. Please use another card.",
  incomplete_cvc: "The security code (CVC) is incomplete. Please check it.",
  incorrect_cvc: "The security code (CVC) is not right. Please check it.",
  incomplete_zip: "The ZIP code is incomplete. Please check it.",
  card_declined: "Your card was declined. Nothing was charged. Please try another card or call your bank.",
  processing_error: "The card could not be processed just now. Nothing was charged. Please try again.",
};

/** What Stripe said went wrong, as a sentence a customer understands. */
export function stripeMessage(error, fallback = "The card details could not be used. Please check them and try again; nothing was charged.") {
  if (BY_CODE[error?.code]) return BY_CODE[error.code];
  const text = typeof error?.message === "string" && error.message.trim();
  return text && CUSTOMER_ERRORS.has(error?.type) ? text : fallback;
}
