// Customers ("/office/customers", owner and office): find a customer by a few letters of a name,
// email, phone number or address (results while typing), and one customer's page (?id=): contact
// details, properties, recent visits, invoices, bookings and the messages sent to them; "View the
// portal as <name>" opens the customer's pages read-only, under a banner (and it is recorded).
// GET /api/admin/customers?q=, GET /api/admin/customers/{id}, POST /api/admin/customers/{id}/view-as.
import { api } from "../../api.js";
import { appointmentText, choiceText, statusBadge } from "../../booking.js";
import { formatPhone } from "../../branding.js";
import { fill, h } from "../../dom.js";
import { longDate, momentText, money, serviceType } from "../../format.js";
import { alertSlot, field, isBusy, setBusy, showAlert } from "../../forms.js";

const TYPING_PAUSE_MS = 250;

export async function render(main, ctx) {
  const id = ctx.query.get("id");
  if (id) return showCustomer(main, ctx, id);
  ctx.setTitle("Customers");
  const results = h("div", { "aria-live": "polite" });
  const box = field("Name, email, phone or address", { type: "search", name: "q", autocomplete: "off", maxlength: "200", value: ctx.query.get("q") ?? "" },
    "Type a few letters, such as “smi”, “oak st” or “555-0143”.");
  fill(main, h("h1", {}, "Customers"),
    h("form", { class: "panel", role: "search", "aria-label": "Find a customer", onsubmit: (event) => event.preventDefault() }, box.el),
    results);
  let timer;
  let asked = 0;
  const search = async () => {
    const text = box.input.value.trim();
    const url = new URL(location.href);
    if (text) url.searchParams.set("q", text); else url.searchParams.delete("q");
    history.replaceState(null, "", url);
    if (text.length < 2) return fill(results, h("p", { class: "hint" }, "Type at least two letters or digits."));
    const mine = ++asked;
    fill(results, h("p", { role: "status" }, "Searching…"));
    const { ok, data } = await api("GET", `/api/admin/customers?q=${encodeURIComponent(text)}`);
    if (mine !== asked) return; // a later search is on its way
    if (!ok) return fill(results, h("p", { class: "alert", role: "alert" }, data.message || "The search did not work. Please try again."));
    fill(results,
      h("p", { role: "status" }, data.items.length === 0 ? `No customer matches “${text}”.` : `${data.items.length === 20 ? "The first 20" : data.items.length} ${data.items.length === 1 ? "customer" : "customers"} matching “${text}”.`),
      data.items.length > 0 && h("ul", { class: "plain customer-results" }, data.items.map((c) => h("li", {},
        h("a", { href: `/office/customers?id=${encodeURIComponent(c.account_id)}` }, h("strong", {}, c.name),
          h("span", { class: "block hint" }, [c.email, c.phone && formatPhone(c.phone)].filter(Boolean).join(" · ") || "No email or phone on file"))))));
  };
  box.input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(search, TYPING_PAUSE_MS);
  });
  box.input.focus();
  if (box.input.value) await search();
}

async function showCustomer(main, ctx, id) {
  ctx.setTitle("Customer");
  const { ok, status, data } = await api("GET", `/api/admin/customers/${encodeURIComponent(id)}`);
  if (!ok) {
    return fill(main, h("h1", {}, status === 404 ? "Customer not found" : "This customer could not be shown"),
      h("p", {}, data.message || "Please reload the page."), h("p", {}, h("a", { href: "/office/customers" }, "Find another customer")));
  }
  const a = data.account;
  ctx.setTitle(a.name);
  fill(main,
    h("p", {}, h("a", { href: "/office/customers" }, "← Customers")),
    h("h1", {}, a.name),
    viewAs(a),
    section("contact", "Contact", h("dl", { class: "meta" },
      h("dt", {}, "Email"), h("dd", {}, a.email ?? "None on file"),
      a.undeliverable && [h("dt", {}, "Delivery"), h("dd", {}, h("strong", {}, a.undeliverable.reason === "complaint" ? "Reported our email as spam" : "The address bounced"),
        ` on ${momentText(a.undeliverable.since)}`)],
      h("dt", {}, "Phone"), h("dd", {}, a.phone ? formatPhone(a.phone) : "None on file"),
      h("dt", {}, "Portal"), h("dd", {}, a.activated_at ? `Signed in first on ${momentText(a.activated_at)}` : a.invited_at ? `Invited on ${momentText(a.invited_at)}, not signed in yet` : "Not invited yet"),
      h("dt", {}, "Balance"), h("dd", {}, `${money(a.open_balance_cents)} (${a.open_invoice_count} open)`),
      h("dt", {}, "Autopay"), h("dd", {}, a.autopay ? "On" : "Off")),
      a.email && h("p", {}, h("a", { href: `/office/messages?to=${encodeURIComponent(a.email)}` }, "All messages to this customer"))),
    section("properties", "Properties", list(data.properties, "No property on file.", (p) => h("li", {}, p.label))),
    section("visits", "Recent visits", list(data.visits, "No visit on file.", (v) => h("li", {},
      h("strong", {}, `${longDate(v.date)}: ${serviceType(v.service_type)}`), v.property_label && ` at ${v.property_label}`,
      v.technician_name && `, ${v.technician_name}`, v.status !== "completed" && ` (${v.status})`))),
    section("invoices", "Recent invoices", list(data.invoices, "No invoice on file.", (i) => h("li", {},
      h("strong", {}, `Invoice ${i.number}`), `, ${longDate(i.issued_on)}: ${money(i.total_cents)}, `,
      i.balance_cents > 0 ? `${money(i.balance_cents)} open` : i.status))),
    section("bookings", "Bookings on the portal", list(data.bookings, "No booking made on the portal.", (b) => h("li", {},
      h("strong", {}, serviceType(b.service_type)), " ", statusBadge(b.status), " ",
      b.appointment ? appointmentText(b.appointment) : b.preferred.map((p) => choiceText(p)).join("; ")))),
    section("messages", "Recent messages", list(data.messages, "Nothing sent yet.", (m) => h("li", {},
      h("strong", {}, m.subject || m.template), ` (${m.channel === "sms" ? "text" : "email"}), ${momentText(m.created_at)}: `,
      m.status === "sent" ? "sent" : m.error || m.status))),
  );
}

function viewAs(account) {
  const alert = alertSlot();
  const button = h("button", { type: "button", class: "button" }, `View the portal as ${account.name}`);
  button.addEventListener("click", async () => {
    if (isBusy(button)) return;
    alert.replaceChildren();
    const done = setBusy(button, "Opening…");
    const { ok, data } = await api("POST", `/api/admin/customers/${encodeURIComponent(account.id)}/view-as`);
    if (!ok) {
      done();
      return showAlert(alert, data.message || "The portal could not be opened as this customer. Please try again.");
    }
    location.assign(data.url);
  });
  return h("div", { class: "panel" },
    h("p", {}, "See exactly what this customer sees, to help on the phone or to test before launch. It is read-only (nothing can be changed), lasts an hour and is recorded in the activity log."),
    h("div", { class: "actions" }, button), alert);
}

function section(id, title, ...content) {
  return h("section", { class: "panel", "aria-labelledby": `${id}-heading` }, h("h2", { id: `${id}-heading` }, title), ...content);
}

function list(items, empty, row) {
  return items.length ? h("ul", { class: "plain customer-list" }, items.map(row)) : h("p", { class: "empty" }, empty);
}
