"""Paying a demo invoice by card on the running portal, settled by the Stripe emulator's own signed webhook."""
from __future__ import annotations

import re
import time

import requests
import stripe

from tests.e2e.conftest import demo_api, sign_in_as_demo


def test_a_card_payment_is_settled_by_the_emulators_signed_webhook(portal):
    browser = demo_api(portal)
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
    # The receipt is queued just after the invoice is saved paid (the same webhook request): wait for it too
    while not (receipts := [m for m in requests.get(f"{portal}/api/dev/outbox", timeout=5).json()["items"]
                            if m["template"] == "payment_receipt"]):
        assert time.monotonic() < deadline, "no receipt was queued for the paid invoice"
        time.sleep(0.3)
    assert receipts[0]["to"] == "demo@example.com"


def _fill_card(page, number: str) -> None:
    """Type a card into Stripe.js's card element (the emulator's stand-in has one input per part)."""
    card = page.get_by_role("group", name="Card details")
    for placeholder, value in (("number", number), ("exp_month", "12"), ("exp_year", "34"), ("cvc", "123"), ("postal_code", "62704")):
        card.get_by_placeholder(placeholder, exact=True).fill(value)


def test_the_demo_customer_pays_an_open_invoice_in_the_browser(portal, phone):
    from axe_playwright_python.sync_playwright import Axe

    api = demo_api(portal)
    invoice = next(i for i in api.get(f"{portal}/api/invoices", timeout=5).json()["items"] if i["status"] == "open")
    amount = f"${invoice['balance_cents'] / 100:,.2f}"
    sign_in_as_demo(portal, phone)
    phone.goto(f"{portal}/invoices/{invoice['id']}")
    phone.get_by_role("link", name=f"Pay {amount} now").click()

    phone.get_by_role("heading", name=f"Invoice {invoice['number']}", exact=False).wait_for()
    phone.get_by_placeholder("number", exact=True).wait_for()
    assert Axe().run(phone).violations_count == 0

    # Nothing typed yet: the page asks for the card in words (no script error, nothing sent)
    phone.get_by_role("button", name=f"Pay {amount}").click()
    phone.get_by_role("alert").filter(has_text="Please enter your card number, expiry date").wait_for()
    assert "undefined" not in phone.get_by_role("alert").inner_text()

    # A card the bank declines: the page says so, nothing is paid, and another card can be tried
    _fill_card(phone, "4000000000000341")
    phone.get_by_role("button", name=f"Pay {amount}").click()
    phone.get_by_role("alert").filter(has_text="Nothing was charged").wait_for()
    assert api.get(f"{portal}/api/invoices/{invoice['id']}", timeout=5).json()["status"] == "open"

    # The number as people write it (and as the README does), in groups of four
    _fill_card(phone, "4242 4242 4242 4242")
    phone.get_by_role("button", name=f"Pay {amount}").click()
    phone.get_by_role("heading", name="Thank you, it’s paid").wait_for()
    assert amount in phone.locator("main").inner_text()

    phone.get_by_role("link", name=f"See Invoice {invoice['number']}").click()
    phone.get_by_role("heading", name=f"Invoice {invoice['number']}").wait_for()
    assert "Paid" in phone.locator(".invoice-status").inner_text()
    assert not phone.get_by_role("link", name=re.compile("^Pay ")).count()
    # The receipt is a task the worker runs just after the webhook saves the invoice: wait for it
    deadline = time.monotonic() + 20
    while not [m for m in requests.get(f"{portal}/api/dev/outbox", timeout=5).json()["items"]
               if m["template"] == "payment_receipt" and amount in m["text"]]:
        assert time.monotonic() < deadline, "no receipt for the payment made in the browser"
        time.sleep(0.3)


def test_the_demo_customer_turns_autopay_on_and_off(portal, phone):
    sign_in_as_demo(portal, phone)
    phone.goto(f"{portal}/invoices")
    phone.get_by_role("link", name="Set up autopay").click()

    phone.get_by_role("heading", name="Turn on autopay with a card").wait_for()
    _fill_card(phone, "4242424242424242")
    phone.get_by_role("button", name="Turn on autopay").click()

    phone.get_by_role("heading", name="Autopay is on").wait_for()
    assert "ending in 4242" in phone.locator("main").inner_text()
    phone.reload()
    phone.get_by_role("heading", name="Autopay is on").wait_for()  # kept by the server, not the page

    phone.get_by_role("button", name="Turn off autopay").click()
    phone.get_by_text("Autopay is off.").wait_for()
    assert phone.get_by_role("heading", name="Turn on autopay with a card").is_visible()
