// The header navigation follows the session: "Home" and "Sign in" when signed out (as index.html
// has it, also without JavaScript); the customer's pages and a "Sign out" button when signed in.
// The links wrap onto a second line on a narrow phone: every one stays in sight, nothing hides
// behind a menu.
import { api } from "./api.js";
import { h } from "./dom.js";

const SIGNED_IN_LINKS = [
  ["/dashboard", "Dashboard"],
  ["/history", "History"],
  ["/documents", "Documents"],
  ["/invoices", "Invoices"],
  ["/profile", "Profile"],
  ["/book", "Book service"],
];

export function showSessionInNav(session) {
  const list = document.querySelector(".site-nav ul");
  if (!session || !list) return;
  list.replaceChildren(
    ...SIGNED_IN_LINKS.map(([href, text]) => h("li", {}, h("a", { href }, text))),
    h("li", {}, h("button", { type: "button", class: "nav-button", onclick: signOut }, "Sign out")),
  );
}

async function signOut(event) {
  const button = event.currentTarget;
  if (button.getAttribute("aria-disabled")) return;
  button.setAttribute("aria-disabled", "true");
  button.textContent = "Signing out…";
  // Even if the network fails the home page is the right place: it shows whether we are signed in.
  await api("POST", "/api/auth/logout");
  location.assign("/");
}
