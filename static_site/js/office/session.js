// The signed-in staff member, asked once per page load (GET /api/admin/me with the staff cookie).
import { api } from "../api.js";

let asked;

/** Resolves to { kind, id, name, email, role, areas }, or null when no staff member is signed in. */
export function currentStaff() {
  asked ??= api("GET", "/api/admin/me").then(({ ok, data }) => (ok && data?.kind === "staff" ? data : null));
  return asked;
}

export const ROLE_NAMES = { owner: "Owner", office: "Office staff", dispatcher: "Dispatcher" };
