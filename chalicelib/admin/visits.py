"""The technician's progress on a visit (C4 "on the way"): en route (with an arrival estimate), arrived,
completed, from the company's software.

The status is stored on the appointment and in its property's ``upcoming`` summary, so the dashboard
and My bookings show it with no extra read. Each status change counts (``visit_changes``) and stores
its message task in the same transaction (``service_notices.visit_task``): the same status sent
twice tells the customer once, a later change tells again. Portal bookings' appointments
(``booking-…``) are found like the office's: booking stores them in the same table.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from pynamodb.exceptions import TransactWriteError

from chalicelib import company, db
from chalicelib.admin import schemas, service_notices, summaries
from chalicelib.admin.records import Upserted, appointment_view, now
from chalicelib.db.models import Appointment, Property
from chalicelib.db.queries import get_or_none
from chalicelib.errors import Conflict, NotFound

_STEPS = ("en_route", "arrived", "completed")
_WORDS = {"en_route": "on the way", "arrived": "arrived", "completed": "completed"}
_AT_THE_SAME_TIME = "The appointment's status changed at the same moment; send it again."


def set_status(appointment_id: str, body: schemas.AppointmentStatusIn) -> Upserted:
    schemas.check_object_id("id", appointment_id)
    item = get_or_none(Appointment, appointment_id)
    if item is None:
        raise NotFound(f"No appointment '{appointment_id}'.")
    settings = company.current()
    if item.status == "cancelled":
        raise Conflict("This appointment was cancelled, so the technician cannot be on the way to it.")
    today = company.today().isoformat()
    if item.date < today:
        raise Conflict(f"This appointment was on {item.date}; a visit's status can be sent until the end of its day.")
    if item.date > today:
        raise Conflict(f"This appointment is on {item.date}; a visit's status can be sent from the start of its day.")
    if _STEPS.index(body.status) < _STEPS.index(item.visit_status or body.status):
        raise Conflict(f"This visit is already marked {_WORDS[item.visit_status]}; its status only moves forward "
                       "(en_route, arrived, completed), so the customer is never told an older step again.")
    eta = _local_eta(body.eta, settings["booking"]["time_zone"])
    if item.visit_status == body.status and item.eta == eta:
        _refresh(item)  # a repeat heals a summary an outage left stale
        return Upserted(appointment_view(item), created=False, changed=False)
    seen = item.visit_changes
    changes = int(seen or 0) + (1 if item.visit_status != body.status else 0)
    actions = [Appointment.visit_status.set(body.status), Appointment.visit_changes.set(changes),
               Appointment.eta.set(eta) if eta else Appointment.eta.remove(), Appointment.updated_at.set(now())]
    condition = Appointment.visit_changes.does_not_exist() if seen is None else Appointment.visit_changes == seen
    _write(item, actions, condition, changes, told=changes != int(seen or 0))
    _refresh(item)
    return Upserted(appointment_view(item), created=False, changed=True)


def _write(item: Appointment, actions: list[Any], condition: Any, changes: int, *, told: bool) -> None:
    """The change, with its message task when the status changed (an eta alone tells nothing new)."""
    if not told:
        if not db.conditional(lambda: item.update(actions=actions, condition=condition)):
            raise Conflict(_AT_THE_SAME_TIME)
        return
    try:
        with db.transact_write() as transaction:
            transaction.update(item, actions=actions, condition=condition)
            transaction.save(service_notices.visit_task(item.appointment_id, changes))
    except TransactWriteError as exc:
        if exc.cause_response_code == "TransactionCanceledException":
            raise Conflict(_AT_THE_SAME_TIME) from None
        raise
    item.refresh()


def _refresh(item: Appointment) -> None:
    prop = get_or_none(Property, item.property_id)
    if prop is not None:
        summaries.refresh_upcoming(prop, item)


def _local_eta(value: str | datetime | None, zone: str) -> str | None:
    """"10:40" as sent, or a date-time as the company's clock reads it ("HH:MM")."""
    if value is None or isinstance(value, str):
        return value
    place = ZoneInfo(zone)
    moment = value if value.tzinfo else value.replace(tzinfo=place)
    return moment.astimezone(place).strftime("%H:%M")
