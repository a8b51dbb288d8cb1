// A tiny element builder for page modules. Strings become text nodes, never HTML, so values from
// the API cannot inject markup.

/**
 * h("a", { class: "button", href: "/" }, "Home")
 * Props: "class", "text" (textContent), "on<event>" functions (listeners), anything else an
 * attribute (true → present, null/false/undefined → left out).
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "text") el.textContent = value;
    else if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2), value);
    } else el.setAttribute(key, value === true ? "" : value);
  }
  el.append(...present(children));
  return el;
}

/** Replace an element's content; like h(), null and false children are left out. */
export function fill(el, ...children) {
  el.replaceChildren(...present(children));
  return el;
}

function present(children) {
  return children.flat(Infinity).filter((child) => child != null && child !== false);
}
