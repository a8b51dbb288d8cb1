// Sign in with email and password (optional, F1), folded away on the sign-in page: most customers
// never set a password.
import { api } from "../api.js";
import { h } from "../dom.js";
import { STAY_BUSY, alertSlot, field, showFieldError, showPasswordToggle, submitForm } from "../forms.js";

export function passwordSection(next = null) {
  return h(
    "details",
    { class: "more" },
    h("summary", {}, "Sign in with a password instead"),
    h("p", {}, "Only if you have set a password on your account."),
    passwordForm(next),
  );
}

function passwordForm(next) {
  const email = field("Email", { type: "email", name: "email", autocomplete: "username", autocapitalize: "none", spellcheck: "false" });
  const password = field("Password", { type: "password", name: "password", autocomplete: "current-password" });
  const alert = alertSlot();
  const button = h("button", { type: "submit", class: "button" }, "Sign in with password");
  const form = h(
    "form",
    { novalidate: true },
    email.el,
    password.el,
    showPasswordToggle(password.input),
    alert,
    h("div", { class: "actions" }, button),
  );
  submitForm(form, {
    button, alert, busy: "Signing in…", fields: { email: email.input, password: password.input },
    check() {
      const body = { email: email.input.value.trim(), password: password.input.value };
      if (!body.email) return showFieldError(email.input, "Enter your email address.");
      if (!body.password) return showFieldError(password.input, "Enter your password.");
      return body;
    },
    send: (body) => api("POST", "/api/auth/login", body),
    sent() {
      location.replace(next ?? "/dashboard");
      return STAY_BUSY;
    },
  });
  return form;
}
