"""The office's invitations page in Chromium (issue 16 item 4): the counts first, then inviting
everyone with the progress and the result (undeliverable addresses left out), and inviting one
customer again by email; an unknown email is refused next to the field."""
from __future__ import annotations

import re

import requests

from tests.e2e.conftest import ADMIN
from tests.e2e.test_office_console import _fits, _serious_axe_violations, _shot, _sign_in



def _people(n: int) -> str:
    return f"{n:,} customer{'' if n == 1 else 's'}"


def test_the_office_invites_everyone_then_one_customer_again(portal, phone):
    # Given a customer with no email and one whose address bounced, beside the demo's
    requests.put(f"{portal}/api/admin/accounts/acct-e2e-nomail", headers=ADMIN, timeout=5, json={"name": "Nell Post", "phone": "+12175550124"})  # a number no other browser test uses
    requests.put(f"{portal}/api/admin/accounts/acct-e2e-bounced", headers=ADMIN, timeout=5, json={"name": "Bo Reed", "email": "bo.e2e@example.com"})
    requests.post(f"{portal}/api/dev/bounce", json={"email": "bo.e2e@example.com"}, timeout=5)
    counts = requests.get(f"{portal}/api/admin/invitations", headers=ADMIN, timeout=10).json()
    assert counts["undeliverable"] >= 1 and counts["no_email"] >= 1 and counts["will_invite"] >= 1

    # When the owner opens Invitations, the counts come first
    _sign_in(portal, phone, "owner@example.com")
    phone.goto(f"{portal}/office/invitations")
    phone.get_by_text(f"Will invite {_people(counts['will_invite'])}").wait_for()
    assert f"{_people(counts['undeliverable'])} left out" in phone.locator("main").inner_text()
    assert f"{_people(counts['no_email'])} ha" in phone.locator("main").inner_text()
    assert _serious_axe_violations(phone) == []
    assert _fits(phone)
    _shot(phone, "invitations-counts")

    # And inviting everyone asks first, then says what it did
    phone.get_by_role("button", name=re.compile(r"^Invite \d[\d,]* customers?$")).click()
    phone.get_by_text("This launches the portal").wait_for()
    _shot(phone, "invitations-confirm")
    phone.get_by_role("button", name="Yes, send the invitations").click()
    phone.get_by_role("heading", name=re.compile(rf"^{counts['will_invite']:,} invitations? sent$")).wait_for()
    assert "left out: their address bounced or was reported as spam" in phone.locator("main").inner_text()
    phone.get_by_text("Everyone with an email address has been invited or has signed in.").wait_for()
    assert _serious_axe_violations(phone) == []
    _shot(phone, "invitations-done")
    assert requests.get(f"{portal}/api/admin/invitations", headers=ADMIN, timeout=10).json()["will_invite"] == 0

    # An unknown email is refused next to the field; the demo customer is invited again
    phone.get_by_label("Customer’s email").fill("nobody@example.com")
    phone.get_by_role("button", name="Send invitation").click()
    phone.get_by_text("No customer with the email nobody@example.com is on file.").wait_for()
    phone.get_by_label("Customer’s email").fill("demo@example.com")
    phone.get_by_role("button", name="Send invitation").click()
    phone.get_by_text("Invitation sent to Alex Morgan").wait_for()
    assert _fits(phone)
    _shot(phone, "invitations-one")

    phone.set_viewport_size({"width": 768, "height": 1024})
    assert _fits(phone)
    _shot(phone, "invitations-tablet")
