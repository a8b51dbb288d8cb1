// Staff ("/office/staff", owner): who may sign in to the console, add someone, change a role,
// disable or enable (GET/POST /api/admin/staff, PATCH /api/admin/staff/{id}).
import { api } from "../../api.js";
import { fill, h } from "../../dom.js";
import { alertSlot, field, focusHeading, isBusy, setBusy, showAlert, showFieldError, submitForm } from "../../forms.js";
import { ROLE_NAMES } from "../session.js";

const ROLES = ["owner", "office", "dispatcher"];
const ROLE_HINT = "Owner: everything, including settings, API keys and staff. Office staff: customers, invitations, bookings and messages. Dispatcher: the booking queue only.";

export async function render(main, ctx) {
  ctx.setTitle("Staff");
  const list = h("div", { "aria-live": "polite" });
  fill(
    main,
    h("h1", {}, "Staff"),
    h("p", { class: "lead" }, "The people who can sign in to this console. They sign in with a link sent to their email; no password."),
    list,
    addSection(list, ctx.me),
  );
  await load(list, ctx.me);
}

async function load(list, me) {
  const { ok, data } = await api("GET", "/api/admin/staff");
  if (!ok) return fill(list, h("p", { class: "alert", role: "alert" }, data.message));
  fill(list, h("h2", {}, `${data.items.length} staff member${data.items.length === 1 ? "" : "s"}`),
    h("ul", { class: "cards staff-list" }, data.items.map((member) => memberCard(member, me, list))));
}

function memberCard(member, me, list) {
  const alert = alertSlot();
  const self = member.id === me.id;
  const role = h("select", { id: `role-${member.id}`, "aria-describedby": `status-${member.id}` },
    ROLES.map((value) => h("option", { value, selected: value === member.role }, ROLE_NAMES[value])));
  const save = h("button", { type: "button", class: "button button-secondary" }, "Change role");
  save.addEventListener("click", () => change(save, alert, member, { role: role.value }, list, me));
  const toggle = h("button", { type: "button", class: member.active ? "button button-danger" : "button button-secondary" },
    member.active ? "Disable" : "Enable");
  toggle.addEventListener("click", () => change(toggle, alert, member, { disabled: member.active }, list, me));
  return h("li", { class: "card" },
    h("h3", {}, member.name, self && " (you)"),
    h("p", { class: "meta" }, member.email),
    h("p", { id: `status-${member.id}`, class: "meta" },
      member.active ? `${ROLE_NAMES[member.role]} · active` : `${ROLE_NAMES[member.role]} · disabled: cannot sign in`),
    h("div", { class: "field" }, h("label", { for: role.id }, `Role of ${member.name}`), role),
    alert,
    h("div", { class: "actions" }, save, !self && toggle));
}

async function change(button, alert, member, body, list, me) {
  if (isBusy(button)) return;
  alert.replaceChildren();
  const done = setBusy(button, "Saving…");
  const { ok, data } = await api("PATCH", `/api/admin/staff/${encodeURIComponent(member.id)}`, body);
  done();
  if (!ok) return showAlert(alert, data.message);
  await load(list, me);
  const heading = list.querySelector("h2");
  if (heading) focusHeading(heading);
}

function addSection(list, me) {
  const name = field("Name", { type: "text", name: "name", autocomplete: "off" });
  const email = field("Work email", { type: "email", name: "email", autocomplete: "off", autocapitalize: "none", spellcheck: "false" }, "Their sign-in links go here.");
  const role = field("Role", { name: "role" }, ROLE_HINT, "select");
  role.input.append(...ROLES.map((value) => h("option", { value, selected: value === "office" }, ROLE_NAMES[value])));
  const alert = alertSlot();
  const done = h("p", { role: "status" });
  const button = h("button", { type: "submit", class: "button" }, "Add staff member");
  const form = h("form", { novalidate: true }, name.el, email.el, role.el, alert, h("div", { class: "actions" }, button), done);
  submitForm(form, {
    button, alert, busy: "Adding…", fields: { name: name.input, email: email.input, role: role.input },
    check() {
      done.replaceChildren();
      if (!name.input.value.trim()) return showFieldError(name.input, "Enter the staff member’s name.");
      if (!email.input.value.includes("@")) return showFieldError(email.input, "Enter their work email address, such as name@example.com.");
      return { name: name.input.value.trim(), email: email.input.value.trim(), role: role.input.value };
    },
    send: (body) => api("POST", "/api/admin/staff", body),
    async sent(data) {
      form.reset();
      await load(list, me);
      done.textContent = `${data.name} was added as ${ROLE_NAMES[data.role].toLowerCase()}. They can sign in at ${location.origin}/office/signin.`;
    },
  });
  return h("section", { class: "panel", "aria-labelledby": "add-staff" }, h("h2", { id: "add-staff" }, "Add a staff member"), form);
}
