"""Booking (F11): what can be booked, booking it (a real slot at once, or a request to the
dispatcher), the customer's bookings, cancelling and moving them; the dispatcher's queue, confirm
and decline. No overbooking: see ``places``.

Each use case reads "now" and the company's rules once, checks the body and the rules
(``validation``), writes in one transaction (``places``), runs the follow-up at once
(``followups``: the dashboard appointment and the emails) and answers a view (``views``).
"""
from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from chalicelib import clock
from chalicelib.auth import limits
from chalicelib.booking import followups, idempotency, notices, places, validation, views, week as week_view
from chalicelib.booking.idempotency import Remembered
from chalicelib.booking.places import SlotFull
from chalicelib.booking.rules import Rules, Slot, company_rules, monday_of
from chalicelib.booking.validation import Order
from chalicelib.customer.records import upcoming_appointments
from chalicelib.db.models import Account, BookingRequest, Property, plain
from chalicelib.db.queries import (accounts_by_id, bookings_in_week, bookings_of_account, get_or_none, owned_or_404,
                                   properties_by_id, properties_of_account, requests_by_status, taken_slots)
from chalicelib.errors import Conflict, NotFound
from chalicelib.settings import get_settings

TRANSACTION_TRIES = 3


def now() -> datetime:
    """The booking rules' "now": read once per use case (and moved by the booking tests)."""
    return clock.now()


# -- what can be booked -----------------------------------------------------------------------

def options(account_id: str) -> dict[str, Any]:
    return views.options(company_rules(), properties_of_account(account_id), now())


def slots(service_type: str | None, first: str | None, last: str | None) -> dict[str, Any]:
    current, moment = company_rules(), now()
    start, end = validation.slot_range(current, service_type, first, last, moment)
    wanted = current.slots(service_type, start, end, moment)
    return views.free_slots(current, wanted, taken_slots(service_type, start, end) if wanted else {})


# -- booking ----------------------------------------------------------------------------------

def create(account_id: str, body: dict[str, Any], idempotency_key: str | None) -> tuple[int, dict[str, Any]]:
    """201 and the booking; the same ``Idempotency-Key`` and body answer the first answer again."""
    remembered = idempotency.remembered(account_id, idempotency_key, body)
    moment = now()
    earlier = idempotency.earlier_answer(remembered, moment) if remembered else None
    if earlier is not None:
        return earlier
    current = company_rules()
    prop = validation.own_property(account_id, body.get("property_id"))
    order = validation.order(current, body, moment)
    if not order.confirm_duplicate:
        validation.refuse_duplicate(current, account_id, prop, order.service_type, moment)
    _count_booking(account_id, prop.property_id, current)
    booking = _new_booking(account_id, prop, order, current, moment)
    answer = views.booking(booking, current, prop, moment)
    winner = _store_new(booking, order.slot, current, remembered, answer, moment)
    if winner is not None:
        return winner
    followups.run_now(booking.booking_id, "booked")
    return 201, answer


def _count_booking(account_id: str, property_id: str, current: Rules) -> None:
    """Each new booking emails the customer and the office: capped per account, per property and per
    dispatcher address (``RateLimited``, 429 with Retry-After, before anything is stored or sent).
    A replay of an Idempotency-Key is answered before this and does not count."""
    settings = get_settings()
    limits.hit("booking-account", limits.subject(account_id), settings.limit_booking_account)
    limits.hit("booking-property", limits.subject(property_id), settings.limit_booking_property)
    office = notices.dispatcher_address(current)
    if office:
        limits.hit("booking-office", limits.subject("email", office.lower()), settings.limit_booking_dispatcher)


def _new_booking(account_id: str, prop: Property, order: Order, current: Rules, moment: datetime) -> BookingRequest:
    booking = BookingRequest(
        f"bk_{secrets.token_hex(8)}", account_id=account_id, property_id=prop.property_id, mode=order.mode,
        service_type=order.service_type, created_at=moment, updated_at=moment, changes=0,
    )
    booking.sort_key = f"{moment.isoformat()}#{booking.booking_id}"
    if order.slot is not None:
        booking.status, booking.slot = "confirmed", order.slot.key
        booking.appointment = current.appointment(order.slot.date, order.slot.window, None)
        booking.visit_week, booking.visit_key = places.calendar_keys(booking.booking_id, order.slot.date, order.slot.window)
    else:
        booking.status, booking.preferred, booking.notes = "requested", order.preferred, order.notes
    return booking


def _store_new(booking: BookingRequest, slot: Slot | None, current: Rules, remembered: Remembered | None,
               answer: dict[str, Any], moment: datetime) -> tuple[int, dict[str, Any]] | None:
    """Store a new booking; None once stored, or the first answer when the same request, sent twice
    at once, was stored by the other one. Another booking touching the same items at the same
    instant cancels the transaction without a failed condition: try again."""
    record = idempotency.record(remembered, 201, answer, moment) if remembered else None
    for _ in range(TRANSACTION_TRIES):
        try:
            places.book(booking, slot, current.capacity(slot) if slot else 0, followups.task(booking, "booked"), record)
            return None
        except places.TransactionCancelled as cancelled:
            winner = idempotency.answer_of_the_winner(remembered) if remembered and "idempotency" in cancelled.reasons else None
            if winner is not None:
                return winner
            if slot is not None and cancelled.failed_check("slot"):
                raise SlotFull(places.JUST_TAKEN) from None
    raise Conflict("Many people are booking right now; please send it again.")


