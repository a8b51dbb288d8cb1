// Who is signed in, asked once per page load (GET /api/auth/session) and shared by the header
// navigation and the pages. The session cookie is HttpOnly: asking the server is the only way.
import { api } from "./api.js";

let asked;

/** Resolves to the session { account_id, name, email_masked, has_password }, or null. */
export function currentSession() {
  asked ??= api("GET", "/api/auth/session").then(({ ok, data }) => (ok && data?.account_id ? data : null));
  return asked;
}
