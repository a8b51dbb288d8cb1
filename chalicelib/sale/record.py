"""A property's record as a buyer sees it: one dict, the same for the shared page and the records pack.

Only what belongs to the property, never the account: no invoices, contact details, other
properties, access notes or share links. Visibility (SPEC C3) as on the customer's own pages.
"""
from __future__ import annotations

from typing import Any

from chalicelib import clock, company
from chalicelib.addresses import label
from chalicelib.customer import due as due_rule
from chalicelib.customer import visibility
from chalicelib.db.models import Document, Property, ServiceRecord, plain
from chalicelib.db.queries import MAX_PAGE
from chalicelib.sale import transaction

HISTORY_LIMIT = 200  # decades of visits; a pump-out is every few years
# What a buyer is shown as the property's reports: inspection reports. Receipts say what the owner
# paid and estimates what they were quoted: the account's business, not the property's record.
REPORT_KINDS = ("inspection_report",)


def property_record(prop: Property, *, include_reports: bool) -> dict[str, Any]:
    """The property's record today.

    ``{"property": {"id", "label", "address"}, "system": {...}, "service_history": [{"id", "date",
    "service_type", "gallons_pumped", "notes", "condition_rating", "measurements"}] newest first,
    "reports": [{"id", "title", "kind", "date", "content_type"}] (final, customer-visible inspection reports; empty
    unless ``include_reports``), "next_service_due": {...}, "next_inspection_due": {...} | None,
    "transaction": transaction.for_pages(...), "company": branding (name, phone, email, website,
    primary_color), "as_of": "YYYY-MM-DD"}``
    """
    settings = company.current()
    today = clock.today(settings["booking"]["time_zone"])
    defaults = settings["visibility_defaults"]
    address = plain(prop.address)
    branding = settings["branding"]
    return {
        "property": {"id": prop.property_id, "label": label(address), "address": address},
        "system": plain(prop.system) or {},
        "service_history": [_visit(r, defaults, own=r.account_id == prop.account_id)
                            for r in _completed_visits(prop.property_id)],
        "reports": _reports(prop.property_id, defaults) if include_reports else [],
        "next_service_due": due_rule.due_for(prop, "pump_out", settings, today),
        "next_inspection_due": due_rule.due_for(prop, "inspection", settings, today),
        "transaction": transaction.for_pages(prop, settings, today),
        "company": {k: branding.get(k) for k in ("company_name", "phone", "email", "website", "primary_color")},
        "as_of": today.isoformat(),
    }


def _completed_visits(property_id: str) -> list[ServiceRecord]:
    visits = ServiceRecord.by_property.query(property_id, scan_index_forward=False, page_size=MAX_PAGE,
                                             filter_condition=ServiceRecord.status == "completed")
    return [v for _, v in zip(range(HISTORY_LIMIT), visits)]


def _visit(record: ServiceRecord, defaults: dict[str, Any], *, own: bool) -> dict[str, Any]:
    """A visit; the technician's notes only on the current owner's (a previous owner's were written for them,
    as on the new owner's own history)."""
    return {
        "id": record.record_id,
        "date": record.date,
        "service_type": record.service_type,
        "gallons_pumped": int(record.gallons_pumped) if record.gallons_pumped is not None else None,
        "notes": visibility.notes(record.notes, record.visibility, defaults) if own else [],
        "condition_rating": record.condition_rating if visibility.detail("condition_ratings", record.visibility, defaults) else None,
        "measurements": plain(record.measurements) if visibility.detail("measurements", record.visibility, defaults) else None,
    }


def _reports(property_id: str, defaults: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"id": d.document_id, "title": d.title, "kind": d.kind, "date": d.date, "content_type": d.content_type}
        for d in Document.by_property.query(property_id, scan_index_forward=False, page_size=MAX_PAGE)
        if d.kind in REPORT_KINDS and visibility.document(d.status, d.kind, d.visibility, defaults)
    ]
