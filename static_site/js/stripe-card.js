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
 * A labelled place for Stripe's card element: { el, card }. The element is mounted at once; el is
 * a fieldset so its label is read out with whatever inputs Stripe puts inside.
 */
export function cardField(stripe, legend = "Card details") {
  const id = uid("card");
  const hint = h("p", { class: "hint", id: `${id}-hint` }, "Card number, expiry date, security code (CVC) and ZIP code.");
  const slot = h("div", { class: "card-element", id });
  const el = h("fieldset", { class: "field card-field", "aria-describedby": hint.id }, h("legend", {}, legend), hint, slot);
  const card = stripe.elements().create("card", { hidePostalCode: false });
  card.mount(slot);
  return { el, card };
}

/** What Stripe said went wrong, as a sentence to show (its messages are written for customers). */
export function stripeMessage(error, fallback = "That didn’t work. Please check the details and try again.") {
  const text = typeof error?.message === "string" && error.message.trim();
  return text || fallback;
}
