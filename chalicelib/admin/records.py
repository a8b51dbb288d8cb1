"""Idempotent upserts of the company's records, keyed by the company's own ids (SPEC C1).

A PUT with the body already stored writes nothing (``changed`` is false and ``updated_at``
stays). Fields the portal owns (summaries, invitations, documents hung on a record, portal
payments) are kept whatever the company sends.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable

from chalicelib import search
from chalicelib.addresses import address_key
from chalicelib.admin import schemas, service_notices, summaries
from chalicelib.customer import reminders
from chalicelib.db import conditional, transact_write
from chalicelib.db.models import (
    PORTAL_BOOKING_APPOINTMENT, Account, Appointment, Document, OutboxMessage, Property, ServiceRecord, plain,
)
from chalicelib.db.queries import everything_on_property, get_or_none
from chalicelib.errors import Conflict, Invalid, UnknownReference
from chalicelib.sale import owners
from chalicelib import clock


@dataclass(frozen=True)
class Upserted:
    body: dict[str, Any]
    created: bool
    changed: bool


def now() -> datetime:
    return clock.now()


def iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z") if moment else None


def unchanged(item: Any, fields: dict[str, Any]) -> bool:
    return all(plain(getattr(item, name)) == value for name, value in fields.items())


def apply(item: Any, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        setattr(item, name, value)
    item.updated_at = now()


def save_versioned(item: Any) -> None:
    """Save with the model's version check; a concurrent writer gets a clear 409."""
    if not conditional(item.save):
        raise Conflict("The record was changed by another request at the same time; send it again.")


def require_account(account_id: str) -> Account:
    account = get_or_none(Account, account_id)
    if account is None:
        raise UnknownReference.field("account_id", f"no account '{account_id}'; PUT /api/admin/accounts/{account_id} first")
    return account


def require_property(property_id: str, field: str = "property_id") -> Property:
    prop = get_or_none(Property, property_id)
    if prop is None:
        raise UnknownReference.field(field, f"no property '{property_id}'; PUT /api/admin/properties/{property_id} first")
    return prop


# -- accounts -------------------------------------------------------------------------------

def property_view(item: Property) -> dict[str, Any]:
    return {
        "id": item.property_id,
        "account_id": item.account_id,
        "address": plain(item.address),
        "system": plain(item.system),
        "service_interval_months": int(item.service_interval_months) if item.service_interval_months else None,
        "last_service": plain(item.last_service),
        "last_pump_out_on": item.last_pump_out_on,
        "last_inspection_on": item.last_inspection_on,
        "household_size": int(item.household_size) if item.household_size else None,
        "upcoming": item.upcoming or [],
        # F14: who holds it since when (None: since it was first sent), and every holder before
        "owner": {"account_id": item.account_id, "since": item.owner_since},
        "owners": item.owners or [],
        "transaction": plain(item.transaction),  # as PUT .../transaction set it (None: no sale in progress)
        "created_at": iso(item.created_at),
        "updated_at": iso(item.updated_at),
    }


def upsert_property(property_id: str, body: schemas.PropertyIn) -> Upserted:
    schemas.check_object_id("id", property_id)
    require_account(body.account_id)
    data = body.model_dump(mode="json")
    existing = get_or_none(Property, property_id)
    kept = None
    if existing and body.account_id in owners.previous_owners(existing):
        # F14: the portal handed the home on; software that has not caught up still names the seller
        kept = {"account_id": {"sent": body.account_id, "kept": existing.account_id,
                               "why": "the property was handed on to this account on the portal"}}
    fields = {
        "account_id": existing.account_id if kept else data["account_id"],
        "address": data["address"],
        "address_key": address_key(data["address"]["line1"], data["address"]["zip"]),
        "system": data["system"],
        "service_interval_months": data["service_interval_months"],
    }
    fields["search_key"] = search.index_property(property_id, existing, fields["account_id"], fields["address"])
    if existing and unchanged(existing, fields):
        reminders.stamp(existing)  # as the summaries: a repeat heals a stamp an outage left stale
        return Upserted(_with_kept(property_view(existing), kept), created=False, changed=False)
    moved_from = existing.account_id if existing is not None and existing.account_id != fields["account_id"] else None
    item = existing or Property(property_id, created_at=now())
    apply(item, fields)
    if moved_from:
        item.owners = owners.corrected(item, fields["account_id"])
    item.save()
    if moved_from:
        _move_records(property_id, moved_from, fields["account_id"])
    reminders.stamp(item)  # the interval, the tank or the system type may have changed
    return Upserted(_with_kept(property_view(item), kept), created=existing is None, changed=True)


def _with_kept(view: dict[str, Any], kept: dict[str, Any] | None) -> dict[str, Any]:
    return {**view, "kept": kept} if kept else view


def _move_records(property_id: str, old_account_id: str, account_id: str) -> None:
    """The company's software put the property on another account: the holder's records go along
    (a correction, or a sale the portal did not see); invoices stay with the old account, and the
    visits of owners before an F14 transfer stay theirs."""
    for record in everything_on_property(property_id):
        model = type(record)
        actions = [model.account_id.set(account_id)] if record.account_id == old_account_id else []
        if isinstance(record, (ServiceRecord, Document)) and record.holder_id != account_id:
            actions.append(model.holder_id.set(account_id))
        if actions:
            record.update(actions=actions)


