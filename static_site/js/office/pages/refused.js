// A console page the signed-in member's role may not open: say so in plain words.
import { fill, h } from "../../dom.js";
import { ROLE_NAMES } from "../session.js";

export async function render(main, ctx) {
  ctx.setTitle("Not available for your role");
  fill(
    main,
    h("h1", {}, "This page is not available for your role"),
    h("p", { class: "notice", role: "status" },
      `You are signed in as ${ROLE_NAMES[ctx.me.role] ?? ctx.me.role}, and this role does not include this page. Ask an owner of the portal if you need it.`),
    h("p", {}, h("a", { class: "button", href: "/office" }, "Back to the console")),
  );
}
