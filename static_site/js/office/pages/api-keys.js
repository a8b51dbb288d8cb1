// API keys ("/office/api-keys", owner): the keys the company's own software uses for the admin API.
// List (name, id, created, last used, revoked), create with a name (the key shown once, with a copy
// button), revoke after a confirmation (GET/POST /api/admin/api-keys, DELETE /api/admin/api-keys/{id}).
import { api } from "../../api.js";
import { fill, h } from "../../dom.js";
import { momentText } from "../../format.js";
import { alertSlot, field, focusHeading, isBusy, setBusy, showAlert, showFieldError, submitForm, uid } from "../../forms.js";


export async function render(main, ctx) {
  ctx.setTitle("API keys");
  const list = h("div", { "aria-live": "polite" }, h("p", { role: "status" }, "Loading the keys…"));
  fill(
    main,
    h("h1", {}, "API keys"),
    h("p", { class: "lead" }, "Keys let the company’s own software (scheduling, accounting) use the portal’s admin API. Give each program its own key, and revoke a key when that program no longer needs it."),
    createSection(list),
    list,
  );
  await load(list);
}

async function load(list) {
  const { ok, data } = await api("GET", "/api/admin/api-keys");
  if (!ok) return fill(list, h("p", { class: "alert", role: "alert" }, data.message || "The keys could not be loaded. Please reload the page."));
  const active = data.items.filter((item) => !item.revoked_at).length;
  fill(list,
    h("h2", {}, `${data.items.length} key${data.items.length === 1 ? "" : "s"}`, data.items.length ? ` (${active} in use)` : ""),
    data.items.length === 0 && h("p", {}, "No keys have been made here yet."),
    h("ul", { class: "cards key-list" }, data.items.map((item) => keyCard(item, list)), data.bootstrap && bootstrapCard(data.bootstrap)));
}

function keyCard(item, list) {
  const headingId = uid("key");
  const card = h("li", { class: "card" },
    h("h3", { id: headingId }, item.name),
    h("dl", { class: "meta" },
      h("dt", {}, "Key id"), h("dd", {}, h("code", {}, item.id)),
      h("dt", {}, "Created"), h("dd", {}, momentText(item.created_at)),
      h("dt", {}, "Last used"), h("dd", {}, item.last_used_at ? `${momentText(item.last_used_at)} (updated hourly)` : "Never"),
      h("dt", {}, "Status"), h("dd", {}, item.revoked_at ? `Revoked ${momentText(item.revoked_at)}: it no longer works` : "In use")));
  if (!item.revoked_at) card.append(revokeControls(item, list, headingId));
  return card;
}

function bootstrapCard(bootstrap) {
  return h("li", { class: "card" },
    h("h3", {}, bootstrap.name),
    h("p", { class: "hint" }, "Set when the portal was deployed (kept in AWS Secrets Manager). It cannot be revoked here; replace it by rotating that secret."),
    h("dl", { class: "meta" },
      h("dt", {}, "Key id"), h("dd", {}, h("code", {}, bootstrap.id)),
      h("dt", {}, "Last used"), h("dd", {}, "Not tracked")));
}

function revokeControls(item, list, headingId) {
  const box = h("div");
  const alert = alertSlot();
  const ask = h("button", { type: "button", class: "button button-danger", "aria-describedby": headingId }, "Revoke");
  ask.addEventListener("click", () => {
    const question = h("p", { tabindex: "-1" }, h("strong", {}, `Revoke “${item.name}”? `),
      "Software using this key will be refused from now on. This cannot be undone; you can make a new key.");
    const yes = h("button", { type: "button", class: "button button-danger" }, "Yes, revoke the key");
    const keep = h("button", { type: "button", class: "button button-secondary" }, "Keep it");
    keep.addEventListener("click", () => {
      fill(box, ask);
      ask.focus();
    });
    yes.addEventListener("click", async () => {
      if (isBusy(yes)) return;
      alert.replaceChildren();
      const done = setBusy(yes, "Revoking…");
      const { ok, data } = await api("DELETE", `/api/admin/api-keys/${encodeURIComponent(item.id)}`);
      done();
      if (!ok) return showAlert(alert, data.message || "The key could not be revoked. Please try again.");
      await load(list);
      const heading = list.querySelector("h2");
      if (heading) focusHeading(heading);
      heading?.after(h("p", { class: "confirmation", role: "status" }, `“${item.name}” is revoked. It no longer works.`));
    });
    fill(box, h("div", { class: "confirm-box" }, question, alert, h("div", { class: "actions" }, yes, keep)));
    question.focus();
  });
  return fill(box, ask);
}

function createSection(list) {
  const name = field("Name", { type: "text", name: "name", autocomplete: "off", maxlength: "100" }, "What uses the key, such as “Scheduling software”.");
  const alert = alertSlot();
  const shown = h("div");
  const button = h("button", { type: "submit", class: "button" }, "Create key");
  const form = h("form", { novalidate: true }, name.el, alert, h("div", { class: "actions" }, button));
  submitForm(form, {
    button, alert, busy: "Creating…", fields: { name: name.input },
    check() {
      shown.replaceChildren();
      if (!name.input.value.trim()) return showFieldError(name.input, "Enter a name for the key, such as the program that will use it.");
      return { name: name.input.value.trim() };
    },
    send: (body) => api("POST", "/api/admin/api-keys", body),
    async sent(data) {
      form.reset();
      await load(list);
      const heading = h("h3", { tabindex: "-1" }, `The key “${data.name}”`);
      fill(shown, h("div", { class: "confirmation key-once" }, heading,
        h("p", {}, h("strong", {}, "Copy it now: it will not be shown again. "), "The portal keeps only a fingerprint of it. If it is lost, revoke it and make a new one."),
        copyBox(data.key)));
      heading.focus();
    },
  });
  return h("section", { class: "panel", "aria-labelledby": "new-key" }, h("h2", { id: "new-key" }, "Create a key"), form, shown);
}

function copyBox(key) {
  const input = h("input", { id: uid("key"), type: "text", readonly: true, value: key, class: "share-url", "aria-label": "The new API key", spellcheck: "false" });
  const status = h("span", { role: "status", class: "hint" });
  const button = h("button", { type: "button", class: "button button-secondary" }, "Copy key");
  button.addEventListener("click", async () => {
    input.select();
    let copied = false;
    try {
      await navigator.clipboard.writeText(key);
      copied = true;
    } catch {
      copied = document.execCommand?.("copy") ?? false;
    }
    status.textContent = copied ? "Copied. Paste it into the program’s settings." : "Select the key above and copy it.";
  });
  return h("div", { class: "field copy-link" }, input, h("div", { class: "actions" }, button, status));
}
