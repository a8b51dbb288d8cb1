// A console area that is not built yet, honestly labelled; an unknown /office path is "not found".
import { fill, h } from "../../dom.js";
import { AREA_LINKS } from "../nav.js";

// The areas whose page exists (shell.js PAGES); the others show this page.
export const BUILT = new Set(["bookings", "customers", "checklist", "invitations", "messages", "settings", "staff", "api_keys", "audit"]);

export async function render(main, ctx) {
  const area = Object.entries(AREA_LINKS).find(([, [href]]) => href === ctx.path)?.[0];
  if (!area) {
    ctx.setTitle("Page not found");
    return fill(main, h("h1", {}, "Page not found"), h("p", {}, "There is no such page in the office console."),
      h("p", {}, h("a", { class: "button", href: "/office" }, "Back to the console")));
  }
  const [, name] = AREA_LINKS[area];
  ctx.setTitle(name);
  const allowed = ctx.me.areas.includes(area);
  fill(
    main,
    h("h1", {}, name),
    allowed
      ? h("p", { class: "notice" }, `Coming soon: the ${name.toLowerCase()} page is not built yet. Until it is, this is done through the admin API (docs/openapi.yaml).`)
      : h("p", { class: "notice" }, `Your role does not include ${name.toLowerCase()}. Ask an owner of the portal if you need it.`),
    h("p", {}, h("a", { class: "button button-secondary", href: "/office" }, "Back to the console")),
  );
}
