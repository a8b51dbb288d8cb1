// The "Account" section of the profile page: an optional password and "Sign out on all devices".
import { api, fieldError } from "./api.js";
import { h } from "./dom.js";
import { alertSlot, clearErrors, field, isBusy, setBusy, showAlert, showFieldError, showPasswordToggle } from "./forms.js";

const MIN = 10;
const MAX = 128;

/** The section, for the session { email_masked, has_password }; id "account" for links to it. */
export function accountSection(session) {
  return h(
    "section",
    { class: "panel", id: "account", "aria-labelledby": "account-heading" },
    h("h2", { id: "account-heading" }, "Account"),
    session.email_masked && h("p", {}, `Signed in as ${session.email_masked}.`),
    passwordPart(session.has_password),
    signOutEverywhere(),
  );
}

function passwordPart(hasPassword) {
  const heading = h("h3", { id: "password-heading" }, hasPassword ? "Change your password" : "Set a password (optional)");
  const password = field(
    "New password",
    { type: "password", name: "password", autocomplete: "new-password", maxlength: String(MAX) },
    `At least ${MIN} characters.`,
  );
  const alert = alertSlot();
  const status = h("div", { role: "status" });
  const button = h("button", { type: "submit", class: "button" }, "Save password");
  const form = h(
    "form",
    { novalidate: true, "aria-labelledby": "password-heading" },
    password.el,
    showPasswordToggle(password.input),
    alert,
    h("div", { class: "actions" }, button),
    status,
  );

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (isBusy(button)) return;
    clearErrors(form);
    status.replaceChildren();
    const value = password.input.value;
    if (value.length < MIN) return showFieldError(password.input, `Use at least ${MIN} characters.`);
    if (value.length > MAX) return showFieldError(password.input, `Use at most ${MAX} characters.`);
    const done = setBusy(button, "Saving…");
    const { ok, data } = await api("PUT", "/api/auth/password", { password: value });
    done();
    if (ok) {
      password.input.value = "";
      heading.textContent = "Change your password";
      status.replaceChildren(h("p", { class: "success" }, "Your password is saved. You can sign in with your email and password, or with a link as before."));
      return;
    }
    const blamed = fieldError(data);
    if (blamed?.field === "password") return showFieldError(password.input, blamed.message);
    showAlert(alert, data.message);
    button.focus();
  });
  return [heading, h("p", {}, "You don’t need a password: you can always sign in with a link. A password lets you sign in with your email and password instead."), form];
}

function signOutEverywhere() {
  const alert = alertSlot();
  const button = h("button", { type: "button", class: "button button-secondary" }, "Sign out on all devices");
  button.addEventListener("click", async () => {
    if (isBusy(button)) return;
    alert.replaceChildren();
    const done = setBusy(button, "Signing out…");
    const { ok, data } = await api("POST", "/api/auth/logout-all");
    if (ok) return location.assign("/signin?signed_out=all");
    done();
    showAlert(alert, data.message);
  });
  return [
    h("h3", {}, "Sign out on all devices"),
    h("p", {}, "Use this if you signed in on a phone or computer that you no longer use, or that isn’t yours."),
    alert,
    h("div", { class: "actions" }, button),
  ];
}
