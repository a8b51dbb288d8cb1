"""Paying a demo invoice by card on the running portal, settled by the Stripe emulator's own signed webhook."""
from __future__ import annotations

import time

import requests
import stripe

from tests.e2e.conftest import links_so_far, newest_link


def _signed_in_session(portal: str) -> requests.Session:
    browser = requests.Session()
    browser.headers["Origin"] = portal
    before = links_so_far(portal)
    browser.post(f"{portal}/api/auth/magic-link", json={"email": "demo@example.com"}, timeout=5)
    token = newest_link(portal, "demo@example.com", before).split("#token=")[1]
    assert browser.post(f"{portal}/api/auth/verify", json={"token": token}, timeout=5).ok
    return browser


def test_a_card_payment_is_settled_by_the_emulators_signed_webhook(portal):
    browser = _signed_in_session(portal)
    open_invoices = [i for i in browser.get(f"{portal}/api/invoices", timeout=5).json()["items"] if i["status"] == "open"]
    invoice = open_invoices[0]

    started = browser.post(f"{portal}/api/invoices/{invoice['id']}/payment-intent", json={"method": "card"}, timeout=10).json()
    assert started["amount_cents"] == invoice["balance_cents"]

    # What Stripe.js does in the customer's browser: attach the card and confirm
    stripe.api_key, stripe.api_base = "sk_test_local", portal.stripe
    card = stripe.PaymentMethod.create(type="card", card={"number": "4242424242424242", "exp_month": 12, "exp_year": 2034, "cvc": "123"})
    stripe.PaymentIntent.modify(started["payment_intent_id"], payment_method=card.id)
    assert stripe.PaymentIntent.confirm(started["payment_intent_id"]).status == "succeeded"

    deadline = time.monotonic() + 20
    while browser.get(f"{portal}/api/invoices/{invoice['id']}", timeout=5).json()["status"] != "paid":
        assert time.monotonic() < deadline, "the emulator's webhook never marked the invoice paid"
        time.sleep(0.3)
    receipts = [m for m in requests.get(f"{portal}/api/dev/outbox", timeout=5).json()["items"] if m["template"] == "payment_receipt"]
    assert receipts and receipts[0]["to"] == "demo@example.com"
