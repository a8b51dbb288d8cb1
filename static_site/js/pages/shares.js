// Share records ("/shares", F13): the owner makes a read-only link to one property's records for a
// realtor, buyer or inspector, copies it, sees every time it was opened, and ends it. "?property=<id>"
// preselects the property (the property page links here).
import { fill, h } from "../dom.js";
import { call, get, showProblem } from "../customer.js";
import { alertSlot, field, focusHeading, setBusy, showAlert, submitForm, uid } from "../forms.js";
import { count, longDate } from "../format.js";

const DAYS = [[3, "3 days"], [7, "1 week"], [14, "2 weeks"], [30, "30 days (the longest)"]];
const WHAT = { view: "Opened the page", report_download: "Opened a report", pack_download: "Downloaded the records pack" };

export async function render(main, ctx) {
  ctx.setTitle("Share records");
  const [me, list] = await Promise.all([get("/api/me"), get("/api/shares")]);
  if (!me.ok) return showProblem(main, "Share records", me.data);
  if (!list.ok) return showProblem(main, "Share records", list.data);
  const properties = Array.isArray(me.data.properties) ? me.data.properties : [];
  const links = h("ul", { class: "cards" });
  const page = { links, empty: h("p", { class: "empty" }, "You have not shared any records yet.") };
  showLinks(page, list.data.items ?? []);
  fill(
    main,
    h("h1", {}, "Share records"),
    h("p", { class: "lead" }, "Selling your home? Make a read-only link to one property’s septic records for your realtor, the buyer or their inspector. It works until the date you choose, you can end it any time, and you see every time it is opened."),
    properties.length
      ? newLinkForm(properties, ctx.query.get("property"), page)
      : h("p", { class: "notice" }, "We don’t have a property on file for you yet, so there is nothing to share. Please call us."),
    h("h2", { id: "links-heading" }, "Your links"),
    page.empty,
    links,
  );
}

function newLinkForm(properties, chosen, page) {
  const property = field("Which property", {}, null, "select");
  for (const p of properties) property.input.append(h("option", { value: p.id, selected: p.id === chosen }, p.label));
  const label = field("Who is it for?", { name: "label", maxlength: "80", autocomplete: "off", placeholder: "For our realtor, Dana" },
    "Only you and the person you send it to see this name.");
  const days = field("How long it works", {}, null, "select");
  for (const [value, text] of DAYS) days.input.append(h("option", { value: String(value), selected: value === 14 }, text));
  const reports = h("input", { type: "checkbox", checked: true });
  const notify = h("input", { type: "checkbox", checked: true });
  const alert = alertSlot();
  const button = h("button", { type: "submit", class: "button" }, "Make the link");
  const result = h("div");
  const form = h(
    "form",
    { class: "panel", novalidate: true, "aria-labelledby": "new-link-heading" },
    h("h2", { id: "new-link-heading" }, "Make a new link"),
    properties.length > 1 ? property.el : h("p", {}, "Property: ", h("strong", {}, properties[0].label)),
    label.el,
    days.el,
    h("div", { class: "field" }, h("label", { class: "toggle" }, reports, "Include the inspection reports (they can open and download them)")),
    h("div", { class: "field" }, h("label", { class: "toggle" }, notify, "Email me the first time the link is opened")),
    alert,
    h("div", { class: "actions" }, button),
    result,
  );
  submitForm(form, {
    button,
    alert,
    busy: "Making the link…",
    fields: { label: label.input, expires_in_days: days.input, property_id: property.input },
    send: (body) => call("POST", "/api/shares", body),
    check: () => ({
      property_id: properties.length > 1 ? property.input.value : properties[0].id,
      label: label.input.value,
      expires_in_days: Number(days.input.value),
      include_reports: reports.checked,
      notify_on_first_view: notify.checked,
    }),
    sent: (share) => {
      label.input.value = "";
      const heading = h("h3", {}, "Your link is ready");
      fill(result, h("div", { class: "confirmation" }, heading,
        h("p", {}, `Send it to ${share.label.replace(/^for\s+/i, "")} by email or text. It works until ${longDate(share.expires_at.slice(0, 10))}.`),
        copyBox(share.url)));
      page.items = [share, ...(page.items ?? [])];
      showLinks(page, page.items);
      focusHeading(heading);
    },
  });
  return form;
}

function showLinks(page, items) {
  page.items = items;
  page.empty.hidden = items.length > 0;
  fill(page.links, items.map((share) => linkCard(share, page)));
}

