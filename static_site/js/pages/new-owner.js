// "Bought a home we service?" ("/new-owner", F14): a new owner asks for the home's records with the
// address and their own name and email. The answer is the same whatever the address (the office checks
// each request by hand), so the page always thanks them the same way and promises nothing more.
import { api } from "../api.js";
import { fillBrand } from "../branding.js";
import { fill, h } from "../dom.js";
import { alertSlot, field, focusHeading, showFieldError, submitForm } from "../forms.js";

const ZIP = /^\d{5}(-?\d{4})?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function render(main, ctx) {
  ctx.setTitle("Records for your new home");
  fill(
    main,
    h("h1", {}, "Bought a home we service?"),
    h("p", { class: "lead" }, "Ask for its septic records: the system on file, every visit we’ve made and the inspection reports. Our office checks each request by hand, then emails you a link to your account."),
    h("p", {}, "You’ll see the home’s records, never the previous owner’s bills or personal details."),
    requestForm(main),
  );
}

function requestForm(main) {
  const address = field("Street address of the home", { type: "text", name: "address", autocomplete: "address-line1", maxlength: "200" }, "For example: 12 Oak Street");
  const zip = field("ZIP code", { type: "text", name: "zip", autocomplete: "postal-code", inputmode: "numeric", maxlength: "10", class: "input-short" });
  const name = field("Your name", { type: "text", name: "name", autocomplete: "name", maxlength: "120" });
  const email = field("Your email", { type: "email", name: "email", autocomplete: "email", autocapitalize: "none", spellcheck: "false", maxlength: "254" },
    "We answer here, and it will be your sign-in.");
  const alert = alertSlot();
  const button = h("button", { type: "submit", class: "button" }, "Ask for the records");
  const form = h("form", { novalidate: true, "aria-label": "Ask for a home’s records" },
    address.el, zip.el, name.el, email.el, alert, h("div", { class: "actions" }, button));
  submitForm(form, {
    button, alert, busy: "Sending…",
    fields: { address: address.input, zip: zip.input, name: name.input, email: email.input },
    check() {
      const body = { address: address.input.value.trim(), zip: zip.input.value.trim(), name: name.input.value.trim(), email: email.input.value.trim() };
      const problems = [
        [body.address.length < 3, address.input, "Enter the street address of the home, for example 12 Oak Street."],
        [!ZIP.test(body.zip), zip.input, "Enter the 5-digit ZIP code, for example 62704."],
        [!body.name, name.input, "Enter your name."],
        [!EMAIL.test(body.email), email.input, "Enter your email address, like jane@example.com."],
      ].filter(([wrong]) => wrong);
      // every problem at once, shown last to first so the focus ends on the first
      problems.reverse().forEach(([, input, message]) => showFieldError(input, message));
      return problems.length ? null : body;
    },
    send: (body) => api("POST", "/api/access-requests", body),
    sent: (answer, body) => showThanks(main, body.email),
  });
  return form;
}

function showThanks(main, email) {
  const heading = h("h1", { tabindex: "-1" }, "Thank you");
  fill(
    main,
    heading,
    h("div", { class: "notice notice-neutral", role: "status" },
      h("p", {}, "We have your request. Our office checks each one by hand and will email you at ", h("strong", {}, email), " once it is decided, usually within one business day."),
      h("p", {}, "When it is approved, the email has a link that opens your account: no password needed.")),
    h("p", { "data-brand-if": "phone", hidden: true }, "Questions, or moving in soon? Call us at ", h("a", { "data-brand": "phone", "data-brand-href": "phone" }), "."),
    h("p", {}, h("a", { href: "/" }, "Back to the home page")),
  );
  fillBrand(main);
  focusHeading(heading);
}
