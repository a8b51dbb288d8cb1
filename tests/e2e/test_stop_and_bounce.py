"""In local mode, as a user would try it: a number that replied STOP gets no sign-in text (the page
says why one may not come), and a simulated bounce stops email to that address (C4)."""
from __future__ import annotations

import time

import requests

from tests.e2e.conftest import ADMIN

STOPPED = "+12175550199"  # moto's opt-out list: numbers ending in 99


def _outbox_item(portal: str, to: str, template: str) -> dict:
    requests.post(f"{portal}/api/dev/jobs/run", json={}, timeout=30)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        for item in requests.get(f"{portal}/api/dev/outbox", timeout=5).json()["items"]:
            if item["to"] == to and item["template"] == template and item["status"] not in ("pending", "sending"):
                return item
        time.sleep(0.3)
    raise AssertionError(f"no {template} to {to} was delivered or refused")


def test_a_sign_in_text_to_a_number_that_replied_stop_is_not_sent(portal, phone):
    assert requests.put(f"{portal}/api/admin/accounts/acct-e2e-stop", headers=ADMIN, timeout=5,
                        json={"name": "Sid Ortiz", "phone": "(217) 555-0199"}).status_code in (200, 201)

    phone.goto(f"{portal}/signin")
    phone.get_by_role("textbox", name="Email or mobile phone").fill("(217) 555-0199")
    phone.get_by_role("button", name="Send me a sign-in link").click()
    phone.get_by_role("heading", name="Check your phone").wait_for()
    assert "If you ever replied STOP to our texts" in phone.locator("main").inner_text()

    item = _outbox_item(portal, STOPPED, "signin_link")
    assert item["status"] == "suppressed"
    assert "replied STOP" in item["last_error"]


def test_a_simulated_bounce_stops_email_to_that_address(portal):
    email = "bounce.e2e@example.com"
    requests.put(f"{portal}/api/admin/accounts/acct-e2e-bounce", headers=ADMIN, timeout=5,
                 json={"name": "Bea Quinn", "email": email})

    marked = requests.post(f"{portal}/api/dev/bounce", json={"email": email}, timeout=5)
    requests.post(f"{portal}/api/admin/test-message", headers=ADMIN, json={"to": email}, timeout=5)

    assert marked.json() == {"email": email, "marked": True}
    item = _outbox_item(portal, email, "test_message")
    assert item["status"] == "suppressed"
    listed = requests.get(f"{portal}/api/admin/unreachable", headers=ADMIN, timeout=5).json()["items"]
    assert {"account_id": "acct-e2e-bounce", "address": email, "reason": "bounce"}.items() <= next(
        i for i in listed if i["account_id"] == "acct-e2e-bounce").items()
