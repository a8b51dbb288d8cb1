"""The office console's API keys page in Chromium at 360 px: the owner creates a key, sees it once
with a copy button, sees it listed with its last use, revokes it after a confirmation; a dispatcher
is refused the page in words."""
from __future__ import annotations

import re

import requests

from tests.e2e.test_office_console import _serious_axe_violations, _shot, _sign_in


def test_the_owner_creates_a_key_sees_it_once_and_revokes_it(portal, phone):
    _sign_in(portal, phone, "owner@example.com")
    phone.get_by_role("button", name="Menu").click()
    phone.locator(".site-nav").get_by_role("link", name="API keys", exact=True).click()

    # The page lists the keys; the bootstrap key's use is not tracked
    phone.get_by_role("heading", name="API keys", exact=True).wait_for()
    phone.get_by_role("heading", name=re.compile(r"^\d+ keys?")).wait_for()
    bootstrap = phone.locator("main li.card").filter(has_text="Bootstrap key")
    assert "Not tracked" in bootstrap.inner_text()
    assert _serious_axe_violations(phone) == []
    _shot(phone, "api-keys")
    assert _fits(phone)

    # A name is needed, said in words
    phone.get_by_role("button", name="Create key").click()
    phone.get_by_text("Enter a name for the key").wait_for()

    # She creates a key: it is shown once, with a copy button and a plain warning
    phone.get_by_label("Name").fill("Scheduling software")
    phone.get_by_role("button", name="Create key").click()
    phone.get_by_role("heading", name="The key “Scheduling software”").wait_for()
    assert "it will not be shown again" in phone.locator(".key-once").inner_text()
    key = phone.get_by_label("The new API key").input_value()
    assert re.fullmatch(r"pk_[0-9a-f]{8}_[A-Za-z0-9_-]{40,}", key)
    phone.context.grant_permissions(["clipboard-read", "clipboard-write"])
    phone.get_by_role("button", name="Copy key").click()
    phone.get_by_text("Copied.").wait_for()
    assert _serious_axe_violations(phone) == []
    _shot(phone, "api-keys-created")

    # The software uses it; after a reload the key is gone from the page and its last use is shown
    as_key = {"Authorization": f"Bearer {key}"}
    assert requests.get(f"{portal}/api/admin/settings", headers=as_key, timeout=10).status_code == 200
    phone.reload()
    card = phone.locator("main li.card").filter(has_text="Scheduling software")
    card.wait_for()
    assert key not in phone.content()
    assert "Never" not in card.inner_text() and "(updated hourly)" in card.inner_text()
    assert "In use" in card.inner_text()

    # She revokes it after confirming; it stops working
    card.get_by_role("button", name="Revoke").click()
    card.get_by_text("Software using this key will be refused").wait_for()
    _shot(phone, "api-keys-confirm")
    card.get_by_role("button", name="Yes, revoke the key").click()
    phone.get_by_text("“Scheduling software” is revoked. It no longer works.").wait_for()
    card = phone.locator("main li.card").filter(has_text="Scheduling software")
    assert "Revoked" in card.inner_text() and card.get_by_role("button", name="Revoke").count() == 0
    assert requests.get(f"{portal}/api/admin/settings", headers=as_key, timeout=10).status_code == 401
    assert _serious_axe_violations(phone) == []
    _shot(phone, "api-keys-revoked")
    assert _fits(phone)

    # On a tablet the page fits as well
    phone.set_viewport_size({"width": 768, "height": 1024})
    assert _fits(phone)
    _shot(phone, "api-keys-tablet")


def _fits(page) -> bool:
    """Nothing on the page is wider than the screen (no sideways scrolling)."""
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def test_a_dispatcher_is_refused_the_api_keys_page(portal, phone):
    _sign_in(portal, phone, "dispatch@example.com")
    phone.goto(f"{portal}/office/api-keys")
    phone.get_by_role("heading", name="This page is not available for your role").wait_for()
    assert "signed in as Dispatcher" in phone.locator("main").inner_text()
    assert phone.evaluate("() => fetch('/api/admin/api-keys').then(r => r.status)") == 403
    assert _serious_axe_violations(phone) == []
    _shot(phone, "api-keys-refused")


def test_office_staff_are_refused_the_api_keys_page(portal, phone):
    # Given an office member added by the owner's software
    added = requests.post(f"{portal}/api/admin/staff", json={"name": "Omar Office", "email": "omar.keys@example.com", "role": "office"},
                          headers={"Authorization": "Bearer local-admin-key"}, timeout=10)
    assert added.status_code == 201
    _sign_in(portal, phone, "omar.keys@example.com")

    phone.goto(f"{portal}/office/api-keys")
    phone.get_by_role("heading", name="This page is not available for your role").wait_for()
    assert "signed in as Office staff" in phone.locator("main").inner_text()
    assert phone.evaluate("() => fetch('/api/admin/api-keys').then(r => r.status)") == 403
