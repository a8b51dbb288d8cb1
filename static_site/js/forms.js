// Form helpers for page modules: labelled fields with hints, errors shown next to the field they are
// about (aria-invalid + aria-describedby), an alert for errors about the whole form, and buttons
// that show they are working without losing the keyboard focus.
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

/** Move the focus to a heading that just appeared, so screen readers read from there. */
export function focusHeading(heading) {
  heading.setAttribute("tabindex", "-1");
  heading.focus();
}
