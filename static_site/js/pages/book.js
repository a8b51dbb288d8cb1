// Book service ("/book", F11). The customer chooses the property and the service; then, for a
// service booked online at once ("instant"), one of the real free times, or, for one the office
// confirms ("request"), up to three dates that would suit. "?property=" and "?service=" choose for
// them (the dashboard's "Book a pump-out" uses both).
//
// Every attempt at a booking carries an Idempotency-Key: a double click or a retry after a lost
// answer books once. The key stays while the form stays as it is and is new once anything changes.
import {
  appointmentText, choiceText, clearAllErrors, deadlineText, groupError, newKey, phoneLink, slotPicker, windowTimes,
} from "../booking.js";
import { fillBrand } from "../branding.js";
import { call, get, showProblem } from "../customer.js";
import { fill, h } from "../dom.js";
import { count, longDate } from "../format.js";
import { alertSlot, field, focusHeading, showAlert, showFieldError, submitForm, uid } from "../forms.js";

const TITLE = "Book service";
const MAX_CHOICES = 3;
const NOTES_MAX = 1000;
const ORDINALS = ["First", "Second", "Third"];
// The service types that can be booked online, by mode: how each works, in words, and its button.
const MODES = {
  instant: { note: "Choose a time now", button: "Book this time", busy: "Booking…" },
  request: { note: "Tell us when suits you; we confirm by email", button: "Send request", busy: "Sending…" },
};

export async function render(main, ctx) {
  ctx.setTitle(TITLE);
  const { ok, data } = await get("/api/booking/options");
  if (!ok) return showProblem(main, TITLE, data);
  const properties = Array.isArray(data.properties) ? data.properties : [];
  const types = Array.isArray(data.service_types) ? data.service_types : [];
  const bookable = types.filter((type) => type.mode in MODES);
  if (!properties.length || !bookable.length) return nothingToBook(main, properties.length > 0);
  const form = new BookingForm(main, ctx, data, properties, bookable, types.filter((type) => !(type.mode in MODES)));
  fill(
    main,
    h("h1", {}, TITLE),
    h("p", { class: "lead" }, "Choose the property and the service, then a time that suits you."),
    form.el,
    h("p", {}, h("a", { href: "/bookings" }, "See my bookings")),
  );
  await form.chooseService(ctx.query.get("service"));
}

class BookingForm {
  constructor(main, ctx, options, properties, bookable, byPhone) {
    this.main = main;
    this.ctx = ctx;
    this.options = options;
    this.key = null;
    this.generation = 0;
    this.details = null; // the part for the chosen service: { body() → its part of the request or null, show(field, message) }
    const wanted = ctx.query.get("property");
    this.property = radioGroup("property", "Property", properties.map((p) => ({ value: p.id, label: p.label })),
      properties.length === 1 ? properties[0].id : wanted);
    this.service = radioGroup("service", "Service", bookable.map((type) => ({ value: type.id, label: type.name, note: MODES[type.mode].note })), null);
    this.types = new Map(bookable.map((type) => [type.id, type]));
    this.part = h("div", { class: "booking-part" });
    this.alert = alertSlot();
    this.status = h("p", { role: "status", class: "booking-status" });
    this.button = h("button", { type: "submit", class: "button", hidden: true }, "Book this time");
    this.el = h(
      "form",
      { class: "booking-form", novalidate: true, "aria-label": TITLE },
      this.property.el,
      this.service.el,
      byPhone.length > 0 && h(
        "p",
        { class: "hint" },
        `${byPhone.map((type) => type.name).join(", ")}: please call us to book`,
        phoneLink(),
        ".",
      ),
      this.part,
      this.alert,
      h("div", { class: "actions" }, this.button),
      this.status,
    );
    // Anything changed: the next press is a new attempt, with a new key.
    for (const event of ["input", "change"]) this.el.addEventListener(event, () => this.formChanged());
    this.service.el.addEventListener("change", () => this.chooseService(this.service.value()));
    submitForm(this.el, {
      button: this.button, alert: this.alert, clear: clearAllErrors,
      busy: () => MODES[this.types.get(this.service.value()).mode].busy,
      check: () => this.request(),
      send: (body) => call("POST", "/api/booking-requests", body, { "Idempotency-Key": this.key }),
      sent: (data) => this.showBooked(data),
      failed: (data, status) => this.refused(data, status),
      fields: (name, message) => this.showField(name, message),
    });
  }

  formChanged() {
    this.key = null;
    this.duplicateOk = false;
  }

