// The profile ("/profile", F12): contact details (a new email takes effect from a link sent to it),
// mailing address, notes for the technician and the household size per property, which messages we send, and the account
// (password, sign out everywhere). The sections are one form with one Save (one PATCH /api/me
// with whatever changed), so an edit in one section is never lost by saving another.
import { accountSection } from "../account.js";
import { formatPhone } from "../branding.js";
import { call, get, showProblem } from "../customer.js";
import { h } from "../dom.js";
import { alertSlot, field, showFieldError, submitForm } from "../forms.js";
import { currentSession } from "../session.js";

const STATE = /^[A-Za-z]{2}$/;
const ZIP = /^\d{5}(-\d{4})?$/;
const NOTES_MAX = 1000;
const NO_CHANGES = "Nothing has changed, so there was nothing to save.";

export async function render(main, ctx) {
  ctx.setTitle("Your profile");
  const [session, me] = await Promise.all([currentSession(), get("/api/me")]);
  if (!me.ok) return showProblem(main, "Your profile", me.data);
  const profile = { current: me.data };
  const sections = [
    ["contact", "Contact details", contactSection],
    ["mailing-address", "Mailing address", addressSection],
    ["site-access", "Site access", accessSection],
    ["household", "Household", householdSection],
    ["messages", "Messages", messagesSection],
  ].map(([id, title, build]) => ({ id, title, ...build(id, title, profile) }));
  main.replaceChildren(
    h("h1", {}, "Your profile"),
    h("p", { class: "lead" }, "How we reach you, and what our technician should know."),
    h(
      "nav",
      { class: "on-this-page", "aria-label": "On this page" },
      h("ul", {}, [...sections.map(({ id, title }) => [id, title]), ...(session ? [["account", "Account"]] : [])].map(([id, title]) => h("li", {}, h("a", { href: `#${id}` }, title)))),
    ),
    profileForm(sections),
    session && accountSection(session),
  );
  // A link to a section ("/profile#site-access"): the browser looked for it before it existed.
  // Once the page is shown (it stays hidden until render() returns), go there.
  const target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
  const heading = target?.querySelector("h2");
  if (!heading) return;
  setTimeout(() => {
    target.scrollIntoView();
    heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
  });
}

/** A section whose saved() speaks only when the body carried one of its fields. */
function editSection(id, title, { intro, content, field: key, inputs, request, saved }) {
  return {
    el: panel(id, title, intro, content),
    inputs,
    request,
    saved: (data, body) => {
      const sentence = saved(data, body);
      return key in body ? sentence : null;
    },
  };
}

/** A section of the one profile form: its heading, intro and fields. */
function panel(id, title, intro, content) {
  const headingId = `${id}-heading`;
  return h("section", { class: "panel", id, "aria-labelledby": headingId }, h("h2", { id: headingId }, title), intro && h("p", {}, intro), content);
}

/**
 * The one form. Each section gives request() → its part of the body (null after showing a problem,
 * {} when unchanged), saved(answer, body) → a sentence or null, and inputs (API field → input).
 */
function profileForm(sections) {
  const alert = alertSlot();
  const status = h("div", { role: "status" });
  const button = h("button", { type: "submit", class: "button button-large" }, "Save changes");
  const form = h("form", { novalidate: true, "aria-label": "Your profile" }, sections.map((section) => section.el),
    h("div", { class: "panel" }, alert, status, h("div", { class: "actions" }, button)));
  let dirty = false;
  form.addEventListener("input", () => { dirty = true; });
  addEventListener("beforeunload", (event) => {
    if (dirty) event.preventDefault();  // the browser asks before unsaved changes are lost
  });
  // A reauth_required answer names no field, so it goes in the alert: nothing was saved, and the
  // fresh link brings the customer back here to save again.
  submitForm(form, {
    button, alert, busy: "Saving…", fields: Object.assign({}, ...sections.map((section) => section.inputs)),
    check() {
      status.replaceChildren();
      // Checked last to first, so the focus ends on the first field with a problem.
      const parts = [...sections].reverse().map((section) => section.request()).reverse();
      if (parts.some((part) => part === null)) return null;
      const body = Object.assign({}, ...parts);
      if (Object.keys(body).length) return body;
      status.replaceChildren(h("p", { class: "success" }, NO_CHANGES));
      return null;
    },
    send: (body) => call("PATCH", "/api/me", body),
    sent(data, body) {
      dirty = false;
      const said = sections.map((section) => section.saved(data, body)).filter(Boolean);
      status.replaceChildren(...said.map((sentence) => h("p", { class: "success" }, sentence)));
    },
  });
  return form;
}

