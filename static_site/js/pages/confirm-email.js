// The page the "confirm your new email" link opens ("/profile/confirm-email#token=…"), and the
// same page for the other contact links (confirm-phone.js, undo-email.js). As with sign-in links,
// the token sits in the URL fragment and only the person's click uses it: a mail scanner opening
// the link changes nothing.
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

const EMAIL = {
  key: KEY,
  path: "/api/me/email/confirm",
  title: "Confirm your new email",
  button: "Confirm my new email",
  busy: "Confirming…",
  lead: "Press the button to use this email address for your account from now on. We’ll send sign-in links and messages there.",
  missing: "Part of the link is missing. Please open the whole link from the email we sent to your new address.",
  failed: "We couldn’t change your email",
  linkErrors: LINK_ERRORS,
  done: "Your new email is confirmed",
  doneText: (data) => (typeof data?.email === "string" ? `Your email is now ${data.email}.` : "Your email is changed."),
};

export function render(main, ctx) {
  return confirmPage(main, ctx, EMAIL);
}

/** A page with one button that posts the link's token to page.path. */
export function confirmPage(main, ctx, page) {
  ctx.setTitle(page.title);
  // Another link opened in this tab changes only the fragment, which loads no page: start over.
  addEventListener("hashchange", () => {
    if (location.hash.includes("token=")) location.reload();
  });
  const token = readToken(page.key);
  if (!token) return showOutcome(main, page.failed, page.missing, false);
  const alert = alertSlot();
  const button = h("button", { type: "button", class: "button button-large" }, page.button);
  button.addEventListener("click", async () => {
    if (isBusy(button)) return;
    alert.replaceChildren();
    const done = setBusy(button, page.busy);
    const { ok, status, data } = await api("POST", page.path, { token });
    if (ok) {
      rememberToken(page.key, null);
      return showOutcome(main, page.done, page.doneText(data), true, page.next);
    }
    done();
    if (Object.hasOwn(page.linkErrors, data.code) || status === 409) {
      rememberToken(page.key, null);
      return showOutcome(main, page.failed, page.linkErrors[data.code] ?? data.message, true);
    }
    showAlert(alert, data.message);
    button.focus();
  });
  fill(
    main,
    h("h1", {}, page.title),
    h("p", { class: "lead" }, page.lead),
    alert,
    h("div", { class: "actions" }, button),
  );
}

function showOutcome(main, title, message, focus, next = { href: "/profile", text: "Go to your profile" }) {
  const heading = h("h1", {}, title);
  fill(
    main,
    heading,
    h("p", {}, message),
    h("div", { class: "actions" }, h("a", { class: "button", href: next.href }, next.text)),
  );
  if (focus) focusHeading(heading);
}
