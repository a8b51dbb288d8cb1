"""F14 in a browser on a 360 px phone: a new owner asks for a demo home's records from the sign-in
page, the office approves from its email's link, and the new owner opens their account and sees
the home's history without the previous owner's notes. On a portal of its own: the demo home changes hands."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.conftest import links_so_far, newest_link, newest_link_to, running_portal, sign_in_as_demo

SCREENSHOTS = Path(__file__).resolve().parents[2] / ".local" / "screenshots"
BUYER = "new.owner@example.com"


@pytest.fixture(scope="module")
def own_portal(tmp_path_factory):
    with running_portal(tmp_path_factory.mktemp("new-owner")) as url:
        yield url


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-360.png"), full_page=True)


def test_a_new_owner_asks_the_office_approves_and_the_new_owner_sees_the_home(own_portal, phone):
    from axe_playwright_python.sync_playwright import Axe

    before = links_so_far(own_portal)
    phone.goto(f"{own_portal}/signin")
    phone.get_by_role("link", name="Ask for its records").click()
    phone.get_by_role("heading", name="Bought a home we service?").wait_for()
    _shot(phone, "new-owner-form")
    assert Axe().run(phone).violations_count == 0
    phone.get_by_role("button", name="Ask for the records").click()
    assert phone.get_by_text("Enter the street address of the home").is_visible()  # said next to the field
    for said in ("Enter the 5-digit ZIP code", "Enter your name.", "Enter your email address"):
        assert phone.get_by_text(said).is_visible()  # every problem at once, not one per try
    assert phone.evaluate("document.activeElement.name || document.activeElement.id") == \
        phone.get_by_role("textbox", name="Street address of the home").evaluate("e => e.name || e.id")  # on the first
    phone.get_by_role("textbox", name="Street address of the home").fill("12 Oak Street")
    phone.get_by_role("textbox", name="ZIP code").fill("62704")
    phone.get_by_role("textbox", name="Your name").fill("Robin Avery")
    phone.get_by_role("textbox", name="Your email").fill(BUYER)
    phone.get_by_role("button", name="Ask for the records").click()
    phone.get_by_role("heading", name="Thank you").wait_for()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    _shot(phone, "new-owner-thanks")
    assert Axe().run(phone).violations_count == 0

    approve = newest_link_to(own_portal, "dispatch@example.com", "/access-decision#token=", before)
    phone.goto(approve)
    phone.get_by_role("heading", name="Approve this records request?").wait_for()
    assert phone.get_by_text("12 Oak Street, Springfield").is_visible()
    _shot(phone, "access-decision-preview")
    assert Axe().run(phone).violations_count == 0
    phone.get_by_role("button", name="Approve access").click()
    phone.get_by_role("heading", name="Access approved").wait_for()
    _shot(phone, "access-decision-done")
    phone.goto(approve)  # the same link again
    phone.get_by_role("heading", name="This request was already decided").wait_for()
    assert phone.get_by_text("It was approved").is_visible()

    phone.goto(newest_link(own_portal, BUYER, before))
    phone.get_by_role("button", name="Sign in").click()
    phone.wait_for_url("**/dashboard")
    phone.get_by_text("12 Oak Street, Springfield").first.wait_for()
    assert not phone.get_by_text("480 County Road 9").count()  # the previous owner's other home
    phone.goto(f"{own_portal}/history")
    phone.get_by_text("Before you owned this home").first.wait_for()
    _shot(phone, "new-owner-history")
    assert Axe().run(phone).violations_count == 0

    # The previous owner: the home is gone from the dashboard; its history is one choice away
    phone.context.clear_cookies()
    sign_in_as_demo(own_portal, phone)
    phone.get_by_text("480 County Road 9").first.wait_for()
    assert not phone.get_by_text("12 Oak Street, Springfield").count()
    phone.goto(f"{own_portal}/history")
    choice = phone.get_by_role("combobox", name="Property")
    choice.wait_for()
    options = choice.locator("option").all_text_contents()
    sold = next((o for o in options if o.startswith("12 Oak Street, Springfield (sold)")), options)
    assert isinstance(sold, str), sold
    choice.select_option(label=sold)
    phone.get_by_text("Showing visits for 12 Oak Street").wait_for()
    assert not phone.get_by_text("Before you owned this home").count()
    _shot(phone, "previous-owner-history")
    assert Axe().run(phone).violations_count == 0
