"""Booking service (F11): requests to the dispatcher, instant booking of real slots, no overbooking.

An instant booking takes a place in its slot with one DynamoDB transaction: the slot's counter goes
up only while it is below the capacity, the booking is created, and the answer to its
``Idempotency-Key`` is stored, all or nothing. N+k bookings of a slot of capacity N at the same
instant end with exactly N; a repeated request gets the first answer back. Cancelling gives the
place back in the same transaction that marks the booking cancelled, so it is given back once.
"""
from __future__ import annotations

import hashlib
import json
import secrets
from datetime import date, datetime, timedelta
from typing import Any

from pynamodb.exceptions import TransactWriteError

from chalicelib import company, db, logs
from chalicelib.notify.queue import task_item
from chalicelib.auth import limits
from chalicelib.booking import notices
from chalicelib.booking.rules import WEEKDAYS, WINDOWS, Rules, Slot
from chalicelib.customer.records import label, upcoming_appointments
from chalicelib.db.models import Account, BookingRequest, IdempotentRequest, OutboxMessage, Property, SlotCount, plain
from chalicelib.db.queries import get_or_none, owned_or_none, properties_of_account
from chalicelib.errors import Conflict, Invalid, NotFound
from chalicelib import clock
from chalicelib.settings import get_settings

log = logs.get_logger("booking")
MAX_PREFERRED, NOTES_MAX, MAX_RANGE_DAYS = 3, 1000, 366
IDEMPOTENCY_KEPT = timedelta(hours=24)
STATUSES = ("requested", "confirmed", "declined", "cancelled")


TRANSACTION_TRIES = 3


def _failed_checks(exc: TransactWriteError) -> dict[int, str]:
    """Which items of a cancelled transaction failed, and why ({index: "ConditionalCheckFailed"}); others re-raise."""
    if exc.cause_response_code != "TransactionCanceledException":
        raise exc
    return {i: reason.code for i, reason in enumerate(exc.cancellation_reasons or []) if reason and reason.code not in (None, "None")}


class SlotFull(Conflict):
    code = "slot_full"


def rules() -> Rules:
    return Rules(company.current()["booking"])


def now() -> datetime:
    return clock.now()


# -- what can be booked -----------------------------------------------------------------------

def options(account_id: str) -> dict[str, Any]:
    current = rules()
    moment = now()
    return {
        "service_types": [{"id": s["id"], "name": s["name"], "mode": s["mode"],
                           "working_week": current.working_week(s["id"])} for s in current.booking["service_types"]],
        "blackout_dates": sorted(str(d) for d in current.booking["blackout_dates"]),
        "properties": [{"id": p.property_id, "label": label(plain(p.address))} for p in properties_of_account(account_id)],
        "windows": [{"id": w, "label": w.capitalize(), **current.window(w)} for w in WINDOWS],
        "earliest_date": current.first_day(moment).isoformat(),
        "latest_date": current.last_day(moment).isoformat(),
        "cutoff_hours": current.booking["cutoff_hours"],
    }


def slots(service_type: str | None, first: str | None, last: str | None) -> dict[str, Any]:
    current = rules()
    if current.mode(service_type) != "instant":
        raise Invalid.field("service_type", "This service cannot be booked for a time online. Please choose another service, or call us.")
    moment = now()
    start = _day("from", first) if first else current.first_day(moment)
    end = _day("to", last) if last else current.last_day(moment)
    if end < start or (end - start).days > MAX_RANGE_DAYS:
        raise Invalid.field("to", f"The last date must be on or after the first date, and at most {MAX_RANGE_DAYS} days later.")
    wanted = current.slots(service_type, start, end, moment)
    taken = _taken(service_type, start, end) if wanted else {}
    found = []
    for slot in wanted:
        remaining = current.capacity(slot) - taken.get(slot.key, 0)
        if remaining > 0:
            found.append({"id": slot.id, "date": slot.date.isoformat(), "window": slot.window,
                          "window_start": current.window(slot.window)["start"],
                          "window_end": current.window(slot.window)["end"], "remaining": remaining})
    return {"slots": found}


