// The office console's shell (SPEC C6): its pages, the signed-in staff member (GET /api/admin/me)
// and a navigation showing only what their role may open. app.js hands every /office path here.
//
// Adding a console page: one line in PAGES (path → lazy module exporting render(main, ctx)), with
// the area its role needs (roles.AREAS in chalicelib/office/roles.py; null: any signed-in member,
// "public": signed out too), and its link in nav.js of this folder (AREA_LINKS). ctx carries
// { me, path, query, setTitle }; ctx.me is { name, role, areas, ... }.
import { loadBranding, reveal, setTitle } from "../branding.js";
import { h } from "../dom.js";
import { showConsoleNav } from "./nav.js";
import { currentStaff } from "./session.js";

const PAGES = new Map([
  ["/office", { area: null, load: () => import("./pages/home.js") }],
  ["/office/signin", { area: "public", load: () => import("./pages/signin.js") }],
  ["/office/signin-link", { area: "public", load: () => import("./pages/signin-link.js") }],
  ["/office/bookings", { area: "bookings", load: () => import("./pages/bookings.js") }],
  ["/office/customers", { area: "customers", load: () => import("./pages/customers.js") }],
  ["/office/settings", { area: "settings", load: () => import("./pages/settings.js") }],
  ["/office/invitations", { area: "invitations", load: () => import("./pages/invitations.js") }],
  ["/office/messages", { area: "messages", load: () => import("./pages/messages.js") }],
  ["/office/checklist", { area: "checklist", load: () => import("./pages/checklist.js") }],
  ["/office/audit", { area: "audit", load: () => import("./pages/activity.js") }],
  ["/office/staff", { area: "staff", load: () => import("./pages/staff.js") }],
  ["/office/api-keys", { area: "api_keys", load: () => import("./pages/api-keys.js") }],
]);
const comingSoon = () => import("./pages/coming-soon.js");

export async function start(main, path, loader) {
  main.replaceChildren(loader);
  try {
    const page = PAGES.get(path);
    const [, me] = await Promise.all([loadBranding(), currentStaff()]);
    showConsoleNav(me, path);
    reveal();
    const ctx = { me, path, query: new URLSearchParams(location.search), setTitle: (title) => setTitle(`${title} · Office`) };
    if (page?.area !== "public" && !me) {
      location.replace(`/office/signin?next=${encodeURIComponent(path + location.search)}`);
      return;
    }
    if (page && page.area && page.area !== "public" && !me.areas.includes(page.area)) {
      return (await import("./pages/refused.js")).render(main, ctx);
    }
    const module = page ? await page.load() : await comingSoon();
    await module.render(main, ctx);
  } catch (error) {
    setTitle("Something went wrong");
    main.replaceChildren(
      h("h1", {}, "Something went wrong"),
      h("p", {}, "This page of the office console could not be shown. Please reload it."),
      h("p", {}, h("a", { class: "button", href: location.href }, "Reload the page")),
    );
    throw error;
  } finally {
    loader.remove();
    reveal();
  }
}
