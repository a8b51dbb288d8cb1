// The local outbox (local mode only): every email and text the portal "sent", newest first, each
// collapsed to one line (subject, recipient, time) that opens to the whole message, and filterable
// by recipient. Refreshes in place, keyed by message id, so an open HTML preview or the keyboard focus survives
// each refresh; only the status details of a message that changed are redrawn.
import { formatPhone, loadBranding, reveal, setTitle } from "./branding.js";
import { h } from "./dom.js";

const REFRESH_MS = 3000;

const list = document.getElementById("messages");
const status = document.getElementById("status");
const checked = document.getElementById("checked");
const auto = document.getElementById("auto-refresh");
const filter = document.getElementById("recipient");
const cards = new Map(); // message id → { el, signature }
let timer;
let nextId = 0;
let busy = false;

function announce(message) {
  // Rewriting the same text would make some screen readers read it again every 3 seconds.
  if (status.textContent !== message) status.textContent = message;
}

function time(iso) {
  if (!iso) return "—";
  const date = new Date(iso);
  return h("time", { datetime: iso }, isNaN(date) ? iso : date.toLocaleString());
}

function meta(item) {
  const rows = [
    ["Channel", item.channel === "sms" ? "Text message" : "Email"],
    ["To", item.channel === "sms" ? formatPhone(item.to) : item.to],
    ["Template", item.template],
    ["Status", h("span", { class: `status status-${item.status}` }, item.status)],
    ["Created", time(item.created_at)],
    ["Sent", time(item.sent_at)],
    ["Attempts", String(item.attempts ?? 0)],
    ["Last error", item.last_error],
  ];
  return h(
    "dl",
    { class: "meta" },
    rows.filter(([, value]) => value).map(([term, value]) => [h("dt", {}, term), h("dd", {}, value)]),
  );
}

/** A titled list (links, attachments) or nothing when there are no entries. */
function section(title, entries) {
  if (!entries?.length) return null;
  return [h("h3", {}, title), h("ul", { class: "links" }, entries.map((entry) => h("li", {}, entry)))];
}

function links(urls) {
  return section("Links", urls?.map((url) => (/^https?:\/\//i.test(url) ? h("a", { href: url }, url) : url)));
}

function attachments(files) {
  return section("Attachments", files?.map((file) => {
    const url = URL.createObjectURL(new Blob([file.data], { type: file.content_type }));
    return [h("a", { href: url, download: file.filename }, file.filename), ` (${file.content_type})`];
  }));
}

function htmlPreview(item, heading) {
  if (!item.html) return null;
  const details = h("details", {}, h("summary", {}, "HTML version"));
  // Built on first open: a long outbox should not load dozens of frames nobody looks at.
  details.addEventListener("toggle", () => {
    if (!details.open || details.querySelector("iframe")) return;
    details.append(
      h("iframe", {
        class: "html-preview",
        sandbox: true,
        srcdoc: item.html,
        title: `HTML version of “${heading}”`,
      }),
    );
  });
  return details;
}

function recipient(item) {
  return item.channel === "sms" ? formatPhone(item.to) : item.to;
}

function card(item) {
  const id = `message-${nextId++}`;
  const heading = item.subject || `Text message to ${formatPhone(item.to)}`;
  const article = h(
    "article",
    { class: "card", "aria-labelledby": id },
    h("h2", { id }, heading),
    h("p", { class: "summary-line" }, `To ${recipient(item)} · `, time(item.created_at)),
    h(
      "details",
      { class: "message" },
      h("summary", {}, "Show the message"),
      meta(item),
      h("pre", { class: "body" }, item.text ?? ""),
      links(item.links),
      attachments(item.attachments),
      htmlPreview(item, heading),
    ),
  );
  article.dataset.to = `${item.to ?? ""} ${recipient(item)}`.toLowerCase();
  return article;
}

function signature(item) {
  return [item.status, item.attempts, item.last_error, item.sent_at].join("|");
}

let shown = [];

function show(items) {
  shown = items;
  const seen = new Set();
  const wanted = filter.value.trim().toLowerCase();
  // Newest first, whatever order the server keeps.
  items = [...items].sort((a, b) => String(b.created_at ?? "").localeCompare(String(a.created_at ?? "")));
  let matching = 0;
  items.forEach((item, index) => {
    seen.add(item.id);
    let entry = cards.get(item.id);
    if (!entry) {
      entry = { el: card(item), signature: signature(item) };
      cards.set(item.id, entry);
    } else if (entry.signature !== signature(item)) {
      entry.el.querySelector(".meta").replaceWith(meta(item));
      entry.signature = signature(item);
    }
    entry.el.hidden = Boolean(wanted) && !entry.el.dataset.to.includes(wanted);
    if (!entry.el.hidden) matching += 1;
    const current = list.children[index] ?? null;
    if (current !== entry.el) list.insertBefore(entry.el, current);
  });
  for (const [id, entry] of cards) {
    if (!seen.has(id)) {
      entry.el.querySelectorAll("a[download]").forEach((a) => URL.revokeObjectURL(a.href));
      entry.el.remove();
      cards.delete(id);
    }
  }
  const count = items.length;
  const plural = (n) => `${n} message${n === 1 ? "" : "s"}`;
  if (!count) announce("No messages yet");
  else if (wanted) announce(`${plural(matching)} to “${filter.value.trim()}” (of ${count})`);
  else announce(plural(count));
}

async function refresh() {
  if (busy) return;
  busy = true;
  clearTimeout(timer);
  try {
    const response = await fetch("/api/dev/outbox", { headers: { Accept: "application/json" } });
    if (response.status === 404) {
      announce("The outbox exists only when the portal runs in local mode.");
    } else if (!response.ok) {
      announce(`Could not load the outbox (HTTP ${response.status}).`);
    } else {
      show((await response.json()).items ?? []);
      checked.textContent = `Checked at ${new Date().toLocaleTimeString()}`;
    }
  } catch {
    announce("Could not reach the portal. Is the local server running?");
  }
  busy = false;
  schedule();
}

function schedule() {
  clearTimeout(timer);
  if (auto.checked && !document.hidden) timer = setTimeout(refresh, REFRESH_MS);
}

document.getElementById("refresh").addEventListener("click", refresh);
filter.addEventListener("input", () => show(shown));
auto.addEventListener("change", () => (auto.checked ? refresh() : schedule()));
// A background tab need not poll; coming back shows what arrived meanwhile at once.
document.addEventListener("visibilitychange", () => {
  if (!document.hidden && auto.checked) refresh();
  else schedule();
});

loadBranding().then(() => {
  setTitle("Outbox");
  reveal();
});
refresh();
