"""Taking and giving back places (F11): every change of a booking is one DynamoDB transaction.

A slot's counter goes up only while it is below the capacity, in the transaction that stores the
booking, queues its follow-up and remembers the answer to its ``Idempotency-Key``, all or nothing:
N+k bookings of a slot of capacity N at the same instant end with exactly N. Cancelling or moving
gives the place back in the transaction that changes the booking, so it is given back once.

Each write in a transaction has a name; a cancelled transaction is answered by the names of the
writes that failed (``TransactionCancelled``), whatever order they were sent in.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pynamodb.exceptions import TransactWriteError

from chalicelib import db
from chalicelib.booking.rules import Slot, monday_of
from chalicelib.db.models import BookingRequest, IdempotentRequest, OutboxMessage, SlotCount
from chalicelib.errors import Conflict

CHANGED_MEANWHILE = "This booking changed at the same moment; please look again."
JUST_TAKEN = "That time has just been taken. Please choose another time."


class SlotFull(Conflict):
    code = "slot_full"


class TransactionCancelled(Exception):
    """DynamoDB cancelled a transaction; ``reasons`` names each write that failed and why."""

    def __init__(self, reasons: dict[str, str]) -> None:
        super().__init__(reasons)
        self.reasons = reasons  # {"slot": "ConditionalCheckFailed", ...}

    def failed_check(self, name: str) -> bool:
        return self.reasons.get(name) == "ConditionalCheckFailed"


@dataclass(frozen=True)
class _Put:
    item: Any
    condition: Any = None


@dataclass(frozen=True)
class _Update:
    item: Any
    actions: list[Any]
    condition: Any = None


# PynamoDB's TransactWrite sends every put before every update, whatever order they were added in:
# the cancellation reasons come in that order.
_SENT_IN_ORDER = (_Put, _Update)


def _write(writes: list[tuple[str, _Put | _Update]]) -> None:
    """One transaction of named writes; ``TransactionCancelled`` when DynamoDB refused it."""
    try:
        with db.transact_write() as transaction:
            for _, write in writes:
                if isinstance(write, _Put):
                    transaction.save(write.item, condition=write.condition)
                else:
                    transaction.update(write.item, actions=write.actions, condition=write.condition)
    except TransactWriteError as exc:
        if exc.cause_response_code != "TransactionCanceledException":
            raise
        sent = sorted(writes, key=lambda named: _SENT_IN_ORDER.index(type(named[1])))
        reasons = {name: reason.code for (name, _), reason in zip(sent, exc.cancellation_reasons or [])
                   if reason and reason.code not in (None, "None")}
        raise TransactionCancelled(reasons) from None


def calendar_keys(booking_id: str, day: date, window: str) -> tuple[str, str]:
    """A confirmed booking's keys in the office's week (``by_week``): the Monday, then
    "<date>#<window>#<id>"; a booking off the calendar (requested, declined, cancelled) has none."""
    return monday_of(day).isoformat(), f"{day.isoformat()}#{window}#{booking_id}"


def _on_the_calendar(booking: BookingRequest, day: date, window: str) -> list[Any]:
    week, key = calendar_keys(booking.booking_id, day, window)
    return [BookingRequest.visit_week.set(week), BookingRequest.visit_key.set(key)]


_OFF_THE_CALENDAR = [BookingRequest.visit_week.remove(), BookingRequest.visit_key.remove()]


def _take(slot: Slot, capacity: int) -> _Update:
    return _Update(SlotCount(slot.service_type, slot.key), [SlotCount.booked.add(1)],
                   SlotCount.booked.does_not_exist() | (SlotCount.booked < capacity))


def _give_back(service_type: str, slot_key: str) -> _Update:
    return _Update(SlotCount(service_type, slot_key), [SlotCount.booked.add(-1)])


def _queued(task: OutboxMessage) -> _Put:
    return _Put(task, OutboxMessage.message_id.does_not_exist())


def book(booking: BookingRequest, slot: Slot | None, capacity: int, follow_up: OutboxMessage,
         answer: IdempotentRequest | None) -> None:
    """Store a new booking with its follow-up task and the answer to its Idempotency-Key (if any),
    taking a place in its slot (if any). ``TransactionCancelled`` names "booking", "follow-up",
    "idempotency" or "slot"."""
    writes: list[tuple[str, _Put | _Update]] = [
        ("booking", _Put(booking, BookingRequest.booking_id.does_not_exist())),
        ("follow-up", _queued(follow_up)),
    ]
    if answer is not None:
        writes.append(("idempotency", _Put(answer, IdempotentRequest.key.does_not_exist())))
    if slot is not None:
        writes.append(("slot", _take(slot, capacity)))
    _write(writes)


def cancel(booking: BookingRequest, moment: datetime, follow_up: OutboxMessage) -> None:
    """Cancel a booking still in the status it was read in, giving its place back."""
    writes: list[tuple[str, _Put | _Update]] = [
        ("booking", _Update(booking, [BookingRequest.status.set("cancelled"), BookingRequest.slot.remove(),
                                      BookingRequest.changes.add(1), BookingRequest.updated_at.set(moment),
                                      *_OFF_THE_CALENDAR],
                            BookingRequest.status == booking.status)),
    ]
    if booking.slot:
        writes.append(("slot", _give_back(booking.service_type, booking.slot)))
    writes.append(("follow-up", _queued(follow_up)))
    try:
        _write(writes)
    except TransactionCancelled:
        raise Conflict(CHANGED_MEANWHILE) from None


def move(booking: BookingRequest, slot: Slot, capacity: int, appointment: dict[str, Any], moment: datetime,
         follow_up: OutboxMessage) -> None:
    """Move a confirmed booking to another slot: a place there, the old one given back."""
    try:
        _write([
            ("new slot", _take(slot, capacity)),
            ("old slot", _give_back(booking.service_type, booking.slot)),
            ("booking", _Update(booking, [BookingRequest.slot.set(slot.key), BookingRequest.appointment.set(appointment),
                                          BookingRequest.changes.add(1), BookingRequest.updated_at.set(moment),
                                          *_on_the_calendar(booking, slot.date, slot.window)],
                                (BookingRequest.status == "confirmed") & (BookingRequest.slot == booking.slot))),
            ("follow-up", _queued(follow_up)),
        ])
    except TransactionCancelled as cancelled:
        if cancelled.failed_check("new slot"):
            raise SlotFull(JUST_TAKEN) from None
        raise Conflict(CHANGED_MEANWHILE) from None


def confirm(booking: BookingRequest, appointment: dict[str, Any], moment: datetime, follow_up: OutboxMessage) -> None:
    day = date.fromisoformat(appointment["date"])
    _answer(booking, "confirmed", [BookingRequest.appointment.set(appointment), BookingRequest.changes.add(1),
                                   *_on_the_calendar(booking, day, appointment["window"])], moment, follow_up)


def decline(booking: BookingRequest, reason: str | None, moment: datetime, follow_up: OutboxMessage) -> None:
    _answer(booking, "declined", [BookingRequest.decline_reason.set(reason)] if reason else [], moment, follow_up)


def _answer(booking: BookingRequest, status: str, actions: list[Any], moment: datetime, follow_up: OutboxMessage) -> None:
    """requested → confirmed or declined, once: whoever answers second gets a 409 saying what happened."""
    try:
        _write([
            ("booking", _Update(booking, [BookingRequest.status.set(status), BookingRequest.updated_at.set(moment), *actions],
                                BookingRequest.status == "requested")),
            ("follow-up", _queued(follow_up)),
        ])
    except TransactionCancelled:
        raise Conflict(f"This request was already {BookingRequest.get(booking.booking_id).status}.") from None
