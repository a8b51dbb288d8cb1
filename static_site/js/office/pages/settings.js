// Settings ("/office/settings", owner): branding with a contrast check and a live preview of the
// customer's dashboard and of an email; what customers see, in plain words; booking per service
// type with its capacity grid and the booking rules; service-due reminders; payments. Each part saves on
// its own (PUT /api/admin/settings with that part only) and then says what changed; every save is
// in the audit trail with the fields it changed.
import { api } from "../../api.js";
import { contrast, formatPhone } from "../../branding.js";
import { fill, h } from "../../dom.js";
import { alertSlot, clearErrors, field, showFieldError, submitForm, uid } from "../../forms.js";

const AA = 4.5;
const WEEKDAYS = [["mon", "Mon"], ["tue", "Tue"], ["wed", "Wed"], ["thu", "Thu"], ["fri", "Fri"], ["sat", "Sat"], ["sun", "Sun"]];
const SHOWN = [
  ["technician_notes", "Technician notes", "The notes a technician writes for the customer on each visit (notes marked internal never show)."],
  ["condition_ratings", "Condition ratings", "How the tank, baffles and other parts were rated on each visit."],
  ["measurements", "Measurements", "Sludge and scum depths and other readings taken on each visit."],
  ["photos", "Photos", "Photos taken on a visit."],
];
const DOCUMENTS = [
  ["inspection_report", "Inspection reports"], ["receipt", "Receipts"], ["warranty", "Warranties"], ["estimate", "Estimates"],
];
/** Colours set through the CSSOM: the site's Content-Security-Policy allows no style attributes. */
function paint(el, styles) {
  for (const [name, value] of Object.entries(styles)) el.style.setProperty(name, value);
  return el;
}

const MODES = [["off", "Off: customers call"], ["request", "Request: the office confirms"], ["instant", "Instant: customers pick a time"]];

export async function render(main, ctx) {
  ctx.setTitle("Settings");
  const body = h("div", { "aria-live": "polite" }, h("p", { role: "status" }, "Loading the settings…"));
  fill(main, h("h1", {}, "Settings"),
    h("p", { class: "lead" }, "What your customers see on the portal and in its emails, and how they book. Each part is saved on its own."),
    body);
  const { ok, data } = await api("GET", "/api/admin/settings");
  if (!ok) return fill(body, h("p", { class: "alert", role: "alert" }, data.message || "The settings could not be loaded. Please reload the page."));
  const state = { settings: data };
  fill(body, brandingPart(state), visibilityPart(state), bookingPart(state), remindersPart(state), paymentsPart(state));
}

// -- saving a part ------------------------------------------------------------------------------

/** A part's form: PUT its patch, then list what changed ("Company name: A → B"). */
function part(state, { id, title, intro, fields, patch, labels, extra = [], after = null }) {
  const headingId = `${id}-heading`;
  const alert = alertSlot();
  const done = h("div");
  const button = h("button", { type: "submit", class: "button" }, `Save ${title.toLowerCase()}`);
  const form = h("form", { novalidate: true, "aria-labelledby": headingId }, ...fields.map((f) => f.el ?? f), alert, h("div", { class: "actions" }, button), done);
  const inputs = Object.fromEntries(fields.filter((f) => f.name).map((f) => [f.name, f.input]));
  submitForm(form, {
    button, alert, busy: "Saving…",
    fields: (name, message) => {
      const input = inputs[name.split(".").slice(1).join(".")] ?? inputs[name];
      if (!input) return false;
      showFieldError(input, message);
      return true;
    },
    check() {
      done.replaceChildren();
      return patch();
    },
    send: (body) => api("PUT", "/api/admin/settings", body),
    sent(saved) {
      const changes = differences(state.settings[id], saved[id], labels);
      state.settings = saved;
      const heading = h("p", { tabindex: "-1" }, h("strong", {}, changes.length ? "Saved. What changed:" : "Saved. Nothing was different."));
      fill(done, h("div", { class: "success", role: "status" }, heading, changes.length > 0 && h("ul", {}, changes.map((c) => h("li", {}, c))),
        changes.length > 0 && after && h("p", {}, after)));
      heading.focus();
    },
  });
  return h("section", { class: "panel settings-part", id, "aria-labelledby": headingId },
    h("h2", { id: headingId }, title), intro && h("p", {}, intro), ...extra, form);
}

