"""The per-property summaries the dashboard reads (last service, last pump-out and inspection, upcoming visits).

Re-derived from the records on every upsert, so they are right whatever order the company's
software sends records in. GSIs are eventually consistent, so the record just written is
merged in by hand rather than trusted to show up in the Query.
"""
from __future__ import annotations

from itertools import islice
from typing import Any

from chalicelib.db.models import Appointment, Property, ServiceRecord, plain
from chalicelib.db.queries import appointments_of_property_from, records_of_property_newest_first
from chalicelib import company
from chalicelib.customer import reminders
from chalicelib.sale import transaction

UPCOMING_KEPT = 3
_SCAN_LIMIT = 500  # records read at most to find the last pump-out of a long history


def refresh_history(prop: Property, fresh: ServiceRecord, removed: bool = False) -> None:
    records = [r for r in islice(records_of_property_newest_first(prop.property_id), _SCAN_LIMIT) if r.record_id != fresh.record_id]
    if not removed and fresh.property_id == prop.property_id:
        records.append(fresh)
    completed = sorted((r for r in records if r.status == "completed"), key=lambda r: r.sort_key, reverse=True)
    last = completed[0] if completed else None
    pump_out = next((r for r in completed if r.service_type == "pump_out"), None)
    inspection = next((r for r in completed if r.service_type == "inspection"), None)
    _update(
        prop,
        last_service={"record_id": last.record_id, "date": last.date, "service_type": last.service_type} if last else None,
        last_pump_out_on=pump_out.date if pump_out else None,
        last_inspection_on=inspection.date if inspection else None,
        yearly_pumping_through=transaction.yearly_through(
            inspection.date, [r.date for r in completed if r.service_type == "pump_out"]) if inspection else None,
    )
    reminders.stamp(prop)  # the due dates follow the last pump-out and inspection


def refresh_upcoming(prop: Property, fresh: Appointment, removed: bool = False) -> None:
    today = company.today().isoformat()
    items = [a for a in islice(appointments_of_property_from(prop.property_id, today), 50) if a.appointment_id != fresh.appointment_id]
    if not removed and fresh.property_id == prop.property_id and fresh.date >= today:
        items.append(fresh)
    # A visit the technician has completed is no longer upcoming (its service record follows).
    scheduled = sorted((a for a in items if a.status == "scheduled" and a.visit_status != "completed"),
                       key=lambda a: a.sort_key)[:UPCOMING_KEPT]
    _update(prop, upcoming=[_appointment_summary(a) for a in scheduled])


def _appointment_summary(item: Appointment) -> dict[str, Any]:
    return {
        "appointment_id": item.appointment_id,
        "date": item.date,
        "window_start": item.window_start,
        "window_end": item.window_end,
        "technician_name": item.technician_name,
        "service_type": item.service_type,
        "visit_status": item.visit_status,  # en_route | arrived, from POST .../status
        "eta": item.eta,
    }


def _update(prop: Property, **values: Any) -> None:
    actions = []
    for name, value in values.items():
        if plain(getattr(prop, name)) == value:
            continue
        attribute = getattr(Property, name)
        actions.append(attribute.remove() if value is None else attribute.set(value))
    if actions:
        prop.update(actions=actions, condition=Property.property_id.exists())
