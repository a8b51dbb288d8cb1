"""The office's Messages page in Chromium (issue 16 item 6): every message with its delivery, the
messages to one customer found by address, a message kept back from a bounced address saying so
and why, and that customer in the list of those the portal cannot reach."""
from __future__ import annotations

import re

import requests

from tests.e2e.conftest import ADMIN
from tests.e2e.test_office_console import _fits, _serious_axe_violations, _shot, _sign_in

EMAIL = "kim.e2e@example.com"



def test_the_office_finds_what_was_sent_to_a_customer_and_why_one_did_not_go(portal, phone):
    # Given Kim's address bounced, and a message to her was then kept back
    assert requests.put(f"{portal}/api/admin/accounts/acct-e2e-messages", headers=ADMIN, timeout=5,
                        json={"name": "Kim Park", "email": EMAIL}).status_code in (200, 201)
    requests.post(f"{portal}/api/dev/bounce", json={"email": EMAIL}, timeout=5)
    requests.post(f"{portal}/api/admin/test-message", headers=ADMIN, json={"to": EMAIL}, timeout=5)
    requests.post(f"{portal}/api/dev/jobs/run?job=deliver-notifications", json={}, timeout=30)

    # When the owner opens Messages and lists every message
    _sign_in(portal, phone, "owner@example.com")
    phone.goto(f"{portal}/office/messages")
    phone.get_by_role("heading", name="Not sent", exact=True).wait_for()
    phone.get_by_role("link", name="All messages").click()
    phone.get_by_role("heading", name="All messages").wait_for()
    cards = phone.locator("main li.card.message")
    cards.first.wait_for()
    assert cards.filter(has_text="Sent").count() > 0
    assert "Sent" in phone.locator("main").inner_text() and "Queued" in cards.first.inner_text()
    assert _serious_axe_violations(phone) == []
    assert _fits(phone)
    _shot(phone, "messages-all")

    # And looks for the messages to Kim
    phone.get_by_label("Email address or phone number").fill("KIM.E2E@example.com")
    phone.get_by_role("button", name="Find messages").click()
    phone.get_by_role("heading", name=re.compile(r"^Messages to ")).wait_for()
    kept = phone.locator("main li.card.message").filter(has_text="Not sent: this address bounced")
    kept.wait_for()
    assert "This address is undeliverable." in kept.inner_text()
    assert "Simulated in local mode" in kept.inner_text()
    assert "Test message" in kept.inner_text()
    assert _serious_axe_violations(phone) == []
    assert _fits(phone)
    _shot(phone, "messages-to-kim")

    # Then Kim is among the customers the portal cannot reach, with a link back to her messages
    reach = phone.locator("section").filter(has=phone.get_by_role("heading", name="Customers we can’t reach by email"))
    reach.get_by_role("heading", name="Kim Park").wait_for()
    assert "The address bounced" in reach.inner_text()
    reach.get_by_role("link", name="Messages to Kim Park").click()
    phone.get_by_role("heading", name=f"Messages to {EMAIL}").wait_for()

    # An empty search is explained, and nothing is sent to the API
    phone.get_by_label("Email address or phone number").fill("")
    phone.get_by_role("button", name="Find messages").click()
    phone.get_by_text("Enter the customer’s email address or phone number.").wait_for()

    phone.set_viewport_size({"width": 768, "height": 1024})
    assert _fits(phone)
    _shot(phone, "messages-tablet")
