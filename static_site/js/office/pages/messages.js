// Messages ("/office/messages", owner and office): what the portal sent to whom and when, with its
// delivery status; what did not go out and why, with "Send again"; the customers whose email
// address bounced. GET /api/admin/messages?status=&to=, POST /api/admin/messages/{id}/retry,
// GET /api/admin/unreachable. The page's ?list= (failed, unconfirmed, all) and ?to= are the API's.
import { api } from "../../api.js";
import { fill, h } from "../../dom.js";
import { momentText } from "../../format.js";
import { alertSlot, field, focusHeading, isBusy, setBusy, showAlert, showFieldError, submitForm, uid } from "../../forms.js";
import { pagedList } from "../../paged.js";

const LISTS = {
  failed: ["Not sent", "Messages the portal gave up on. Nothing was delivered; you can send each again."],
  unconfirmed: ["Maybe sent", "Sending was interrupted midway: the customer may have these already."],
  all: ["All messages", "Every email and text, newest first."],
};
const STATUS = {
  pending: ["Waiting to be sent", "badge-soon"],
  sending: ["Being sent", "badge-soon"],
  sent: ["Sent", "badge-ok"],
  failed: ["Not sent", "badge-overdue"],
  unconfirmed: ["Maybe sent", "badge-soon"],
  suppressed: ["Not sent", "badge-overdue"],
  done: ["Done", "badge-ok"],
};
const KINDS = {
  signin_link: "Sign-in link", staff_signin_link: "Staff sign-in link", invite: "Invitation", confirm_email: "Confirm email address",
  confirm_phone: "Confirm phone number", email_changed: "Email address changed", invoice_issued: "Invoice",
  payment_receipt: "Payment receipt", payment_failed: "Payment failed", autopay_failed: "Autopay failed",
  booking_received: "Booking received", booking_confirmed: "Booking confirmed", booking_declined: "Booking declined",
  booking_cancelled: "Booking cancelled", dispatch_request: "Booking request (to the office)",
  dispatch_change: "Booking change (to the office)", visit_en_route: "Technician on the way", visit_arrived: "Technician arrived",
  service_summary: "Visit summary", report_ready: "Report ready", service_due_reminder: "Service reminder",
  share_viewed: "Shared records viewed", access_request: "Records access request (to the office)",
  access_approved: "Records access approved", access_declined: "Records access declined", test_message: "Test message",
};

export async function render(main, ctx) {
  ctx.setTitle("Messages");
  const to = (ctx.query.get("to") ?? "").trim();
  const chosen = LISTS[ctx.query.get("list")] ? ctx.query.get("list") : "failed";
  const results = h("section", { class: "panel", "aria-labelledby": "messages-heading" });
  const unreachable = h("section", { class: "panel", "aria-labelledby": "unreachable-heading" },
    h("h2", { id: "unreachable-heading" }, "Customers we can’t reach by email"),
    h("p", { role: "status" }, "Loading…"));
  fill(
    main,
    h("h1", {}, "Messages"),
    h("p", { class: "lead" }, "What the portal sent to your customers, and what did not go out."),
    searchForm(to),
    h("nav", { class: "actions message-lists", "aria-label": "Lists of messages" },
      Object.entries(LISTS).map(([key, [name]]) => h("a", {
        class: `button button-secondary${!to && key === chosen ? " is-current" : ""}`, href: `/office/messages?list=${key}`,
        "aria-current": !to && key === chosen ? "page" : null,
      }, name))),
    results,
    unreachable,
  );
  await Promise.all([showList(results, to, chosen), showUnreachable(unreachable)]);
}

function searchForm(to) {
  const input = field("Email address or phone number", { type: "search", name: "to", value: to, autocomplete: "off", maxlength: "254" },
    "Every message sent to that address or number, newest first.");
  const form = h("form", { class: "panel", role: "search", action: "/office/messages", method: "get", "aria-labelledby": "find-heading" },
    h("h2", { id: "find-heading" }, "Find messages to a customer"), input.el,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "button" }, "Find messages")));
  form.addEventListener("submit", (event) => {
    if (!input.input.value.trim()) {
      event.preventDefault();
      showFieldError(input.input, "Enter the customer’s email address or phone number.");
    }
  });
  return form;
}

async function showList(section, to, chosen) {
  const [title, lead] = to ? [`Messages to ${to}`, "Every message to this address or number, newest first."] : LISTS[chosen];
  const query = to ? `to=${encodeURIComponent(to)}` : `status=${chosen}`;
  const list = pagedList({
    fetchPage: (cursor) => api("GET", `/api/admin/messages?${query}&limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`),
    renderItem: messageCard,
    focusIn: (li) => li.querySelector("h3"),
    one: "message", many: "messages", loadLabel: "Show more messages",
    empty: to ? "No message has been sent to this address or number." : chosen === "all" ? "No messages yet." : "None: every message went out.",
  });
  fill(section, h("h2", { id: "messages-heading" }, title), h("p", {}, lead), h("p", { role: "status" }, "Loading the messages…"), list.el);
  const shown = await list.start();
  section.querySelector("p[role=status]")?.remove();
  if (!shown.ok) list.el.before(h("p", { class: "alert", role: "alert" }, shown.data?.message || "The messages could not be loaded. Please reload the page."));
}