function differences(before, after, labels, path = "") {
  const out = [];
  for (const key of new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])) {
    const [a, b] = [before?.[key], after?.[key]];
    const name = path ? `${path}.${key}` : key;
    if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a)) out.push(...differences(a, b, labels, name));
    else if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${labels(name)}: ${shown(a)} → ${shown(b)}`);
  }
  return out;
}

function shown(value) {
  if (value == null || value === "") return "(none)";
  if (value === "customer") return "shown to customers";
  if (value === "internal") return "staff only";
  if (Array.isArray(value)) return value.length ? value.map((v) => (typeof v === "object" ? v.name ?? JSON.stringify(v) : v)).join(", ") : "(none)";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function named(name, input) {
  return { ...input, name };
}

// -- branding -----------------------------------------------------------------------------------

function brandingPart(state) {
  const b = state.settings.branding;
  const text = (name, label, hint, attrs = {}) => named(name, field(label, { name, value: b[name] ?? "", autocomplete: "off", ...attrs }, hint));
  const name = text("company_name", "Company name", null, { maxlength: "200" });
  const tagline = text("tagline", "Tagline (optional)", "A few words under the name, such as “Family owned since 1987”.", { maxlength: "200" });
  const logo = text("logo_url", "Logo address (optional)", "An https:// address of your logo image, or a path on the portal such as /img/logo.svg.", { maxlength: "2000" });
  const upload = logoUpload(state, logo, () => draw());
  const primary = colour("primary_color", "Main colour", b.primary_color, "The header, links and outlined buttons.", "text");
  const accent = colour("accent_color", "Second colour", b.accent_color, "The main buttons customers press, such as Pay and Book.", "fill");
  const phone = text("phone", "Phone (optional)", "Shown on every page and email, as a link to call.", { type: "tel" });
  const email = text("email", "Email (optional)", null, { type: "email" });
  const website = text("website", "Website (optional)", "Starting with https://", { type: "url" });
  const address = text("address", "Address (optional)", null, { maxlength: "300" });
  const hours = text("hours", "Opening hours (optional)", "Such as “Mon–Fri 7am–5pm”.", { maxlength: "200" });
  const preview = h("div", { class: "brand-preview", "aria-label": "Preview" });
  const draw = () => drawPreview(preview, {
    company_name: name.input.value.trim() || "Your company", tagline: tagline.input.value.trim(), logo_url: logo.input.value.trim(),
    primary_color: primary.value(), accent_color: accent.value(), phone: phone.input.value.trim(),
  });
  for (const f of [name, tagline, logo, phone]) f.input.addEventListener("input", draw);
  for (const c of [primary, accent]) c.onChange(draw);
  draw();
  const labels = (path) => ({ company_name: "Company name", tagline: "Tagline", logo_url: "Logo", primary_color: "Main colour",
    accent_color: "Second colour", phone: "Phone", email: "Email", website: "Website", address: "Address", hours: "Opening hours" })[path] ?? path;
  return part(state, {
    id: "branding", title: "Branding", intro: "Your name, logo, colours and how customers reach you, on every page and email.",
    fields: [name, tagline, logo, primary, accent, phone, email, website, address, hours],
    extra: [h("h3", {}, "Preview"), preview, upload],
    after: "Customers’ pages show it within a minute.",
    labels,
    patch() {
      if (!name.input.value.trim()) return showFieldError(name.input, "Enter your company’s name as customers know it.");
      for (const c of [primary, accent]) if (!c.passes()) return showFieldError(c.input, c.problem());
      const value = (f) => f.input.value.trim() || null;
      return { branding: { company_name: name.input.value.trim(), tagline: value(tagline), logo_url: value(logo), primary_color: primary.value(),
        accent_color: accent.value(), phone: value(phone), email: value(email), website: value(website), address: value(address), hours: value(hours) } };
    },
  });
}

/** "Upload a logo": the file goes to the portal at once and becomes the branding's logo. */
function logoUpload(state, logoField, redraw) {
  const input = h("input", { type: "file", id: uid("logo-file"), accept: "image/png,image/jpeg,image/webp" });
  const alert = alertSlot();
  const done = h("p", { role: "status" });
  const button = h("button", { type: "button", class: "button button-secondary" }, "Upload this logo");
  const box = h("div", { class: "field logo-upload" });
  button.addEventListener("click", async () => {
    if (button.getAttribute("aria-disabled")) return;
    clearErrors(box);
    alert.replaceChildren();
    done.textContent = "";
    const file = input.files?.[0];
    if (!file) return showFieldError(input, "Choose a PNG, JPEG or WebP image first.");
    if (!["image/png", "image/jpeg", "image/webp"].includes(file.type)) return showFieldError(input, "This file is not a PNG, JPEG or WebP image. Please choose one of those.");
    if (file.size > 256 * 1024) return showFieldError(input, `This image is ${Math.ceil(file.size / 1024)} KB; a logo can be at most 256 KB.`);
    button.textContent = "Uploading…";
    button.setAttribute("aria-disabled", "true");
    const data = await new Promise((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result).split(",")[1] ?? "");
      reader.onerror = () => resolve("");
      reader.readAsDataURL(file);
    });
    const { ok, data: answer } = await api("POST", "/api/admin/settings/logo", { content_type: file.type, data });
    button.textContent = "Upload this logo";
    button.removeAttribute("aria-disabled");
    if (!ok) return showFieldError(input, answer.details?.[0]?.message ?? answer.message ?? "The logo could not be uploaded. Please try again.");
    state.settings = answer;
    logoField.input.value = answer.branding.logo_url;
    redraw();
    done.textContent = "Uploaded: it is your logo now. Customers’ pages show it within a minute.";
  });
  return fill(box,
    h("label", { for: input.id }, "Upload a logo"),
    h("p", { class: "hint" }, "A PNG, JPEG or WebP image of at most 256 KB, ideally square. It is saved at once."),
    input, alert, h("div", { class: "actions" }, button), done);
}

/**
 * A colour picker and its hex code, with its WCAG AA check. The main colour is also used on white
 * (links, outlined buttons): it needs 4.5:1 there. The second colour fills buttons: the text on it
 * (white or black, whichever reads better) needs 4.5:1, and the button 3:1 against the white page.
 */
function colour(name, label, value, hint, use) {
  const id = uid("colour");
  const picker = h("input", { type: "color", value, "aria-label": `Pick the ${label.toLowerCase()}`, class: "colour-pick" });
  const input = h("input", { id, name, type: "text", value, maxlength: "7", autocomplete: "off", spellcheck: "false", class: "input-short", "aria-describedby": `${id}-hint ${id}-check` });
  const check = h("p", { id: `${id}-check`, class: "contrast-check", "aria-live": "polite" });
  const listeners = [];
  const current = () => (/^#[0-9a-f]{6}$/i.test(input.value.trim()) ? input.value.trim().toLowerCase() : null);
  const measure = () => {
    const hex = current();
    const onWhite = contrast(hex, "#ffffff");
    const text = Math.max(onWhite, contrast(hex, "#000000"));
    return use === "text" ? { ok: onWhite >= AA, words: `On white: ${onWhite.toFixed(1)}:1`, needs: `${AA}:1 for links and outlines` }
      : { ok: text >= AA && onWhite >= 3, words: `Text on it: ${text.toFixed(1)}:1; against white: ${onWhite.toFixed(1)}:1`, needs: `${AA}:1 for the text and 3:1 against white` };
  };
  const update = () => {
    const hex = current();
    if (!hex) fill(check, "Enter a colour code such as #1f5f8b.");
    else {
      const m = measure();
      fill(check, paint(h("span", { class: "swatch" }), { background: hex }), `${m.words}, `,
        m.ok ? h("strong", {}, "passes WCAG AA") : h("strong", { class: "fails" }, `fails WCAG AA (needs ${m.needs}): choose a darker colour`));
    }
    listeners.forEach((fn) => fn());
  };
  picker.addEventListener("input", () => {
    input.value = picker.value;
    update();
  });
  input.addEventListener("input", () => {
    if (current()) picker.value = current();
    update();
  });
  update();
  const el = h("div", { class: "field" }, h("label", { for: id }, label), h("p", { class: "hint", id: `${id}-hint` }, hint),
    h("div", { class: "colour-row" }, picker, input), check);
  return {
    el, input, name, value: () => current() ?? input.value.trim(),
    passes: () => Boolean(current()) && measure().ok,
    problem: () => (current() ? "This colour is too light to read well (WCAG AA). Choose a darker one." : "Enter a colour code such as #1f5f8b."),
    onChange: (fn) => listeners.push(fn),
  };
}

function drawPreview(box, b) {
  const onPrimary = contrast(b.primary_color, "#ffffff") >= contrast(b.primary_color, "#000000") ? "#ffffff" : "#000000";
  const onAccent = contrast(b.accent_color, "#ffffff") >= contrast(b.accent_color, "#000000") ? "#ffffff" : "#000000";
  const logo = () => (/^(https:\/\/|\/(?!\/))/.test(b.logo_url) ? h("img", { src: b.logo_url, alt: "" }) : null);
  const head = () => paint(h("div", { class: "preview-head" }, logo(), h("strong", {}, b.company_name)), { background: b.primary_color, color: onPrimary });
  fill(box,
    h("figure", { class: "preview-page" }, h("figcaption", {}, "The customer’s dashboard"),
      h("div", { class: "preview-frame" }, head(),
        h("div", { class: "preview-body" },
          b.tagline && h("p", { class: "hint" }, b.tagline),
          h("p", {}, h("strong", {}, "12 Oak Street")),
          h("p", {}, "Next pump-out due ", h("strong", {}, "in 4 months")),
          paint(h("span", { class: "preview-button" }, "Book a pump-out"), { background: b.accent_color, color: onAccent }),
          h("p", {}, paint(h("span", { class: "preview-link" }, "See your service history"),
            { color: contrast(b.primary_color, "#f4f6f8") >= AA ? b.primary_color : "#1f5f8b" }))))),
    h("figure", { class: "preview-page" }, h("figcaption", {}, "An email"),
      h("div", { class: "preview-frame" }, head(),
        h("div", { class: "preview-body" },
          h("p", {}, "Hello Alex,"),
          h("p", {}, "Your septic pump-out is due next month."),
          paint(h("span", { class: "preview-button" }, "Book a visit"), { background: b.primary_color, color: onPrimary }),
          h("p", { class: "hint" }, b.company_name, b.phone && ` · ${formatPhone(b.phone)}`)))));
}

// -- what customers see -------------------------------------------------------------------------

function visibilityPart(state) {
  const v = state.settings.visibility_defaults;
  const choice = (name, label, hint, value) => {
    const f = named(name, field(label, { name }, hint, "select"));
    f.input.append(h("option", { value: "customer", selected: value === "customer" }, "Shown to customers"),
      h("option", { value: "internal", selected: value !== "customer" }, "Staff only"));
    return f;
  };
  const details = SHOWN.map(([key, label, hint]) => choice(key, label, hint, v[key]));
  const docs = DOCUMENTS.map(([key, label]) => choice(`documents.${key}`, label, null, v.documents[key]));
  const labels = (path) => Object.fromEntries([...SHOWN.map(([k, l]) => [k, l]), ...DOCUMENTS.map(([k, l]) => [`documents.${k}`, l])])[path] ?? path;
  return part(state, {
    id: "visibility_defaults", title: "What customers see",
    intro: "Dates, services, appointments and invoices are always shown to the customer. For the rest, choose what they see when a record does not say. Anything your software marks internal stays staff-only, and drafts never show.",
    fields: [...details, h("h3", {}, "Documents"), h("p", { class: "hint" }, "Only final documents show; a draft never does."), ...docs],
    labels,
    patch: () => ({ visibility_defaults: {
      ...Object.fromEntries(details.map((f) => [f.name, f.input.value])),
      documents: Object.fromEntries(docs.map((f) => [f.name.split(".")[1], f.input.value])),
    } }),
  });
}

// -- booking ------------------------------------------------------------------------------------

function bookingPart(state) {
  const bk = state.settings.booking;
  const types = bk.service_types.map((type) => serviceType(type));
  const num = (name, label, hint, min, max) => named(name, field(label, { name, type: "number", inputmode: "numeric", min, max, value: String(bk[name]), class: "input-short" }, hint));
  const lead = num("lead_time_hours", "Lead time (hours)", "How soon the earliest time can be booked.", "0", "720");
  const horizon = num("horizon_days", "How far ahead (days)", "The latest day customers can book.", "1", "365");
  const cutoff = num("cutoff_hours", "Change cutoff (hours)", "Until how long before a visit customers may move or cancel it online.", "0", "720");
  const time = (name, label, value) => named(name, field(label, { name, type: "time", value, class: "input-short" }));
  const windows = ["morning", "afternoon"].flatMap((w) => [time(`windows.${w}.start`, `${w === "morning" ? "Morning" : "Afternoon"} starts`, bk.windows[w].start),
    time(`windows.${w}.end`, `${w === "morning" ? "Morning" : "Afternoon"} ends`, bk.windows[w].end)]);
  const blackouts = named("blackout_dates", field("Closed days", { name: "blackout_dates", rows: "4" }, "One date a line, year-month-day, such as 2026-12-25. Nothing can be booked on them.", "textarea"));
  blackouts.input.value = bk.blackout_dates.join("\n");
  const dispatcher = named("dispatcher_email", field("Dispatcher’s email", { name: "dispatcher_email", type: "email", value: bk.dispatcher_email ?? "" }, "Booking requests and changes are emailed here, with links to confirm or decline."));
  const labels = (path) => path.replace(/_/g, " ");
  return part(state, {
    id: "booking", title: "Booking",
    intro: "Which services customers can book online, how, and when.",
    fields: [h("h3", {}, "Services"), ...types.map((t) => t.el), h("h3", {}, "Rules"), lead, horizon, cutoff,
      h("div", { class: "choice-row" }, windows[0].el, windows[1].el), h("div", { class: "choice-row" }, windows[2].el, windows[3].el),
      blackouts, dispatcher],
    labels,
    patch() {
      const dates = blackouts.input.value.split(/\s+/).filter(Boolean);
      const wrong = dates.find((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d));
      if (wrong) return showFieldError(blackouts.input, `“${wrong}” is not a date as year-month-day, such as 2026-12-25.`);
      const w = (i) => windows[i].input.value;
      return { booking: {
        service_types: types.map((t) => t.value()),
        lead_time_hours: Number(lead.input.value), horizon_days: Number(horizon.input.value), cutoff_hours: Number(cutoff.input.value),
        windows: { morning: { start: w(0), end: w(1) }, afternoon: { start: w(2), end: w(3) } },
        blackout_dates: dates, dispatcher_email: dispatcher.input.value.trim() || null,
      } };
    },
  });
}

function serviceType(type) {
  const mode = field(`${type.name}: how customers book it`, { name: `mode-${type.id}` }, null, "select");
  mode.input.append(...MODES.map(([value, text]) => h("option", { value, selected: type.mode === value }, text)));
  const cells = {};
  const grid = h("table", { class: "capacity-grid" },
    h("caption", {}, `${type.name}: jobs per arrival window`),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Day"), h("th", { scope: "col" }, "Morning"), h("th", { scope: "col" }, "Afternoon"))),
    h("tbody", {}, WEEKDAYS.map(([day, short]) => h("tr", {}, h("th", { scope: "row" }, short), ["morning", "afternoon"].map((w) => {
      const input = h("input", { type: "number", inputmode: "numeric", min: "0", max: "50", value: String(type.capacity?.[day]?.[w] ?? 0),
        "aria-label": `${type.name}, ${short} ${w}` });
      cells[`${day}.${w}`] = input;
      return h("td", {}, input);
    })))));
  const gridBox = h("div", { class: "table-wrap" }, grid);
  const show = () => { gridBox.hidden = mode.input.value !== "instant"; };
  mode.input.addEventListener("change", show);
  show();
  return {
    el: h("div", { class: "service-type" }, mode.el, gridBox),
    value() {
      const capacity = {};
      for (const [key, input] of Object.entries(cells)) {
        const [day, w] = key.split(".");
        const n = Number(input.value);
        if (n > 0) (capacity[day] ??= {})[w] = n;
      }
      return { id: type.id, name: type.name, mode: mode.input.value, capacity };
    },
  };
}

// -- payments -----------------------------------------------------------------------------------

function paymentsPart(state) {
  const bank = h("input", { type: "checkbox", id: uid("bank"), name: "bank_account", checked: state.settings.payments.bank_account });
  const autopay = named("autopay", field("Who may set up autopay", { name: "autopay" },
    "Customers already on autopay stay on it whatever you choose here.", "select"));
  autopay.input.append(
    h("option", { value: "maintenance_agreement", selected: state.settings.payments.autopay !== "everyone" }, "Customers on a maintenance agreement"),
    h("option", { value: "everyone", selected: state.settings.payments.autopay === "everyone" }, "Every customer"));
  return part(state, {
    id: "payments", title: "Payments",
    intro: "Customers can always pay an invoice by card. Who is on a maintenance agreement is what your own software says.",
    fields: [h("div", { class: "field" }, h("label", { class: "toggle" }, bank, "Also let customers pay from a US bank account (ACH: takes 3 to 5 business days to clear)")), autopay],
    labels: (path) => ({ bank_account: "Bank account payments", autopay: "Who may set up autopay" })[path] ?? path,
    patch: () => ({ payments: { bank_account: bank.checked, autopay: autopay.input.value } }),
    after: "Customers’ pages show it within a minute.",
  });
}

// -- reminders ----------------------------------------------------------------------------------

function remindersPart(state) {
  const r = state.settings.reminders;
  const days = named("days_before", field("Days before the due date", { name: "days_before", value: r.days_before.join(", "), autocomplete: "off" }, "Each reminder goes once, such as 90, 30, 7. None goes while the service is booked."));
  const overdue = h("input", { type: "checkbox", name: "overdue", checked: r.overdue });
  const byEmail = h("input", { type: "checkbox", id: uid("by-email"), name: "email", checked: r.channels.includes("email") });
  const byText = h("input", { type: "checkbox", id: uid("by-text"), name: "sms", checked: r.channels.includes("sms") });
  const channels = h("fieldset", { class: "field", id: uid("channels") }, h("legend", { class: "group-legend" }, "Send them by"),
    h("p", { class: "hint" }, "Each customer gets them on those of these their own preferences allow."),
    h("label", { class: "toggle" }, byEmail, "Email"), h("label", { class: "toggle" }, byText, "Text message"));
  return part(state, {
    id: "reminders", title: "Reminders", intro: "Emails and texts that tell customers their service is coming due.",
    fields: [days, h("div", { class: "field" }, h("label", { class: "toggle" }, overdue, "Also remind once when it is overdue")), channels],
    labels: (path) => ({ days_before: "Days before", overdue: "Overdue reminder", channels: "Sent by" })[path] ?? path,
    patch() {
      const parts = days.input.value.split(/[\s,]+/).filter(Boolean);
      if (parts.some((p) => !/^\d+$/.test(p))) return showFieldError(days.input, "Enter whole numbers of days, separated by commas, such as 90, 30, 7.");
      if (!byEmail.checked && !byText.checked) return showFieldError(byEmail, "Choose email, text messages or both.");
      return { reminders: { days_before: parts.map(Number), overdue: overdue.checked,
        channels: [byEmail.checked && "email", byText.checked && "sms"].filter(Boolean) } };
    },
  });
}

