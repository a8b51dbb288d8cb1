// The page a staff sign-in link opens ("/office/signin-link#token=…"). Opening it uses nothing
// (POST /api/office/auth/link only asks); the "Sign in" button does (POST /api/office/auth/verify).
import { api } from "../../api.js";
import { fill, h } from "../../dom.js";
import { alertSlot, focusHeading, isBusy, setBusy, showAlert } from "../../forms.js";
import { readToken, rememberToken } from "../../link-token.js";
import { consoleNext } from "../session.js";

const KEY = "office-signin-token";
const LINK_ERRORS = new Set(["link_used", "link_expired", "link_invalid"]);

export async function render(main, ctx) {
  ctx.setTitle("Staff sign in");
  const token = readToken(KEY);
  if (!token) {
    return problem(main, { code: "link_invalid", message: "Part of the link is missing. Please open the whole link from your email, or ask for a new one." });
  }
  const { ok, data } = await api("POST", "/api/office/auth/link", { token });
  if (!ok) return problem(main, data);
  const alert = alertSlot();
  const button = h("button", { type: "button", class: "button button-large" }, "Sign in");
  button.addEventListener("click", async () => {
    if (isBusy(button)) return;
    alert.replaceChildren();
    const done = setBusy(button, "Signing you in…");
    const answer = await api("POST", "/api/office/auth/verify", { token });
    if (answer.ok) {
      rememberToken(KEY, null);
      return location.replace(consoleNext(ctx.query.get("next")) ?? "/office");
    }
    done();
    if (LINK_ERRORS.has(answer.data.code)) return problem(main, answer.data, true);
    showAlert(alert, answer.data.message);
  });
  fill(
    main,
    h("h1", {}, `Sign in to the office console as ${data.name}`),
    data.sent_to && h("p", { class: "lead" }, `This link was sent to ${data.sent_to}.`),
    alert,
    h("div", { class: "actions" }, button),
  );
}

function problem(main, error, focus = false) {
  if (LINK_ERRORS.has(error.code)) rememberToken(KEY, null);
  const heading = h("h1", {}, "We couldn’t sign you in with this link");
  fill(main, heading, h("p", {}, error.message),
    h("div", { class: "actions" }, h("a", { class: "button", href: "/office/signin" }, "Send me a new link")));
  if (focus) focusHeading(heading);
}
