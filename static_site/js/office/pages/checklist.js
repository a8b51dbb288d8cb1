// The launch checklist ("/office/checklist", owner): what a launch needs, checked now, each item
// linked to where it is fixed; and the customers the office tests as (GET /api/admin/launch-checklist,
// PUT /api/admin/launch-checklist/test-customers).
import { api } from "../../api.js";
import { fill, h } from "../../dom.js";
import { longDate } from "../../format.js";
import { alertSlot, field, focusHeading, isBusy, setBusy, showAlert, showFieldError, submitForm } from "../../forms.js";

export async function render(main, ctx) {
  ctx.setTitle("Launch checklist");
  const body = h("div", { "aria-live": "polite" }, h("p", { role: "status" }, "Checking what the launch needs…"));
  fill(
    main,
    h("h1", {}, "Launch checklist"),
    h("p", { class: "lead" }, "Before you invite your customers, try the portal as a test customer and tick every step. Each step is checked again whenever you open this page."),
    body,
  );
  await load(body, null);
}

async function load(body, news) {
  const { ok, data } = await api("GET", "/api/admin/launch-checklist");
  if (!ok) return fill(body, h("p", { class: "alert", role: "alert" }, data.message || "The checklist could not be checked. Please reload the page."));
  show(body, data, news);
}

function show(body, data, news) {
  const again = h("button", { type: "button", class: "button button-secondary" }, "Check again");
  again.addEventListener("click", async () => {
    if (isBusy(again)) return;
    setBusy(again, "Checking…");
    await load(body, "Checked again just now.");
    body.querySelector(".checklist-summary")?.focus();
  });
  const summary = h("h2", { class: "checklist-summary", tabindex: "-1" }, `${data.done} of ${data.items.length} done`);
  fill(body,
    summary,
    news && h("p", { role: "status", class: "hint" }, news),
    data.launched_at
      ? h("p", { class: "notice" }, `The portal is launched: the first invitation went to a customer on ${longDate(data.launched_at.slice(0, 10))}.`)
      : data.ready
        ? h("p", { class: "success" }, "Everything is ready. ", h("a", { href: "/office/invitations" }, "Invite your customers"), " when you are.")
        : h("p", {}, "Steps still to do show what is missing and where to fix it."),
    h("ol", { class: "checklist" }, data.items.map(itemRow)),
    h("div", { class: "actions" }, again),
    testCustomers(body, data));
}

function itemRow(item) {
  const external = /^https?:/.test(item.fix?.href ?? "");
  return h("li", { class: `checklist-item${item.done ? " checklist-done" : ""}` },
    h("span", { class: `badge ${item.done ? "badge-ok" : "badge-soon"}` }, item.done ? "Done" : "To do"),
    h("div", {},
      h("h3", {}, item.title),
      h("p", {}, item.detail),
      item.fix && h("p", {}, h("a", { href: item.fix.href, ...(external && { rel: "noopener" }) }, item.fix.label))));
}

function testCustomers(body, data) {
  const heading = h("h2", { id: "test-customers-heading" }, "Test customers");
  const email = field("Customer’s email", { type: "email", name: "email", autocomplete: "off", maxlength: "254" },
    "A customer on file in your own software: yourself or a colleague, so you can sign in as them and try everything.");
  const alert = alertSlot();
  const button = h("button", { type: "submit", class: "button" }, "Add test customer");
  const emails = data.test_customers.map((c) => c.email).filter(Boolean);
  const full = emails.length >= 5;
  const form = h("form", { novalidate: true, "aria-labelledby": "test-customers-heading" }, email.el, alert, h("div", { class: "actions" }, button));
  submitForm(form, {
    button, alert, busy: "Adding…", fields: (name, message) => (showFieldError(email.input, message), true),
    check() {
      const value = email.input.value.trim();
      if (!value) return showFieldError(email.input, "Enter the email address of a customer on file.");
      return { emails: [...emails, value] };
    },
    send: (sent) => api("PUT", "/api/admin/launch-checklist/test-customers", sent),
    sent: (answer) => {
      show(body, answer, `${email.input.value.trim()} is a test customer now.`);
      body.querySelector(".checklist-summary")?.focus();
    },
  });
  return h("section", { class: "panel", id: "test-customers", "aria-labelledby": "test-customers-heading" },
    heading,
    data.test_customers.length
      ? h("ul", { class: "plain test-customers" }, data.test_customers.map((customer) => testerRow(body, data, customer)))
      : h("p", {}, "None chosen yet."),
    full ? h("p", { class: "hint" }, "That is five, the most the checklist looks at.") : form);
}

function testerRow(body, data, customer) {
  const alert = alertSlot();
  const remove = h("button", { type: "button", class: "button button-secondary" }, "Remove");
  remove.setAttribute("aria-label", `Remove ${customer.name} from the test customers`);
  remove.addEventListener("click", async () => {
    if (isBusy(remove)) return;
    alert.replaceChildren();
    const done = setBusy(remove, "Removing…");
    const rest = data.test_customers.filter((c) => c.account_id !== customer.account_id).map((c) => c.email).filter(Boolean);
    const { ok, data: answer } = await api("PUT", "/api/admin/launch-checklist/test-customers", { emails: rest });
    done();
    if (!ok) return showAlert(alert, answer.message || "The list could not be changed. Please try again.");
    show(body, answer, `${customer.name} is no longer a test customer.`);
    focusHeading(body.querySelector("#test-customers-heading"));
  });
  return h("li", { class: "test-customer" }, h("span", {}, h("strong", {}, customer.name), customer.email && ` (${customer.email})`), remove, alert);
}
