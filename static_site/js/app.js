// Entry module of the portal. The server answers index.html for every path that is not a file or
// under /api/, so the path picks the page here. Pages link to each other with ordinary links
// (full page loads): no client-side history to manage, and each page loads only its own module.
import { branding, fillBrand, loadBranding, reveal, setTitle } from "./branding.js";
import { h } from "./dom.js";
import { showSessionInNav, showViewingBanner } from "./nav.js";
import { currentSession } from "./session.js";

// A page: path → lazy module exporting render(main, ctx). Adding a page is one line here plus one
// module under pages/. render() fills <main>; data-brand* attributes in it are filled afterwards.
const pages = new Map([
  ["/", () => import("./pages/home.js")],
  ["/signin", () => import("./pages/signin.js")],
  ["/signin/link", () => import("./pages/signin-link.js")],
  ["/dashboard", () => import("./pages/dashboard.js")],
  ["/history", () => import("./pages/history.js")],
  ["/documents", () => import("./pages/documents.js")],
  ["/property", () => import("./pages/property.js")],
  ["/profile", () => import("./pages/profile.js")],
  ["/profile/confirm-email", () => import("./pages/confirm-email.js")],
  ["/profile/confirm-phone", () => import("./pages/confirm-phone.js")],
  ["/profile/undo-email", () => import("./pages/undo-email.js")],
  ["/invoices", () => import("./pages/invoices.js")],
  ["/autopay", () => import("./pages/autopay.js")],
  ["/book", () => import("./pages/book.js")],
  ["/bookings", () => import("./pages/bookings.js")],
  ["/dispatch", () => import("./pages/dispatch.js")],
  ["/unsubscribe", () => import("./pages/unsubscribe.js")],
  ["/new-owner", () => import("./pages/new-owner.js")],
  ["/access-decision", () => import("./pages/access-decision.js")],
  ["/shares", () => import("./pages/shares.js")],
  ["/shared", () => import("./pages/shared.js")],
]);
// Pages whose path carries an id ("/invoices/<id>"): pattern → module, asked only after the exact paths.
const patterns = [
  [/^\/invoices\/[^/]+\/pay$/, () => import("./pages/pay.js")],
  [/^\/invoices\/[^/]+$/, () => import("./pages/invoice.js")],
];
const notFound = () => import("./pages/not-found.js");

function currentPath() {
  const path = location.pathname.replace(/\/index\.html$/, "/").replace(/(.)\/+$/, "$1");
  return path || "/";
}

function markCurrentLink(path) {
  for (const link of document.querySelectorAll(".site-nav a")) {
    if (new URL(link.href).pathname === path) link.setAttribute("aria-current", "page");
  }
}

function showFailure(main) {
  setTitle("Something went wrong");
  main.replaceChildren(
    h("h1", {}, "Something went wrong"),
    h("p", {}, "This page could not be shown. Please reload it, or call us."),
    h("p", {}, h("a", { class: "button", href: location.href }, "Reload the page")),
  );
}

async function start() {
  const main = document.getElementById("main");
  const path = currentPath();
  // The office console (/office/...) has its own session, navigation and pages: office/shell.js.
  if (path === "/office" || path.startsWith("/office/")) {
    const shell = await import("./office/shell.js");
    return shell.start(main, path, loading());
  }
  const load = pages.get(path) ?? patterns.find(([pattern]) => pattern.test(path))?.[1] ?? notFound;
  // index.html carries the home page (readable without JavaScript); other pages start with a
  // "Loading…" line that their first content replaces (pages fill <main>; it goes in any case).
  const loader = loading();
  if (path !== "/") main.replaceChildren(loader);
  try {
    // The session is asked for alongside, so the header shows the right links when it appears.
    const [, page, session] = await Promise.all([loadBranding(), load(), currentSession()]);
    showSessionInNav(session);
    showViewingBanner(session);
    markCurrentLink(path);
    if (session) loader.lastChild.textContent = "Loading your account…";
    // Branded and with the right header: show the page now, while its data loads.
    reveal();
    const ctx = { branding, path, query: new URLSearchParams(location.search), setTitle };
    await page.render(main, ctx);
    fillBrand(main);
  } catch (error) {
    showFailure(main);
    throw error;
  } finally {
    loader.remove();
    reveal();
  }
}

/** The one "still loading" indicator every page shows while it fetches its data. */
function loading() {
  return h(
    "p",
    { class: "page-loading", role: "status" },
    h("span", { class: "spinner", "aria-hidden": "true" }),
    h("span", {}, "Loading…"),
  );
}

start();