function messageCard(item) {
  const headingId = uid("message");
  const [status, tone] = STATUS[item.status] ?? [item.status, "badge-unknown"];
  const card = h("li", { class: "card message" },
    h("h3", { id: headingId }, item.subject || KINDS[item.template] || item.template),
    h("dl", { class: "meta" },
      h("dt", {}, "To"), h("dd", {}, item.to ?? "A background job"),
      h("dt", {}, "Kind"), h("dd", {}, `${KINDS[item.template] ?? item.template}${item.channel === "sms" ? " (text message)" : item.channel === "email" ? " (email)" : ""}`),
      h("dt", {}, "Status"), h("dd", {}, h("span", { class: `badge ${tone}` }, status)),
      h("dt", {}, "Queued"), h("dd", {}, momentText(item.created_at)),
      item.sent_at && [h("dt", {}, "Sent"), h("dd", {}, momentText(item.sent_at))],
      item.attempts > 1 && [h("dt", {}, "Attempts"), h("dd", {}, String(item.attempts))]),
    item.error && h("p", { class: "notice" }, item.error),
    item.undeliverable && h("p", { class: "alert" }, h("strong", {}, "This address is undeliverable. "),
      `It ${item.undeliverable.reason === "complaint" ? "was reported as spam" : "bounced"} on ${momentText(item.undeliverable.since)}`,
      item.undeliverable.detail ? ` (${item.undeliverable.detail}).` : ".",
      " Ask the customer for another address and change it in your own software."));
  if (item.status === "failed" || item.status === "unconfirmed") card.append(retryControls(card, item, headingId));
  return card;
}

function retryControls(card, item, headingId) {
  const box = h("div", { class: "actions" });
  const alert = alertSlot();
  const send = async (button, force) => {
    if (isBusy(button)) return;
    alert.replaceChildren();
    const done = setBusy(button, "Sending…");
    const { ok, data } = await api("POST", `/api/admin/messages/${encodeURIComponent(item.id)}/retry`, force ? { force: true } : {});
    done();
    if (!ok) return showAlert(alert, data.message || "It could not be sent again. Please try again.");
    const replaced = messageCard(data);
    replaced.querySelector(".actions")?.remove();
    replaced.append(h("p", { class: "success", role: "status" }, "Queued to be sent again. Its status changes here once it has gone."));
    card.replaceWith(replaced);
    focusHeading(replaced.querySelector("h3"));
  };
  if (item.status === "failed") {
    const button = h("button", { type: "button", class: "button", "aria-describedby": headingId }, "Send again");
    button.addEventListener("click", () => send(button, false));
    return fill(box, button, alert);
  }
  const ask = h("button", { type: "button", class: "button button-secondary", "aria-describedby": headingId }, "Send again anyway");
  ask.addEventListener("click", () => {
    const question = h("p", { tabindex: "-1" }, h("strong", {}, "The customer may have this already. "), "Send it again anyway?");
    const yes = h("button", { type: "button", class: "button" }, "Yes, send it again");
    const keep = h("button", { type: "button", class: "button button-secondary" }, "Don’t send");
    keep.addEventListener("click", () => {
      fill(box, ask, alert);
      ask.focus();
    });
    yes.addEventListener("click", () => send(yes, true));
    fill(box, h("div", { class: "confirm-box" }, question, h("div", { class: "actions" }, yes, keep)), alert);
    question.focus();
  });
  return fill(box, ask, alert);
}

async function showUnreachable(section) {
  const heading = section.querySelector("h2");
  const { ok, data } = await api("GET", "/api/admin/unreachable?limit=50");
  if (!ok) return fill(section, heading, h("p", { class: "alert", role: "alert" }, data.message || "The list could not be loaded. Please reload the page."));
  fill(section, heading,
    h("p", {}, "Their email address bounced or was reported as spam, so the portal no longer writes to it. A new address in your own software makes them reachable again."),
    data.items.length === 0
      ? h("p", { class: "empty" }, "None: every customer’s email address works.")
      : h("ul", { class: "cards" }, data.items.map((entry) => h("li", { class: "card" },
        h("h3", {}, entry.name),
        h("dl", { class: "meta" },
          h("dt", {}, "Address"), h("dd", {}, entry.address),
          h("dt", {}, "Why"), h("dd", {}, entry.reason === "complaint" ? "Reported our email as spam" : "The address bounced"),
          entry.detail && [h("dt", {}, "Mail server said"), h("dd", {}, entry.detail)],
          h("dt", {}, "Since"), h("dd", {}, momentText(entry.since))),
        h("p", {}, h("a", { href: `/office/messages?to=${encodeURIComponent(entry.address)}` }, `Messages to ${entry.name}`))))));
}