  async chooseService(id) {
    const type = this.types.get(id);
    if (!type) return;
    this.service.check(id);
    this.formChanged();
    this.button.textContent = MODES[type.mode].button;
    if (type.mode === "instant") await this.showSlots(type);
    else this.showPreferred(type);
  }

  async showSlots(type) {
    this.generation += 1;
    const mine = this.generation;
    this.details = null;
    this.button.hidden = true;
    this.part.replaceChildren();
    this.status.textContent = "Looking for free times…";
    const { ok, data } = await get(`/api/booking/slots?${new URLSearchParams({ service_type: type.id })}`);
    if (mine !== this.generation) return;
    this.status.textContent = "";
    if (!ok) {
      const again = h("button", { type: "button", class: "button button-secondary" }, "Look again");
      again.addEventListener("click", () => this.showSlots(type));
      fill(this.part, h("p", { class: "alert" }, data.message), h("div", { class: "actions" }, again));
      return;
    }
    const slots = Array.isArray(data.slots) ? data.slots : [];
    const picker = slotPicker(slots, { legend: "Choose a time" });
    if (!picker) {
      fill(
        this.part,
        h(
          "p",
          { class: "notice" },
          `We have no free times for a ${type.name.toLowerCase()} in the next few weeks. Please call us and we’ll fit you in`,
          phoneLink(": "),
          ".",
        ),
      );
      fillBrand(this.part);
      return;
    }
    fill(this.part, h("p", { class: "hint" }, "Our technician arrives during the time you choose."), picker.el);
    this.button.hidden = false;
    this.status.textContent = `${count(slots.length, "free time", "free times")} to choose from.`;
    this.details = {
      body: () => {
        const slot = picker.value();
        if (!slot) picker.showError("Choose a time.");
        return slot ? { slot_id: slot.id } : null;
      },
      show: (name, message) => {
        if (name !== "slot_id") return false;
        picker.showError(message);
        return true;
      },
    };
  }

  showPreferred(type) {
    this.generation += 1;
    const closed = closedWords(type?.working_week, this.options.blackout_dates, windowsOf(this.options));
    this.status.textContent = "";
    const { earliest_date: earliest, latest_date: latest } = this.options;
    const windows = Array.isArray(this.options.windows) ? this.options.windows : [];
    const rows = [];
    const list = h("div");
    const add = h("button", { type: "button", class: "button button-secondary" }, "Add another date");
    const notes = field(
      "Notes for us (optional)",
      { name: "notes", rows: "4", maxlength: String(NOTES_MAX) },
      "What needs doing, or anything else we should know.",
      "textarea",
    );

    const draw = () => {
      list.replaceChildren(...rows.map((row, i) => row.draw(i, rows.length > 1)));
      add.hidden = rows.length >= MAX_CHOICES;
    };
    const addRow = (focus) => {
      const row = choiceRow(earliest, latest, windows, closed, () => {
        rows.splice(rows.indexOf(row), 1);
        draw();
        this.formChanged();
        (rows.length < MAX_CHOICES ? add : rows.at(-1).date).focus();
      });
      rows.push(row);
      draw();
      if (focus) row.date.focus();
    };
    add.addEventListener("click", () => {
      addRow(true);
      this.formChanged();
    });
    addRow(false);

    const dates = earliest && latest ? ` between ${longDate(earliest)} and ${longDate(latest)}` : "";
    fill(
      this.part,
      h(
        "fieldset",
        { class: "field" },
        h("legend", { class: "group-legend" }, "When would suit you?"),
        h("p", { class: "hint" }, `Choose up to ${MAX_CHOICES} dates${dates}. ${weekWords(type?.working_week)}We’ll confirm one of them by email.`),
        list,
        h("div", { class: "actions" }, add),
      ),
      notes.el,
    );
    this.button.hidden = false;
    this.details = {
      body: () => {
        const problems = [];
        const seen = new Map(); // "date window" → the row that chose it first
        const preferred = rows.map((row, i) => {
          const choice = { date: row.date.value, window: row.time.value() };
          const same = seen.get(`${choice.date} ${choice.window}`);
          if (!choice.date) problems.push([row.date, rows.length > 1 ? "Choose a date, or remove this choice." : "Choose a date."]);
          else if ((earliest && choice.date < earliest) || (latest && choice.date > latest)) {
            problems.push([row.date, `Choose a date${dates}.`]);
          } else if (closed(choice.date, choice.window)) {
            problems.push([row.date, closed(choice.date, choice.window)]);
          } else if (same !== undefined) {
            problems.push([row.date, `This is the same as your ${ORDINALS[same].toLowerCase()} choice. Choose another date or time of day.`]);
          } else seen.set(`${choice.date} ${choice.window}`, i);
          return choice;
        });
        const text = notes.input.value.trim();
        if (text.length > NOTES_MAX) problems.push([notes.input, `Please keep the notes to ${NOTES_MAX} characters.`]);
        // Shown last to first, so the focus ends in the first field with a problem.
        for (const [input, message] of problems.reverse()) showFieldError(input, message);
        if (problems.length) return null;
        return text ? { preferred, notes: text } : { preferred };
      },
      show: (name, message) => {
        const blamed = /^preferred\[(\d+)\](?:\.(date|window))?$/.exec(name);
        const row = blamed ? rows[Number(blamed[1])] : name === "preferred" ? rows[0] : null;
        if (row && blamed?.[2] === "window") row.time.showError(message);
        else if (row) showFieldError(row.date, message);
        else if (name === "notes") showFieldError(notes.input, message);
        return Boolean(row) || name === "notes";
      },
    };
  }

