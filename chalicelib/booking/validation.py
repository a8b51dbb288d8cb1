"""What a booking body must say, and the rules a change must meet (F11), before anything is stored.

Each check answers what the use case goes on with (an ``Order``, a ``Slot``, a ``Confirmation``) or
raises: ``Invalid`` naming the field, with a sentence the customer or the office understands, or
``Conflict`` when the booking's state forbids the change (its status, the change cutoff, a second
booking of the same visit). "Now" is passed in: each use case reads it once.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from chalicelib.booking.rules import WEEKDAYS, WINDOWS, Rules, Slot
from chalicelib.db.models import BookingRequest, Property, plain
from chalicelib.db.queries import bookings_of_account, owned_or_none
from chalicelib.errors import Conflict, Invalid

MAX_PREFERRED, NOTES_MAX, MAX_RANGE_DAYS, TECHNICIAN_MAX = 3, 1000, 366, 200
STATUSES = ("requested", "confirmed", "declined", "cancelled")
CONFIRM_FIELDS = ("date", "window", "technician_name", "allow_closed_day")
DECLINE_FIELDS = ("reason",)
DISPATCHER_FIELDS = ("token", "technician_name", "reason", "allow_closed_day")


class AlreadyBooked(Conflict):
    code = "already_booked"


class ClosedDay(Conflict):
    code = "closed_day"


@dataclass(frozen=True)
class Order:
    """A new booking: a slot (instant booking), or the preferred dates and notes (a request)."""

    service_type: str
    mode: str
    confirm_duplicate: bool
    slot: Slot | None = None
    preferred: list[dict[str, str]] | None = None
    notes: str | None = None


@dataclass(frozen=True)
class Confirmation:
    """The dispatcher's answer to a request: the visit's date, window and technician."""

    day: date
    window: str
    technician: str | None


def only(body: dict[str, Any], fields: Iterable[str], sentence: str) -> None:
    """A body naming a field it should not have is refused on the first such field (alphabetically)."""
    extra = sorted(set(body) - set(fields))
    if extra:
        raise Invalid.field(extra[0], sentence)


def day(field: str, value: object) -> date:
    try:
        return date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else _bad_day(field)
    except ValueError:
        return _bad_day(field)


def _bad_day(field: str) -> date:
    raise Invalid.field(field, "Enter the date as year-month-day, such as 2026-05-04.")


# -- what can be booked -----------------------------------------------------------------------

def slot_range(current: Rules, service_type: str | None, first: str | None, last: str | None,
               moment: datetime) -> tuple[date, date]:
    """The dates to list a type's free slots for: ``first``/``last`` as asked, else what can be booked."""
    if current.mode(service_type) != "instant":
        raise Invalid.field("service_type", "This service cannot be booked for a time online. Please choose another service, or call us.")
    start = day("from", first) if first else current.first_day(moment)
    end = day("to", last) if last else current.last_day(moment)
    if end < start or (end - start).days > MAX_RANGE_DAYS:
        raise Invalid.field("to", f"The last date must be on or after the first date, and at most {MAX_RANGE_DAYS} days later.")
    return start, end


# -- a new booking ----------------------------------------------------------------------------

def own_property(account_id: str, property_id: object) -> Property:
    prop = owned_or_none(Property, property_id, account_id)
    if prop is None:
        raise Invalid.field("property_id", "Choose one of your properties.")
    return prop


def order(current: Rules, body: dict[str, Any], moment: datetime) -> Order:
    """The body of a new booking, once its property is known to be the customer's."""
    service_type = body.get("service_type")
    mode = current.mode(service_type)
    if mode == "off":
        raise Invalid.field("service_type", "This service cannot be booked online. Please call us to book it.")
    allowed = {"property_id", "service_type", "confirm_duplicate"} | ({"slot_id"} if mode == "instant" else {"preferred", "notes"})
    only(body, allowed, f"This is not used when booking this service ({mode} booking).")
    slot, preferred, notes = None, None, None
    if mode == "instant":
        slot = Slot.parse(body.get("slot_id"))
        if slot is None or slot.service_type != service_type or not current.bookable(slot, moment):
            raise Invalid.field("slot_id", "That time cannot be booked. Please choose one of the times offered.")
    else:
        preferred = _preferred(current, service_type, body.get("preferred"), moment)
        notes = _notes(body.get("notes"))
    confirm_duplicate = body.get("confirm_duplicate", False)
    if not isinstance(confirm_duplicate, bool):
        raise Invalid.field("confirm_duplicate", "Say yes or no to booking a second visit.")
    return Order(service_type, mode, confirm_duplicate, slot, preferred, notes)


