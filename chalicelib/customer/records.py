"""The customer's records (F4-F7). Each page is one Query or GetItem (the dashboard two).

Every object is checked against the caller's account; another account's object answers 404
exactly like one that does not exist.
"""
from __future__ import annotations

from datetime import date
from typing import Any
from functools import partial

from chalicelib import company
from chalicelib.addresses import label
from chalicelib.customer import cursors, visibility
from chalicelib.customer import due as due_rule
from chalicelib.db.models import Account, Document, Property, ServiceRecord, plain
from chalicelib.db.queries import documents_page, get_or_none, history_page, owned_or_404, properties_of_account
from chalicelib.errors import NotFound
from chalicelib.sale import transaction
from chalicelib.storage import documents as storage
from chalicelib import clock

_NOT_FOUND = partial(NotFound, "Not found.")  # a fresh instance per raise: a shared one keeps old tracebacks alive


# -- dashboard (F4) ---------------------------------------------------------------------------

def dashboard(account_id: str) -> dict[str, Any]:
    account = Account.get(account_id)
    settings = company.current()
    today = clock.today(settings["booking"]["time_zone"])
    return {
        "account": {"name": account.name},
        "open_balance_cents": int(account.open_balance_cents or 0),
        "open_invoice_count": int(account.open_invoice_count or 0),
        "properties": [_property_card(p, settings, today) for p in properties_of_account(account_id)],
        "booking_url": "/book",
    }


def _property_card(prop: Property, settings: dict[str, Any], today: date) -> dict[str, Any]:
    address = plain(prop.address)
    return {
        "id": prop.property_id,
        "label": label(address),
        "address": address,
        "last_service": _last_service(prop),
        "next_service_due": service_due(prop, settings, today),
        "next_inspection_due": inspection_due(prop, settings, today),
        "upcoming_appointments": upcoming_appointments(prop, today),
        "transaction": transaction.for_pages(prop, settings, today),
    }


def upcoming_appointments(prop: Property, today: date) -> list[dict[str, Any]]:
    """The property's visits still to come, soonest first (booked online or put in by the office).

    From the property's summary, so whoever holds the property has them without another read.
    """
    return [
        {"id": a["appointment_id"], **{k: a[k] for k in ("date", "window_start", "window_end", "technician_name", "service_type")},
         "visit_status": a.get("visit_status"), "eta": a.get("eta")}
        for a in prop.upcoming or []
        if a["date"] >= today.isoformat()
    ]


def service_due(prop: Property, settings: dict[str, Any], today: date) -> dict[str, Any]:
    """When the next pump-out is due, and why (``customer.due``); ``booked`` instead, with ``booked_on``,
    when a pump-out is on the calendar (booked online or by the office). Dashboard and property page."""
    return due_rule.due_for(prop, "pump_out", settings, today)


def inspection_due(prop: Property, settings: dict[str, Any], today: date) -> dict[str, Any] | None:
    """The yearly inspection of a system with mechanical parts, the same way; None for other systems."""
    return due_rule.due_for(prop, "inspection", settings, today)


def _last_service(prop: Property) -> dict[str, Any] | None:
    last = plain(prop.last_service)
    return {"date": last["date"], "service_type": last["service_type"]} if last else None


# -- history (F5) -----------------------------------------------------------------------------
#
# A customer sees the records of the homes they hold now (``by_holder``), the previous owners'
# visits there included (F14) but only what belongs to the home: no notes written for those
# owners, and of their documents only the reports and warranties. A home they handed on is
# asked for by ``former_property_id``: their own visits there (``by_account``), nothing later.

def history(account_id: str, property_id: str | None, cursor: str | None, limit: str | None,
            former_property_id: str | None = None) -> dict[str, Any]:
    size = cursors.limit(limit)
    held = not former_property_id
    scope = f"history:{account_id}:{property_id or '*'}" if held else f"history-former:{account_id}:{former_property_id}"
    start = cursors.decode(cursor, scope)
    page = history_page(account_id, property_id if held else former_property_id, size, start, held=held)
    defaults = company.current()["visibility_defaults"]
    return {"items": [_visit(r, defaults, own=r.account_id == account_id) for r in page.items],
            "next_cursor": cursors.encode(page.last_key, scope)}


