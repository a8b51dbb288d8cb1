"""What a booking body must say, and the rules a change must meet (F11), before anything is stored.

A body is read through its shape in ``booking/bodies.py`` (what each value is), then checked here
against the company's rules (what it means). Each check answers what the use case goes on with
(an ``Order``, a ``Slot``, a ``Confirmation``) or raises: ``Invalid`` naming the field, with a sentence the customer or the office understands, or
``Conflict`` when the booking's state forbids the change (its status, the change cutoff, a second
booking of the same visit). "Now" is passed in: each use case reads it once.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from chalicelib.booking.bodies import CONFIRMATION, DAY, DECLINE, NEW_BOOKING, RESCHEDULE
from chalicelib.booking.rules import WEEKDAYS, Rules, Slot
from chalicelib.db.models import BookingRequest, Property, plain
from chalicelib.db.queries import bookings_of_account, owned_or_none
from chalicelib.notify.render import date_words
from chalicelib.errors import Conflict, Invalid

MAX_RANGE_DAYS = 366
STATUSES = ("requested", "confirmed", "declined", "cancelled")


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


# -- what can be booked -----------------------------------------------------------------------

def slot_range(current: Rules, service_type: str | None, first: str | None, last: str | None,
               moment: datetime) -> tuple[date, date]:
    """The dates to list a type's free slots for: ``first``/``last`` as asked, else what can be booked."""
    if current.mode(service_type) != "instant":
        raise Invalid.field("service_type", "This service cannot be booked for a time online. Please choose another service, or call us.")
    start = DAY.check("from", first) if first else current.first_day(moment)
    end = DAY.check("to", last) if last else current.last_day(moment)
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
    """The body of a new booking, once its property is known to be the customer's: read by the
    shape of its service type's mode, then held to the rules."""
    service_type = body.get("service_type")
    mode = current.mode(service_type)
    if mode == "off":
        raise Invalid.field("service_type", "This service cannot be booked online. Please call us to book it.")
    fields = NEW_BOOKING[mode].read(body)
    slot, preferred = None, None
    if mode == "instant":
        slot = Slot.parse(fields["slot_id"])
        if slot is None or slot.service_type != service_type or not current.bookable(slot, moment):
            raise Invalid.field("slot_id", "That time cannot be booked. Please choose one of the times offered.")
    else:
        preferred = _preferred(current, service_type, fields["preferred"], moment)
    return Order(service_type, mode, fields.get("confirm_duplicate", False), slot, preferred, fields.get("notes"))


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
        raise AlreadyBooked(f"You already have a {name} booked for {date_words(first, year=True)} at this property.",
                            [{"field": "confirm_duplicate", "message": "To book another visit anyway, send the booking again with confirm_duplicate set to true.", "date": first.isoformat()}])


def _preferred(current: Rules, service_type: str, times: list[dict[str, Any]], moment: datetime) -> list[dict[str, str]]:
    """The preferred times (each a date and a window, as ``REQUEST_BOOKING`` read them) the company can come."""
    chosen: list[dict[str, str]] = []
    for i, item in enumerate(times):
        where, wanted = f"preferred[{i}]", item["date"]
        if not current.open_for_booking(wanted, item["window"], moment):
            raise Invalid.field(f"{where}.date", _closed_reason(current, wanted, moment))
        if not current.works(service_type, wanted, item["window"]):
            raise Invalid.field(f"{where}.date", not_working(current, service_type, wanted, item["window"]))
        entry = {"date": wanted.isoformat(), "window": item["window"]}
        if entry in chosen:
            raise Invalid.field(f"{where}.date", "You have already chosen this date and time of day. Choose another.")
        chosen.append(entry)
    return chosen


# -- the customer's changes -------------------------------------------------------------------

def cancellable(current: Rules, booking: BookingRequest, moment: datetime) -> None:
    if booking.status not in ("requested", "confirmed"):
        raise Conflict(f"This booking is already {booking.status}.")
    _before_cutoff(current, booking, moment)


def new_slot(current: Rules, booking: BookingRequest, body: dict[str, Any], moment: datetime) -> Slot:
    """Where a confirmed booking of a slot may move: another bookable slot of its type."""
    body = RESCHEDULE.read(body)
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


def week_start(start: str | None) -> date | None:
    """The ``start`` of the office's week, if given: any date of the week (its Monday is taken)."""
    return DAY.check("start", start) if start else None


def confirmation_fields(body: dict[str, Any]) -> None:
    """Fields a confirmation does not take are refused before the booking is looked up."""
    CONFIRMATION.refuse_unknown(body)


def confirmation(current: Rules, booking: BookingRequest, body: dict[str, Any], moment: datetime) -> Confirmation:
    """A date and window (one of the preferred ones or not) and perhaps a technician.

    A day the company does not work for the type (a blackout, a weekday or window outside its
    working week) is refused as ``409 closed_day`` unless the body says ``allow_closed_day: true``.
    """
    fields = CONFIRMATION.read(body)
    chosen, window = fields["date"], fields["window"]
    if chosen < current.today(moment):
        raise Invalid.field("date", "This date is in the past. Choose today or a later date.")
    closed = not_working(current, booking.service_type, chosen, window)
    if closed and not fields.get("allow_closed_day", False):
        reason = office_words(closed)  # the page's warning; the message also says how to go on through the API
        raise ClosedDay(f"{reason} To confirm it anyway, send allow_closed_day: true.", [{"field": "date", "message": reason}])
    return Confirmation(chosen, window, fields.get("technician_name"))


def decline_fields(body: dict[str, Any]) -> None:
    """Fields a decline does not take are refused before the booking is looked up."""
    DECLINE.refuse_unknown(body)


def decline_reason(body: dict[str, Any]) -> str | None:
    return DECLINE.read(body).get("reason")


def answerable(booking: BookingRequest) -> None:
    """requested → confirmed or declined, once: a second click, link or dispatcher gets a 409."""
    if booking.status != "requested":
        raise Conflict(f"This request was already {booking.status}.")


# -- words for closed days --------------------------------------------------------------------

def not_working(current: Rules, service_type: object, value: date, window: str) -> str | None:
    """Why the company does not work that day and window for this type (naming the date), or None."""
    if current.blacked_out(value):
        return f"We are closed on {date_words(value, year=True)}. Please choose another date."
    week = current.working_week(service_type)
    windows = week.get(WEEKDAYS[value.weekday()], [])
    if not windows:
        return f"We do not work on {value:%A}s, so {date_words(value, year=True)} cannot be booked. Please choose another date."
    if window not in windows:
        return f"We work only in the {' and '.join(windows)} on {date_words(value, year=True)}. Please choose that time or another date."
    return None


def office_words(reason: str) -> str:
    """A customer's "We are closed on …. Please choose another date." without the advice: for the office."""
    return reason.split(". ")[0].removesuffix(".") + "."


def _closed_reason(current: Rules, value: date, moment: datetime) -> str:
    if current.blacked_out(value):
        return f"We are closed on {date_words(value, year=True)}. Please choose another date."
    if value > current.last_day(moment):
        return f"This date is too far ahead. Choose a date up to {date_words(current.last_day(moment), year=True)}."
    return f"This date is too soon. Choose a time at least {current.booking['lead_time_hours']} hours from now."
