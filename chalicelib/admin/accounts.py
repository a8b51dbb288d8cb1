"""Accounts from the company's software (C1): idempotent upserts keyed by the company's own ids.

A contact the customer confirmed or changed on the portal is kept over the company's old value
(SPEC §9 "Who owns a contact"); the answer says which were kept.
"""
from __future__ import annotations

from typing import Any

from chalicelib import search
from chalicelib.admin import schemas
from chalicelib.admin.records import Upserted, apply, iso, now, save_versioned, unchanged
from chalicelib.billing import autopay_state
from chalicelib.db.models import Account, plain
from chalicelib.db.queries import get_or_none


def account_view(item: Account) -> dict[str, Any]:
    external = plain(item.external) or {}
    return {
        "id": item.account_id,
        "name": item.name,
        "email": item.email,
        "phone": item.phone,
        "mailing_address": external.get("mailing_address"),
        "maintenance_agreement": bool(external.get("maintenance_agreement")),
        "open_balance_cents": int(item.open_balance_cents or 0),
        "open_invoice_count": int(item.open_invoice_count or 0),
        "invited_at": iso(item.invited_at),
        "activated_at": iso(item.activated_at),
        "created_at": iso(item.created_at),
        "updated_at": iso(item.updated_at),
    }


def upsert_account(account_id: str, body: schemas.AccountIn) -> Upserted:
    schemas.check_object_id("id", account_id)
    data = body.model_dump(mode="json")
    fields = {
        "name": data["name"],
        "email": data["email"],
        "email_lc": data["email"].lower() if data["email"] else None,
        "phone": data["phone"],
        "external": {"mailing_address": data["mailing_address"], "maintenance_agreement": data["maintenance_agreement"]},
    }
    existing = get_or_none(Account, account_id)
    kept = _keep_customer_contacts(existing, fields) if existing else []
    invited = existing is not None and existing.invited_at is not None
    active = existing is not None and existing.activated_at is not None
    fields["never_invited"] = "yes" if fields["email"] and not invited and not active else None
    fields["without_email"] = "yes" if not fields["email"] and not active else None
    fields["search_key"] = search.index_account(account_id, existing, fields["name"], fields["email"], fields["phone"])
    if existing and unchanged(existing, fields):
        return Upserted({**account_view(existing), "kept": kept}, created=False, changed=False)
    item = existing or Account(account_id, created_at=now(), open_balance_cents=0, open_invoice_count=0)
    apply(item, fields)
    save_versioned(item)
    if existing:  # the maintenance agreement may have come or gone: its invoices say so
        autopay_state.stamp_invoices(item)
    return Upserted({**account_view(item), "kept": kept}, created=existing is None, changed=True)


def _keep_customer_contacts(existing: Account, fields: dict[str, Any]) -> list[str]:
    """SPEC §9: a contact the customer changed on the portal beats the old value the company still sends.

    Answers the fields kept (the company's software learns the new value from the change feed).
    """
    owned = plain(existing.customer_contacts) or {}
    kept = []
    for kind in ("email", "phone"):
        sent = fields[kind].lower() if kind == "email" and fields[kind] else fields[kind]
        if kind in owned and sent is not None and sent == owned[kind].get("replaced"):
            fields[kind] = getattr(existing, kind)
            if kind == "email":
                fields["email_lc"] = existing.email_lc
            kept.append(kind)
    return kept


# -- properties -----------------------------------------------------------------------------
