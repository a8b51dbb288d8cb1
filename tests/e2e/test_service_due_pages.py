"""When the next service is due, on a phone: why (dashboard, property page), the household size on the
profile, and a service-due reminder's "Book service" link through sign-in to booking that property.

A portal of its own: these tests move the demo's pump-out and household, which the other browser
tests must not see.
"""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Iterator

import pytest
import requests

from chalicelib import clock
from chalicelib.customer.due import add_months
from tests.e2e.conftest import ADMIN, links_so_far, newest_link_to, running_portal

SCREENSHOTS = Path(__file__).resolve().parents[2] / ".local" / "screenshots"
RENTAL = "480 County Road 9, Chatham"
BOOK_LINK = "/book?property=prop-rental&service=pump_out"


@pytest.fixture(scope="module")
def own_portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_portal(tmp_path_factory.mktemp("due-portal")) as url:
        yield url


def _sign_in(portal: str, page, then: str = "**/dashboard") -> None:
    before = links_so_far(portal)
    requests.post(f"{portal}/api/auth/magic-link", json={"email": "demo@example.com"}, headers={"Origin": portal}, timeout=5)
    page.goto(_newest(portal, "demo@example.com", "/signin/link", before))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(then)


def _newest(portal: str, to: str, path: str, before: set[str]) -> str:
    requests.post(f"{portal}/api/dev/jobs/run", params={"job": "deliver-notifications"}, timeout=30)
    return newest_link_to(portal, to, path, before)


def _reminders(portal: str) -> list[dict]:
    return [item for item in requests.get(f"{portal}/api/dev/outbox", timeout=5).json()["items"]
            if item["template"] == "service_due_reminder"]


def test_the_household_size_on_the_profile_sets_the_rentals_schedule_and_the_pages_say_why(own_portal, phone):
    _sign_in(own_portal, phone)

    # Before: the rental has no schedule of its own, so the company's standard one applies
    card = phone.locator("li.card", has=phone.get_by_role("heading", name=RENTAL))
    card.get_by_text("Every 3 years (our standard schedule).").wait_for()

    # When the customer enters four people for the rental on the profile
    phone.goto(f"{own_portal}/profile#household")
    field = phone.get_by_label(f"People living at {RENTAL}")
    field.fill("4")
    phone.get_by_role("button", name="Save changes").click()
    phone.get_by_role("status").filter(has_text="household size").wait_for()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.locator("#household").screenshot(path=str(SCREENSHOTS / "profile-household-360.png"))

    # Then the dashboard and the property page say where the new date comes from
    phone.goto(f"{own_portal}/dashboard")
    card = phone.locator("li.card", has=phone.get_by_role("heading", name=RENTAL))
    card.get_by_text("Every 4 years and 2 months for a 1,500 gal tank and 4 people.").wait_for()
    phone.screenshot(path=str(SCREENSHOTS / "dashboard-due-360.png"), full_page=True)
    phone.goto(f"{own_portal}/property?id=prop-rental")
    phone.get_by_text("Every 4 years and 2 months for a 1,500 gal tank and 4 people.").wait_for()
    assert "4 people" in phone.locator("dl.facts").inner_text()
    phone.screenshot(path=str(SCREENSHOTS / "property-due-360.png"), full_page=True)
    from axe_playwright_python.sync_playwright import Axe

    assert Axe().run(phone).violations_count == 0

    # And an empty field clears it again
    phone.goto(f"{own_portal}/profile#household")
    phone.get_by_label(f"People living at {RENTAL}").fill("")
    phone.get_by_role("button", name="Save changes").click()
    phone.get_by_role("status").filter(has_text="household size").wait_for()
    phone.goto(f"{own_portal}/dashboard")
    phone.locator("li.card", has=phone.get_by_role("heading", name=RENTAL)).get_by_text("(our standard schedule)").wait_for()