  /** The body to send (every problem shown at once), or nothing. */
  request() {
    const property = this.property.value();
    const type = this.types.get(this.service.value());
    if (type && !this.details) return; // its times are still on their way, or there are none
    // Every problem at once, shown last to first, so the focus ends at the first one.
    const details = this.details?.body() ?? null;
    if (!type) this.service.showError("Choose a service.");
    if (!property) this.property.showError("Choose the property.");
    if (!property || !details) return;
    this.key ??= newKey();
    return { property_id: property, service_type: type.id, ...details, ...(this.duplicateOk && { confirm_duplicate: true }) };
  }

  /** A refusal this form answers itself (true): a second booking to confirm, a time just taken. */
  async refused(data, status) {
    const { alert } = this;
    if (data.code === "already_booked") {
      // Ask before booking the same service twice for one property.
      this.formChanged();
      const again = h("button", { type: "button", class: "button button-secondary" }, "Yes, book another");
      again.addEventListener("click", () => {
        this.duplicateOk = true;
        this.key = null;
        this.el.requestSubmit();
      });
      showAlert(alert, `${data.message} Book another?`);
      alert.append(h("div", { class: "actions" }, again));
      again.focus();
      return true;
    }
    if (data.code === "slot_full") {
      this.formChanged();
      await this.showSlots(this.types.get(this.service.value()));
      showAlert(alert, data.message);
      return true;
    }
    if (status === 409) this.formChanged();
    return false;
  }

  /** A 400 that names a field: the message beside it. False when the field is not on this form. */
  showField(name, message) {
    if (name === "property_id") this.property.showError(message);
    else if (name === "service_type") this.service.showError(message);
    else return this.details?.show(name, message) ?? false;
    return true;
  }

  showBooked(booking) {
    const confirmed = booking.status === "confirmed" && booking.appointment;
    const title = confirmed ? "You’re booked" : "Request sent";
    const heading = h("h1", {}, title);
    const deadline = deadlineText(booking.change_deadline);
    const windows = Array.isArray(this.options.windows) ? this.options.windows : [];
    const preferred = Array.isArray(booking.preferred) ? booking.preferred : [];
    fill(
      this.main,
      heading,
      h("p", { class: "success" }, confirmed ? "We’ve emailed you the details." : "We’ll email you when it’s confirmed."),
      h(
        "dl",
        { class: "facts" },
        fact("Service", booking.service_name),
        booking.property_label && fact("Property", booking.property_label),
        confirmed
          ? fact("When", appointmentText(booking.appointment))
          : fact("Dates you asked for", h("ul", { class: "plain" }, preferred.map((choice) => h("li", {}, choiceText(choice, windows))))),
      ),
      confirmed && deadline && h("p", {}, `You can cancel or move it on the My bookings page until ${deadline}.`),
      h(
        "div",
        { class: "actions" },
        h("a", { class: "button", href: "/bookings" }, "My bookings"),
        h("a", { class: "button button-secondary", href: "/dashboard" }, "Back to dashboard"),
      ),
    );
    this.ctx.setTitle(title);
    focusHeading(heading);
  }
}

function fact(term, detail) {
  return h("div", {}, h("dt", {}, term), h("dd", {}, detail));
}