def _taken(service_type: str, start: date, end: date) -> dict[str, int]:
    """Places taken per slot in a date range: one Query on the counters."""
    query = SlotCount.query(service_type, SlotCount.slot.between(f"{start.isoformat()}#", f"{end.isoformat()}#~"))
    return {item.slot: int(item.booked) for item in query}


def _day(field: str, value: object) -> date:
    try:
        return date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else _bad_day(field)
    except ValueError:
        return _bad_day(field)


def _bad_day(field: str) -> date:
    raise Invalid.field(field, "Enter the date as year-month-day, such as 2026-05-04.")


# -- booking ----------------------------------------------------------------------------------

def create(account_id: str, body: dict[str, Any], idempotency_key: str | None) -> tuple[int, dict[str, Any]]:
    """201 and the booking; the same ``Idempotency-Key`` and body answer the first answer again."""
    remembered = _idempotency(account_id, idempotency_key, body)
    if remembered:
        replay = get_or_none(IdempotentRequest, remembered.key)
        if replay is not None and replay.expires_at > now():  # DynamoDB removes expired items only eventually
            return _replayed(replay, remembered.fingerprint)
    current = rules()
    moment = now()
    prop = _own_property(account_id, body.get("property_id"))
    service_type = body.get("service_type")
    mode = current.mode(service_type)
    if mode == "off":
        raise Invalid.field("service_type", "This service cannot be booked online. Please call us to book it.")
    allowed = {"property_id", "service_type", "confirm_duplicate"} | ({"slot_id"} if mode == "instant" else {"preferred", "notes"})
    extra = sorted(set(body) - allowed)
    if extra:
        raise Invalid.field(extra[0], f"This is not used when booking this service ({mode} booking).")
    booking = BookingRequest(
        f"bk_{secrets.token_hex(8)}", account_id=account_id, property_id=prop.property_id, mode=mode,
        service_type=service_type, created_at=moment, updated_at=moment, changes=0,
    )
    booking.sort_key = f"{moment.isoformat()}#{booking.booking_id}"
    slot = None
    if mode == "instant":
        slot = Slot.parse(body.get("slot_id"))
        if slot is None or slot.service_type != service_type or not current.bookable(slot, moment):
            raise Invalid.field("slot_id", "That time cannot be booked. Please choose one of the times offered.")
        booking.status, booking.slot = "confirmed", slot.key
        booking.appointment = _appointment(current, slot.date, slot.window, None)
    else:
        booking.status = "requested"
        booking.preferred = _preferred(current, service_type, body.get("preferred"), moment)
        booking.notes = _notes(body.get("notes"))
    confirm_duplicate = body.get("confirm_duplicate", False)
    if not isinstance(confirm_duplicate, bool):
        raise Invalid.field("confirm_duplicate", "Say yes or no to booking a second visit.")
    if not confirm_duplicate:
        _refuse_duplicate(account_id, prop, service_type, current, moment)
    _count_booking(account_id, prop.property_id, current)
    answer = view(booking, current, prop)
    for _ in range(TRANSACTION_TRIES):
        try:
            with db.transact_write() as transaction:
                if slot is not None:
                    transaction.update(
                        SlotCount(service_type, slot.key), actions=[SlotCount.booked.add(1)],
                        condition=SlotCount.booked.does_not_exist() | (SlotCount.booked < current.capacity(slot)))
                transaction.save(booking, condition=BookingRequest.booking_id.does_not_exist())
                _queue_follow_up(transaction, booking, "booked")
                if remembered:
                    transaction.save(IdempotentRequest(
                        remembered.key, fingerprint=remembered.fingerprint, status_code=201, body=json.dumps(answer),
                        expires_at=moment + IDEMPOTENCY_KEPT), condition=IdempotentRequest.key.does_not_exist())
            break
        except TransactWriteError as exc:
            # PynamoDB sends the puts before the updates: booking, follow-up task, [idempotency], [slot counter]
            failed = _failed_checks(exc)
            idempotency_item, slot_item = 2, 3 if remembered else 2
            replay = get_or_none(IdempotentRequest, remembered.key) if remembered and failed.get(idempotency_item) else None
            if replay is not None:  # the same request, sent twice at once: the first one won
                return _replayed(replay, remembered.fingerprint)
            if slot is not None and failed.get(slot_item) == "ConditionalCheckFailed":
                raise SlotFull("That time has just been taken. Please choose another time.") from None
            # another transaction touched the same items at the same instant: try again
    else:
        raise Conflict("Many people are booking right now; please send it again.")
    follow_up(booking.booking_id, "booked")
    return 201, answer


