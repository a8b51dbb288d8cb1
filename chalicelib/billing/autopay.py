"""Autopay (F10): customers on a maintenance agreement save a card or bank account, and invoices
are charged off-session on their due date by a scheduled job.

Enrolment trusts nothing the browser says: the SetupIntent is read back from Stripe and must
have succeeded, for this account's Stripe customer. The job claims each invoice for the day
with a conditional write before charging, so running it twice charges once.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from chalicelib import logs
from chalicelib.customer import messages
from chalicelib.billing import autopay_state, intents, payments, stripe_api
from chalicelib.billing.autopay_state import CATCH_UP_DAYS
from chalicelib.db import conditional
from chalicelib.db.models import Account, Invoice, plain
from chalicelib.db.queries import get_or_none, open_invoices_due_on
from chalicelib.errors import Conflict, Invalid
from chalicelib.names import first_name
from chalicelib.settings import get_settings
from chalicelib import clock, company

log = logs.get_logger("autopay")


def status(account_id: str) -> dict[str, Any]:
    account = Account.get(account_id)
    method = plain(account.autopay)
    return {
        "eligible": autopay_state.eligible(account),
        "enrolled": method is not None,
        "method": {k: method[k] for k in ("type", "brand", "last4")} if method else None,
    }


def setup_intent(account_id: str, body: dict[str, Any]) -> dict[str, Any]:
    method = body.get("method", "card")  # checked by bodies.AUTOPAY_SETUP
    account = Account.get(account_id)
    if not autopay_state.eligible(account):
        raise Conflict("Autopay is for customers on a maintenance agreement. Call us to set one up.")  # the only rule that refuses
    stripe = stripe_api.sdk()
    customer_id = payments.stripe_customer(stripe, account)
    try:
        intent = stripe.SetupIntent.create(customer=customer_id, usage="off_session",
                                           payment_method_types=[method], metadata={"account_id": account_id})
    except stripe.InvalidRequestError:
        if method == "card":
            raise
        # Stripe refuses a bank account where the company's Stripe account (or the emulator) lacks it.
        raise Invalid.field("method", "Bank accounts cannot be used for autopay yet. Please use a card.") from None
    return {"client_secret": intent.client_secret, "setup_intent_id": intent.id,
            "publishable_key": stripe_api.keys().publishable_key, "stripe_js_url": stripe_api.js_url()}


def confirm(account_id: str, body: dict[str, Any]) -> dict[str, Any]:
    setup_id = body["setup_intent_id"]  # a Stripe id (bodies.AUTOPAY_CONFIRMATION): nothing else reaches Stripe
    account = Account.get(account_id)
    stripe = stripe_api.sdk()
    try:
        intent = stripe.SetupIntent.retrieve(setup_id).to_dict()
    except stripe.InvalidRequestError:
        raise Invalid.field("setup_intent_id", "We could not find the card or bank account you just set up. Please try again.") from None
    if (intent.get("status") != "succeeded" or intent.get("customer") != account.stripe_customer_id
            or (intent.get("metadata") or {}).get("account_id") != account_id):
        raise Invalid.field("setup_intent_id", "That card or bank account was not set up. Please try again.")
    method_id = intent["payment_method"]
    method = stripe.PaymentMethod.retrieve(method_id).to_dict()
    if method.get("customer") != account.stripe_customer_id:
        stripe.PaymentMethod.attach(method_id, customer=account.stripe_customer_id)
    details = method.get("card") or method.get("us_bank_account") or method.get("sepa_debit") or {}
    account.update(actions=[Account.autopay.set({
        "payment_method_id": method_id,
        "type": method.get("type", "card"),
        "brand": details.get("brand") or details.get("bank_name"),
        "last4": details.get("last4"),
        "enrolled_at": clock.now().isoformat(),
    })], add_version_condition=False)
    autopay_state.stamp_invoices(account)  # the invoices pages say it without reading the account
    return status(account_id)


def cancel(account_id: str) -> None:
    account = Account.get(account_id)
    account.update(actions=[Account.autopay.remove()], add_version_condition=False)
    autopay_state.stamp_invoices(account)


# -- the scheduled job ------------------------------------------------------------------------

def charge_due(today: date | None = None) -> dict[str, int]:
    """Charge every enrolled account's invoices due today (or missed in the last few days)."""
    today = today or company.today()
    report = {"charged": 0, "failed": 0, "skipped": 0}
    for back in range(CATCH_UP_DAYS):
        day = (today - timedelta(days=back)).isoformat()
        for invoice_id in open_invoices_due_on(day):
            outcome = _charge(invoice_id, today)
            report[outcome] += 1
    return report


def _charge(invoice_id: str, today: date) -> str:
    invoice = get_or_none(Invoice, invoice_id)
    account = get_or_none(Account, invoice.account_id) if invoice else None
    method = plain(account.autopay) if account else None
    if method is None or invoice.status != "open" or int(invoice.balance_cents) <= 0:
        return "skipped"
    claimed = conditional(lambda: invoice.update(  # for today: a second run, or a second worker, leaves it alone
        actions=[Invoice.autopay_tried_on.set(today.isoformat())],
        condition=Invoice.autopay_tried_on.does_not_exist() | (Invoice.autopay_tried_on != today.isoformat()),
        add_version_condition=False))
    if not claimed:
        return "skipped"
    stripe = stripe_api.sdk()
    try:
        intent = stripe.PaymentIntent.create(
            amount=int(invoice.balance_cents), currency=intents.CURRENCY, customer=account.stripe_customer_id,
            payment_method=method["payment_method_id"], off_session=True, confirm=True,
            metadata={"invoice_id": invoice.invoice_id, "account_id": account.account_id,
                      "invoice_number": invoice.number, "method": method["type"], "autopay": "yes"},
        )
    except stripe.StripeError as exc:
        log.warning("autopay charge failed", extra={"invoice_id": invoice_id, "error": type(exc).__name__})
        _tell_failed(account, invoice, today)
        return "failed"
    intents.apply_intent(intent.id, f"autopay:{today.isoformat()}")
    return "charged"


def _tell_failed(account: Account, invoice: Invoice, today: date) -> None:
    messages.send(account, "autopay_failed", {
        "name": first_name(account.name), "number": invoice.number, "amount_cents": int(invoice.balance_cents),
        "url": f"{get_settings().site_url}/invoices/{invoice.invoice_id}",
    }, kind="transactional", dedupe_key=f"autopay-failed:{invoice.invoice_id}:{today.isoformat()}")
