"""Driving the Stripe emulator as the customer's browser and Stripe's servers would, and signing events.

localstripe sends no webhooks a test can wait for, so tests sign events with Stripe's own
scheme (``t=<time>,v1=<HMAC-SHA256 of "t.payload">``) and post them; the portal then reads the
PaymentIntent back from the emulator, as it does from Stripe. localstripe has no US bank
accounts: its SEPA debit stands in for ACH, on an intent the portal created for
``us_bank_account``. In localstripe a good debit settles at once and a bad one stays
``processing`` until the bank returns it (after ``--bank-settle-seconds``).
"""
from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid
from typing import Any

import stripe

WEBHOOK_SECRET = "whsec_test"
GOOD_CARD = "4242424242424242"
DECLINED_CARD = "4000000000000341"  # attaches, then the charge is declined
SECURE_CARD = "4000002500003155"  # asks for 3-D Secure when set up and when charged
GOOD_BANK = "DE89370400440532013000"
RETURNED_BANK = "DE62370400440532013001"  # debited, then returned by the bank


def configure(api_base: str) -> None:
    stripe.api_key, stripe.api_base = "sk_test_local", api_base


def pay_by_card(intent_id: str, number: str = GOOD_CARD) -> Any:
    method = stripe.PaymentMethod.create(type="card", card={"number": number, "exp_month": 12, "exp_year": 2034, "cvc": "123"})
    stripe.PaymentIntent.modify(intent_id, payment_method=method.id)
    try:
        stripe.PaymentIntent.confirm(intent_id)
    except stripe.CardError:
        pass  # the decline is on the intent; the portal learns it from the event
    return stripe.PaymentIntent.retrieve(intent_id)


def enrol_in_autopay(api: Any, card: str = "pm_card_visa") -> Any:
    """Turn autopay on as the page does: a SetupIntent from the portal, the card confirmed at Stripe."""
    started = api("POST", "/api/autopay/setup-intent", {"method": "card"})
    assert started.status_code == 200, started.data
    stripe.SetupIntent.confirm(started.data["setup_intent_id"], payment_method=card)
    return api("POST", "/api/autopay/confirm", {"setup_intent_id": started.data["setup_intent_id"]})


def set_up_card(setup_intent_id: str, number: str = GOOD_CARD) -> Any:
    """What Stripe.js's confirmCardSetup does with the card typed into the page."""
    card = {"number": number, "exp_month": 12, "exp_year": 2034, "cvc": "123"}
    setup = stripe.SetupIntent.confirm(setup_intent_id, payment_method_data={"type": "card", "card": card})
    if setup.status == "requires_action":  # the customer completes 3-D Secure in Stripe's dialog
        setup = stripe.SetupIntent.confirm(setup_intent_id)
    return setup


def authenticate(intent_id: str, client_secret: str, success: bool = True) -> Any:
    """The emulator's stand-in for the customer passing (or failing) 3-D Secure on a payment."""
    return stripe.PaymentIntent._static_request(
        "post", f"/v1/payment_intents/{intent_id}/_authenticate",
        params={"client_secret": client_secret, "success": "true" if success else "false"})


def pay_by_bank(intent_id: str, iban: str = GOOD_BANK) -> Any:
    method = stripe.PaymentMethod.create(type="sepa_debit", sepa_debit={"iban": iban}, billing_details={"name": "Jane Smith", "email": "jane@example.com"})
    stripe.PaymentIntent.modify(intent_id, payment_method=method.id)
    stripe.PaymentIntent.confirm(intent_id)
    return stripe.PaymentIntent.retrieve(intent_id)


def wait_until_settled(intent_id: str, timeout: float = 10.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        intent = stripe.PaymentIntent.retrieve(intent_id)
        if intent.status != "processing":
            return intent
        time.sleep(0.1)
    raise AssertionError("the bank payment did not settle")


def event(kind: str, obj: dict[str, Any], event_id: str | None = None) -> bytes:
    return json.dumps({"id": event_id or f"evt_{uuid.uuid4().hex[:16]}", "object": "event", "type": kind,
                       "created": int(time.time()), "data": {"object": obj}}).encode()


def signature(payload: bytes, secret: str = WEBHOOK_SECRET, at: int | None = None) -> str:
    at = int(time.time()) if at is None else at
    digest = hmac.new(secret.encode(), f"{at}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={at},v1={digest}"


def post_event(client: Any, payload: bytes, signature_header: str | None = None) -> Any:
    headers = {"Content-Type": "application/json", "Stripe-Signature": signature_header or signature(payload)}
    return client.http.post("/api/webhooks/stripe", headers=headers, body=payload)