class AlreadyBooked(Conflict):
    code = "already_booked"


def _refuse_duplicate(account_id: str, prop: Property, service_type: str, current: Rules, moment: datetime) -> None:
    """A second active booking of one service for one property needs ``confirm_duplicate: true``.

    Active: a request not yet answered, a confirmed booking still to come, or an upcoming
    appointment of that type the office put in (the property's summary, read already).
    """
    today = current.today(moment).isoformat()
    dates = [a["date"] for a in prop.upcoming or [] if a.get("service_type") == service_type and a["date"] >= today]
    for item in BookingRequest.by_account.query(account_id, scan_index_forward=False, limit=50):
        if item.property_id != prop.property_id or item.service_type != service_type:
            continue
        appointment = plain(item.appointment) or {}
        if item.status == "confirmed" and appointment.get("date", "") >= today:
            dates.append(appointment["date"])
        elif item.status == "requested" and item.preferred:
            dates.append(min(p["date"] for p in item.preferred))
    if dates:
        name = ((current.service(service_type) or {}).get("name") or service_type.replace("_", " ")).lower()
        day = date.fromisoformat(min(dates))
        raise AlreadyBooked(f"You already have a {name} booked for {day_words(day)} at this property.",
                            [{"field": "confirm_duplicate", "message": "To book another visit anyway, send the booking again with confirm_duplicate set to true.", "date": day.isoformat()}])


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


class _Remembered:
    def __init__(self, key: str, fingerprint: str) -> None:
        self.key, self.fingerprint = key, fingerprint


def _idempotency(account_id: str, key: str | None, body: dict[str, Any]) -> _Remembered | None:
    if key is None:
        return None
    if not (1 <= len(key) <= 100) or not key.isprintable():
        raise Invalid.field("Idempotency-Key", "The Idempotency-Key header must be 1 to 100 printable characters, such as a UUID.")
    fingerprint = hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":")).encode()).hexdigest()
    return _Remembered(f"{account_id}#{key}", fingerprint)


def _replayed(replay: IdempotentRequest, fingerprint: str) -> tuple[int, dict[str, Any]]:
    if replay.fingerprint != fingerprint:
        raise Conflict("This Idempotency-Key was already used for a different booking; send a new key.")
    return int(replay.status_code), json.loads(replay.body)


def _own_property(account_id: str, property_id: object) -> Property:
    prop = owned_or_none(Property, property_id, account_id)
    if prop is None:
        raise Invalid.field("property_id", "Choose one of your properties.")
    return prop


def _preferred(current: Rules, service_type: str, value: object, moment: datetime) -> list[dict[str, str]]:
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_PREFERRED:
        raise Invalid.field("preferred", f"Choose 1 to {MAX_PREFERRED} dates that suit you.")
    chosen: list[dict[str, str]] = []
    for i, item in enumerate(value):
        where = f"preferred[{i}]"
        if not isinstance(item, dict) or set(item) - {"date", "window"}:
            raise Invalid.field(where, "Choose a date and a time of day (morning or afternoon).")
        day = _day(f"{where}.date", item.get("date"))
        if item.get("window") not in WINDOWS:
            raise Invalid.field(f"{where}.window", "Choose morning or afternoon.")
        if not current.open_for_booking(day, item["window"], moment):
            raise Invalid.field(f"{where}.date", _closed_reason(current, day, moment))
        if not current.works(service_type, day, item["window"]):
            raise Invalid.field(f"{where}.date", not_working(current, service_type, day, item["window"]))
        entry = {"date": day.isoformat(), "window": item["window"]}
        if entry in chosen:
            raise Invalid.field(f"{where}.date", "You have already chosen this date and time of day. Choose another.")
        chosen.append(entry)
    return chosen


def day_words(day: date) -> str:
    """ "Saturday, November 28, 2026" """
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