/** Radio buttons as big options in a fieldset: { el, value(), check(value), showError(message) }. */
function radioGroup(name, legend, choices, checked) {
  const inputs = choices.map((choice) => h("input", { type: "radio", name, value: choice.value, checked: choice.value === checked }));
  const el = h(
    "fieldset",
    { class: "field" },
    h("legend", {}, legend),
    choices.map((choice, i) =>
      h("label", { class: "option" }, inputs[i], h("span", {}, choice.label, choice.note && h("span", { class: "option-note" }, choice.note))),
    ),
  );
  const current = () => inputs.find((input) => input.checked);
  return {
    el,
    value: () => current()?.value ?? null,
    check(value) {
      for (const input of inputs) input.checked = input.value === value;
    },
    showError(message) {
      groupError(el, message);
      (current() ?? inputs[0]).focus();
    },
  };
}

/** One preferred date and time of day, drawn again (keeping its values) when rows come and go. */
function choiceRow(earliest, latest, windows, closed, onRemove) {
  const dateField = field("Date", { type: "date", min: earliest, max: latest, required: true });
  const { input: date } = dateField;
  const time = radioGroup(
    uid("window"),
    "Time of day",
    windows.map((w) => ({ value: w.id, label: `${w.label}, ${windowTimes(w.start, w.end)}` })),
    windows[0]?.id,
  );
  // Say at once when the date is a day we don't work, rather than after sending.
  const check = () => {
    const error = document.getElementById(`${date.id}-error`);
    const problem = date.value ? closed(date.value, time.value()) : null;
    if (problem) showFieldError(date, problem);
    else if (error) {
      error.remove();
      date.removeAttribute("aria-invalid");
    }
  };
  date.addEventListener("change", check);
  time.el.addEventListener("change", () => date.value && check());
  const remove = h("button", { type: "button", class: "button button-secondary" });
  remove.addEventListener("click", onRemove);
  return {
    date,
    time,
    draw(i, removable) {
      const ordinal = ORDINALS[i] ?? `Choice ${i + 1}`;
      remove.textContent = `Remove ${ordinal.toLowerCase()} choice`;
      return h(
        "fieldset",
        { class: "choice-row" },
        h("legend", {}, `${ordinal} choice`),
        dateField.el,
        time.el,
        removable && remove,
      );
    },
  };
}

function nothingToBook(main, hasProperty) {
  fill(
    main,
    h("h1", {}, TITLE),
    h(
      "p",
      {},
      hasProperty
        ? "Our services can’t be booked online at the moment. Please call us"
        : "We don’t have a property on file for you yet. Please call us and we’ll add it",
      phoneLink(": "),
      ".",
    ),
    h("div", { class: "actions" }, h("a", { class: "button button-secondary", href: "/dashboard" }, "Back to dashboard")),
  );
}

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

function windowsOf(options) {
  return new Map((Array.isArray(options.windows) ? options.windows : []).map((w) => [w.id, w.label]));
}

/** "2026-11-28" → "sat" (the date's own weekday, whatever the browser's time zone). */
function weekdayOf(iso) {
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return WEEKDAYS[(day + 6) % 7];
}

/**
 * A function telling why a preferred date and window cannot be asked for (a day we don't work for
 * this service, or a blackout date), or null. The server checks the same (SPEC §9).
 */
function closedWords(week, blackouts, windowLabels) {
  const closedDays = new Set(Array.isArray(blackouts) ? blackouts : []);
  return (iso, window) => {
    if (!iso) return null;
    if (closedDays.has(iso)) return `We’re closed on ${longDate(iso)}. Please choose another date.`;
    if (!week) return null;
    const open = week[weekdayOf(iso)] ?? [];
    const name = WEEKDAY_NAMES[WEEKDAYS.indexOf(weekdayOf(iso))];
    if (!open.length) return `We don’t work on ${name}s, so we can’t come on ${longDate(iso)}. Please choose another date.`;
    if (window && !open.includes(window)) {
      const times = open.map((w) => (windowLabels.get(w) ?? w).toLowerCase()).join(" or ");
      return `On ${name}s we only come in the ${times}. Please choose that time, or another date.`;
    }
    return null;
  };
}

/** "We work Monday to Friday. " from the service's working week ("" when every day is open). */
function weekWords(week) {
  if (!week) return "";
  const days = WEEKDAYS.filter((d) => (week[d] ?? []).length);
  if (days.length === 7 || !days.length) return "";
  const names = days.map((d) => WEEKDAY_NAMES[WEEKDAYS.indexOf(d)]);
  const run = days.every((d, i) => i === 0 || WEEKDAYS.indexOf(d) === WEEKDAYS.indexOf(days[i - 1]) + 1);
  const list = run && names.length > 2 ? `${names[0]} to ${names.at(-1)}` : names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names[0];
  return `We work ${list}. `;
}
