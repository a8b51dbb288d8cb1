"""After a booking changes: the appointment on the dashboard, and the emails (``notices``).

Each change queues a follow-up task in its own transaction (``task``, stored by ``places``), so the
emails and the dashboard appointment cannot be lost once the booking is stored, and runs it at once
as well (``run_now``); both runs are idempotent (emails are deduplicated, the appointment upsert is
a no-op the second time). The outbox worker runs a queued one through ``run``.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from chalicelib import logs
from chalicelib.booking import notices
from chalicelib.booking.rules import company_rules
from chalicelib.db.models import PORTAL_BOOKING_APPOINTMENT, Account, BookingRequest, OutboxMessage, Property, plain
from chalicelib.db.queries import get_or_none
from chalicelib.notify.queue import task_item

log = logs.get_logger("booking")
TASK = "booking-follow-up"
BOOKING_APPOINTMENT = PORTAL_BOOKING_APPOINTMENT  # how a booking's own appointment is named among the office's


def task(booking: BookingRequest, event: str, changes: int | None = None, **details: Any) -> OutboxMessage:
    """The queued follow-up of one change (the booking's ``changes`` count tells repeats apart)."""
    changes = int(booking.changes or 0) if changes is None else changes
    return task_item(TASK, {"booking_id": booking.booking_id, "event": event, **details},
                     dedupe_key=f"{TASK}:{booking.booking_id}:{event}:{changes}")


def run_now(booking_id: str, event: str, **details: Any) -> None:
    try:
        run({"booking_id": booking_id, "event": event, **details}, "inline")
    except Exception:  # noqa: BLE001 - the queued task does it again shortly
        log.exception("booking follow-up failed; the queued task will retry", extra={"booking_id": booking_id})


def run(payload: dict[str, Any], task_id: str) -> list[str]:
    booking = get_or_none(BookingRequest, payload["booking_id"])
    if booking is None:
        return []
    current = company_rules()
    event = payload["event"]
    if event in ("booked", "confirmed", "moved", "cancelled"):
        sync_appointment(booking)
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


def sync_appointment(booking: BookingRequest) -> None:
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


def appointment_id(booking: BookingRequest) -> str:
    return f"{BOOKING_APPOINTMENT}{booking.booking_id}"


def is_booking_appointment(appointment_id_: str) -> bool:
    """A portal booking's appointment: My bookings lists the booking itself, not this too."""
    return appointment_id_.startswith(BOOKING_APPOINTMENT)
