// "Find your account by service address" (F3) on the sign-in page. The server sends the link to the
// contact on file and, a moment later, tells this page where it went (masked). If it never says,
// the page must not hint whether the address was found: the answer stays neutral.
import { api, fieldError } from "../api.js";
import { fillBrand } from "../branding.js";
import { h } from "../dom.js";
import { alertSlot, clearErrors, field, isBusy, setBusy, showAlert, showFieldError } from "../forms.js";

const POLL_MS = 1500;
const WAIT_MS = 12000;
const ZIP = /^\d{5}(-?\d{4})?$/;

export function lookupSection() {
  return h(
    "section",
    { class: "panel", "aria-labelledby": "lookup-heading" },
    h("h2", { id: "lookup-heading" }, "Can’t remember which email we have?"),
    h("p", {}, "Find your account by service address: the address where we look after your septic system. We’ll send a sign-in link to the email or phone we have for it."),
    lookupForm(),
  );
}

function lookupForm() {
  const address = field("Street address", { type: "text", name: "address", autocomplete: "address-line1" }, "For example: 12 Oak Street");
  const zip = field("ZIP code", { type: "text", name: "zip", autocomplete: "postal-code", inputmode: "numeric", maxlength: "10", class: "input-short" });
  const alert = alertSlot();
  const button = h("button", { type: "submit", class: "button" }, "Find my account");
  const form = h("form", { novalidate: true }, address.el, zip.el, alert, h("div", { class: "actions" }, button));
  const inputs = { address: address.input, zip: zip.input };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (isBusy(button)) return;
    clearErrors(form);
    const body = { address: address.input.value.trim(), zip: zip.input.value.trim(), request_id: requestId() };
    if (!body.address) return showFieldError(address.input, "Enter the street address, for example 12 Oak Street.");
    if (!ZIP.test(body.zip)) return showFieldError(zip.input, "Enter the 5-digit ZIP code, for example 62704.");
    const done = setBusy(button, "Looking…");
    const { ok, data } = await api("POST", "/api/auth/lookup", body);
    done();
    if (ok) return waitForLink(form, body.request_id);
    const blamed = fieldError(data);
    if (blamed && inputs[blamed.field]) return showFieldError(inputs[blamed.field], blamed.message);
    showAlert(alert, data.message);
    button.focus();
  });
  return form;
}

/** 32 URL-safe characters (192 random bits) naming this lookup, so the page can ask how it went. */
function requestId() {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_");
}

async function waitForLink(form, id) {
  const status = h("div", { class: "confirmation", role: "status", tabindex: "-1" }, h("p", {}, "Looking up your address… This takes a few seconds."));
  const result = h("div", {}, status);
  form.replaceWith(result);
  status.focus();
  const sentTo = await poll(id);
  status.replaceChildren(...(sentTo ? sent(sentTo) : neutral()));
  fillBrand(status);
  const again = h("button", { type: "button", class: "button button-secondary" }, "Try a different address");
  again.addEventListener("click", () => {
    const fresh = lookupForm();
    result.replaceWith(fresh);
    fresh.querySelector("input").focus();
  });
  result.append(h("div", { class: "actions" }, again));
}

async function poll(id) {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const { ok, status, data } = await api("GET", `/api/auth/lookup/${id}`);
    if (ok && data?.status === "sent" && data.sent_to) return data.sent_to;
    if (status === 429) break;
  }
  return null;
}

function sent(sentTo) {
  return [
    h("p", {}, `We sent a sign-in link to ${sentTo}.`),
    h("p", {}, sentTo.includes("@") ? "The link works once, for 10 minutes. Check your spam folder." : "The link works once, for 10 minutes."),
  ];
}

function neutral() {
  return [
    h("p", {}, "If that address is on file, we’ve sent a sign-in link to the email or phone we have for it."),
    h(
      "p",
      { "data-brand-if": "phone", hidden: true },
      "Didn’t get it? Call us at ",
      h("a", { "data-brand": "phone", "data-brand-href": "phone" }),
      ".",
    ),
  ];
}
