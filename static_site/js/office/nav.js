// The console's header: "Office console" next to the company's name, and links to the areas the
// signed-in member's role may open (the server's list, GET /api/admin/me → areas), then "Sign out".
import { api } from "../api.js";
import { h } from "../dom.js";
import { collapse } from "../nav.js";

// area → [path, link text]; every area the server names (chalicelib/office/roles.py AREAS) is here.
export const AREA_LINKS = {
  bookings: ["/office/bookings", "Bookings"],
  customers: ["/office/customers", "Customers"],
  invitations: ["/office/invitations", "Invitations"],
  messages: ["/office/messages", "Messages"],
  checklist: ["/office/checklist", "Launch checklist"],
  settings: ["/office/settings", "Settings"],
  api_keys: ["/office/api-keys", "API keys"],
  staff: ["/office/staff", "Staff"],
  audit: ["/office/audit", "Activity"],
};

export function showConsoleNav(me, path) {
  const brand = document.querySelector(".site-header .brand");
  brand?.setAttribute("href", "/office");
  document.querySelector(".site-header")?.after(
    h("div", { class: "console-bar" }, h("p", { class: "wrap" }, "Office console · for the company’s staff")));
  const nav = document.querySelector(".site-nav");
  nav?.setAttribute("aria-label", "Office console");
  const list = nav?.querySelector("ul");
  if (!list) return;
  if (!me) {
    list.replaceChildren(h("li", {}, h("a", { href: "/office/signin" }, "Staff sign in")));
    return;
  }
  const links = [["/office", "Home"], ...me.areas.filter((area) => AREA_LINKS[area]).map((area) => AREA_LINKS[area])];
  list.replaceChildren(
    ...links.map(([href, text]) => h("li", {}, h("a", { href, "aria-current": href === path ? "page" : null }, text))),
    h("li", {}, h("button", { type: "button", class: "nav-button", onclick: signOut }, "Sign out")),
  );
  collapse(nav, list);
}

async function signOut(event) {
  const button = event.currentTarget;
  if (button.getAttribute("aria-disabled")) return;
  button.setAttribute("aria-disabled", "true");
  button.textContent = "Signing out…";
  await api("POST", "/api/office/auth/logout");
  location.assign("/office/signin?signed_out=1");
}
