// Home ("/"). Its content lives in index.html itself, so it reads before and without JavaScript;
// branding fills the name, tagline and "Call us" through data-brand* attributes. Signed in, its
// "Sign in" button leads to the dashboard instead.
import { currentSession } from "../session.js";

export async function render(main) {
  if (!(await currentSession())) return;
  const button = main.querySelector('.actions a[href="/signin"]');
  if (!button) return;
  button.href = "/dashboard";
  button.textContent = "Go to my dashboard";
}
