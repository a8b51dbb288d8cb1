// Any path without a page: say so plainly and offer the way home (and the phone).
import { h } from "../dom.js";

export function render(main, ctx) {
  ctx.setTitle("Page not found");
  main.replaceChildren(
    h("h1", {}, "Page not found"),
    h("p", {}, "We couldn’t find that page. The link may be old or incomplete."),
    h(
      "div",
      { class: "actions" },
      h("a", { class: "button", href: "/" }, "Go to the home page"),
      h(
        "a",
        { class: "button button-secondary", "data-brand-href": "phone", "data-brand-if": "phone", hidden: true },
        "Call us: ",
        h("span", { "data-brand": "phone" }),
      ),
    ),
  );
}