function contactSection(id, title, profile) {
  const me = profile.current;
  const email = field(
    "Email",
    { type: "email", name: "email", autocomplete: "email", autocapitalize: "none", spellcheck: "false", value: me.email ?? "" },
    "If you change it, we’ll send a link to the new address. Your email changes when you open it.",
  );
  const phone = field(
    "Mobile phone",
    { type: "tel", name: "phone", autocomplete: "tel", value: formatPhone(me.phone) ?? "" },
    "For text messages and calls about your visits. For example: (555) 123-4567",
  );
  const pending = h("div");
  const showPending = (current) => pending.replaceChildren(
    current.pending_email ? h("p", { class: "notice" }, pendingText(current.pending_email)) : "",
    current.pending_phone ? h("p", { class: "notice" }, pendingPhoneText(current.pending_phone)) : "",
  );
  showPending(me);
  const shownPhone = () => formatPhone(profile.current.phone) ?? "";
  const inputs = { email: email.input, phone: phone.input };
  return {
    el: panel(id, title, null, [email.el, phone.el, pending]),
    inputs,
    request() {
      const body = {};
      const newEmail = email.input.value.trim();
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(newEmail)) {
        showFieldError(email.input, newEmail ? "That doesn’t look like an email address. Check it, for example name@example.com." : "Enter your email address.");
        return null;
      }
      if (newEmail.toLowerCase() !== (profile.current.email ?? "").toLowerCase()) body.email = newEmail;
      const newPhone = phone.input.value.trim();
      if (newPhone !== shownPhone()) body.phone = newPhone;
      return body;
    },
    saved(data, body) {
      profile.current = data;
      email.input.value = data.email ?? "";
      phone.input.value = shownPhone();
      showPending(data);
      const said = [];
      if (body.email && data.pending_email) said.push(pendingText(data.pending_email));
      if (body.phone && data.pending_phone) said.push(pendingPhoneText(data.pending_phone));
      else if ("phone" in body) said.push("Your phone number is saved.");
      return said.join(" ") || null;
    },
  };
}

function pendingPhoneText(number) {
  return `We texted a link to ${formatPhone(number) ?? number}. Open it on that phone to start using this number; until then we keep using the one above.`;
}

function pendingText(address) {
  return `We sent a confirmation link to ${address}. Your email changes when you open it.`;
}

function addressSection(id, title, profile) {
  const address = profile.current.mailing_address ?? {};
  const text = (label, name, autocomplete, extra = {}, hint = null) =>
    field(label, { type: "text", name, autocomplete, value: address[name] ?? "", ...extra }, hint);
  const parts = {
    line1: text("Street address", "line1", "address-line1"),
    line2: text("Apartment, suite or unit (optional)", "line2", "address-line2"),
    city: text("City", "city", "address-level2"),
    state: text("State", "state", "address-level1", { class: "input-short", maxlength: "2", autocapitalize: "characters" }, "2 letters, for example IL"),
    zip: text("ZIP code", "zip", "postal-code", { class: "input-short", inputmode: "numeric", maxlength: "10" }),
  };
  const inputs = Object.fromEntries(Object.entries(parts).map(([name, part]) => [`mailing_address.${name}`, part.input]));
  return editSection(id, title, {
    intro: "Where we send letters and paper copies.",
    content: Object.values(parts).map((part) => part.el),
    field: "mailing_address",
    inputs: { ...inputs, mailing_address: parts.line1.input },
    request() {
      const value = Object.fromEntries(Object.entries(parts).map(([name, part]) => [name, part.input.value.trim()]));
      // No address on file and none typed: the other sections still save.
      if (!Object.values(value).some(Boolean) && !profile.current.mailing_address) return {};
      const problems = [
        ["zip", !ZIP.test(value.zip), "Enter the 5-digit ZIP code, for example 62704."],
        ["state", !STATE.test(value.state), "Enter the 2-letter state code, for example IL."],
        ["city", !value.city, "Enter the city."],
        ["line1", !value.line1, "Enter the street address, for example 12 Oak Street."],
      ].filter(([, bad]) => bad);
      // Shown last to first, so the focus ends in the first field with a problem.
      for (const [name, , message] of problems) showFieldError(parts[name].input, message);
      if (problems.length) return null;
      const wanted = { ...value, state: value.state.toUpperCase(), line2: value.line2 || null };
      const current = profile.current.mailing_address ?? {};
      const same = Object.keys(wanted).every((name) => (wanted[name] ?? "") === (current[name] ?? ""));
      return same ? {} : { mailing_address: wanted };
    },
    saved(data) {
      profile.current = data;
      return "Your mailing address is saved.";
    },
  });
}

