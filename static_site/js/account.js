// The "Account" section of the profile page: an optional password and "Sign out on all devices".
import { api } from "./api.js";
import { h } from "./dom.js";
import { alertSlot, field, isBusy, setBusy, showAlert, showFieldError, showPasswordToggle, submitForm } from "./forms.js";

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

  submitForm(form, {
    button, alert, busy: "Saving…", fields: { password: password.input },
    check() {
      status.replaceChildren();
      const value = password.input.value;
      if (value.length < MIN) return showFieldError(password.input, `Use at least ${MIN} characters.`);
      if (value.length > MAX) return showFieldError(password.input, `Use at most ${MAX} characters.`);
      return { password: value };
    },
    send: (body) => api("PUT", "/api/auth/password", body),
    sent() {
      password.input.value = "";
      heading.textContent = "Change your password";
      status.replaceChildren(h("p", { class: "success" }, "Your password is saved. You can sign in with your email and password, or with a link as before."));
    },
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
