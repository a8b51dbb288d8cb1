// The signed-in staff member, asked once per page load (GET /api/admin/me with the staff cookie).
import { api } from "../api.js";
import { safeNext } from "../destination.js";

let asked;

/** Resolves to { kind, id, name, email, role, areas }, or null when no staff member is signed in. */
export function currentStaff() {
  asked ??= api("GET", "/api/admin/me").then(({ ok, data }) => (ok && data?.kind === "staff" ? data : null));
  return asked;
}

export const ROLE_NAMES = { owner: "Owner", office: "Office staff", dispatcher: "Dispatcher" };

/** raw if it is a console page to open after signing in (a path under /office/, not the sign-in
 * pages), else null: the server's rule (chalicelib/office/signin.py console_next). */
export function consoleNext(raw) {
  const next = safeNext(raw);
  if (!next || !next.startsWith("/office/")) return null;
  const path = next.split("?")[0];
  return path === "/office/signin" || path === "/office/signin-link" ? null : next;
}
