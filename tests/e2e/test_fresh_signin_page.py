"""SPEC §9 on the profile page: an email change from a session older than the fresh-sign-in
window is refused with a fresh link, and that link brings the customer back to make it.

The window is 15 minutes; this test's own portal shortens it (``PORTAL_FRESH_SIGNIN_SECONDS``)
so a real session ages while the test waits, with no clock tricks inside the portal."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
import requests

from tests.e2e.conftest import links_so_far, newest_link, running_portal

WINDOW_SECONDS = 20
SCREENSHOTS = Path(__file__).resolve().parents[2] / ".local" / "screenshots"


@pytest.fixture(scope="module")
def aging_portal(tmp_path_factory):
    with running_portal(tmp_path_factory.mktemp("aging-portal"), {"PORTAL_FRESH_SIGNIN_SECONDS": str(WINDOW_SECONDS)}) as url:
        yield url


def _fresh_link(portal: str, after: set[str]) -> str:
    """The fresh sign-in link sent to the email on file, the one that returns to the profile."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        for item in requests.get(f"{portal}/api/dev/outbox", timeout=5).json()["items"]:
            links = [link for link in item["links"] if "/signin/link?next=%2Fprofile#token=" in link and link not in after]
            if item["to"] == "demo@example.com" and item["status"] == "sent" and links:
                return links[0]
        time.sleep(0.3)
    raise AssertionError("no fresh sign-in link reached demo@example.com")


def _open_link(page, link: str, lands_on: str) -> None:
    page.goto(link)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**{lands_on}")


def test_an_old_session_gets_a_fresh_link_that_returns_to_the_profile_to_change_the_email(aging_portal, phone):
    portal = aging_portal
    before = links_so_far(portal)
    requests.post(f"{portal}/api/auth/magic-link", json={"email": "demo@example.com"}, headers={"Origin": portal}, timeout=5)
    _open_link(phone, newest_link(portal, "demo@example.com", before), "/dashboard")
    time.sleep(WINDOW_SECONDS + 1)  # the session is now older than the window

    phone.goto(f"{portal}/profile")
    phone.get_by_role("heading", name="Your profile", exact=True).wait_for()
    phone.get_by_role("textbox", name="Email").fill("jane.new@example.com")
    before = links_so_far(portal)
    phone.get_by_role("button", name="Save changes").click()
    alert = phone.get_by_role("alert").filter(has_text="sent a fresh sign-in link")
    alert.wait_for()
    assert "back on your profile" in alert.inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / "profile-fresh-signin-360.png"), full_page=False)
    phone.reload()
    phone.get_by_role("heading", name="Your profile", exact=True).wait_for()
    assert phone.get_by_role("textbox", name="Email").input_value() == "demo@example.com"  # nothing was saved

    _open_link(phone, _fresh_link(portal, before), "/profile")
    phone.get_by_role("heading", name="Your profile", exact=True).wait_for()
    phone.get_by_role("textbox", name="Email").fill("jane.new@example.com")
    phone.get_by_role("button", name="Save changes").click()
    phone.get_by_role("status").filter(has_text="We sent a confirmation link to jane.new@example.com").wait_for()