def not_working(current: Rules, service_type: object, day: date, window: str) -> str | None:
    """Why the company does not work that day and window for this type (naming the date), or None."""
    if current.blacked_out(day):
        return f"We are closed on {day_words(day)}. Please choose another date."
    week = current.working_week(service_type)
    windows = week.get(WEEKDAYS[day.weekday()], [])
    if not windows:
        return f"We do not work on {day:%A}s, so {day_words(day)} cannot be booked. Please choose another date."
    if window not in windows:
        return f"We work only in the {' and '.join(windows)} on {day_words(day)}. Please choose that time or another date."
    return None


def office_words(reason: str) -> str:
    """A customer's "We are closed on …. Please choose another date." without the advice: for the office."""
    return reason.split(". ")[0].removesuffix(".") + "."


def _closed_reason(current: Rules, day: date, moment: datetime) -> str:
    if current.blacked_out(day):
        return f"We are closed on {day_words(day)}. Please choose another date."
    if day > current.last_day(moment):
        return f"This date is too far ahead. Choose a date up to {day_words(current.last_day(moment))}."
    return f"This date is too soon. Choose a time at least {current.booking['lead_time_hours']} hours from now."


def _notes(value: object) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > NOTES_MAX:
        raise Invalid.field("notes", f"Keep the notes to {NOTES_MAX} characters or fewer.")
    return value.strip() or None


def _appointment(current: Rules, day: date, window: str, technician: str | None) -> dict[str, Any]:
    times = current.window(window)
    return {"date": day.isoformat(), "window": window, "window_start": times["start"], "window_end": times["end"],
            "technician_name": technician}


# -- the customer's bookings ------------------------------------------------------------------

def listing(account_id: str) -> dict[str, Any]:
    """The account's bookings, and the visits the office put in for its properties (the ones the
    dashboard shows, from the properties read for the labels anyway: no other read)."""
    current = rules()
    today = current.today(now())
    properties = {p.property_id: p for p in properties_of_account(account_id)}
    items = [view(item, current, properties.get(item.property_id))
             for item in BookingRequest.by_account.query(account_id, scan_index_forward=False, limit=50)]
    items += [office_view(visit, current, prop) for prop in properties.values()
              for visit in upcoming_appointments(prop, today) if not is_booking_appointment(visit["id"])]
    return {"items": in_order(items, today.isoformat())}


def _when(item: dict[str, Any]) -> str:
    """When a booking is: its appointment's date and start, else the first date asked for."""
    visit = item["appointment"] or {}
    if visit.get("date"):
        return f"{visit['date']}T{visit.get('window_start') or ''}"
    return min((p["date"] for p in item["preferred"]), default="")


def in_order(items: list[dict[str, Any]], today: str) -> list[dict[str, Any]]:
    """Active first, soonest first (requests, and confirmed visits still to come); then the rest
    (past, cancelled, declined), most recent first."""
    active = [i for i in items if i["status"] == "requested" or (i["status"] == "confirmed" and _when(i) >= today)]
    rest = [i for i in items if i not in active]
    return sorted(active, key=_when) + sorted(rest, key=_when, reverse=True)


def owned(account_id: str, booking_id: str) -> BookingRequest:
    booking = owned_or_none(BookingRequest, booking_id, account_id)
    if booking is None:
        raise NotFound("Not found.")
    return booking


def cancel(account_id: str, booking_id: str) -> dict[str, Any]:
    booking = owned(account_id, booking_id)
    current = rules()
    if booking.status not in ("requested", "confirmed"):
        raise Conflict(f"This booking is already {booking.status}.")
    _before_cutoff(current, booking)
    held = booking.slot
    try:
        with db.transact_write() as transaction:
            transaction.update(booking, actions=[BookingRequest.status.set("cancelled"), BookingRequest.slot.remove(),
                                                 BookingRequest.changes.add(1), BookingRequest.updated_at.set(now())],
                               condition=BookingRequest.status == booking.status)
            if held:
                transaction.update(SlotCount(booking.service_type, held), actions=[SlotCount.booked.add(-1)])
            _queue_follow_up(transaction, booking, "cancelled")
    except TransactWriteError as exc:
        if exc.cause_response_code != "TransactionCanceledException":
            raise
        raise Conflict("This booking changed at the same moment; please look again.") from None
    follow_up(booking_id, "cancelled")
    return view(BookingRequest.get(booking_id), current, get_or_none(Property, booking.property_id))


