"""What a PaymentIntent says, recorded on the invoice it names (from a webhook, the pay page or autopay).

The intent is always re-read from Stripe, and the invoice's status derived from every payment
recorded (``billing.ledger``), so events arriving late, twice or out of order still leave the
invoice right.
"""
from __future__ import annotations

from typing import Any

from chalicelib import clock, company, logs
from chalicelib.customer import messages
from chalicelib.billing import ledger, stripe_api
from chalicelib.db.models import Account, Invoice, OutboxMessage
from chalicelib.db.queries import get_or_none
from chalicelib.errors import Conflict, Unavailable
from chalicelib.names import first_name
from chalicelib.notify.queue import task_item
from chalicelib.settings import get_settings

log = logs.get_logger("payments")
CURRENCY = "usd"


def apply_intent(intent_id: str, cause: str) -> str:
    """Re-read the PaymentIntent from Stripe and record what it says on its invoice.

    Answers "applied", or "rejected" when the payment does not fit the invoice it names (see
    ``_mismatch``): such a payment is logged for the office and left off the invoice. The webhook
    still answers 200 then, because Stripe sending the same event again cannot change the answer.
    """
    stripe = stripe_api.sdk()
    intent = stripe.PaymentIntent.retrieve(intent_id).to_dict()
    invoice_id = (intent.get("metadata") or {}).get("invoice_id")
    for _ in range(3):  # the invoice may change under us (another event, a company sync)
        invoice = get_or_none(Invoice, invoice_id) if invoice_id else None
        if invoice is None:
            log.warning("payment for an unknown invoice ignored", extra={"payment_intent": intent_id})
            return "rejected"
        reason = _mismatch(invoice, intent)
        if reason:
            log.error("payment does not match its invoice; not applied, needs review", extra={
                "payment_intent": intent_id, "invoice_id": invoice.invoice_id, "reason": reason,
                "amount_cents": intent.get("amount"), "currency": intent.get("currency")})
            return "rejected"
        try:
            _record(invoice, intent, _refunded_cents(stripe, intent), cause)
        except Conflict:
            continue
        return "applied"
    raise Unavailable("The invoice kept changing; Stripe will send the event again.")


_COUNTED = ("succeeded", "processing")  # the intent statuses that take money off the balance


def _mismatch(invoice: Invoice, intent: dict[str, Any]) -> str | None:
    """Why a PaymentIntent may not be recorded on the invoice its metadata names, or None if it may.

    Metadata is written by whoever created the intent with the secret key, so it is checked against
    the invoice: the same account, that account's Stripe customer, the portal's currency, and (for
    money not yet on the invoice) an amount no larger than the balance left.
    """
    if (intent.get("metadata") or {}).get("account_id") != invoice.account_id:
        return "account"
    account = get_or_none(Account, invoice.account_id)
    if account is None or not account.stripe_customer_id or intent.get("customer") != account.stripe_customer_id:
        return "stripe_customer"
    if str(intent.get("currency") or "").lower() != CURRENCY:
        return "currency"
    if intent.get("status") in _COUNTED:
        previous = next((p for p in invoice.payments or [] if p.get("payment_id") == intent["id"]), None)
        already = int(previous["amount_cents"]) if previous and previous.get("status") in _COUNTED else 0
        if int(intent.get("amount") or 0) > int(invoice.balance_cents) + already:
            return "amount_above_balance"
    return None


def _record(invoice: Invoice, intent: Any, refunded: int, cause: str) -> None:
    """Record the intent's payment on the invoice; a receipt or a failure notice, when the payment
    has just succeeded or failed, is a task saved in the same transaction: it is queued exactly when
    the invoice is, so neither a crash in between nor Stripe's retry (which changes nothing more)
    can lose it."""
    status = {"succeeded": "succeeded", "processing": "processing"}.get(intent["status"])
    if status is None and (intent.get("last_payment_error") or intent["status"] == "canceled"):
        status = "failed"
    payments = list(invoice.payments or [])
    previous = next((p for p in payments if p["payment_id"] == intent["id"]), None)
    before_status = previous.get("status") if previous else None
    if status is None:
        return
    entry = {
        "payment_id": intent["id"],
        "source": "portal",
        "method": (intent.get("metadata") or {}).get("method") or (intent.get("payment_method_types") or ["card"])[0],
        "amount_cents": int(intent["amount"]),
        "status": status,
        "refunded_cents": refunded,
        "paid_on": (previous or {}).get("paid_on") or company.today().isoformat(),
    }
    if entry == previous:
        return
    before = ledger.open_share(invoice)
    invoice.payments = [p for p in payments if p["payment_id"] != intent["id"]] + [entry]
    invoice.status, invoice.balance_cents = ledger.settle(invoice.company_status or "open", int(invoice.total_cents), invoice.payments)
    invoice.updated_at = clock.now()
    ledger.save(invoice, before, also=_notice_task(invoice, intent["id"], status, before_status, cause))


def _refunded_cents(stripe: Any, intent: Any) -> int:
    charge = intent.get("latest_charge")
    if isinstance(charge, str):
        charge = stripe.Charge.retrieve(charge).to_dict()
    if charge is None:
        charges = (intent.get("charges") or {}).get("data") or []
        charge = charges[0] if charges else None
    return int((charge or {}).get("amount_refunded") or 0)


NOTICE = "payment-notice"


def _notice_task(invoice: Invoice, intent_id: str, status: str, before_status: str | None, cause: str) -> list[OutboxMessage]:
    """The task telling the customer of a payment that has just succeeded or failed, if it has."""
    if status == before_status or status not in ("succeeded", "failed"):
        return []
    event = "receipt" if status == "succeeded" else f"failed:{cause}"
    return [task_item(NOTICE, {"invoice_id": invoice.invoice_id, "payment_id": intent_id, "event": event},
                      dedupe_key=f"{NOTICE}:{intent_id}:{event}")]


def send_notice(payload: dict[str, Any], task_id: str) -> list[str]:
    """The outbox worker's half: the receipt or the failure notice (each message at most once)."""
    invoice = get_or_none(Invoice, payload["invoice_id"])
    account = get_or_none(Account, invoice.account_id) if invoice else None
    entry = next((p for p in (invoice.payments or []) if p["payment_id"] == payload["payment_id"]), None) if invoice else None
    if account is None or entry is None:
        return []
    context = {"name": first_name(account.name), "number": invoice.number, "amount_cents": int(entry["amount_cents"]),
               "method": entry["method"], "url": f"{get_settings().site_url}/invoices/{invoice.invoice_id}"}
    event, intent_id = payload["event"], payload["payment_id"]
    if event == "receipt":
        return messages.send(account, "payment_receipt", context, kind="transactional", dedupe_key=f"receipt:{intent_id}")
    return messages.send(account, "payment_failed", context, kind="transactional",
                         dedupe_key=f"failed:{intent_id}:{event.split(':', 1)[1]}")