// The office's page for a new owner's records request ("/access-decision#token=…", F14): a link in
// the office's email, to approve the request (the home changes hands) or decline it. No session: the
// signed token is the permission. Opening the page only shows the request (the preview changes
// nothing), so mail scanners decide nothing; the button decides, once.
import { api } from "../api.js";
import { fill, h } from "../dom.js";
import { alertSlot, field, focusHeading, submitForm } from "../forms.js";
import { readToken, rememberToken } from "../link-token.js";

const KEY = "access-decision-token";
const LINK_ERRORS = new Set(["link_invalid", "link_expired"]);
const ACTIONS = {
  approve: { title: "Approve this records request?", button: "Approve access", busy: "Approving…", done: "Access approved" },
  decline: { title: "Decline this records request?", button: "Decline request", busy: "Declining…", done: "Request declined" },
};
const MISSING = "Part of the link is missing. Please open the whole link from the email.";

export async function render(main, ctx) {
  ctx.setTitle("Records request");
  addEventListener("hashchange", () => {
    if (location.hash.includes("token=")) location.reload();
  });
  const token = readToken(KEY);
  if (!token) return showLinkProblem(main, ctx, { code: "link_invalid", message: MISSING }, false);
  await showPreview(main, ctx, token, null);
}

async function showPreview(main, ctx, token, news) {
  const { ok, data } = await api("POST", "/api/access-decision/preview", { token });
  if (!ok) return showLinkProblem(main, ctx, data, Boolean(news));
  const action = ACTIONS[data.action] ? data.action : "decline";
  const request = data.request ?? {};
  const ready = data.state === "ready";
  const title = ready ? ACTIONS[action].title : "This request was already decided";
  const heading = h("h1", {}, title);
  ctx.setTitle(title);
  fill(
    main,
    heading,
    news && h("p", { class: "alert", role: "alert" }, news),
    ready ? summary(action) : h("p", { class: "notice" }, outcome(request)),
    requestSection(request),
    ready && actForm(main, ctx, token, action),
  );
  if (news) focusHeading(heading);
}

function summary(action) {
  if (action === "decline") return h("p", { class: "notice" }, "This link declines the request. The requester gets an email saying we could not approve it, without your reason.");
  return h("p", { class: "notice" }, "Approving hands the home on from today: the new owner gets an account and sees its system, service history and final reports, never the previous owner’s invoices, notes or contact details. The previous owner keeps their own history and no longer sees the home.");
}

function outcome(request) {
  const day = request.decided_at ? ` on ${new Date(request.decided_at).toLocaleDateString("en-US", { dateStyle: "long" })}` : "";
  if (request.status === "approved") return `It was approved${day}; nothing more was changed.`;
  if (request.status === "declined") return `It was declined${day}; nothing more was changed.`;
  return "It is still waiting for an answer.";
}

function requestSection(request) {
  const address = request.address ?? {};
  return h(
    "section",
    { class: "panel", "aria-labelledby": "request-heading" },
    h("h2", { id: "request-heading" }, "The request"),
    h(
      "dl",
      { class: "facts" },
      fact("Name", request.name),
      fact("Email", request.email ? h("a", { href: `mailto:${request.email}` }, request.email) : "Not given"),
      fact("Address given", [address.line1, address.zip].filter(Boolean).join(", ")),
      fact("On file as", request.property_label || "Not on file: match it by hand"),
    ),
  );
}

function actForm(main, ctx, token, action) {
  const words = ACTIONS[action];
  const reason = action === "decline" && field("Reason (optional)", { name: "reason", rows: "3", maxlength: "2000" }, "For our records only.", "textarea");
  const alert = alertSlot();
  const button = h("button", { type: "submit", class: `button button-large${action === "decline" ? " button-danger" : ""}` }, words.button);
  const form = h("form", { novalidate: true, "aria-label": words.button }, reason && reason.el, alert, h("div", { class: "actions" }, button));
  submitForm(form, {
    button, alert, busy: words.busy, fields: reason ? { reason: reason.input } : {},
    check() {
      const value = reason ? reason.input.value.trim() : "";
      return { token, ...(value && { reason: value }) };
    },
    send: (body) => api("POST", "/api/access-decision/act", body),
    sent: (answer) => showDone(main, ctx, action, answer.request ?? {}),
    failed(answer, status) {
      if (status === 409) showPreview(main, ctx, token, answer.message);
      else if (LINK_ERRORS.has(answer.code)) showLinkProblem(main, ctx, answer, true);
      else return false;
      return true;
    },
  });
  return form;
}

function showDone(main, ctx, action, request) {
  rememberToken(KEY, null);
  const title = ACTIONS[action].done;
  const heading = h("h1", {}, title);
  fill(
    main,
    heading,
    h("p", { class: "success" }, action === "approve"
      ? `${request.name || "The new owner"} now has the home’s records and gets an email with a link to their account.`
      : `${request.name || "The requester"} gets an email saying we could not approve it.`),
    requestSection(request),
  );
  ctx.setTitle(title);
  focusHeading(heading);
}

function showLinkProblem(main, ctx, error, focus) {
  const known = LINK_ERRORS.has(error.code);
  if (known) rememberToken(KEY, null);
  const title = error.code === "link_expired" ? "This link has expired" : known ? "This link can’t be used" : "We couldn’t open this link";
  const heading = h("h1", {}, title);
  ctx.setTitle(title);
  fill(
    main,
    heading,
    h("p", {}, error.message),
    known
      ? h("p", {}, "Decide the request in the office’s software instead.")
      : h("div", { class: "actions" }, h("a", { class: "button", href: location.pathname }, "Try again")),
  );
  if (focus) focusHeading(heading);
}

function fact(term, detail) {
  return h("div", {}, h("dt", {}, term), h("dd", {}, detail));
}