def reschedule(account_id: str, booking_id: str, body: dict[str, Any]) -> dict[str, Any]:
    booking = owned(account_id, booking_id)
    current = rules()
    extra = sorted(set(body) - {"slot_id"})
    if extra:
        raise Invalid.field(extra[0], "Send only the new time when moving a booking.")
    if booking.status != "confirmed" or not booking.slot:
        raise Conflict("Only a confirmed booking of a time you chose online can be moved; please call us.")
    _before_cutoff(current, booking)
    moment = now()
    slot = Slot.parse(body.get("slot_id"))
    if (slot is None or slot.service_type != booking.service_type or slot.key == booking.slot
            or not current.bookable(slot, moment)):
        raise Invalid.field("slot_id", "The booking cannot be moved to that time. Please choose one of the times offered.")
    try:
        with db.transact_write() as transaction:
            transaction.update(SlotCount(booking.service_type, slot.key), actions=[SlotCount.booked.add(1)],
                               condition=SlotCount.booked.does_not_exist() | (SlotCount.booked < current.capacity(slot)))
            transaction.update(SlotCount(booking.service_type, booking.slot), actions=[SlotCount.booked.add(-1)])
            transaction.update(booking, actions=[
                BookingRequest.slot.set(slot.key),
                BookingRequest.appointment.set(_appointment(current, slot.date, slot.window,
                                                            (plain(booking.appointment) or {}).get("technician_name"))),
                BookingRequest.changes.add(1), BookingRequest.updated_at.set(moment),
            ], condition=(BookingRequest.status == "confirmed") & (BookingRequest.slot == booking.slot))
            _queue_follow_up(transaction, booking, "moved", int(booking.changes or 0) + 1,
                             previous=plain(booking.appointment))
    except TransactWriteError as exc:  # items as sent: the follow-up task, then new slot, old slot, booking
        if _failed_checks(exc).get(1) == "ConditionalCheckFailed":
            raise SlotFull("That time has just been taken. Please choose another time.") from None
        raise Conflict("This booking changed at the same moment; please look again.") from None
    follow_up(booking_id, "moved", previous=plain(booking.appointment))
    return view(BookingRequest.get(booking_id), current, get_or_none(Property, booking.property_id))


def _before_cutoff(current: Rules, booking: BookingRequest) -> None:
    appointment = plain(booking.appointment)
    if booking.status != "confirmed" or not appointment:
        return  # a request not yet confirmed can always be withdrawn
    deadline = current.change_deadline(date.fromisoformat(appointment["date"]), appointment["window"])
    if now() >= deadline:
        hours = current.booking["cutoff_hours"]
        raise Conflict(f"Bookings can be changed online until {hours} hours before the visit. Please call us to change this one.")


# -- the dispatcher's side --------------------------------------------------------------------

def queue(status: str | None) -> dict[str, Any]:
    status = status or "requested"
    if status not in STATUSES:
        raise Invalid.field("status", f"`status` must be one of {', '.join(STATUSES)}.")
    current = rules()
    # the open queue oldest first (first come, first served); answered ones newest first
    items = list(BookingRequest.by_status.query(status, scan_index_forward=status == "requested", limit=100))
    properties = {prop.property_id: prop for prop in Property.batch_get({item.property_id for item in items})}
    return {"items": [dispatch_view(item, current, properties.get(item.property_id)) for item in items]}


class ClosedDay(Conflict):
    code = "closed_day"


CONFIRM_FIELDS = ("date", "window", "technician_name", "allow_closed_day")


