// "Find your account by service address" (F3) on the sign-in page. The answer is the same, at once,
// whether or not the address is on file (SPEC §9): where the link went is said only in the email or
// text itself, so the page shows one neutral message, never a success.
import { api } from "../api.js";
import { fillBrand } from "../branding.js";
import { h } from "../dom.js";
import { alertSlot, field, showFieldError, submitForm } from "../forms.js";

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
  submitForm(form, {
    button, alert, busy: "Looking…", fields: { address: address.input, zip: zip.input },
    check() {
      const body = { address: address.input.value.trim(), zip: zip.input.value.trim() };
      if (!body.address) return showFieldError(address.input, "Enter the street address, for example 12 Oak Street.");
      if (!ZIP.test(body.zip)) return showFieldError(zip.input, "Enter the 5-digit ZIP code, for example 62704.");
      return body;
    },
    send: (body) => api("POST", "/api/auth/lookup", body),
    sent: () => showNeutral(form),
  });
  return form;
}

function showNeutral(form) {
  const status = h("div", { class: "notice notice-neutral", role: "status", tabindex: "-1" }, ...neutral());
  const again = h("button", { type: "button", class: "button button-secondary" }, "Try a different address");
  again.addEventListener("click", () => {
    const fresh = lookupForm();
    result.replaceWith(fresh);
    fresh.querySelector("input").focus();
  });
  const result = h("div", {}, status, h("div", { class: "actions" }, again));
  form.replaceWith(result);
  fillBrand(status);
  status.focus();
}

function neutral() {
  return [
    h("p", {}, "If that address is on file, we’ve sent a sign-in link to the email or phone we have for it."),
    h("p", {}, "It can take a minute to arrive. The link works once, for 10 minutes."),
    h(
      "p",
      { "data-brand-if": "phone", hidden: true },
      "Didn’t get it? Call us at ",
      h("a", { "data-brand": "phone", "data-brand-href": "phone" }),
      ".",
    ),
  ];
}
