"""Paying invoices through Stripe (F9): the intent for an invoice's balance, and the pay page's card.

The amount is always the invoice's balance on the server; the client only chooses card or
bank account. What a payment then does to its invoice is recorded by ``billing.intents``.
"""
from __future__ import annotations

from typing import Any

from chalicelib import company, logs
from chalicelib.billing import stripe_api
from chalicelib.billing.intents import CURRENCY, apply_intent
from chalicelib.db import conditional
from chalicelib.db.models import Account, Invoice, plain
from chalicelib.db.queries import owned_or_404
from chalicelib.errors import Conflict, Declined, Invalid, Unavailable

log = logs.get_logger("payments")
_STATUS_WORDS = {"paid": "already paid", "void": "void", "processing": "being paid (a bank payment is on its way)",
                 "refunded": "refunded", "partially_refunded": "paid and partly refunded"}


# -- paying -----------------------------------------------------------------------------------

def start_payment(account_id: str, invoice_id: str, body: dict[str, Any]) -> dict[str, Any]:
    method = body["method"]  # checked by bodies.PAYMENT
    if method == "us_bank_account" and not company.current()["payments"]["bank_account"]:
        raise Invalid.field("method", "Paying from a bank account is not offered. Please pay by card.")
    invoice = _payable(account_id, invoice_id)
    balance = int(invoice.balance_cents)
    stripe = stripe_api.sdk()
    try:
        intent = _open_intent(stripe, invoice, balance, method)
    except stripe.StripeError as exc:
        raise _unavailable(exc) from None
    return {
        "client_secret": intent.client_secret,
        "publishable_key": stripe_api.keys().publishable_key,
        "amount_cents": balance,
        "payment_intent_id": intent.id,
        "stripe_js_url": stripe_api.js_url(),
    }


_PAYABLE = ("requires_payment_method", "requires_confirmation", "requires_action")


def _open_intent(stripe: Any, invoice: Invoice, balance: int, method: str) -> Any:
    """The intent for this balance and method: the invoice's own if still payable, else a new one.

    A double click, a second tab or a retried request answers the same intent; two requests at
    the same instant race on the invoice's version, and the loser cancels its own intent.
    """
    current = plain(invoice.open_intent)
    if current and (current["amount_cents"], current["method"]) == (balance, method):
        intent = stripe.PaymentIntent.retrieve(current["id"])
        if intent.status in _PAYABLE:
            return intent
    intent = stripe.PaymentIntent.create(
        amount=balance,
        currency=CURRENCY,
        customer=stripe_customer(stripe, Account.get(invoice.account_id)),
        payment_method_types=[method],
        metadata={"invoice_id": invoice.invoice_id, "account_id": invoice.account_id,
                  "invoice_number": invoice.number, "method": method},
        # the same for two requests that saw the same invoice, new once that intent is replaced
        idempotency_key=f"pay:{invoice.invoice_id}:{balance}:{method}:{current['id'] if current else 'first'}",
    )
    if not conditional(lambda: invoice.update(
            actions=[Invoice.open_intent.set({"id": intent.id, "amount_cents": balance, "method": method})])):
        winner = plain(Invoice.get(invoice.invoice_id).open_intent)
        if not winner or winner["id"] == intent.id:
            raise Conflict("The invoice changed while starting the payment; please try again.")
        stripe.PaymentIntent.cancel(intent.id)
        return stripe.PaymentIntent.retrieve(winner["id"])
    if current:
        _cancel_if_payable(stripe, current["id"])  # one payable intent per invoice: no paying twice from two tabs
    return intent


# -- paying by card from the portal's pay page ----------------------------------------------------
#
# The page collects the card with Stripe.js into a SetupIntent (confirmCardSetup), and the server
# confirms the invoice's own PaymentIntent with that card on-session. The amount never passes
# through the browser, the result is known at once, and when the bank asks for 3-D Secure the
# page finishes it with confirmCardPayment(client_secret).

def card_setup(account_id: str, invoice_id: str) -> dict[str, Any]:
    invoice = _payable(account_id, invoice_id)
    stripe = stripe_api.sdk()
    try:
        intent = stripe.SetupIntent.create(
            customer=stripe_customer(stripe, Account.get(account_id)), usage="on_session",
            payment_method_types=["card"], metadata={"account_id": account_id, "invoice_id": invoice_id})
    except stripe.StripeError as exc:
        raise _unavailable(exc) from None
    return {"client_secret": intent.client_secret, "setup_intent_id": intent.id,
            "publishable_key": stripe_api.keys().publishable_key, "stripe_js_url": stripe_api.js_url(),
            "amount_cents": int(invoice.balance_cents)}


