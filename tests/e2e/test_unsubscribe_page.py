"""The unsubscribe landing page a reminder links to, on a phone, without signing in (C4).

The link is made here by the portal's own code (``messages.unsubscribe_links``) with the local
portal's signing key, as a reminder sent by the portal carries it. Its own account, so the demo's
preferences stay as the other browser tests expect them.
"""
from __future__ import annotations

import json
from pathlib import Path

import requests

from tests.conftest import reset_caches
from tests.e2e.conftest import ADMIN, links_so_far, newest_link

SCREENSHOTS = Path(__file__).resolve().parents[2] / ".local" / "screenshots"
EMAIL = "unsubscribe.e2e@example.com"


def _link_for(portal, account_id, monkeypatch) -> str:
    from chalicelib.customer import messages
    from devserver.stack import _local_session_keys  # noqa: PLC2701 - the key the local portal signs with

    monkeypatch.setenv("PORTAL_SESSION_KEYS", json.dumps(_local_session_keys()))
    monkeypatch.delenv("PORTAL_SESSION_SIGNING_KID")
    monkeypatch.setenv("PORTAL_SITE_URL", portal)
    reset_caches()
    return messages.unsubscribe_links(account_id).page


def _reminders_on(portal) -> bool:
    session = requests.Session()
    session.headers["Origin"] = portal
    before = links_so_far(portal)
    session.post(f"{portal}/api/auth/magic-link", json={"email": EMAIL}, timeout=5)
    token = newest_link(portal, EMAIL, before).split("#token=")[1]
    assert session.post(f"{portal}/api/auth/verify", json={"token": token}, timeout=5).ok
    return session.get(f"{portal}/api/me", timeout=5).json()["preferences"]["reminders"]


def test_the_button_stops_reminders_and_the_profile_shows_it(portal, phone, monkeypatch):
    account = requests.put(f"{portal}/api/admin/accounts/acct-e2e-unsub", headers=ADMIN, timeout=5,
                           json={"name": "Uma Novak", "email": EMAIL})
    assert account.status_code in (200, 201)
    link = _link_for(portal, "acct-e2e-unsub", monkeypatch)

    phone.goto(link)
    button = phone.get_by_role("button", name="Stop service reminders")
    button.wait_for()
    assert "#token=" not in phone.url  # the token leaves the address bar
    assert "Receipts, booking answers and sign-in links still come" in phone.locator("main").inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / "unsubscribe-360.png"), full_page=True)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    from axe_playwright_python.sync_playwright import Axe

    assert Axe().run(phone).violations_count == 0
    assert _reminders_on(portal) is True  # opening the page changed nothing

    button.click()

    phone.get_by_role("heading", name="You’re unsubscribed").wait_for()
    assert "You will no longer get service reminders. Change this on your profile any time." in phone.locator("main").inner_text()
    assert phone.get_by_role("link", name="Go to your profile").get_attribute("href") == "/profile"
    phone.screenshot(path=str(SCREENSHOTS / "unsubscribe-done-360.png"), full_page=True)
    assert _reminders_on(portal) is False

    # Signed in, the profile shows reminders off, with what each choice means
    before = links_so_far(portal)
    requests.post(f"{portal}/api/auth/magic-link", json={"email": EMAIL}, headers={"Origin": portal}, timeout=5)
    phone.goto(newest_link(portal, EMAIL, before))
    phone.get_by_role("button", name="Sign in").click()
    phone.wait_for_url("**/dashboard")
    phone.goto(f"{portal}/profile#messages")
    reminders = phone.get_by_role("checkbox", name="Service reminders by email or text")
    reminders.wait_for()
    assert not reminders.is_checked()
    assert phone.get_by_role("checkbox", name="Email", exact=True).is_checked()
    assert "sent the ways you chose above" in phone.locator("#messages").inner_text()
    phone.locator("#messages").screenshot(path=str(SCREENSHOTS / "profile-messages-360.png"))


def test_a_tampered_link_says_so_and_changes_nothing(portal, phone, monkeypatch):
    requests.put(f"{portal}/api/admin/accounts/acct-e2e-unsub", headers=ADMIN, timeout=5,
                 json={"name": "Uma Novak", "email": EMAIL})
    link = _link_for(portal, "acct-e2e-unsub", monkeypatch)

    phone.goto(link[:-3] + ("xyz" if not link.endswith("xyz") else "abc"))
    phone.get_by_role("button", name="Stop service reminders").click()

    phone.get_by_role("heading", name="We couldn’t stop your reminders").wait_for()
    assert "nothing was changed" in phone.locator("main").inner_text()
    phone.screenshot(path=str(SCREENSHOTS / "unsubscribe-invalid-360.png"), full_page=True)


def test_without_a_token_the_page_says_the_link_is_incomplete(portal, phone):
    phone.goto(f"{portal}/unsubscribe")

    phone.get_by_role("heading", name="We couldn’t stop your reminders").wait_for()
    assert "Part of the link is missing" in phone.locator("main").inner_text()
