"""The office console's shell in Chromium at 360 px: staff sign in by a link from the outbox, see
their role's navigation; the owner manages staff; a dispatcher is refused the staff page in words."""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import requests

from tests.e2e.conftest import links_so_far, newest_link_to

STAFF_LINK = "/office/signin-link#token="


def _serious_axe_violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['id']}: {v['help']}" for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]


def _shot(page: Any, name: str) -> None:
    """Screenshots for a person to look at, when OFFICE_SCREENSHOTS names a folder."""
    if folder := os.environ.get("OFFICE_SCREENSHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


def _fits(page: Any) -> bool:
    """Nothing on the page is wider than the screen (no sideways scrolling)."""
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def _sign_in(portal: str, page: Any, email: str) -> None:
    before = links_so_far(portal)
    page.goto(f"{portal}/office/signin")
    page.get_by_label("Work email").fill(email)
    page.get_by_role("button", name="Send me a sign-in link").click()
    page.get_by_role("heading", name="Check your email").wait_for()
    _shot(page, f"signin-sent-{email.split('@')[0]}")
    requests.post(f"{portal}/api/dev/jobs/run?job=deliver-notifications", json={}, timeout=30)
    page.goto(newest_link_to(portal, email, STAFF_LINK, before))
    page.get_by_role("heading", name="Sign in to the office console").wait_for()
    _shot(page, f"signin-link-{email.split('@')[0]}")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/office")


def test_the_owner_signs_in_and_manages_staff(portal, phone):
    # Signed out, the console sends the owner to its sign-in page
    phone.goto(f"{portal}/office/staff")
    phone.wait_for_url("**/office/signin?next=*")
    assert _serious_axe_violations(phone) == []
    _shot(phone, "signin")

    # When the owner signs in with the link from the outbox
    _sign_in(portal, phone, "owner@example.com")

    # Then home names her and her role, and the menu offers every area
    phone.get_by_role("heading", name="Hello, Olivia Owner").wait_for()
    assert "signed in to the office console as Owner" in phone.locator("main").inner_text()
    assert _serious_axe_violations(phone) == []
    _shot(phone, "home-owner")
    phone.get_by_role("button", name="Menu").click()
    menu = phone.locator(".site-nav")
    for name in ("Bookings", "Settings", "API keys", "Staff"):
        assert menu.get_by_role("link", name=name, exact=True).is_visible()
    _shot(phone, "menu-owner")
    menu.get_by_role("link", name="Staff", exact=True).click()

    # The staff page lists both demo staff; she adds one and changes his role
    phone.get_by_role("heading", name=re.compile(r"^\d+ staff members$")).wait_for()
    assert phone.locator("main li.card").filter(has_text="dispatch@example.com").count() == 1
    assert _serious_axe_violations(phone) == []
    _shot(phone, "staff")
    phone.get_by_label("Name").fill("Omar Office")
    phone.get_by_label("Work email").fill("omar@example.com")
    phone.get_by_role("button", name="Add staff member").click()
    phone.get_by_text("Omar Office was added as office staff").wait_for()
    card = phone.locator("main li.card").filter(has_text="omar@example.com")
    card.get_by_label("Role of Omar Office").select_option("dispatcher")
    card.get_by_role("button", name="Change role").click()
    phone.locator("main li.card").filter(has_text="omar@example.com").get_by_text("Dispatcher · active").wait_for()

    # Disabling the last owner is refused, in words (she has no disable button on her own card)
    assert phone.locator("main li.card").filter(has_text="(you)").get_by_role("button", name="Disable").count() == 0
    _shot(phone, "staff-after")


def test_a_dispatcher_sees_only_bookings_and_is_refused_the_staff_page(portal, phone):
    _sign_in(portal, phone, "dispatch@example.com")

    phone.get_by_role("heading", name="Hello, Dana Dispatch").wait_for()
    phone.get_by_role("button", name="Menu").click()
    menu = phone.locator(".site-nav")
    assert menu.get_by_role("link", name="Bookings", exact=True).is_visible()
    assert menu.get_by_role("link", name="Staff", exact=True).count() == 0
    assert menu.get_by_role("link", name="Settings", exact=True).count() == 0
    _shot(phone, "home-dispatcher")

    phone.goto(f"{portal}/office/staff")
    phone.get_by_role("heading", name="This page is not available for your role").wait_for()
    assert "signed in as Dispatcher" in phone.locator("main").inner_text()
    assert _serious_axe_violations(phone) == []
    _shot(phone, "refused-dispatcher")

    # The API says the same to the page's own scripts
    answer = phone.evaluate("() => fetch('/api/admin/staff').then(r => r.status)")
    assert answer == 403

    # Signing out ends the console session
    phone.get_by_role("button", name="Menu").click()
    phone.get_by_role("button", name="Sign out").click()
    phone.wait_for_url("**/office/signin?signed_out=1")
    assert phone.evaluate("() => fetch('/api/admin/me').then(r => r.status)") == 401


def test_signing_in_from_a_console_page_returns_to_that_page(portal, phone):
    # Signed out, a bookmarked console page asks for sign-in and says why
    phone.goto(f"{portal}/office/api-keys")
    phone.wait_for_url("**/office/signin?next=%2Foffice%2Fapi-keys")
    phone.get_by_text("Please sign in to open that page of the console.").wait_for()
    before = links_so_far(portal)
    phone.get_by_label("Work email").fill("owner@example.com")
    phone.get_by_role("button", name="Send me a sign-in link").click()
    phone.get_by_role("heading", name="Check your email").wait_for()

    # The link in the email comes back to that page, not to the console's home
    requests.post(f"{portal}/api/dev/jobs/run?job=deliver-notifications", json={}, timeout=30)
    link = newest_link_to(portal, "owner@example.com", "/office/signin-link?next=%2Foffice%2Fapi-keys#token=", before)
    phone.goto(link)
    phone.get_by_role("button", name="Sign in").click()
    phone.wait_for_url("**/office/api-keys")
    phone.get_by_role("heading", name="API keys").wait_for()


def test_make_owner_adds_an_owner_to_the_running_portal(portal):
    import subprocess
    import sys
    from urllib.parse import urlsplit

    from tests.e2e.conftest import ROOT

    port = str(urlsplit(portal).port)
    env = {**os.environ, "PORT": port}
    made = subprocess.run([sys.executable, "-m", "devserver.make_owner", "pat@example.com", "Pat Boss"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    again = subprocess.run([sys.executable, "-m", "devserver.make_owner", "pat@example.com", "Pat Boss"],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)

    assert made.returncode == 0 and "Pat Boss <pat@example.com> is an owner." in made.stdout
    assert again.returncode == 0 and "(already)" in again.stdout
    staff = requests.get(f"{portal}/api/admin/staff", headers={"Authorization": "Bearer local-admin-key"}, timeout=5).json()
    assert {"name": "Pat Boss", "role": "owner"}.items() <= next(m for m in staff["items"] if m["email"] == "pat@example.com").items()
