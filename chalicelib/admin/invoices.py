"""Invoice upserts. The account's open balance moves in the same transaction as the invoice."""
from __future__ import annotations

from typing import Any

from pynamodb.exceptions import TransactWriteError

from chalicelib import db
from chalicelib.admin import schemas
from chalicelib.admin.records import Upserted, apply, iso, now, require_account, require_property, unchanged
from chalicelib.db.models import Account, Invoice
from chalicelib.db.queries import get_or_none
from chalicelib.errors import Conflict, UnknownReference

OPEN = "open"


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


def balance(status: str, total_cents: int, payments: list[dict[str, Any]]) -> int:
    if status != OPEN:
        return 0
    return max(total_cents - sum(int(p["amount_cents"]) for p in payments), 0)


def _open_share(item: Invoice | None) -> tuple[str, int, int] | None:
    """What an invoice adds to its account's open balance and open count."""
    if item is None or item.status != OPEN or int(item.balance_cents) <= 0:
        return None
    return item.account_id, int(item.balance_cents), 1


def upsert_invoice(invoice_id: str, body: schemas.InvoiceIn) -> Upserted:
    schemas.check_object_id("id", invoice_id)
    require_account(body.account_id)
    if body.property_id and require_property(body.property_id).account_id != body.account_id:
        raise UnknownReference.field("property_id", f"property '{body.property_id}' belongs to another account")
    data = body.model_dump(mode="json")
    existing = get_or_none(Invoice, invoice_id)
    # Payments taken through the portal are the portal's; the company's software sends only its own.
    portal_payments = [p for p in (existing.payments or []) if p.get("source") == "portal"] if existing else []
    office_payments = [{**p, "source": "office"} for p in data["payments"]]
    payments = office_payments + portal_payments
    total = sum(line["amount_cents"] for line in data["lines"])
    fields = {
        "account_id": data["account_id"],
        "property_id": data["property_id"],
        "sort_key": f"{data['issued_on']}#{invoice_id}",
        "number": data["number"],
        "issued_on": data["issued_on"],
        "due_on": data["due_on"],
        "lines": data["lines"],
        "payments": payments,
        "status": data["status"],
        "total_cents": total,
        "balance_cents": balance(data["status"], total, payments),
    }
    if existing and unchanged(existing, fields):
        return Upserted(invoice_view(existing), created=False, changed=False)
    before = _open_share(existing)
    item = existing or Invoice(invoice_id, created_at=now())
    apply(item, fields)
    _save_with_balances(item, before, _open_share(item))
    return Upserted(invoice_view(item), created=existing is None, changed=True)


def _save_with_balances(item: Invoice, before: tuple[str, int, int] | None, after: tuple[str, int, int] | None) -> None:
    deltas: dict[str, list[int]] = {}
    for share, sign in ((before, -1), (after, 1)):
        if share:
            account_id, cents, count = share
            delta = deltas.setdefault(account_id, [0, 0])
            delta[0] += sign * cents
            delta[1] += sign * count
    try:
        with db.transact_write() as transaction:
            transaction.save(item)
            for account_id, (cents, count) in deltas.items():
                if cents or count:
                    # The loaded account carries its version, so a concurrent account PUT
                    # (a whole-item save) cannot overwrite the balance moved here.
                    transaction.update(
                        require_account(account_id),
                        actions=[Account.open_balance_cents.add(cents), Account.open_invoice_count.add(count)],
                    )
    except TransactWriteError as exc:
        if exc.cause_response_code == "TransactionCanceledException":
            raise Conflict("The invoice or its account changed at the same time; send it again.") from None
        raise
