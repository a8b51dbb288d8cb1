// The page the "confirm your new email" link opens ("/profile/confirm-email#token=…"). As with
// sign-in links, the token sits in the URL fragment and only the person's click uses it
// (POST /api/me/email/confirm): a mail scanner opening the link changes nothing.
import { api } from "../api.js";
import { fill, h } from "../dom.js";
import { alertSlot, focusHeading, isBusy, setBusy, showAlert } from "../forms.js";
import { readToken, rememberToken } from "../link-token.js";

// Kept for this tab only, so a phone that reloads the tab does not lose the link once it is gone
// from the address bar.
const KEY = "email-change-token";
// The server's words for these are about sign-in links; here they are about this email change.
const LINK_ERRORS = {
  link_used: "This link has already been used. If your email hasn’t changed, change it again on your profile and we’ll send a new link.",
  link_expired: "This link has expired. Change your email again on your profile and we’ll send a new link.",
  link_invalid: "This link isn’t valid. Please open the whole link from the email, or change your email again on your profile.",
};

export function render(main, ctx) {
  ctx.setTitle("Confirm your new email");
  // Another link opened in this tab changes only the fragment, which loads no page: start over.
  addEventListener("hashchange", () => {
    if (location.hash.includes("token=")) location.reload();
  });
  const token = readToken(KEY);
  if (!token) {
    return showOutcome(main, "We couldn’t confirm your new email", "Part of the link is missing. Please open the whole link from the email we sent to your new address.", false);
  }
  const alert = alertSlot();
  const button = h("button", { type: "button", class: "button button-large" }, "Confirm my new email");
  button.addEventListener("click", async () => {
    if (isBusy(button)) return;
    alert.replaceChildren();
    const done = setBusy(button, "Confirming…");
    const { ok, status, data } = await api("POST", "/api/me/email/confirm", { token });
    if (ok) {
      rememberToken(KEY, null);
      const email = typeof data?.email === "string" ? data.email : null;
      return showOutcome(main, "Your new email is confirmed", email ? `Your email is now ${email}.` : "Your email is changed.", true);
    }
    done();
    if (Object.hasOwn(LINK_ERRORS, data.code) || status === 409) {
      rememberToken(KEY, null);
      return showOutcome(main, "We couldn’t change your email", LINK_ERRORS[data.code] ?? data.message, true);
    }
    showAlert(alert, data.message);
    button.focus();
  });
  fill(
    main,
    h("h1", {}, "Confirm your new email"),
    h("p", { class: "lead" }, "Press the button to use this email address for your account from now on. We’ll send sign-in links and messages there."),
    alert,
    h("div", { class: "actions" }, button),
  );
}

function showOutcome(main, title, message, focus) {
  const heading = h("h1", {}, title);
  fill(
    main,
    heading,
    h("p", {}, message),
    h("div", { class: "actions" }, h("a", { class: "button", href: "/profile" }, "Go to your profile")),
  );
  if (focus) focusHeading(heading);
}