def confirm(booking_id: str, body: dict[str, Any]) -> dict[str, Any]:
    """The dispatcher confirms a requested booking for a date and window (one of the preferred ones or not).

    A day the company does not work for the type (a blackout, a weekday or window outside its
    working week) is refused as ``409 closed_day`` unless the body says ``allow_closed_day: true``.
    """
    extra = sorted(set(body) - set(CONFIRM_FIELDS))
    if extra:
        raise Invalid.field(extra[0], "A confirmation has only a date, a window, a technician_name and allow_closed_day.")
    booking = _booking(booking_id)
    current = rules()
    chosen = _day("date", body.get("date"))
    window, technician, allow = body.get("window"), body.get("technician_name"), body.get("allow_closed_day", False)
    if chosen < current.today(now()):
        raise Invalid.field("date", "This date is in the past. Choose today or a later date.")
    if window not in WINDOWS:
        raise Invalid.field("window", "Choose morning or afternoon.")
    if technician is not None and (not isinstance(technician, str) or len(technician.strip()) > 200):
        raise Invalid.field("technician_name", "Keep the technician's name to 200 characters or fewer.")
    if not isinstance(allow, bool):
        raise Invalid.field("allow_closed_day", "`allow_closed_day` must be true or false.")
    closed = not_working(current, booking.service_type, chosen, window)
    if closed and not allow:
        raise ClosedDay(f"{office_words(closed)} To confirm it anyway, send allow_closed_day: true.")
    technician = (technician or "").strip() or None
    _transition(booking, "confirmed", [
        BookingRequest.appointment.set(_appointment(current, chosen, window, technician)),
        BookingRequest.changes.add(1)])
    follow_up(booking_id, "confirmed")
    return dispatch_view(BookingRequest.get(booking_id), current, get_or_none(Property, booking.property_id))


def decline(booking_id: str, body: dict[str, Any]) -> dict[str, Any]:
    extra = sorted(set(body) - {"reason"})
    if extra:
        raise Invalid.field(extra[0], "A decline has only a reason.")
    reason = body.get("reason")
    booking = _booking(booking_id)
    current = rules()
    if reason is not None and (not isinstance(reason, str) or len(reason) > NOTES_MAX):
        raise Invalid.field("reason", f"Keep the reason to {NOTES_MAX} characters or fewer.")
    reason = (reason or "").strip() or None
    actions = [BookingRequest.decline_reason.set(reason)] if reason else []
    _transition(booking, "declined", actions)
    follow_up(booking_id, "declined")
    return dispatch_view(BookingRequest.get(booking_id), current, get_or_none(Property, booking.property_id))


def _booking(booking_id: str) -> BookingRequest:
    booking = get_or_none(BookingRequest, booking_id)
    if booking is None:
        raise NotFound("No booking with that id.")
    return booking


def _transition(booking: BookingRequest, status: str, actions: list[Any]) -> None:
    """requested → confirmed or declined, once: a second click, link or dispatcher gets a 409."""
    if booking.status != "requested":
        raise Conflict(f"This request was already {booking.status}.")
    try:
        with db.transact_write() as transaction:
            transaction.update(booking, actions=[BookingRequest.status.set(status), BookingRequest.updated_at.set(now()), *actions],
                               condition=BookingRequest.status == "requested")
            _queue_follow_up(transaction, booking, status, int(booking.changes or 0) + 1)
    except TransactWriteError as exc:
        if exc.cause_response_code != "TransactionCanceledException":
            raise
        raise Conflict(f"This request was already {BookingRequest.get(booking.booking_id).status}.") from None


# -- after a change: the appointment on the dashboard and the emails ------------------------------
#
# Each change queues a follow-up task in its own transaction, so the emails and the dashboard
# appointment cannot be lost once the booking is stored, and runs it at once as well; both runs
# are idempotent (emails are deduplicated, the appointment upsert is a no-op the second time).

def _queue_follow_up(transaction: Any, booking: BookingRequest, event: str, changes: int | None = None,
                     **details: Any) -> None:
    changes = int(booking.changes or 0) if changes is None else changes
    transaction.save(
        task_item("booking-follow-up", {"booking_id": booking.booking_id, "event": event, **details},
                  dedupe_key=f"booking-follow-up:{booking.booking_id}:{event}:{changes}"),
        condition=OutboxMessage.message_id.does_not_exist())


def follow_up(booking_id: str, event: str, **details: Any) -> None:
    try:
        follow_up_task({"booking_id": booking_id, "event": event, **details}, "inline")
    except Exception:  # noqa: BLE001 - the queued task does it again shortly
        log.exception("booking follow-up failed; the queued task will retry", extra={"booking_id": booking_id})


