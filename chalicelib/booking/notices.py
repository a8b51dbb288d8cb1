"""Booking emails (C4): to the customer (received, confirmed with an .ics, declined, cancelled) and
to the dispatcher (every request and instant booking, with signed links; a customer's cancellation or
move). All go through the outbox.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from chalicelib import company, logs, notify
from chalicelib.addresses import full_label, label
from chalicelib.booking import links
from chalicelib.booking.rules import Rules
from chalicelib.customer import messages
from chalicelib.db.models import Account, BookingRequest, Property, plain
from chalicelib.names import first_name
from chalicelib.notify.render import clock_words, date_words
from chalicelib.settings import get_settings

log = logs.get_logger("booking")


# Each takes the booking's account and property as the follow-up task read them (once), or None
# when they are gone.

def booked(booking: BookingRequest, current: Rules, account: Account | None, prop: Property) -> None:
    """A new booking: the customer hears it was received (or confirmed), the dispatcher gets the details."""
    if booking.status == "confirmed":
        confirmed(booking, current, account, prop)
    elif account:
        messages.send(account, "booking_received", {
            **_basics(booking, current, account, prop),
            "preferred": [{"label": _choice_label(current, p["date"], p["window"])} for p in booking.preferred or []],
            "notes": booking.notes or "",
        }, kind="transactional", dedupe_key=f"booking:{booking.booking_id}:received")
    _tell_dispatcher(booking, current, account, prop)


def confirmed(booking: BookingRequest, current: Rules, account: Account | None, prop: Property | None) -> None:
    if not (account and account.email):  # the calendar invitation names the email as its attendee
        return
    appointment = plain(booking.appointment)
    day = date.fromisoformat(appointment["date"])
    deadline = current.change_deadline(day, appointment["window"])
    messages.send(account, "booking_confirmed", {
        **_basics(booking, current, account, prop),
        "when": when(current, appointment),
        "technician_name": appointment.get("technician_name"),
        "cancel_by": _moment_label(deadline) if current.booking["cutoff_hours"] else None,
    }, kind="transactional", dedupe_key=f"booking:{booking.booking_id}:confirmed:{int(booking.changes or 0)}",
        attachments=[_invitation(booking, current, account, prop, cancelled=False)])


def declined(booking: BookingRequest, current: Rules, account: Account | None, prop: Property | None) -> None:
    if account:
        messages.send(account, "booking_declined", {
            **_basics(booking, current, account, prop), "reason": booking.decline_reason or "",
            "url": f"{get_settings().site_url}/book",
        }, kind="transactional", dedupe_key=f"booking:{booking.booking_id}:declined")


def cancelled(booking: BookingRequest, current: Rules, account: Account | None, prop: Property | None) -> None:
    appointment = plain(booking.appointment)
    if not (account and account.email):  # as confirmed: the calendar cancellation names the email
        return
    messages.send(account, "booking_cancelled", {
        **_basics(booking, current, account, prop), "when": when(current, appointment) if appointment else "",
    }, kind="transactional", dedupe_key=f"booking:{booking.booking_id}:cancelled",
        attachments=[_invitation(booking, current, account, prop, cancelled=True)] if appointment else None)


def changed_by_customer(booking: BookingRequest, current: Rules, account: Account | None, prop: Property | None,
                        previous: dict[str, Any] | None) -> None:
    """The customer cancelled a booking or moved it to another slot: the office hears what changed."""
    to = _dispatcher(booking, current)
    if not to:
        return
    appointment = plain(booking.appointment)
    moved = booking.status == "confirmed" and previous is not None
    notify.email(to, "dispatch_change", {
        "change": "moved" if moved else "cancelled",
        "customer": _customer(account),
        "property_label": label(plain(prop.address)) if prop else "",
        "service_name": _service_name(booking, current),
        "was": when(current, previous) if moved else (when(current, appointment) if appointment else ""),
        "now": when(current, appointment) if moved else "",
        "preferred": [_choice_label(current, p["date"], p["window"]) for p in booking.preferred or []] if not appointment else [],
        "technician_name": (appointment or {}).get("technician_name"),
        "booking_id": booking.booking_id,
    }, dedupe_key=f"booking:{booking.booking_id}:dispatch-change:{int(booking.changes or 0)}")


def dispatcher_address(current: Rules) -> str | None:
    """Where the office hears about bookings: the booking settings' address, else the company's."""
    return current.booking.get("dispatcher_email") or company.current()["branding"].get("email")


def _dispatcher(booking: BookingRequest, current: Rules) -> str | None:
    to = dispatcher_address(current)
    if not to:
        log.warning("no dispatcher email in settings: booking news not sent to the office", extra={"booking_id": booking.booking_id})
    return to


def _customer(account: Account | None) -> dict[str, str]:
    return {"name": account.name if account else "", "email": account.email if account else "",
            "phone": account.phone if account else ""}


def _tell_dispatcher(booking: BookingRequest, current: Rules, account: Account | None, prop: Property) -> None:
    to = _dispatcher(booking, current)
    if not to:
        return
    appointment = plain(booking.appointment)
    notify.email(to, "dispatch_request", {
        "mode": booking.mode,
        "customer": _customer(account),
        "property_label": label(plain(prop.address)),
        "system": system_facts(prop),
        "access_notes": prop.access_notes or "",
        "service_name": _service_name(booking, current),
        "preferred": [{"label": _choice_label(current, p["date"], p["window"]),
                       "confirm_url": links.link(booking.booking_id, "confirm", p["date"], p["window"])}
                      for p in booking.preferred or []],
        "when": when(current, appointment) if appointment else "",
        "notes": booking.notes or "",
        "decline_url": links.link(booking.booking_id, "decline") if booking.status == "requested" else None,
        "board_hint": f"Booking {booking.booking_id} is also in the list of booking requests on the dispatch board.",
    }, dedupe_key=f"booking:{booking.booking_id}:dispatch")


def system_facts(prop: Property | None) -> list[dict[str, str]]:
    """The system on file as label/value pairs for the dispatcher ("Tank size gallons" → "1000")."""
    system = plain(prop.system) if prop else None
    return [{"label": key.replace("_", " ").capitalize(), "value": str(value)}
            for key, value in (system or {}).items() if value not in (None, "", [])]


def _basics(booking: BookingRequest, current: Rules, account: Account, prop: Property | None) -> dict[str, Any]:
    return {
        "name": first_name(account.name),
        "service_name": _service_name(booking, current),
        "property_label": label(plain(prop.address)) if prop else "",
        "url": f"{get_settings().site_url}/bookings",
    }


def _service_name(booking: BookingRequest, current: Rules) -> str:
    return (current.service(booking.service_type) or {}).get("name") or booking.service_type.replace("_", " ").capitalize()


def _invitation(booking: BookingRequest, current: Rules, account: Account, prop: Property | None, *,
                cancelled: bool) -> notify.Attachment:
    from chalicelib.notify.calendar import booking_ics

    appointment = plain(booking.appointment)
    brand = company.current()["branding"]
    address = plain(prop.address) if prop else {}
    ics = booking_ics(
        uid=f"{booking.booking_id}@{get_settings().site_url.split('//')[-1]}",
        sequence=int(booking.changes or 0),
        summary=f"{_service_name(booking, current)} – {brand['company_name']}",
        description=f"Arrival window {appointment['window_start']}–{appointment['window_end']}. "
                    f"Manage your booking: {get_settings().site_url}/bookings",
        location=full_label(address),
        date=appointment["date"], window_start=appointment["window_start"], window_end=appointment["window_end"],
        timezone=current.booking["time_zone"], organizer_name=brand["company_name"],
        organizer_email=brand.get("email") or get_settings().mail_from,
        attendee_email=account.email, attendee_name=account.name,
        url=f"{get_settings().site_url}/bookings", cancelled=cancelled,
    )
    method = "CANCEL" if cancelled else "REQUEST"
    return notify.Attachment("booking.ics", f"text/calendar; method={method}", ics)


# -- words for dates and times ------------------------------------------------------------------



def _choice_label(current: Rules, day: str, window: str) -> str:
    times = current.window(window)
    return f"{date_words(day)} · {window} ({clock_words(times['start'])} – {clock_words(times['end'])})"


def when(current: Rules, appointment: dict[str, Any]) -> str:
    """"Tuesday, November 24, 8:00 AM – 12:00 PM"."""
    return (f"{date_words(appointment['date'])}, "
            f"{clock_words(appointment['window_start'])} – {clock_words(appointment['window_end'])}")


def _moment_label(moment: datetime) -> str:
    return f"{date_words(moment.date())}, {clock_words(moment.strftime('%H:%M'))}"
