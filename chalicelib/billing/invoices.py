"""The customer's invoices (F8): 36 months, paid and unpaid, one Query a page."""
from __future__ import annotations

from datetime import date
from typing import Any

from chalicelib.billing import autopay_state
from chalicelib.customer import cursors
from chalicelib.customer.due import add_months
from chalicelib.db.models import Invoice
from chalicelib.db.queries import invoices_since, owned_or_404
from chalicelib import company

HISTORY_MONTHS = 36


def summary(item: Invoice, today: date | None = None) -> dict[str, Any]:
    return {
        "id": item.invoice_id,
        "number": item.number,
        "issued_on": item.issued_on,
        "due_on": item.due_on,
        "property_id": item.property_id,
        "total_cents": int(item.total_cents),
        "balance_cents": int(item.balance_cents),
        "status": item.status,
        "autopay_charges_on": autopay_state.charges_on(item, today or company.today()),
    }


def listing(account_id: str, cursor: str | None, limit: str | None) -> dict[str, Any]:
    size = cursors.limit(limit)
    scope = f"invoices:{account_id}"
    since = add_months(company.today(), -HISTORY_MONTHS).isoformat()
    page = invoices_since(account_id, since, size, cursors.decode(cursor, scope))
    today = company.today()
    items = page.items
    # The account's autopay state rides on each invoice; a page with none has nothing to say it from.
    return {"items": [summary(item, today) for item in items], "next_cursor": cursors.encode(page.last_key, scope),
            "autopay": autopay_state.of_invoice(items[0]) if items else None}


def detail(account_id: str, invoice_id: str) -> dict[str, Any]:
    item = owned_or_404(Invoice, invoice_id, account_id)
    payments = item.payments or []
    return {
        **summary(item),
        "autopay": autopay_state.of_invoice(item),
        "lines": [{"description": line["description"], "amount_cents": int(line["amount_cents"])} for line in item.lines],
        "payments": [
            {"id": p["payment_id"], "amount_cents": int(p["amount_cents"]), "paid_on": p.get("paid_on"),
             "method": p.get("method"), "status": p.get("status", "succeeded"), "through_portal": p.get("source") == "portal"}
            for p in payments if p.get("status") != "failed"
        ],
        "refunds": [
            {"payment_id": p["payment_id"], "amount_cents": int(p["refunded_cents"])} for p in payments if p.get("refunded_cents")
        ],
        "last_attempt": _failed_attempt(item),
    }


def _failed_attempt(item: Invoice) -> dict[str, Any] | None:
    """The portal payment tried last, when it failed and the invoice is still to pay (else None)."""
    tries = [p for p in item.payments or [] if p.get("source") == "portal"]
    if item.status != "open" or not tries or tries[-1].get("status") != "failed":
        return None
    last = tries[-1]
    return {"status": "failed", "method": last.get("method"), "amount_cents": int(last["amount_cents"]), "on": last.get("paid_on")}