def follow_up_task(payload: dict[str, Any], task_id: str) -> list[str]:
    booking = get_or_none(BookingRequest, payload["booking_id"])
    if booking is None:
        return []
    current = rules()
    event = payload["event"]
    if event in ("booked", "confirmed", "moved", "cancelled"):
        sync_appointment(booking, current)
    account, prop = get_or_none(Account, booking.account_id), get_or_none(Property, booking.property_id)
    if event == "booked":
        notices.booked(booking, current, account, prop)
    elif event in ("confirmed", "moved"):
        notices.confirmed(booking, current, account, prop)
    elif event == "declined":
        notices.declined(booking, current, account, prop)
    elif event == "cancelled":
        notices.cancelled(booking, current, account, prop)
    if event in ("moved", "cancelled"):  # the customer changed a job the office already has
        notices.changed_by_customer(booking, current, account, prop, payload.get("previous"))
    return []


def sync_appointment(booking: BookingRequest, current: Rules) -> None:
    """A confirmed booking is an appointment on the dashboard; a cancelled one is cancelled there too."""
    from chalicelib.admin import records, schemas  # pydantic: only on the booking routes that confirm

    appointment = plain(booking.appointment)
    if not appointment:
        return
    records.upsert_appointment(appointment_id(booking), schemas.AppointmentIn(
        property_id=booking.property_id, date=date.fromisoformat(appointment["date"]),
        window_start=appointment["window_start"], window_end=appointment["window_end"],
        technician_name=appointment.get("technician_name"), service_type=booking.service_type,
        status="scheduled" if booking.status == "confirmed" else "cancelled"))


BOOKING_APPOINTMENT = "booking-"  # how a booking's own appointment is named among the office's


def appointment_id(booking: BookingRequest) -> str:
    return f"{BOOKING_APPOINTMENT}{booking.booking_id}"


def is_booking_appointment(appointment_id_: str) -> bool:
    """A portal booking's appointment: My bookings lists the booking itself, not this too."""
    return appointment_id_.startswith(BOOKING_APPOINTMENT)


# -- views ------------------------------------------------------------------------------------

def view(booking: BookingRequest, current: Rules, prop: Property | None = None) -> dict[str, Any]:
    service = current.service(booking.service_type) or {}
    appointment = plain(booking.appointment)
    deadline = None
    if booking.status == "confirmed" and appointment:
        deadline = current.change_deadline(date.fromisoformat(appointment["date"]), appointment["window"])
    open_ = booking.status == "requested" or (deadline is not None and now() < deadline)
    return {
        "id": booking.booking_id,
        "source": "portal",
        "status": booking.status,
        "mode": booking.mode,
        "service_type": booking.service_type,
        "service_name": service.get("name", booking.service_type.replace("_", " ").capitalize()),
        "property_id": booking.property_id,
        "property_label": label(plain(prop.address)) if prop else None,
        "preferred": list(booking.preferred or []),
        "notes": booking.notes,
        "appointment": appointment,
        "decline_reason": booking.decline_reason,
        "created_at": booking.created_at.isoformat(),
        "change_deadline": deadline.isoformat() if deadline else None,
        "can_cancel": booking.status in ("requested", "confirmed") and open_,
        "can_reschedule": booking.status == "confirmed" and bool(booking.slot) and open_,
    }


def office_view(visit: dict[str, Any], current: Rules, prop: Property) -> dict[str, Any]:
    """An appointment the company's software put in, as a read-only booking: changed by phone only."""
    service = current.service(visit["service_type"]) or {}
    times = {"start": visit["window_start"], "end": visit["window_end"]}
    return {
        "id": visit["id"],
        "source": "company",
        "status": "confirmed",
        "mode": None,
        "service_type": visit["service_type"],
        "service_name": service.get("name", visit["service_type"].replace("_", " ").capitalize()),
        "property_id": prop.property_id,
        "property_label": label(plain(prop.address)),
        "preferred": [],
        "notes": None,
        "appointment": {"date": visit["date"], "window": next((w for w in WINDOWS if current.window(w) == times), None),
                        "window_start": visit["window_start"], "window_end": visit["window_end"],
                        "technician_name": visit["technician_name"]},
        "decline_reason": None,
        "created_at": None,
        "change_deadline": None,
        "can_cancel": False,
        "can_reschedule": False,
    }


def dispatch_view(booking: BookingRequest, current: Rules, prop: Property | None) -> dict[str, Any]:
    """A booking as the office sees it: with the customer and the property."""
    return {**view(booking, current, prop), "account_id": booking.account_id}