def refuse_duplicate(current: Rules, account_id: str, prop: Property, service_type: str, moment: datetime) -> None:
    """A second active booking of one service for one property needs ``confirm_duplicate: true``.

    Active: a request not yet answered, a confirmed booking still to come, or an upcoming
    appointment of that type the office put in (the property's summary, read already).
    """
    today = current.today(moment).isoformat()
    dates = [a["date"] for a in prop.upcoming or [] if a.get("service_type") == service_type and a["date"] >= today]
    for item in bookings_of_account(account_id):
        if item.property_id != prop.property_id or item.service_type != service_type:
            continue
        appointment = plain(item.appointment) or {}
        if item.status == "confirmed" and appointment.get("date", "") >= today:
            dates.append(appointment["date"])
        elif item.status == "requested" and item.preferred:
            dates.append(min(p["date"] for p in item.preferred))
    if dates:
        name = ((current.service(service_type) or {}).get("name") or service_type.replace("_", " ")).lower()
        first = date.fromisoformat(min(dates))
        raise AlreadyBooked(f"You already have a {name} booked for {day_words(first)} at this property.",
                            [{"field": "confirm_duplicate", "message": "To book another visit anyway, send the booking again with confirm_duplicate set to true.", "date": first.isoformat()}])


def _preferred(current: Rules, service_type: str, value: object, moment: datetime) -> list[dict[str, str]]:
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_PREFERRED:
        raise Invalid.field("preferred", f"Choose 1 to {MAX_PREFERRED} dates that suit you.")
    chosen: list[dict[str, str]] = []
    for i, item in enumerate(value):
        where = f"preferred[{i}]"
        if not isinstance(item, dict) or set(item) - {"date", "window"}:
            raise Invalid.field(where, "Choose a date and a time of day (morning or afternoon).")
        wanted = day(f"{where}.date", item.get("date"))
        if item.get("window") not in WINDOWS:
            raise Invalid.field(f"{where}.window", "Choose morning or afternoon.")
        if not current.open_for_booking(wanted, item["window"], moment):
            raise Invalid.field(f"{where}.date", _closed_reason(current, wanted, moment))
        if not current.works(service_type, wanted, item["window"]):
            raise Invalid.field(f"{where}.date", not_working(current, service_type, wanted, item["window"]))
        entry = {"date": wanted.isoformat(), "window": item["window"]}
        if entry in chosen:
            raise Invalid.field(f"{where}.date", "You have already chosen this date and time of day. Choose another.")
        chosen.append(entry)
    return chosen


def _notes(value: object) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > NOTES_MAX:
        raise Invalid.field("notes", f"Keep the notes to {NOTES_MAX} characters or fewer.")
    return value.strip() or None


# -- the customer's changes -------------------------------------------------------------------

def cancellable(current: Rules, booking: BookingRequest, moment: datetime) -> None:
    if booking.status not in ("requested", "confirmed"):
        raise Conflict(f"This booking is already {booking.status}.")
    _before_cutoff(current, booking, moment)


def new_slot(current: Rules, booking: BookingRequest, body: dict[str, Any], moment: datetime) -> Slot:
    """Where a confirmed booking of a slot may move: another bookable slot of its type."""
    only(body, {"slot_id"}, "Send only the new time when moving a booking.")
    if booking.status != "confirmed" or not booking.slot:
        raise Conflict("Only a confirmed booking of a time you chose online can be moved; please call us.")
    _before_cutoff(current, booking, moment)
    slot = Slot.parse(body.get("slot_id"))
    if (slot is None or slot.service_type != booking.service_type or slot.key == booking.slot
            or not current.bookable(slot, moment)):
        raise Invalid.field("slot_id", "The booking cannot be moved to that time. Please choose one of the times offered.")
    return slot


def _before_cutoff(current: Rules, booking: BookingRequest, moment: datetime) -> None:
    appointment = plain(booking.appointment)
    if booking.status != "confirmed" or not appointment:
        return  # a request not yet confirmed can always be withdrawn
    deadline = current.change_deadline(date.fromisoformat(appointment["date"]), appointment["window"])
    if moment >= deadline:
        hours = current.booking["cutoff_hours"]
        raise Conflict(f"Bookings can be changed online until {hours} hours before the visit. Please call us to change this one.")


