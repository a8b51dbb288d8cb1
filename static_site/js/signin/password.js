// Sign in with email and password (optional, F1), folded away on the sign-in page: most customers
// never set a password.
import { api, fieldError } from "../api.js";
import { h } from "../dom.js";
import { alertSlot, clearErrors, field, isBusy, setBusy, showAlert, showFieldError, showPasswordToggle } from "../forms.js";

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
  const inputs = { email: email.input, password: password.input };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (isBusy(button)) return;
    clearErrors(form);
    const body = { email: email.input.value.trim(), password: password.input.value };
    if (!body.email) return showFieldError(email.input, "Enter your email address.");
    if (!body.password) return showFieldError(password.input, "Enter your password.");
    const done = setBusy(button, "Signing in…");
    const { ok, data } = await api("POST", "/api/auth/login", body);
    if (ok) return location.replace(next ?? "/dashboard");
    done();
    const blamed = fieldError(data);
    if (blamed && inputs[blamed.field]) return showFieldError(inputs[blamed.field], blamed.message);
    showAlert(alert, data.message);
    button.focus();
  });
  return form;
}
