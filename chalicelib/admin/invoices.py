"""Invoice upserts. The status and balance come from the ledger; the account's open balance moves with them."""
from __future__ import annotations

from typing import Any

from chalicelib.admin import schemas, service_notices
from chalicelib.admin.records import Upserted, apply, iso, now, require_account, require_property, unchanged
from chalicelib.billing import autopay_state, ledger
from chalicelib.db.models import Invoice
from chalicelib.db.queries import get_or_none
from chalicelib.errors import UnknownReference


def invoice_view(item: Invoice) -> dict[str, Any]:
    return {
        "id": item.invoice_id,
        "account_id": item.account_id,
        "property_id": item.property_id,
        "number": item.number,
        "issued_on": item.issued_on,
        "due_on": item.due_on,
        "lines": item.lines,
        "payments": item.payments or [],
        "status": item.status,
        "total_cents": int(item.total_cents),
        "balance_cents": int(item.balance_cents),
        "created_at": iso(item.created_at),
        "updated_at": iso(item.updated_at),
    }


def upsert_invoice(invoice_id: str, body: schemas.InvoiceIn) -> Upserted:
    schemas.check_object_id("id", invoice_id)
    account = require_account(body.account_id)
    if body.property_id and require_property(body.property_id).account_id != body.account_id:
        raise UnknownReference.field("property_id", f"property '{body.property_id}' belongs to another account")
    data = body.model_dump(mode="json")
    existing = get_or_none(Invoice, invoice_id)
    # Payments taken through the portal are the portal's; the company's software sends only its own.
    portal_payments = [p for p in (existing.payments or []) if p.get("source") == "portal"] if existing else []
    office_payments = [{**p, "source": "office"} for p in data["payments"]]
    payments = office_payments + portal_payments
    total = sum(line["amount_cents"] for line in data["lines"])
    status, balance = ledger.settle(data["status"], total, payments)
    fields = {
        "account_id": data["account_id"],
        "property_id": data["property_id"],
        "sort_key": f"{data['issued_on']}#{invoice_id}",
        "number": data["number"],
        "issued_on": data["issued_on"],
        "due_on": data["due_on"],
        "lines": data["lines"],
        "payments": payments,
        "company_status": data["status"],
        "status": status,
        "total_cents": total,
        "balance_cents": balance,
        "account_autopay": autopay_state.state(account),  # so the customer's pages need not read the account
    }
    if existing and unchanged(existing, fields):
        return Upserted(invoice_view(existing), created=False, changed=False)
    before, previous_issue = ledger.open_share(existing), existing.issue_key if existing else None
    item = existing or Invoice(invoice_id, created_at=now())
    apply(item, fields)
    delivery = service_notices.invoice_task(item, previous_issue)  # stored with the invoice, or neither
    ledger.save(item, before, also=[delivery] if delivery else [])
    return Upserted(invoice_view(item), created=existing is None, changed=True)