def _visit(record: ServiceRecord, defaults: dict[str, Any], own: bool = True) -> dict[str, Any]:
    return {
        "id": record.record_id,
        "date": record.date,
        "service_type": record.service_type,
        "status": record.status,
        "property_id": record.property_id,
        "technician_name": record.technician_name,
        "gallons_pumped": int(record.gallons_pumped) if record.gallons_pumped is not None else None,
        "notes": visibility.notes(record.notes, record.visibility, defaults) if own else [],
        "condition_rating": record.condition_rating if visibility.detail("condition_ratings", record.visibility, defaults) else None,
        "measurements": plain(record.measurements) if visibility.detail("measurements", record.visibility, defaults) else None,
        "documents": [
            {"id": d["document_id"], "title": d["title"], "kind": d["kind"], "content_type": d["content_type"]}
            for d in record.documents or []
            if visibility.document(d.get("status"), d["kind"], d.get("visibility"), defaults)
            and (own or d["kind"] in visibility.HANDED_ON)
        ],
        "previous_owner": not own,
    }


# -- documents (F6) ---------------------------------------------------------------------------

def documents(account_id: str, cursor: str | None, limit: str | None, property_id: str | None = None,
              former_property_id: str | None = None) -> dict[str, Any]:
    size = cursors.limit(limit)
    held = not former_property_id
    scope = f"documents:{account_id}:{property_id or '*'}" if held else f"documents-former:{account_id}:{former_property_id}"
    page = documents_page(account_id, property_id if held else former_property_id, size, cursors.decode(cursor, scope),
                          held=held)
    defaults = company.current()["visibility_defaults"]
    items = [
        {"id": d.document_id, "title": d.title, "kind": d.kind, "date": d.date, "property_id": d.property_id,
         "content_type": d.content_type, "previous_owner": d.account_id != account_id}
        for d in page.items
        if visibility.document(d.status, d.kind, d.visibility, defaults)
        and (d.account_id == account_id or d.kind in visibility.HANDED_ON)
    ]
    return {"items": items, "next_cursor": cursors.encode(page.last_key, scope)}


def download(account_id: str, document_id: str) -> dict[str, Any]:
    item = get_or_none(Document, document_id) if document_id else None
    # the account's own document (also of a home it sold), or a report of a home it holds now
    mine = item is not None and (item.account_id == account_id
                                 or (item.holder_id == account_id and item.kind in visibility.HANDED_ON))
    defaults = company.current()["visibility_defaults"]
    if not mine or not visibility.document(item.status, item.kind, item.visibility, defaults):
        raise _NOT_FOUND()  # drafts, staff-only and other accounts' documents do not exist for customers
    url = storage.download_url(item.s3_key, item.content_type, item.s3_key.rsplit("/", 1)[-1])
    return {"url": url, "expires_in": storage.DOWNLOAD_SECONDS}


# -- system on file (F7) ----------------------------------------------------------------------

def property_details(account_id: str, property_id: str) -> dict[str, Any]:
    prop = owned_or_404(Property, property_id, account_id)
    settings = company.current()
    address = plain(prop.address)
    today = clock.today(settings["booking"]["time_zone"])
    pump_out = service_due(prop, settings, today)
    return {
        "id": prop.property_id,
        "label": label(address),
        "address": address,
        "system": plain(prop.system) or {},
        "service_interval_months": pump_out["interval_months"],
        "last_service": _last_service(prop),
        "last_pump_out_on": prop.last_pump_out_on,
        "last_inspection_on": prop.last_inspection_on,
        "next_service_due": pump_out,
        "next_inspection_due": inspection_due(prop, settings, today),
        "access_notes": prop.access_notes,
        "household_size": int(prop.household_size) if prop.household_size else None,
        "transaction": transaction.for_pages(prop, settings, today),
    }
