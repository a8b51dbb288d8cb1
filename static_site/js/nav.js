// The header navigation follows the session: "Home" and "Sign in" when signed out (as index.html
// has it, also without JavaScript); the customer's pages and a "Sign out" button when signed in.
// On a phone the signed-in links sit behind a "Menu" button (aria-expanded; Escape closes it and
// returns to the button), so the header stays one row; from 40rem up they are all in sight.
import { api } from "./api.js";
import { h } from "./dom.js";

const SIGNED_IN_LINKS = [
  ["/dashboard", "Dashboard"],
  ["/history", "History"],
  ["/documents", "Documents"],
  ["/invoices", "Invoices"],
  ["/autopay", "Autopay"],
  ["/book", "Book service"],
  ["/bookings", "My bookings"],
  ["/shares", "Share records"],
  ["/profile", "Profile"],
];

/**
 * A staff member viewing the portal as a customer (from the office console): a banner on every
 * page says so and that nothing can be changed, with "Stop viewing" back to the console.
 */
export function showViewingBanner(session) {
  if (!session?.viewed_by || document.querySelector(".viewing-banner")) return;
  const stop = h("button", { type: "button", class: "button button-secondary" }, "Stop viewing");
  stop.addEventListener("click", async () => {
    if (stop.getAttribute("aria-disabled")) return;
    stop.setAttribute("aria-disabled", "true");
    stop.textContent = "Stopping…";
    await api("POST", "/api/auth/logout");
    location.assign(`/office/customers?id=${encodeURIComponent(session.account_id)}`);
  });
  document.querySelector(".site-header")?.after(h("div", { class: "viewing-banner", role: "region", "aria-label": "Viewing as a customer" },
    h("div", { class: "wrap" },
      h("p", {}, h("strong", {}, `Viewing the portal as ${session.name}`), ` for ${session.viewed_by}. Read-only: nothing can be changed here.`),
      stop)));
}

export function showSessionInNav(session) {
  const nav = document.querySelector(".site-nav");
  const list = nav?.querySelector("ul");
  if (!session || !list) return;
  // Autopay is in the menu only for a customer who can have it or has it (as autopayOffered says).
  const links = SIGNED_IN_LINKS.filter(([href]) => href !== "/autopay" || session.autopay?.on || session.autopay?.eligible);
  list.replaceChildren(
    ...links.map(([href, text]) => h("li", {}, h("a", { href }, text))),
    h("li", {}, h("button", { type: "button", class: "nav-button", onclick: signOut }, "Sign out")),
  );
  collapse(nav, list);
}

/** Puts the list behind a menu button (shown only on narrow screens, by the style sheet). */
export function collapse(nav, list) {
  list.id ||= "site-menu";
  const button = h(
    "button",
    { type: "button", class: "menu-button", "aria-expanded": "false", "aria-controls": list.id },
    "Menu",
  );
  const setOpen = (open) => {
    button.setAttribute("aria-expanded", String(open));
    nav.classList.toggle("open", open);
  };
  button.addEventListener("click", () => setOpen(button.getAttribute("aria-expanded") !== "true"));
  nav.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !nav.classList.contains("open")) return;
    setOpen(false);
    button.focus();
  });
  // A tap or a tab outside the open menu closes it.
  document.addEventListener("click", (event) => {
    if (!nav.contains(event.target)) setOpen(false);
  });
  nav.addEventListener("focusout", (event) => {
    if (event.relatedTarget && !nav.contains(event.relatedTarget)) setOpen(false);
  });
  nav.classList.add("collapsible");
  nav.prepend(button);
}

async function signOut(event) {
  const button = event.currentTarget;
  if (button.getAttribute("aria-disabled")) return;
  button.setAttribute("aria-disabled", "true");
  button.textContent = "Signing out…";
  // Even if the network fails the home page is the right place: it shows whether we are signed in.
  await api("POST", "/api/auth/logout");
  location.assign("/?signed_out=1");
}