# -- records on a property: service records and appointments -------------------------------

def _upsert_on_property(
    model: type[ServiceRecord] | type[Appointment],
    object_id: str,
    prop: Property,
    fields: dict[str, Any],
    refresh: Callable[..., None],
    view: Callable[[Any], dict[str, Any]],
    follow_up: Callable[[Any, dict[str, Any], str], OutboxMessage | None] | None = None,
    **new_defaults: Any,
) -> Upserted:
    """Upsert a record hung on ``prop`` and re-derive the summaries it feeds.

    The summaries are re-derived even for an unchanged PUT, so a repeat heals one an
    outage left stale; a record moved to another property leaves the old one's summaries.
    A task ``follow_up(existing, fields, id)`` answers is stored in the change's own transaction.
    """
    existing = get_or_none(model, object_id)
    if existing and unchanged(existing, fields):
        refresh(prop, existing)
        return Upserted(view(existing), created=False, changed=False)
    old_property = existing.property_id if existing else None
    task = follow_up(existing, fields, object_id) if follow_up else None
    item = existing or model(object_id, created_at=now(), **new_defaults)
    apply(item, fields)
    if task is None:
        item.save()
    else:
        with transact_write() as transaction:
            transaction.save(item)
            transaction.save(task)
    refresh(prop, item)
    if old_property and old_property != item.property_id:
        refresh(require_property(old_property), item, removed=True)
    return Upserted(view(item), created=existing is None, changed=True)


# -- service records ------------------------------------------------------------------------

def record_view(item: ServiceRecord) -> dict[str, Any]:
    return {
        "id": item.record_id,
        "account_id": item.account_id,
        "property_id": item.property_id,
        "date": item.date,
        "service_type": item.service_type,
        "status": item.status,
        "technician_name": item.technician_name,
        "gallons_pumped": int(item.gallons_pumped) if item.gallons_pumped is not None else None,
        "notes": item.notes or [],
        "condition_rating": item.condition_rating,
        "measurements": plain(item.measurements),
        "visibility": item.visibility,
        "documents": item.documents or [],
        "created_at": iso(item.created_at),
        "updated_at": iso(item.updated_at),
    }


def upsert_service_record(record_id: str, body: schemas.ServiceRecordIn) -> Upserted:
    schemas.check_object_id("id", record_id)
    prop = require_property(body.property_id)
    data = body.model_dump(mode="json")
    fields = {
        "account_id": owners.owner_on(prop, data["date"]),
        "holder_id": prop.account_id,
        "property_id": data["property_id"],
        "sort_key": f"{data['date']}#{record_id}",
        "date": data["date"],
        "service_type": data["service_type"],
        "status": data["status"],
        "technician_name": data["technician_name"],
        "gallons_pumped": data["gallons_pumped"],
        "notes": data["notes"],
        "condition_rating": data["condition_rating"],
        "measurements": data["measurements"],
        "visibility": data["visibility"],
    }
    return _upsert_on_property(ServiceRecord, record_id, prop, fields, summaries.refresh_history, record_view,
                               follow_up=service_notices.summary_task, documents=[])


# -- appointments ---------------------------------------------------------------------------

def appointment_view(item: Appointment) -> dict[str, Any]:
    return {
        "id": item.appointment_id,
        "account_id": item.account_id,
        "property_id": item.property_id,
        "date": item.date,
        "window_start": item.window_start,
        "window_end": item.window_end,
        "technician_name": item.technician_name,
        "service_type": item.service_type,
        "status": item.status,
        "visit_status": item.visit_status,
        "eta": item.eta,
        "created_at": iso(item.created_at),
        "updated_at": iso(item.updated_at),
    }


def upsert_office_appointment(appointment_id: str, body: schemas.AppointmentIn) -> Upserted:
    """An appointment the company's software sends: never under the name of a portal booking's own."""
    if appointment_id.startswith(PORTAL_BOOKING_APPOINTMENT):
        raise Invalid.field("id", f"Appointment ids starting `{PORTAL_BOOKING_APPOINTMENT}` are the portal's own bookings; use another id.")
    return upsert_appointment(appointment_id, body)


def upsert_appointment(appointment_id: str, body: schemas.AppointmentIn) -> Upserted:
    schemas.check_object_id("id", appointment_id)
    prop = require_property(body.property_id)
    data = body.model_dump(mode="json")
    fields = {
        "account_id": owners.owner_on(prop, data["date"]),
        "property_id": data["property_id"],
        "sort_key": f"{data['date']}T{data['window_start']}#{appointment_id}",
        "date": data["date"],
        "window_start": data["window_start"],
        "window_end": data["window_end"],
        "technician_name": data["technician_name"],
        "service_type": data["service_type"],
        "status": data["status"],
    }
    return _upsert_on_property(Appointment, appointment_id, prop, fields, summaries.refresh_upcoming, appointment_view)
