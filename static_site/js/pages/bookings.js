// My bookings ("/bookings", F11): each booking with its status in words, the appointment (or the
// dates asked for), the technician and why a request was declined. Until the change deadline a
// booking can be cancelled (after a second, confirming press) and one booked online can be moved
// to another free time, right in its card; after it, the customer is asked to call. A visit the
// company's software put in (source "company") is listed among them, read-only: call us to change.
import { appointmentText, choiceText, clearAllErrors, deadlineText, phoneLink, slotPicker, statusBadge } from "../booking.js";
import { fillBrand } from "../branding.js";
import { call, get, showProblem } from "../customer.js";
import { fill, h } from "../dom.js";
import { alertSlot, focusHeading, isBusy, setBusy, showAlert, submitForm, uid } from "../forms.js";
import { visitProgress } from "../visit-progress.js";

const TITLE = "My bookings";
const STATUS_WORDS = {
  requested: "We’ll email you when we confirm a time.",
  declined: "We couldn’t fit this request in.",
};

export async function render(main, ctx) {
  ctx.setTitle(TITLE);
  const [list, options] = await Promise.all([get("/api/booking-requests"), get("/api/booking/options")]);
  if (!list.ok) return showProblem(main, TITLE, list.data);
  const windows = options.ok && Array.isArray(options.data?.windows) ? options.data.windows : [];
  const items = Array.isArray(list.data?.items) ? list.data.items : [];
  fill(
    main,
    h("h1", {}, TITLE),
    h("div", { class: "actions" }, h("a", { class: "button", href: "/book" }, "Book service")),
    items.length
      ? h("ul", { class: "records" }, items.map((booking) => new BookingCard(booking, windows).el))
      : h("p", { class: "empty" }, "You have no bookings yet."),
  );
}

class BookingCard {
  constructor(booking, windows) {
    this.windows = windows;
    this.content = h("div");
    // Outside the content that is drawn again, so screen readers hear what changed.
    this.status = h("div", { role: "status" });
    this.el = h("li", { class: "card booking" }, this.content, this.status);
    this.draw(booking);
  }

  draw(booking) {
    this.booking = booking;
    const headingId = uid("booking");
    const whenId = `${headingId}-when`;
    // The buttons are described by the service and its time: several cards can have the same name.
    const about = `${headingId} ${whenId}`;
    this.heading = h("h2", { id: headingId }, booking.service_name);
    this.panel = h("div");
    this.actions = h(
      "div",
      { class: "actions" },
      booking.can_reschedule && button("Reschedule", about, () => this.openReschedule()),
      booking.can_cancel && button(booking.status === "requested" ? "Cancel request" : "Cancel booking", about, () => this.openCancel()),
      booking.status === "declined" && h("a", {
        class: "button button-secondary",
        href: `/book?property=${encodeURIComponent(booking.property_id)}&service=${encodeURIComponent(booking.service_type)}`,
        "aria-describedby": about,
      }, "Book again"),
    );
    const open = booking.status === "requested" || booking.status === "confirmed";
    const deadline = deadlineText(booking.change_deadline);
    fill(
      this.content,
      this.heading,
      h("p", { class: "booking-state" }, statusBadge(booking.status), STATUS_WORDS[booking.status] && h("span", {}, STATUS_WORDS[booking.status])),
      visitProgress({ technician_name: booking.appointment?.technician_name, visit_status: booking.visit_status, eta: booking.eta }),
      h("dl", { class: "facts" }, this.facts(booking, whenId)),
      booking.source === "company" ? officeNotice() : open && !booking.can_cancel && closedNotice(),
      booking.can_cancel && deadline && h("p", { class: "hint" }, `You can change this online until ${deadline}.`),
      booking.status === "confirmed" && booking.can_cancel && !booking.can_reschedule && h("p", { class: "hint" }, "To move it to another time, please call us."),
      this.actions.childElementCount > 0 && this.actions,
      this.panel,
    );
    fillBrand(this.content);
  }

  facts(booking, whenId) {
    const visit = booking.appointment;
    const preferred = Array.isArray(booking.preferred) ? booking.preferred : [];
    return [
      booking.property_label && fact("Property", booking.property_label),
      visit && fact("When", appointmentText(visit), whenId),
      !visit && preferred.length > 0 && fact(
        preferred.length > 1 ? "Dates you asked for" : "Date you asked for",
        h("ul", { class: "plain" }, preferred.map((choice) => h("li", {}, choiceText(choice, this.windows)))),
        whenId,
      ),
      visit?.technician_name && fact("Technician", visit.technician_name),
      booking.decline_reason && fact("Reason", booking.decline_reason),
      booking.notes && fact("Your notes", h("span", { class: "multiline" }, booking.notes)),
    ];
  }

  /** Show a new state of the booking, say what happened, and put the focus on its heading. */
  changed(booking, message) {
    // The answers to cancel and reschedule may leave out the property's label: it has not changed.
    this.draw({ ...booking, property_label: booking.property_label ?? this.booking.property_label });
    this.status.replaceChildren(h("p", { class: "success" }, message));
    focusHeading(this.heading);
  }