def pay_with_card(account_id: str, invoice_id: str, body: dict[str, Any]) -> dict[str, Any]:
    """Charge the invoice's balance to the card just set up; answers the payment's state."""
    setup_id = body["setup_intent_id"]  # checked by bodies.CARD_PAYMENT
    invoice = _payable(account_id, invoice_id)
    balance = int(invoice.balance_cents)
    account = Account.get(account_id)
    stripe = stripe_api.sdk()
    try:
        method_id = _card_from_setup(stripe, account, invoice_id, setup_id)
        intent = _open_intent(stripe, invoice, balance, "card")
        if intent.status == "requires_action" or intent.to_dict().get("last_payment_error"):
            # an earlier try is waiting for 3-D Secure or was declined: start afresh with this card
            _cancel_if_payable(stripe, intent.id)
            intent = _open_intent(stripe, Invoice.get(invoice_id), balance, "card")
        try:
            stripe.PaymentIntent.modify(intent.id, payment_method=method_id)
            intent = stripe.PaymentIntent.confirm(intent.id)
        except stripe.CardError:
            intent = stripe.PaymentIntent.retrieve(intent.id)
        except stripe.InvalidRequestError:  # another tab paid this intent a moment ago
            intent = stripe.PaymentIntent.retrieve(intent.id)
            if intent.status not in ("succeeded", "processing"):
                raise
    except stripe.CardError as exc:  # the card was refused when it was attached: nothing was charged
        raise Declined(_decline_words(exc.user_message)) from None
    except stripe.StripeError as exc:
        raise _unavailable(exc) from None
    if intent.status == "requires_action":
        return {"status": "requires_action", "client_secret": intent.client_secret, "payment_intent_id": intent.id}
    apply_intent(intent.id, f"pay:{intent.id}")
    if intent.status in ("succeeded", "processing"):
        return {"status": intent.status, "payment_intent_id": intent.id, "amount_cents": int(intent.amount)}
    raise Declined(_decline_words((intent.to_dict().get("last_payment_error") or {}).get("message")))


def _payable(account_id: str, invoice_id: str) -> Invoice:
    invoice = owned_or_404(Invoice, invoice_id, account_id)
    if invoice.status != "open" or int(invoice.balance_cents) <= 0:
        raise Conflict(f"This invoice is {_STATUS_WORDS.get(invoice.status, invoice.status)}, so there is nothing to pay.")
    return invoice


def _card_from_setup(stripe: Any, account: Account, invoice_id: str, setup_id: str) -> str:
    """The card of a SetupIntent this account completed for this invoice, attached to its customer."""
    try:
        setup = stripe.SetupIntent.retrieve(setup_id).to_dict()
    except stripe.InvalidRequestError:
        raise Invalid.field("setup_intent_id", "We could not find the card you just entered. Please enter it again.") from None
    metadata = setup.get("metadata") or {}
    if (setup.get("status") != "succeeded" or setup.get("customer") != account.stripe_customer_id
            or metadata.get("account_id") != account.account_id or metadata.get("invoice_id") != invoice_id):
        raise Invalid.field("setup_intent_id", "That card was not set up for this invoice. Please enter it again.")
    method_id = setup["payment_method"]
    if stripe.PaymentMethod.retrieve(method_id).to_dict().get("customer") != account.stripe_customer_id:
        stripe.PaymentMethod.attach(method_id, customer=account.stripe_customer_id)
    return method_id


def _decline_words(message: str | None) -> str:
    said = (message or "The card was declined.").strip()
    return f"{said if said.endswith('.') else said + '.'} Nothing was charged. Please try another card, or call us."


def _unavailable(exc: Exception) -> Unavailable:
    log.error("stripe refused a request", extra={"error": type(exc).__name__})
    return Unavailable("Payments are not available right now; nothing was charged. Please try again shortly.")


def _cancel_if_payable(stripe: Any, intent_id: str) -> None:
    try:
        if stripe.PaymentIntent.retrieve(intent_id).status in _PAYABLE:
            stripe.PaymentIntent.cancel(intent_id)
    except stripe.StripeError as exc:
        log.warning("could not cancel a superseded payment intent", extra={"payment_intent": intent_id, "error": type(exc).__name__})


def stripe_customer(stripe: Any, account: Account) -> str:
    if account.stripe_customer_id:
        return account.stripe_customer_id
    customer = stripe.Customer.create(
        name=account.name, email=account.email, metadata={"account_id": account.account_id},
        idempotency_key=f"customer:{account.account_id}",
    )
    account.update(actions=[Account.stripe_customer_id.set(customer.id)], add_version_condition=False)
    return customer.id
