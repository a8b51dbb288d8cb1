// The shared records page ("/shared#token=…", F13): what an owner's share link opens for a realtor,
// buyer or inspector, signed out, on any phone. The token stays in the address's fragment (browsers
// never send that to a server nor put it in a Referer) and the page asks for no referrer at all.
// An unknown, expired or revoked link reads the same: "This link has expired; ask the owner for a new one."
import { api } from "../api.js";
import { fill, h } from "../dom.js";
import { alertSlot, setBusy, showAlert } from "../forms.js";
import { count, documentKind, longDate, number, serviceType } from "../format.js";
import { saleFacts } from "../sale.js";

const ENDED = "This link has expired; ask the owner for a new one.";
const UNKNOWN = "Not on file";

export async function render(main, ctx) {
  document.head.append(h("meta", { name: "referrer", content: "no-referrer" }));
  ctx.setTitle("Shared septic records");
  const token = new URLSearchParams(location.hash.slice(1)).get("token") ?? "";
  const base = `/api/shared/${encodeURIComponent(token)}`;
  const { ok, status, data } = token ? await api("GET", base) : { ok: false, status: 404 };
  if (!ok && (status === 404 || status === 410)) return ended(main, ctx);
  if (!ok) return problem(main, data.message);

  const record = data.record ?? {};
  const address = record.property?.label ?? "this property";
  ctx.setTitle(`Septic records: ${address}`);
  const company = record.company?.company_name;
  fill(
    main,
    h("h1", {}, "Septic records for ", address),
    h("p", { class: "lead" }, "Shared by the owner", data.share?.label ? [": ", h("strong", {}, data.share.label)] : "", ". ",
      `This link works until ${longDate(data.share?.expires_at?.slice(0, 10))}.`),
    h("p", {}, `From the records of ${company || "our company"}, as of ${longDate(record.as_of)}.`),
    record.transaction && transaction(record.transaction),
    h(
      "section",
      { class: "panel", "aria-labelledby": "system-heading" },
      h("h2", { id: "system-heading" }, "The septic system"),
      h("dl", { class: "facts facts-wide" }, systemFacts(record.system ?? {}), dueFacts(record)),
    ),
    data.share?.include_reports && reports(record.reports ?? [], base),
    history(record.service_history ?? []),
    pack(base),
    h("p", { class: "shared-contact" }, "Questions about these records? Call ", h("span", { "data-brand": "company_name" }, company || "us"),
      h("span", { "data-brand-if": "phone", hidden: true }, " at ", h("a", { "data-brand": "phone", "data-brand-href": "phone" })), "."),
  );
}

function transaction(sale) {
  // The same words as the owner's dashboard (sale.js); a transfer rule alone (no sale yet) has no status.
  const facts = saleFacts(sale);
  if (!facts.length) return null;
  return h(
    "section",
    { class: "panel", "aria-labelledby": "sale-heading" },
    h("h2", { id: "sale-heading" }, "For the sale"),
    h("dl", { class: "facts facts-wide" }, ...facts.map(([term, value]) => fact(term, value))),
  );
}

function systemFacts(system) {
  return [
    fact("System type", system.type),
    fact("Tank size", system.tank_gallons != null && count(Number(system.tank_gallons), "gallon", "gallons")),
    fact("Number of tanks", system.tank_count != null && number(system.tank_count)),
    fact("Installed", system.install_year != null && String(system.install_year)),
    fact("Where the lids are", system.lid_location),
  ];
}

function dueFacts(record) {
  // As the records pack says it: a booked visit by its date, else when it is due (the owner's own
  // pages add why; a buyer gets the date).
  return [record.next_service_due, record.next_inspection_due].filter(Boolean).map((due) => {
    const what = due.service === "inspection" ? "inspection" : "pump-out";
    if (due.status === "booked" && due.booked_on) return fact(`Next ${what}`, `Booked for ${longDate(due.booked_on)}`);
    return fact(`Next ${what} due`, due.date ? longDate(due.date) : "No date yet");
  });
}

function reports(items, base) {
  return h(
    "section",
    { "aria-labelledby": "reports-heading" },
    h("h2", { id: "reports-heading" }, "Reports"),
    items.length
      ? h("ul", { class: "cards" }, items.map((doc) => h(
        "li",
        { class: "card document" },
        h("h3", {}, doc.title || documentKind(doc.kind)),
        h("p", { class: "doc-meta" }, [documentKind(doc.kind), doc.date && longDate(doc.date)].filter(Boolean).join(" · ")),
        opener(`${base}/documents/${encodeURIComponent(doc.id)}/download`, "Open", "Opening…", doc.title || documentKind(doc.kind)),
      )))
      : h("p", { class: "empty" }, "No final reports on file."),
  );
}

function history(visits) {
  return h(
    "section",
    { "aria-labelledby": "history-heading" },
    h("h2", { id: "history-heading" }, "Service history"),
    visits.length
      ? h("ul", { class: "cards" }, visits.map((visit) => h(
        "li",
        { class: "card" },
        h("h3", {}, `${longDate(visit.date)} · ${serviceType(visit.service_type)}`),
        visit.gallons_pumped != null && h("p", {}, `${number(visit.gallons_pumped)} gallons pumped`),
        visit.condition_rating && h("p", {}, `Condition: ${visit.condition_rating}`),
        ...(visit.notes ?? []).map((note) => h("p", { class: "multiline" }, note)),
      )))
      : h("p", { class: "empty" }, "No completed services on file."),
  );
}

function pack(base) {
  return h(
    "section",
    { class: "panel", "aria-labelledby": "pack-heading" },
    h("h2", { id: "pack-heading" }, "Records pack"),
    h("p", {}, "Everything on this page as one PDF, with the date it was made and this link, so anyone can check it is genuine."),
    opener(`${base}/pack`, "Download records pack", "Making the PDF…"),
  );
}

/** A button that asks for a fresh short-lived link (they last 5 minutes), then goes to it. */
function opener(path, label, busy, title) {
  const button = h("button", { type: "button", class: "button button-secondary", "aria-label": title && `${label} ${title}` }, label);
  const alert = alertSlot();
  button.addEventListener("click", async () => {
    if (button.hasAttribute("aria-disabled")) return;
    alert.replaceChildren();
    const idle = setBusy(button, busy);
    const { ok, status, data } = await api("GET", path);
    idle();
    const url = ok && /^https?:\/\//i.test(data?.url ?? "") ? data.url : null;
    if (url) return window.location.assign(url);
    if (status === 404 || status === 410) return showAlert(alert, status === 410 ? ENDED : "This file is no longer available.");
    showAlert(alert, ok ? "We couldn’t open that. Please try again." : data.message);
  });
  return h("div", { class: "download" }, button, alert);
}

function fact(term, value) {
  return h("div", {}, h("dt", {}, term), h("dd", {}, value || value === 0 ? value : UNKNOWN));
}

function ended(main, ctx) {
  ctx.setTitle("This link has expired");
  fill(
    main,
    h("h1", {}, "This link has expired"),
    h("p", { class: "lead" }, ENDED),
    h("p", {}, "Share links work for a limited time, and the owner can end one at any time."),
    h("p", { "data-brand-if": "phone", hidden: true }, "Questions? Call ", h("span", { "data-brand": "company_name" }), " at ",
      h("a", { "data-brand": "phone", "data-brand-href": "phone" }), "."),
  );
}

function problem(main, message) {
  fill(
    main,
    h("h1", {}, "Shared septic records"),
    h("p", { class: "alert", role: "alert" }, message),
    h("div", { class: "actions" }, h("a", { class: "button", href: location.href }, "Try again")),
  );
}