function linkCard(share, page) {
  const headingId = uid("share");
  const accesses = Array.isArray(share.accesses) ? share.accesses : [];
  const card = h(
    "li",
    { class: "card share", "data-share": share.id },
    h("h3", { id: headingId }, share.label),
    h("p", { class: "doc-meta" }, share.property?.label, " · ", share.include_reports ? "with reports" : "without reports"),
    h("p", {}, statusBadge(share), " ", statusWords(share)),
    share.url && copyBox(share.url, headingId),
    h("p", {}, share.access_count ? `Opened ${count(share.access_count, "time", "times")}` : "Not opened yet."),
    accesses.length > 0 && h(
      "details",
      {},
      h("summary", {}, "When it was opened"),
      h("ul", { class: "plain access-log" }, accesses.map((entry) => h("li", {}, `${when(entry.at)}: ${WHAT[entry.what] ?? "Opened"} · ${clientWords(entry)}`))),
      share.access_count > accesses.length && h("p", { class: "hint" }, `The first ${accesses.length} are listed.`),
    ),
  );
  if (share.status === "active") card.append(revokeControls(share, page, headingId));
  return card;
}

function statusBadge(share) {
  const [text, tone] = { active: ["Active", "badge-ok"], expired: ["Expired", "badge-unknown"], revoked: ["Ended", "badge-unknown"],
    changed_hands: ["Ended", "badge-unknown"] }[share.status] ?? ["", ""];
  return h("span", { class: `badge ${tone}` }, text);
}

function statusWords(share) {
  if (share.status === "active") return `Works until ${longDate(share.expires_at.slice(0, 10))}.`;
  if (share.status === "revoked") return `You ended it on ${longDate(share.revoked_at.slice(0, 10))}.`;
  if (share.status === "changed_hands") return "It stopped working when the home changed hands.";
  return `It stopped working on ${longDate(share.expires_at.slice(0, 10))}.`;
}

/** The link in a read-only box with a "Copy link" button that says when it worked. */
function copyBox(url, describedBy) {
  const id = uid("link");
  const input = h("input", { id, type: "text", readonly: true, value: url, class: "share-url", "aria-label": "The link" });
  const status = h("span", { role: "status", class: "hint" });
  const button = h("button", { type: "button", class: "button button-secondary", "aria-describedby": describedBy }, "Copy link");
  button.addEventListener("click", async () => {
    input.select();
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      copied = document.execCommand?.("copy") ?? false;
    }
    status.textContent = copied ? "Copied. Paste it into an email or a text." : "Select the link above and copy it.";
  });
  return h("div", { class: "field copy-link" }, input, h("div", { class: "actions" }, button, status));
}

function revokeControls(share, page, headingId) {
  const box = h("div");
  const alert = alertSlot();
  const ask = h("button", { type: "button", class: "button button-secondary", "aria-describedby": headingId }, "End this link");
  const askAgain = () => {
    const question = h("p", { tabindex: "-1" }, h("strong", {}, "End this link now? "), "Whoever has it will no longer be able to open your records. This cannot be undone; you can make a new link.");
    const yes = h("button", { type: "button", class: "button button-danger" }, "Yes, end the link");
    const keep = h("button", { type: "button", class: "button button-secondary" }, "Keep it");
    keep.addEventListener("click", () => {
      fill(box, ask);
      ask.focus();
    });
    yes.addEventListener("click", async () => {
      const idle = setBusy(yes, "Ending the link…");
      const { ok, data } = await call("DELETE", `/api/shares/${encodeURIComponent(share.id)}`);
      idle();
      if (!ok) return showAlert(alert, data.message);
      const items = page.items.map((item) => (item.id === share.id ? data : item));
      showLinks(page, items);
      const card = [...page.links.children].find((li) => li.dataset.share === share.id);
      card?.querySelector("h3")?.after(h("p", { class: "confirmation", role: "status" }, "The link is ended. It no longer opens."));
    });
    fill(box, h("div", { class: "confirm-box" }, question, alert, h("div", { class: "actions" }, yes, keep)));
    question.focus();
  };
  ask.addEventListener("click", askAgain);
  return fill(box, ask);
}

function when(iso) {
  const moment = new Date(iso);
  if (Number.isNaN(moment.getTime())) return "";
  return moment.toLocaleString("en-US", { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
}

function clientWords(entry) {
  const browser = entry.browser && entry.browser !== "unknown" ? entry.browser : "unknown browser";
  if (!entry.country || entry.country === "unknown") return browser;
  let country = entry.country;
  try {
    country = new Intl.DisplayNames(["en"], { type: "region" }).of(entry.country) ?? entry.country;
  } catch {
    // an old browser: the two-letter code
  }
  return `${browser}, ${country}`;
}