# -- the customer's bookings ------------------------------------------------------------------

def listing(account_id: str) -> dict[str, Any]:
    """The account's bookings, and the visits the office put in for its properties (the ones the
    dashboard shows, from the properties read for the labels anyway: no other read)."""
    current, moment = company_rules(), now()
    today = current.today(moment)
    properties = {p.property_id: p for p in properties_of_account(account_id)}
    visits = [(visit, prop) for prop in properties.values() for visit in upcoming_appointments(prop, today)]
    progress = {visit["id"]: visit for visit, _ in visits}  # "on the way": from the summaries read anyway
    items = [views.booking(item, current, properties.get(item.property_id), moment,
                           progress.get(followups.appointment_id(item))) for item in bookings_of_account(account_id)]
    items += [views.office_visit(visit, current, prop) for visit, prop in visits if not followups.is_booking_appointment(visit["id"])]
    return {"items": views.in_order(items, today.isoformat())}


def cancel(account_id: str, booking_id: str) -> dict[str, Any]:
    booking = owned_or_404(BookingRequest, booking_id, account_id)
    current, moment = company_rules(), now()
    validation.cancellable(current, booking, moment)
    places.cancel(booking, moment, followups.task(booking, "cancelled"))
    followups.run_now(booking_id, "cancelled")
    return views.booking(BookingRequest.get(booking_id), current, get_or_none(Property, booking.property_id), moment)


def reschedule(account_id: str, booking_id: str, body: dict[str, Any]) -> dict[str, Any]:
    booking = owned_or_404(BookingRequest, booking_id, account_id)
    current, moment = company_rules(), now()
    slot = validation.new_slot(current, booking, body, moment)
    previous = plain(booking.appointment)
    appointment = current.appointment(slot.date, slot.window, (previous or {}).get("technician_name"))
    places.move(booking, slot, current.capacity(slot), appointment, moment,
                followups.task(booking, "moved", int(booking.changes or 0) + 1, previous=previous))
    followups.run_now(booking_id, "moved", previous=previous)
    return views.booking(BookingRequest.get(booking_id), current, get_or_none(Property, booking.property_id), moment)


# -- the dispatcher's side --------------------------------------------------------------------

def queue(status: str | None) -> dict[str, Any]:
    """The requests in one status, each with its property and whom to call: one Query, two BatchGetItems."""
    status = validation.queue_status(status)
    current, moment = company_rules(), now()
    items = requests_by_status(status)
    properties = properties_by_id({item.property_id for item in items})
    accounts = accounts_by_id({item.account_id for item in items})
    return {"items": [views.for_dispatcher(item, current, properties.get(item.property_id), accounts.get(item.account_id), moment)
                      for item in items]}


def week(start: str | None) -> dict[str, Any]:
    """The week from the Monday of ``start`` (default: this week): the places taken in each window
    against capacity (one Query per instant service type) and the visits on the calendar (one
    Query on ``by_week``, then the properties and accounts in one BatchGetItem each)."""
    current, moment = company_rules(), now()
    first = monday_of(validation.week_start(start) or current.today(moment))
    last = first + timedelta(days=week_view.DAYS - 1)
    taken = {s["id"]: taken_slots(s["id"], first, last) for s in week_view.instant_services(current)}
    items = bookings_in_week(first.isoformat())
    properties = properties_by_id({item.property_id for item in items})
    accounts = accounts_by_id({item.account_id for item in items})
    return week_view.view(current, first, taken, items, properties, accounts, moment)


def confirm(booking_id: str, body: dict[str, Any]) -> dict[str, Any]:
    """The dispatcher confirms a requested booking for a date and window (one of the preferred ones or not)."""
    validation.confirmation_fields(body)
    booking = _booking(booking_id)
    current, moment = company_rules(), now()
    chosen = validation.confirmation(current, booking, body, moment)
    validation.answerable(booking)
    places.confirm(booking, current.appointment(chosen.day, chosen.window, chosen.technician), moment,
                   followups.task(booking, "confirmed", int(booking.changes or 0) + 1))
    followups.run_now(booking_id, "confirmed")
    return _answered(booking, current, moment)


def decline(booking_id: str, body: dict[str, Any]) -> dict[str, Any]:
    validation.decline_fields(body)
    booking = _booking(booking_id)
    current, moment = company_rules(), now()
    reason = validation.decline_reason(body)
    validation.answerable(booking)
    places.decline(booking, reason, moment, followups.task(booking, "declined", int(booking.changes or 0) + 1))
    followups.run_now(booking_id, "declined")
    return _answered(booking, current, moment)


def _answered(booking: BookingRequest, current: Rules, moment: datetime) -> dict[str, Any]:
    """The booking as it is now that the office answered it, with its property and customer."""
    return views.for_dispatcher(BookingRequest.get(booking.booking_id), current, get_or_none(Property, booking.property_id),
                                get_or_none(Account, booking.account_id), moment)


def _booking(booking_id: str) -> BookingRequest:
    booking = get_or_none(BookingRequest, booking_id)
    if booking is None:
        raise NotFound("No booking with that id.")
    return booking
