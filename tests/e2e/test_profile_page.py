"""The profile page on a phone: one form, one Save, and a new number confirmed from the text we send it."""
from __future__ import annotations

from pathlib import Path

import requests

from tests.e2e.conftest import links_so_far, newest_link, newest_link_to

DEMO_PHONE = "+12175550143"
SCREENSHOTS = Path(__file__).resolve().parents[2] / ".local" / "screenshots"


def _confirm_phone(portal: str, page, number: str, before: set[str]) -> None:
    page.goto(newest_link_to(portal, number, "/profile/confirm-phone#token=", before))
    page.get_by_role("button", name="Use this number").click()
    page.get_by_role("heading", name="Your new phone number is confirmed").wait_for()


def _sign_in_by_email(portal: str, page) -> None:
    """By email: the demo's phone has a per-number limit that the other browser tests' text sign-ins use."""
    before = links_so_far(portal)
    requests.post(f"{portal}/api/auth/magic-link", json={"email": "demo@example.com"}, headers={"Origin": portal}, timeout=5)
    page.goto(newest_link(portal, "demo@example.com", before))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/dashboard")


def test_one_save_keeps_every_edit_and_a_new_number_waits_for_its_text(portal, phone):
    _sign_in_by_email(portal, phone)
    phone.goto(f"{portal}/profile")
    phone.get_by_role("heading", name="Your profile", exact=True).wait_for()
    assert phone.get_by_role("button", name="Save changes").count() == 1
    assert phone.locator("main button", has_text="Save").count() == 2  # the profile's, and the password's own
    from axe_playwright_python.sync_playwright import Axe

    assert Axe().run(phone).violations_count == 0

    # Edits in two sections, then the one Save: neither is lost
    phone.get_by_label("Mobile phone").fill("(217) 555-0166")
    notes = phone.locator("#site-access textarea").first
    notes.fill("Gate code 2468. The lids are by the shed.")
    before = links_so_far(portal)
    phone.get_by_role("button", name="Save changes").click()
    status = phone.get_by_role("status").filter(has_text="We texted a link to (217) 555-0166")
    status.wait_for()
    assert "site access note" in status.inner_text()
    assert "mailing address" not in status.inner_text()  # only what changed is reported
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / "profile-phone-pending-360.png"), full_page=True)

    # Until the text's link is opened, the old number stays (and is what sign-in uses)
    phone.reload()
    phone.get_by_role("heading", name="Your profile", exact=True).wait_for()
    assert phone.get_by_label("Mobile phone").input_value() == "(217) 555-0143"
    assert phone.locator("#site-access textarea").first.input_value() == "Gate code 2468. The lids are by the shed."
    phone.get_by_text("We texted a link to (217) 555-0166").wait_for()

    _confirm_phone(portal, phone, "+12175550166", before)
    assert not phone.get_by_text("Sam").count()
    phone.goto(f"{portal}/profile")
    phone.get_by_role("heading", name="Your profile", exact=True).wait_for()
    assert phone.get_by_label("Mobile phone").input_value() == "(217) 555-0166"

    # Put the demo's number back (other browser tests sign in with it)
    before = links_so_far(portal)
    phone.get_by_label("Mobile phone").fill("(217) 555-0143")
    phone.get_by_role("button", name="Save changes").click()
    phone.get_by_role("status").filter(has_text="We texted a link").wait_for()
    _confirm_phone(portal, phone, DEMO_PHONE, before)


def test_a_contact_on_two_accounts_chooses_which_to_open(portal, phone):
    from tests.e2e.conftest import ADMIN

    for account_id, name, street in (("pm-1", "Robin Property Manager", "3 Mill Road"), ("pm-2", "Lakeview Rentals LLC", "5 Lake Drive")):
        assert requests.put(f"{portal}/api/admin/accounts/{account_id}", headers=ADMIN, timeout=5,
                            json={"name": name, "email": "robin.pm@example.com", "phone": None}).ok
        assert requests.put(f"{portal}/api/admin/properties/prop-{account_id}", headers=ADMIN, timeout=5, json={
            "account_id": account_id, "address": {"line1": street, "city": "Springfield", "state": "IL", "zip": "62704"}}).ok
    before = links_so_far(portal)
    requests.post(f"{portal}/api/auth/magic-link", json={"email": "robin.pm@example.com"}, headers={"Origin": portal}, timeout=5)

    phone.goto(newest_link_to(portal, "robin.pm@example.com", "/signin/link#token=", before))
    phone.get_by_role("heading", name="Which account do you want to open?").wait_for()
    main = phone.locator("main").inner_text()
    assert "Robin" not in main and "Lakeview" not in main  # one street per account, nothing else
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / "signin-choose-account-360.png"), full_page=True)
    from axe_playwright_python.sync_playwright import Axe

    assert Axe().run(phone).violations_count == 0
    phone.get_by_role("button", name="Open 5 Lake Drive").click()
    phone.wait_for_url("**/dashboard")
    phone.get_by_text("5 Lake Drive").first.wait_for()
    assert "3 Mill Road" not in phone.locator("main").inner_text()