function accessSection(id, title, profile) {
  const properties = profile.current.properties ?? [];
  if (!properties.length) {
    return {
      el: panel(id, title, null, h("p", {}, "We don’t have a property on file for you yet. Please call us and we’ll add it.")),
      inputs: {},
      request: () => ({}),
      saved: () => null,
    };
  }
  const notes = properties.map((property) => ({
    property,
    part: field(
      property.label,
      { name: `access-${property.id}`, rows: "4", maxlength: String(NOTES_MAX), autocomplete: "off" },
      "Gate code, dogs, where the lids are, anything our technician should know",
      "textarea",
    ),
  }));
  for (const { property, part } of notes) part.input.value = property.access_notes ?? "";
  return editSection(id, title, {
    intro: properties.length > 1 ? "Our technician reads these before each visit. One note for each property." : "Our technician reads this before each visit.",
    content: notes.map(({ part }) => part.el),
    field: "access_notes",
    inputs: Object.fromEntries(notes.map(({ property, part }) => [`access_notes.${property.id}`, part.input])),
    request() {
      const changed = notes.filter(({ property, part }) => part.input.value.trim() !== (property.access_notes ?? "").trim());
      return changed.length ? { access_notes: Object.fromEntries(changed.map(({ property, part }) => [property.id, part.input.value.trim()])) } : {};
    },
    saved(data) {
      profile.current = data;
      const byId = new Map((data.properties ?? []).map((p) => [p.id, p]));
      for (const entry of notes) {
        entry.property = byId.get(entry.property.id) ?? entry.property;
        entry.part.input.value = entry.property.access_notes ?? "";
      }
      return properties.length > 1 ? "Your site access notes are saved." : "Your site access note is saved.";
    },
  });
}

/** How many people live at each property (1-20): with the tank size it sets when a pump-out is due. */
function householdSection(id, title, profile) {
  const properties = profile.current.properties ?? [];
  if (!properties.length) return { el: panel(id, title, null, null), inputs: {}, request: () => ({}), saved: () => null };
  const sizes = properties.map((property) => ({
    property,
    part: field(
      properties.length > 1 ? `People living at ${property.label}` : "People living there",
      { type: "number", name: `household-${property.id}`, inputmode: "numeric", min: "1", max: "20", step: "1", class: "input-short", value: property.household_size ?? "" },
      "Leave it empty if you’d rather not say.",
    ),
  }));
  const shown = (property) => (property.household_size == null ? "" : String(property.household_size));
  return editSection(id, title, {
    intro: "With your tank size, this tells us how often your tank needs pumping, so our reminders fit your home.",
    content: sizes.map(({ part }) => part.el),
    field: "household_size",
    inputs: Object.fromEntries(sizes.map(({ property, part }) => [`household_size.${property.id}`, part.input])),
    request() {
      const body = {};
      const problems = [];
      for (const { property, part } of sizes) {
        const typed = part.input.value.trim();
        if (typed === shown(property)) continue;
        const people = Number(typed);
        if (typed && !(Number.isInteger(people) && people >= 1 && people <= 20)) problems.push(part.input);
        else body[property.id] = typed ? people : null;
      }
      // Shown last to first, so the focus ends in the first field with a problem.
      for (const input of problems.reverse()) showFieldError(input, "Enter how many people live there, from 1 to 20, or leave it empty.");
      if (problems.length) return null;
      return Object.keys(body).length ? { household_size: body } : {};
    },
    saved(data) {
      profile.current = data;
      const byId = new Map((data.properties ?? []).map((p) => [p.id, p]));
      for (const entry of sizes) {
        entry.property = byId.get(entry.property.id) ?? entry.property;
        entry.part.input.value = shown(entry.property);
      }
      return properties.length > 1 ? "Your household sizes are saved." : "Your household size is saved.";
    },
  });
}

function messagesSection(id, title, profile) {
  const preferences = profile.current.preferences ?? {};
  const phone = profile.current.phone;
  // What each choice means in words (kinds of message: chalicelib/customer/messages.py).
  const choices = [
    ["email", "Email", "Visit summaries, invoices and “on the way” notices by email."],
    ["sms", "Text messages", phone ? `The same notices by text to ${formatPhone(phone)}. Reply STOP to any text to stop them all.` : "Add a mobile number under Contact details to get texts."],
    ["reminders", "Service reminders by email or text", "A note before your next service is due, sent the ways you chose above."],
  ].map(([name, label, hint]) => {
    const hintId = `messages-${name}-hint`;
    const input = h("input", { type: "checkbox", name, checked: preferences[name] === true, "aria-describedby": hintId });
    const el = h("div", { class: "field" }, h("label", { class: "toggle" }, input, label), h("p", { class: "hint", id: hintId }, hint));
    return { name, input, el };
  });
  return editSection(id, title, {
    intro: "Receipts, answers about your bookings and sign-in links always come, whatever you choose here.",
    content: h("fieldset", {}, h("legend", {}, "Choose how we keep in touch"), choices.map((choice) => choice.el)),
    field: "preferences",
    inputs: {},
    request() {
      const chosen = Object.fromEntries(choices.map(({ name, input }) => [name, input.checked]));
      const current = profile.current.preferences ?? {};
      return choices.some(({ name }) => chosen[name] !== (current[name] === true)) ? { preferences: chosen } : {};
    },
    saved(data) {
      profile.current = data;
      for (const { name, input } of choices) input.checked = data.preferences?.[name] === true;
      return "Your message settings are saved.";
    },
  });
}