  /** Close an open panel and bring the buttons back, with the focus on the one that opened it. */
  closePanel(focus) {
    this.panel.replaceChildren();
    this.actions.hidden = false;
    focus?.focus();
  }

  openCancel() {
    const opener = document.activeElement;
    const { booking } = this;
    const questionId = uid("cancel");
    const what = booking.appointment ? ` on ${appointmentText(booking.appointment)}` : "";
    const question = h(
      "p",
      { id: questionId, class: "question", tabindex: "-1" },
      booking.status === "requested" ? `Cancel your request for a ${lower(booking.service_name)}?` : `Cancel your ${lower(booking.service_name)}${what}?`,
    );
    const alert = alertSlot();
    const yes = h("button", { type: "button", class: "button button-danger", "aria-describedby": questionId }, "Yes, cancel it");
    const keep = button("No, keep it", null, () => this.closePanel(opener));
    yes.addEventListener("click", async () => {
      if (isBusy(yes)) return;
      alert.replaceChildren();
      const done = setBusy(yes, "Cancelling…");
      const { ok, data } = await call("POST", `/api/booking-requests/${encodeURIComponent(booking.id)}/cancel`);
      done();
      if (ok) return this.changed(data, booking.status === "requested" ? "Your request is cancelled." : "Your booking is cancelled.");
      showAlert(alert, data.message);
    });
    this.status.replaceChildren();
    this.actions.hidden = true;
    fill(this.panel, h("div", { class: "confirm-box" }, question, alert, h("div", { class: "actions" }, yes, keep)));
    question.focus();
  }

  async openReschedule(opener = document.activeElement) {
    const { booking } = this;
    this.status.replaceChildren();
    this.actions.hidden = true;
    const loading = h("p", { role: "status" }, "Looking for free times…");
    fill(this.panel, loading);
    const { ok, data } = await get(`/api/booking/slots?${new URLSearchParams({ service_type: booking.service_type })}`);
    if (!ok || this.booking !== booking) {
      if (!ok) fill(this.panel, h("p", { class: "alert", role: "alert" }, data.message), h("div", { class: "actions" }, button("Close", null, () => this.closePanel(opener))));
      return;
    }
    const picker = slotPicker(Array.isArray(data.slots) ? data.slots : [], { legend: "Choose a new time", exclude: booking.appointment });
    if (!picker) {
      fill(
        this.panel,
        h("p", { class: "notice", tabindex: "-1" }, "There are no other free times right now. Please call us", phoneLink(), "."),
        h("div", { class: "actions" }, button("Close", null, () => this.closePanel(opener))),
      );
      fillBrand(this.panel);
      this.panel.querySelector(".notice").focus();
      return;
    }
    const alert = alertSlot();
    const move = h("button", { type: "submit", class: "button" }, "Move to this time");
    const form = h(
      "form",
      { class: "reschedule", novalidate: true, "aria-label": `Reschedule ${booking.service_name}` },
      picker.el,
      alert,
      h("div", { class: "actions" }, move, button("Keep the current time", null, () => this.closePanel(opener))),
    );
    let slot = null;
    submitForm(form, {
      button: move, alert, busy: "Moving…", clear: clearAllErrors,
      fields(name, message) {
        if (name !== "slot_id") return false;
        picker.showError(message);
        return true;
      },
      check() {
        slot = picker.value();
        if (!slot) return picker.showError("Choose a new time.");
        return { slot_id: slot.id };
      },
      send: (body) => call("POST", `/api/booking-requests/${encodeURIComponent(booking.id)}/reschedule`, body),
      sent: (data) => this.changed(data, `Your booking is moved to ${appointmentText(data.appointment ?? slot)}.`),
      failed: async (data) => {
        if (data.code !== "slot_full") return false;
        // That time went to someone else: offer the times that are still free.
        await this.openReschedule(opener);
        const again = this.panel.querySelector(".form-alert");
        if (again) showAlert(again, data.message);
        return true;
      },
    });
    fill(this.panel, form);
    picker.focus();
  }
}

function button(text, describedBy, onclick) {
  return h("button", { type: "button", class: "button button-secondary", "aria-describedby": describedBy, onclick }, text);
}

function closedNotice() {
  return h("p", { class: "notice" }, "Changes closed — call us", phoneLink(), " if you need to change this.");
}

function officeNotice() {
  return h("p", { class: "notice" }, "Booked by our office: call us", phoneLink(), " to change it.");
}

function fact(term, detail, id = null) {
  return h("div", {}, h("dt", {}, term), h("dd", { id }, detail));
}

/** "Septic pump-out" in the middle of a sentence. */
function lower(name) {
  return String(name ?? "booking").replace(/^\p{Lu}(?!\p{Lu})/u, (first) => first.toLowerCase());
}
