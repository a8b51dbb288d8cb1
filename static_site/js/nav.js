// The header navigation follows the session: "Sign in" when signed out (as index.html has it, also
// without JavaScript); "Dashboard" and a "Sign out" button when signed in.
import { api } from "./api.js";
import { h } from "./dom.js";

export function showSessionInNav(session) {
  const signIn = document.querySelector('.site-nav a[href="/signin"]')?.closest("li");
  if (!session || !signIn) return;
  signIn.replaceWith(
    h("li", {}, h("a", { href: "/dashboard" }, "Dashboard")),
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
