"""The launch checklist in Chromium (issue 16 item 7): the owner sees what the demo portal has and
lacks, chooses the demo customer as a test customer (an unknown email is refused in words) and the
report and booking steps tick (each role's refusals are walked in test_office_roles_walk.py)."""
from __future__ import annotations

import re
from typing import Any

from tests.e2e.test_office_console import _fits, _serious_axe_violations, _shot, _sign_in



def _step(page: Any, title: str) -> Any:
    return page.locator("ol.checklist > li").filter(has=page.get_by_role("heading", name=title, exact=True))


def test_the_owner_follows_the_launch_checklist(portal, phone):
    _sign_in(portal, phone, "owner@example.com")
    phone.get_by_role("button", name="Menu").click()
    phone.locator(".site-nav").get_by_role("link", name="Launch checklist", exact=True).click()
    phone.get_by_role("heading", name=re.compile(r"^\d of 7 done$")).wait_for()

    # What the demo already has: its branding, and local mode's sender
    assert _step(phone, "Branding set").get_by_text("Done", exact=True).is_visible()
    assert "Customers see Clearwater Septic" in _step(phone, "Branding set").inner_text()
    assert "local mode" in _step(phone, "Email sender verified").inner_text()
    # Nothing about customers can tick before a test customer is chosen
    for title in ("Test customers chosen", "A final report visible to a test customer", "A test booking made"):
        assert _step(phone, title).get_by_text("To do", exact=True).is_visible(), title
    assert _step(phone, "Test customers chosen").get_by_role("link", name="Choose test customers").is_visible()
    assert _serious_axe_violations(phone) == []
    assert _fits(phone)
    _shot(phone, "checklist-start")

    # An email that is no customer is refused in words, and nothing changes
    phone.get_by_label("Customer’s email").fill("nobody@example.com")
    phone.get_by_role("button", name="Add test customer").click()
    phone.get_by_text("No customer with the email nobody@example.com is on file.").wait_for()
    assert phone.get_by_label("Customer’s email").get_attribute("aria-invalid") == "true"
    _shot(phone, "checklist-unknown-email")

    # The demo customer: her published inspection report and her booking tick two more steps
    phone.get_by_label("Customer’s email").fill("demo@example.com")
    phone.get_by_role("button", name="Add test customer").click()
    phone.get_by_text("demo@example.com is a test customer now.").wait_for()
    assert _step(phone, "Test customers chosen").get_by_text("Testing as Alex Morgan.").is_visible()
    assert "Alex Morgan sees “Septic inspection report” on their documents page." in _step(phone, "A final report visible to a test customer").inner_text()
    assert _step(phone, "A test booking made").get_by_text("Done", exact=True).is_visible()
    assert _serious_axe_violations(phone) == []
    assert _fits(phone)
    _shot(phone, "checklist-test-customer")

    phone.set_viewport_size({"width": 768, "height": 1024})
    assert _fits(phone)
    _shot(phone, "checklist-tablet")

    # Removing her puts the steps back
    phone.get_by_role("button", name="Remove Alex Morgan from the test customers").click()
    phone.get_by_text("Alex Morgan is no longer a test customer.").wait_for()
    assert _step(phone, "A test booking made").get_by_text("To do", exact=True).is_visible()
