"""An invoice's status and balance, derived from the company's status and every payment recorded.

Payments come from the company's software (``source: office``, always settled) and from
Stripe (``source: portal``, with a Stripe status and refunds). Deriving instead of stepping
a state machine means events can arrive in any order, or twice, and still end right.
"""
from __future__ import annotations

from typing import Any

from pynamodb.exceptions import TransactWriteError

from chalicelib import db
from chalicelib.db.models import Account, Invoice, OutboxMessage
from chalicelib.db.queries import get_or_none
from chalicelib.errors import Conflict


def settle(company_status: str, total_cents: int, payments: list[dict[str, Any]]) -> tuple[str, int]:
    """(status, balance): open, processing, paid, void, refunded or partially_refunded."""
    if company_status == "void":
        return "void", 0
    succeeded = sum(int(p["amount_cents"]) for p in payments if p.get("status", "succeeded") == "succeeded")
    processing = sum(int(p["amount_cents"]) for p in payments if p.get("status") == "processing")
    refunded = sum(int(p.get("refunded_cents") or 0) for p in payments)
    if refunded:
        return ("refunded" if refunded >= succeeded else "partially_refunded"), 0
    if company_status == "paid" or succeeded >= total_cents:
        return "paid", 0
    if processing and succeeded + processing >= total_cents:
        return "processing", 0
    return "open", total_cents - succeeded - processing


def open_share(item: Invoice | None) -> tuple[str, int, int] | None:
    """What an invoice adds to its account's open balance and open count."""
    if item is None or int(item.balance_cents) <= 0:
        return None
    return item.account_id, int(item.balance_cents), 1


def save(item: Invoice, before: tuple[str, int, int] | None, also: list[OutboxMessage] | None = None) -> None:
    """Save the invoice and move its account's open balance in one transaction (with ``also``: tasks
    that must be queued exactly when the invoice is stored)."""
    item.open_due_on = item.due_on if item.due_on and int(item.balance_cents) > 0 else None
    deltas: dict[str, list[int]] = {}
    for share, sign in ((before, -1), (open_share(item), 1)):
        if share:
            account_id, cents, count = share
            delta = deltas.setdefault(account_id, [0, 0])
            delta[0] += sign * cents
            delta[1] += sign * count
    try:
        with db.transact_write() as transaction:
            transaction.save(item)
            for task in also or []:
                transaction.save(task)
            for account_id, (cents, count) in deltas.items():
                if cents or count:
                    account = get_or_none(Account, account_id)
                    if account is None:
                        continue
                    # The loaded account carries its version, so a concurrent whole-item save
                    # of the account cannot overwrite the balance moved here.
                    transaction.update(account, actions=[Account.open_balance_cents.add(cents), Account.open_invoice_count.add(count)])
    except TransactWriteError as exc:
        if exc.cause_response_code == "TransactionCanceledException":
            raise Conflict("The invoice or its account changed at the same time; send it again.") from None
        raise
