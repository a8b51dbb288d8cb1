// Form helpers for page modules: labelled fields with hints, errors shown next to the field they are
// about (aria-invalid + aria-describedby), an alert for errors about the whole form, and buttons
// that show they are working without losing the keyboard focus.
import { fieldError } from "./api.js";
import { h } from "./dom.js";

let nextId = 0;

/** A unique element id ("signin-3"). */
export function uid(prefix) {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/** A labelled <input> (or tag: "textarea", "select") with an optional hint under the label: { el, input }. */
export function field(label, attrs = {}, hint = null, tag = "input") {
  const id = attrs.id ?? uid("field");
  const hintId = hint ? `${id}-hint` : null;
  const input = h(tag, { ...attrs, id, "aria-describedby": hintId });
  const el = h(
    "div",
    { class: "field" },
    h("label", { for: id }, label),
    hint && h("p", { class: "hint", id: hintId }, hint),
    input,
  );
  return { el, input };
}

/** A "Show password" checkbox for a password input. */
export function showPasswordToggle(input) {
  const box = h("input", { type: "checkbox" });
  box.addEventListener("change", () => {
    input.type = box.checked ? "text" : "password";
  });
  return h("div", { class: "field" }, h("label", { class: "toggle" }, box, "Show password"));
}

/** Show an error under a field's label, mark the field invalid and put the cursor in it. */
export function showFieldError(input, message) {
  const id = `${input.id}-error`;
  let error = document.getElementById(id);
  if (!error) {
    error = h("p", { class: "field-error", id });
    input.before(error);
  }
  error.replaceChildren(h("span", { class: "visually-hidden" }, "Error: "), message);
  input.setAttribute("aria-invalid", "true");
  const ids = (input.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean);
  if (!ids.includes(id)) input.setAttribute("aria-describedby", [...ids, id].join(" "));
  input.focus();
}

/** An empty place for form-wide errors (put it just above the form's button). */
export function alertSlot() {
  return h("div", { class: "form-alert" });
}

/** Show a form-wide error (read out at once by screen readers). */
export function showAlert(slot, ...content) {
  slot.replaceChildren(h("p", { class: "alert", role: "alert" }, ...content));
}

/** Remove every error shown in a form. */
export function clearErrors(form) {
  for (const error of form.querySelectorAll(".field-error")) error.remove();
  for (const slot of form.querySelectorAll(".form-alert")) slot.replaceChildren();
  for (const input of form.querySelectorAll("[aria-invalid]")) {
    input.removeAttribute("aria-invalid");
    const ids = (input.getAttribute("aria-describedby") ?? "").split(" ").filter((id) => !id.endsWith("-error"));
    if (ids.length) input.setAttribute("aria-describedby", ids.join(" "));
    else input.removeAttribute("aria-describedby");
  }
}

/**
 * Mark a button as working ("Sending…") until the returned function is called. It stays focusable
 * (aria-disabled, not disabled), so the keyboard focus does not jump to the top of the page.
 */
export function setBusy(button, text) {
  const label = button.textContent;
  button.setAttribute("aria-disabled", "true");
  button.textContent = text;
  return () => {
    button.removeAttribute("aria-disabled");
    button.textContent = label;
  };
}

export function isBusy(button) {
  return button.hasAttribute("aria-disabled");
}

/** What sent() answers to keep the button busy: the page is going elsewhere (a sign-in). */
export const STAY_BUSY = Symbol("stay busy");

/**
 * Send a form the one way every page does. On submit: nothing while it is already sending; the
 * errors shown before are cleared (``clear``); ``check()`` answers the body, or nothing after showing
 * the problem itself (``return showFieldError(…)``, which puts the focus on the field). While ``send(body)`` runs, the
 * button shows ``busy`` ("Saving…", or busy(body) when the words depend on it) and is aria-disabled (not disabled: the focus stays on it) and
 * the form is aria-busy. ``send`` answers like api(): { ok, status, data }.
 *
 * Then ``sent(data, body)`` when ok (STAY_BUSY keeps the button busy while the page moves on).
 * Otherwise ``failed(data, status, body)`` may handle the error itself (true); else each 400 detail
 * whose field ``fields`` knows goes next to that field, the first one focused (``fields``: API field
 * → input, or (field, message) → true when a page's own control showed it); else the message goes
 * in the alert (role=alert) and the focus back to the button.
 */
export function submitForm(form, { button, alert, busy, send, sent, check = () => ({}), failed = () => false, fields = {}, clear = clearErrors }) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (isBusy(button)) return;
    clear(form);
    const body = await check();
    if (body == null) return;
    const idle = setBusy(button, typeof busy === "function" ? busy(body) : busy);
    form.setAttribute("aria-busy", "true");
    const done = () => {
      idle();
      form.removeAttribute("aria-busy");
    };
    const { ok, status, data } = await send(body);
    if (ok) {
      if ((await sent(data, body)) !== STAY_BUSY) done();
      return;
    }
    done();
    if (await failed(data, status, body)) return;
    if (showFieldErrors(data, fields)) return;
    showAlert(alert, data.message);
    button.focus();
  });
}

/** Each 400 detail next to its field, shown last to first so the focus ends on the first; false if none is here. */
export function showFieldErrors(error, fields) {
  const show = typeof fields === "function"
    ? fields
    : (name, message) => Boolean(fields[name]) && (showFieldError(fields[name], message), true);
  const blamed = (error?.details ?? []).map((detail) => fieldError({ ...error, details: [detail] })).filter(Boolean);
  return blamed.reverse().map(({ field: name, message }) => show(name, message)).some(Boolean);
}

/** Move the focus to a heading that just appeared, so screen readers read from there. */
export function focusHeading(heading) {
  heading.setAttribute("tabindex", "-1");
  heading.focus();
}