def test_a_household_size_out_of_range_is_refused_on_the_page(own_portal, phone):
    _sign_in(own_portal, phone)
    phone.goto(f"{own_portal}/profile#household")

    phone.get_by_label(f"People living at {RENTAL}").fill("30")
    phone.get_by_role("button", name="Save changes").click()

    phone.get_by_text("Enter how many people live there, from 1 to 20, or leave it empty.").wait_for()
    assert requests.get(f"{own_portal}/api/admin/properties/prop-rental", headers=ADMIN, timeout=5).json().get("household_size") is None


def test_a_reminders_book_link_opens_booking_for_that_property_through_sign_in(own_portal, phone):
    # Given the rental's last pump-out moved so that it is due in 30 days (the standard 3 years)
    today = clock.today("America/Chicago")
    moved = add_months(today + timedelta(days=30), -36)
    answer = requests.put(f"{own_portal}/api/admin/service-records/svc-2301", headers=ADMIN, timeout=10, json={
        "property_id": "prop-rental", "date": moved.isoformat(), "service_type": "pump_out", "status": "completed",
        "technician_name": "Luis Ortega", "gallons_pumped": 1500})
    assert answer.status_code == 200, answer.text

    # When the reminders job runs twice
    for _ in range(2):
        assert requests.post(f"{own_portal}/api/dev/jobs/run", params={"job": "send-reminders"}, timeout=60).ok

    # Then one reminder went out, with its one-tap link
    [reminder] = [r for r in _reminders(own_portal) if any(BOOK_LINK in link for link in r["links"])]
    assert reminder["to"] == "demo@example.com"
    assert "in 30 days" in reminder["text"]
    link = next(link for link in reminder["links"] if BOOK_LINK in link)

    # And the link, opened signed out, goes through sign-in and lands on booking that property and service
    phone.goto(link)
    phone.wait_for_url("**/signin?next=*")
    phone.get_by_role("status").filter(has_text="Please sign in to book service.").wait_for()
    before = links_so_far(own_portal)
    phone.get_by_role("textbox", name="Email or mobile phone").fill("demo@example.com")
    phone.get_by_role("button", name="Send me a sign-in link").click()
    phone.goto(_newest(own_portal, "demo@example.com", "/signin/link?next=", before))
    phone.get_by_role("button", name="Sign in").click()
    phone.wait_for_url(f"**{BOOK_LINK}")
    assert phone.get_by_role("radio", name=RENTAL).is_checked()
    assert phone.get_by_role("radio", name="Septic pump-out").is_checked()


def test_an_aerobic_unit_shows_its_yearly_inspection_with_a_book_link(own_portal, phone):
    # Given an aerobic unit of the demo customer, inspected eleven months ago
    today = clock.today("America/Chicago")
    for path, body in (
        ("properties/prop-aerobic", {"account_id": "demo-1001", "address": {"line1": "9 Creek Lane", "city": "Rochester",
                                     "state": "IL", "zip": "62563"},
                                     "system": {"type": "Aerobic treatment unit", "tank_gallons": 500}}),
        ("service-records/svc-aerobic-insp", {"property_id": "prop-aerobic", "date": add_months(today, -11).isoformat(),
                                              "service_type": "inspection", "status": "completed"}),
    ):
        assert requests.put(f"{own_portal}/api/admin/{path}", headers=ADMIN, json=body, timeout=10).ok

    _sign_in(own_portal, phone)

    card = phone.locator("li.card", has=phone.get_by_role("heading", name="9 Creek Lane, Rochester"))
    card.get_by_text("Every year (systems with mechanical parts).").wait_for()
    assert "Next inspection due" in card.inner_text() and "Due soon" in card.inner_text()
    assert "No pump-out on record" in card.inner_text()
    book = card.get_by_role("link", name="Book an inspection")
    assert book.get_attribute("href") == "/book?property=prop-aerobic&service=inspection"
    card.screenshot(path=str(SCREENSHOTS / "dashboard-inspection-360.png"))
