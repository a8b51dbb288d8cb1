// Staff sign-in ("/office/signin"): the work email gets a link that signs in to the console.
import { api } from "../../api.js";
import { fill, h } from "../../dom.js";
import { alertSlot, field, focusHeading, showFieldError, submitForm } from "../../forms.js";
import { consoleNext } from "../session.js";

export async function render(main, ctx) {
  ctx.setTitle("Staff sign in");
  const signedOut = ctx.query.get("signed_out") === "1";
  const next = consoleNext(ctx.query.get("next"));
  const section = h("div");
  fill(
    main,
    h("h1", {}, "Office console: sign in"),
    signedOut && h("p", { class: "success", role: "status" }, "You are signed out of the office console."),
    next && !ctx.me && h("p", { class: "notice" }, "Please sign in to open that page of the console."),
    ctx.me && h("div", { class: "notice" },
      h("p", {}, `You are already signed in as ${ctx.me.name}.`),
      h("p", {}, h("a", { class: "button", href: next ?? "/office" }, "Open the console"))),
    h("p", { class: "lead" }, "For the company’s staff. Enter your work email address and we’ll send you a link that signs you in. No password needed."),
    section,
    h("p", {}, "A customer? ", h("a", { href: "/signin" }, "Sign in to the customer portal"), "."),
  );
  section.append(form(section, "", next));
}

function form(section, value, next) {
  const email = field("Work email", { type: "email", name: "email", autocomplete: "email", autocapitalize: "none", spellcheck: "false", value });
  const alert = alertSlot();
  const button = h("button", { type: "submit", class: "button" }, "Send me a sign-in link");
  const element = h("form", { novalidate: true }, email.el, alert, h("div", { class: "actions" }, button));
  submitForm(element, {
    button, alert, busy: "Sending…", fields: { email: email.input },
    check() {
      const text = email.input.value.trim();
      if (!text.includes("@")) return showFieldError(email.input, "Enter your work email address, such as name@example.com.");
      return next ? { email: text, next } : { email: text };
    },
    send: (body) => api("POST", "/api/office/auth/magic-link", body),
    sent: (data, body) => showSent(section, data.message, body.email, next),
  });
  return element;
}

function showSent(section, message, email, next) {
  const heading = h("h2", {}, "Check your email");
  const again = h("button", { type: "button", class: "button button-secondary" }, "Use a different email");
  again.addEventListener("click", () => {
    section.replaceChildren(form(section, email, next));
    section.querySelector("input").select();
  });
  section.replaceChildren(
    h("div", { class: "confirmation" }, heading, h("p", {}, message), h("p", {}, "Not there in a minute? Check your spam folder, or ask an owner of the portal whether your address is the one on file.")),
    h("div", { class: "actions" }, again),
  );
  focusHeading(heading);
}
