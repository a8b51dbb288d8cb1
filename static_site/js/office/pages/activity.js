// Activity ("/office/audit", owner): every change made through the admin API, by a staff member
// or by the company's software, newest first, in words ("Olivia Owner saved the settings:
// branding.company_name"). GET /api/admin/audit (paged).
import { api } from "../../api.js";
import { fill, h } from "../../dom.js";
import { momentText } from "../../format.js";
import { pagedList } from "../../paged.js";

// "METHOD route" → what was done, with the path's first id after it where there is one.
const DONE = {
  "PUT /api/admin/settings": "saved the settings",
  "POST /api/admin/test-message": "sent a test message",
  "POST /api/admin/customers/{account_id}/view-as": "viewed the portal as customer",
  "POST /api/admin/booking-requests/{booking_id}/confirm": "confirmed booking request",
  "POST /api/admin/booking-requests/{booking_id}/decline": "declined booking request",
  "POST /api/admin/staff": "added a staff member",
  "PATCH /api/admin/staff/{staff_id}": "changed staff member",
  "POST /api/admin/api-keys": "created an API key",
  "DELETE /api/admin/api-keys/{key_id}": "revoked API key",
  "POST /api/admin/invitations": "invited everyone not invited yet",
  "POST /api/admin/invitations/by-email": "invited a customer by email",
  "POST /api/admin/accounts/{account_id}/invite": "invited customer",
  "PUT /api/admin/launch-checklist/test-customers": "chose the test customers",
  "POST /api/admin/messages/{message_id}/retry": "sent again message",
  "PUT /api/admin/accounts/{account_id}": "updated customer",
  "PUT /api/admin/properties/{property_id}": "updated property",
  "PUT /api/admin/service-records/{record_id}": "updated visit record",
  "PUT /api/admin/appointments/{appointment_id}": "updated appointment",
  "POST /api/admin/appointments/{appointment_id}/status": "changed the visit status of appointment",
  "PUT /api/admin/invoices/{invoice_id}": "updated invoice",
  "POST /api/admin/documents": "added a document",
  "PATCH /api/admin/documents/{document_id}": "changed document",
  "PUT /api/admin/properties/{property_id}/transaction": "set the sale status of property",
  "DELETE /api/admin/properties/{property_id}/transaction": "cleared the sale status of property",
  "POST /api/admin/access-requests/{request_id}/approve": "approved access request",
  "POST /api/admin/access-requests/{request_id}/decline": "declined access request",
};

export async function render(main, ctx) {
  ctx.setTitle("Activity");
  const list = pagedList({
    fetchPage: (cursor) => api("GET", `/api/admin/audit?limit=25${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`),
    renderItem: entryRow,
    focusIn: (li) => li.querySelector("p"),
    one: "entry", many: "entries", loadLabel: "Show older activity",
    empty: "Nothing has been changed through the console or the admin API yet.",
  });
  const status = h("p", { role: "status" }, "Loading the activity…");
  fill(main, h("h1", {}, "Activity"),
    h("p", { class: "lead" }, "Every change made in the console or by your own software, newest first: who, when and what."),
    status, list.el);
  const shown = await list.start();
  status.remove();
  if (!shown.ok) list.el.before(h("p", { class: "alert", role: "alert" }, shown.data?.message || "The activity could not be loaded. Please reload the page."));
}

function entryRow(entry) {
  const who = entry.actor.kind === "key" ? `${entry.actor.name} (your software)` : `${entry.actor.name} (${entry.actor.role})`;
  const done = DONE[`${entry.method} ${entry.route}`];
  const what = done ? `${done}${entry.target_ids.length ? ` ${entry.target_ids[0]}` : ""}` : `${entry.method} ${entry.path}`;
  return h("li", { class: "card activity" },
    h("p", {}, h("strong", {}, who), ` ${what}`),
    entry.changes.length > 0 && h("p", { class: "hint" }, `Changed: ${entry.changes.join(", ")}`),
    h("p", { class: "hint" }, momentText(entry.at)));
}
