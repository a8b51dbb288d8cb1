// Home ("/"). Its content lives in index.html itself, so it reads before and without JavaScript;
// branding fills the name, tagline and "Call us" through data-brand* attributes. Signed in, its
// "Sign in" button leads to the dashboard instead. After "Sign out" (/?signed_out=1) it says so.
import { h } from "../dom.js";
import { currentSession } from "../session.js";

export async function render(main, ctx) {
  const session = await currentSession();
  if (ctx?.query?.has("signed_out")) {
    // Once: a reload or a bookmark of this address should not say it again.
    history.replaceState(null, "", "/");
    if (!session) {
      const notice = h("p", { class: "success", role: "status" }, "You’re signed out. Thank you for visiting.");
      main.querySelector("h1")?.after(notice) ?? main.prepend(notice);
    }
  }
  if (!session) return;
  const button = main.querySelector('.actions a[href="/signin"]');
  if (!button) return;
  button.href = "/dashboard";
  button.textContent = "Go to my dashboard";
}