# -- the dispatcher's side --------------------------------------------------------------------

def queue_status(status: str | None) -> str:
    status = status or "requested"
    if status not in STATUSES:
        raise Invalid.field("status", f"`status` must be one of {', '.join(STATUSES)}.")
    return status


def confirmation_fields(body: dict[str, Any]) -> None:
    only(body, CONFIRM_FIELDS, "A confirmation has only a date, a window, a technician_name and allow_closed_day.")


def confirmation(current: Rules, booking: BookingRequest, body: dict[str, Any], moment: datetime) -> Confirmation:
    """A date and window (one of the preferred ones or not) and perhaps a technician.

    A day the company does not work for the type (a blackout, a weekday or window outside its
    working week) is refused as ``409 closed_day`` unless the body says ``allow_closed_day: true``.
    """
    chosen = day("date", body.get("date"))
    window, technician, allow = body.get("window"), body.get("technician_name"), body.get("allow_closed_day", False)
    if chosen < current.today(moment):
        raise Invalid.field("date", "This date is in the past. Choose today or a later date.")
    if window not in WINDOWS:
        raise Invalid.field("window", "Choose morning or afternoon.")
    if technician is not None and (not isinstance(technician, str) or len(technician.strip()) > TECHNICIAN_MAX):
        raise Invalid.field("technician_name", f"Keep the technician's name to {TECHNICIAN_MAX} characters or fewer.")
    if not isinstance(allow, bool):
        raise Invalid.field("allow_closed_day", "`allow_closed_day` must be true or false.")
    closed = not_working(current, booking.service_type, chosen, window)
    if closed and not allow:
        raise ClosedDay(f"{office_words(closed)} To confirm it anyway, send allow_closed_day: true.")
    return Confirmation(chosen, window, (technician or "").strip() or None)


def decline_fields(body: dict[str, Any]) -> None:
    only(body, DECLINE_FIELDS, "A decline has only a reason.")


def decline_reason(body: dict[str, Any]) -> str | None:
    reason = body.get("reason")
    if reason is not None and (not isinstance(reason, str) or len(reason) > NOTES_MAX):
        raise Invalid.field("reason", f"Keep the reason to {NOTES_MAX} characters or fewer.")
    return (reason or "").strip() or None


def dispatcher_fields(body: dict[str, Any]) -> None:
    """The page behind a dispatcher's email link sends its token and a reason or a technician's name."""
    only(body, DISPATCHER_FIELDS, "This is not part of a dispatcher's answer; send only a reason or a technician's name.")


def answerable(booking: BookingRequest) -> None:
    """requested → confirmed or declined, once: a second click, link or dispatcher gets a 409."""
    if booking.status != "requested":
        raise Conflict(f"This request was already {booking.status}.")


# -- words for closed days --------------------------------------------------------------------

def day_words(value: date) -> str:
    """ "Saturday, November 28, 2026" """
    return f"{value:%A}, {value:%B} {value.day}, {value.year}"


def not_working(current: Rules, service_type: object, value: date, window: str) -> str | None:
    """Why the company does not work that day and window for this type (naming the date), or None."""
    if current.blacked_out(value):
        return f"We are closed on {day_words(value)}. Please choose another date."
    week = current.working_week(service_type)
    windows = week.get(WEEKDAYS[value.weekday()], [])
    if not windows:
        return f"We do not work on {value:%A}s, so {day_words(value)} cannot be booked. Please choose another date."
    if window not in windows:
        return f"We work only in the {' and '.join(windows)} on {day_words(value)}. Please choose that time or another date."
    return None


def office_words(reason: str) -> str:
    """A customer's "We are closed on …. Please choose another date." without the advice: for the office."""
    return reason.split(". ")[0].removesuffix(".") + "."


def _closed_reason(current: Rules, value: date, moment: datetime) -> str:
    if current.blacked_out(value):
        return f"We are closed on {day_words(value)}. Please choose another date."
    if value > current.last_day(moment):
        return f"This date is too far ahead. Choose a date up to {day_words(current.last_day(moment))}."
    return f"This date is too soon. Choose a time at least {current.booking['lead_time_hours']} hours from now."
