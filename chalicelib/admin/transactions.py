"""PUT/DELETE /api/admin/properties/{id}/transaction: the sale in progress on a property (SPEC F13).

Stored on the property (``Property.transaction``), so the dashboard, property page, shared page
and records pack show it with no extra read. The inspection report itself stays hidden until the
company publishes it as final (documents' own status), whatever the transaction says.
"""
from __future__ import annotations

from typing import Any

from chalicelib import company
from chalicelib.admin import schemas
from chalicelib.admin.records import Upserted, iso, now
from chalicelib.db.models import Property, plain
from chalicelib.db.queries import get_or_none
from chalicelib.errors import NotFound
from chalicelib.sale import transaction


def put(property_id: str, body: schemas.TransactionIn) -> Upserted:
    prop = _property(property_id)
    if body.status is None:
        return clear(property_id)
    fresh = {"status": body.status,
             "closing_date": body.closing_date.isoformat() if body.closing_date else None,
             "agent_name": body.agent_name or None}
    stored = plain(prop.transaction) or {}
    if {k: stored.get(k) for k in fresh} == fresh:
        return Upserted(_view(prop), created=False, changed=False)
    prop.update(actions=[Property.transaction.set({**fresh, "updated_at": iso(now())})],
                condition=Property.property_id.exists())
    return Upserted(_view(prop), created=not stored, changed=True)


def clear(property_id: str) -> Upserted:
    prop = _property(property_id)
    if prop.transaction is None:
        return Upserted(_view(prop), created=False, changed=False)
    prop.update(actions=[Property.transaction.remove()], condition=Property.property_id.exists())
    return Upserted(_view(prop), created=False, changed=True)


def _property(property_id: str) -> Property:
    schemas.check_object_id("id", property_id)
    prop = get_or_none(Property, property_id)
    if prop is None:
        raise NotFound(f"No property '{property_id}'.")
    return prop


def _view(prop: Property) -> dict[str, Any]:
    """What the owner's pages now say (``for_pages``), under the property's id."""
    return {"property_id": prop.property_id,
            "transaction": transaction.for_pages(prop, company.current(), company.today())}
