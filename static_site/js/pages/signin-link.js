// The page a sign-in or invitation link opens ("/signin/link#token=…"). The token sits in the URL
// fragment, so it never reaches a server by GET. Opening the page only asks what the link is for
// (POST /api/auth/link, which does not use it up): mail scanners that open links consume nothing.
// Only the person's click on "Sign in" uses the link (POST /api/auth/verify).
import { api } from "../api.js";
import { fill, h } from "../dom.js";
import { alertSlot, focusHeading, isBusy, setBusy, showAlert } from "../forms.js";
import { currentSession } from "../session.js";
import { readToken, rememberToken } from "../link-token.js";
import { safeNext } from "../destination.js";

// Kept for this tab only, so a phone that reloads the tab in the background does not lose the
// link once it is gone from the address bar.
const KEY = "signin-link-token";
// The page the customer asked for before signing in, carried in the link (?next=…).
const NEXT = safeNext(new URLSearchParams(location.search).get("next"));
// Why a link cannot be used: the server's message says which (used, expired, not valid).
const LINK_ERRORS = new Set(["link_used", "link_expired", "link_invalid"]);

export async function render(main, ctx) {
  ctx.setTitle("Sign in");
  // Another link opened in this tab changes only the fragment, which loads no page: start over.
  addEventListener("hashchange", () => {
    if (location.hash.includes("token=")) location.reload();
  });
  const token = readToken(KEY);
  if (!token) {
    return showProblem(main, { code: "link_invalid", message: "Part of the link is missing. Please open the whole link from your email or text message, or ask for a new one." }, false);
  }
  const { ok, data } = await api("POST", "/api/auth/link", { token });
  if (ok) showConfirm(main, token, data ?? {});
  else await showProblem(main, data, false);
}

/** A contact the company gave several accounts: one button per account, labelled by its street only. */
function showChoice(main, token, link) {
  const alert = alertSlot();
  const buttons = link.accounts.map((account) => {
    const button = h("button", { type: "button", class: "button button-large" }, `Open ${account.label}`);
    button.addEventListener("click", async () => {
      if (buttons.some(isBusy)) return;
      alert.replaceChildren();
      await verify(main, alert, button, { token, account_id: account.id });
    });
    return button;
  });
  fill(
    main,
    h("h1", {}, "Which account do you want to open?"),
    h("p", { class: "lead" }, `${link.sent_to ? `This link was sent to ${link.sent_to}, which` : "This contact"} is on more than one account with us. Choose one; you can open another with a new link later.`),
    alert,
    h("div", { class: "actions actions-stacked" }, buttons),
  );
}

/** Use the link (the only step that does); then the page asked for, or what went wrong. */
async function verify(main, alert, button, body) {
  const done = setBusy(button, "Signing you in…");
  const { ok, data } = await api("POST", "/api/auth/verify", body);
  if (ok) {
    rememberToken(KEY, null);
    return location.replace(NEXT ?? "/dashboard");
  }
  done();
  if (LINK_ERRORS.has(data.code)) return showProblem(main, data, true);
  showAlert(alert, data.message);
}

function showConfirm(main, token, link) {
  if (Array.isArray(link.accounts) && link.accounts.length) return showChoice(main, token, link);
  const invite = link.purpose === "invite";
  const name = typeof link.name === "string" && link.name ? link.name : null;
  const title = invite
    ? `Welcome${name ? `, ${name}` : ""} — activate your account`
    : name ? `Sign in as ${name}` : "Sign in to your account";
  const alert = alertSlot();
  const button = h("button", { type: "button", class: "button button-large" }, invite ? "Activate and sign in" : "Sign in");
  button.addEventListener("click", async () => {
    if (isBusy(button)) return;
    alert.replaceChildren();
    await verify(main, alert, button, { token });
  });
  fill(
    main,
    h("h1", {}, title),
    link.sent_to && h("p", { class: "lead" }, `${invite ? "This invitation" : "This link"} was sent to ${link.sent_to}.`),
    alert,
    h("div", { class: "actions" }, button),
  );
}

/** A link that cannot be used (or a failure asking about it): say so, offer a new link. */
async function showProblem(main, error, focus) {
  const known = LINK_ERRORS.has(error.code);
  if (known) rememberToken(KEY, null);
  const heading = h("h1", {}, known ? "We couldn’t sign you in with this link" : "We couldn’t check your link");
  const session = error.code === "link_used" ? await currentSession() : null;
  fill(
    main,
    heading,
    h("p", {}, error.message),
    session && h("p", {}, "You are already signed in."),
    h(
      "div",
      { class: "actions" },
      session && h("a", { class: "button", href: "/dashboard" }, "Go to my dashboard"),
      !known && h("a", { class: "button", href: location.pathname }, "Try again"),
      h("a", { class: session || !known ? "button button-secondary" : "button", href: "/signin" }, "Send me a new link"),
    ),
  );
  if (focus) focusHeading(heading);
}
