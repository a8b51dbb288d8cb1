"""The demo customer signs in with a link from the outbox, and signs out, in a real browser."""
from __future__ import annotations

import re

import requests

from tests.e2e.conftest import links_so_far, newest_link


def test_the_demo_customer_signs_in_from_the_outbox_and_signs_out(portal, phone):
    from axe_playwright_python.sync_playwright import Axe

    before = links_so_far(portal)
    phone.goto(f"{portal}/signin")
    phone.get_by_role("textbox", name="Email or mobile phone").fill("demo@example.com")
    phone.get_by_role("button", name="Send me a sign-in link").click()
    phone.get_by_role("heading", name="Check your email").wait_for()
    assert Axe().run(phone).violations_count == 0

    link = newest_link(portal, "demo@example.com", before)
    phone.goto(link)
    phone.get_by_role("heading", name="Sign in as Alex").wait_for()
    assert "#token=" not in phone.url  # the token leaves the address bar once read
    assert Axe().run(phone).violations_count == 0
    phone.get_by_role("button", name="Sign in").click()

    phone.wait_for_url("**/dashboard")
    phone.get_by_role("heading", name="Hello, Alex").wait_for()
    [session] = [c for c in phone.context.cookies() if c["name"] == "portal_session"]
    assert session["httpOnly"] and session["sameSite"] == "Lax"

    phone.get_by_role("button", name="Menu").click()
    phone.get_by_role("button", name="Sign out", exact=True).click()
    phone.get_by_role("status").filter(has_text="You’re signed out").wait_for()
    assert phone.url == f"{portal}/"  # a reload does not say it again
    dead = requests.get(f"{portal}/api/auth/session", cookies={"portal_session": session["value"]}, timeout=5)
    assert dead.status_code == 401
    phone.goto(f"{portal}/dashboard")
    phone.wait_for_url("**/signin")


def test_a_used_link_says_so_and_offers_a_new_one(portal, phone):
    before = links_so_far(portal)
    requests.post(f"{portal}/api/auth/magic-link", json={"phone": "(217) 555-0143"}, headers={"Origin": portal}, timeout=5)
    link = newest_link(portal, "+12175550143", before)
    token = link.split("#token=")[1]
    assert requests.post(f"{portal}/api/auth/verify", json={"token": token}, headers={"Origin": portal}, timeout=5).ok

    phone.goto(link)

    phone.get_by_role("heading", name=re.compile("couldn.t sign you in")).wait_for()
    assert phone.get_by_text("already been used").is_visible()
    assert phone.get_by_role("link", name="Send me a new link").get_attribute("href") == "/signin"


def _find_by_address(portal: str, phone, address: str) -> str:
    phone.goto(f"{portal}/signin")
    phone.get_by_role("textbox", name="Street address").fill(address)
    phone.get_by_role("textbox", name="ZIP code").fill("62704")
    phone.get_by_role("button", name="Find my account").click()
    status = phone.get_by_role("status").filter(has_text="If that address is on file")
    status.wait_for(timeout=5000)
    return status.inner_text()


def test_find_my_account_by_address_answers_the_same_for_a_known_and_an_unknown_address(portal, phone):
    before = links_so_far(portal)

    known = _find_by_address(portal, phone, "12 oak st.")
    unknown = _find_by_address(portal, phone, "99 Nowhere Road")

    assert known == unknown
    assert "•••" not in known  # where the link went is said only in the message itself
    assert "/signin/link#token=" in newest_link(portal, "demo@example.com", before)


def test_a_deep_link_asks_to_sign_in_saying_why_and_the_texted_link_returns_there(portal, phone):
    from tests.e2e.conftest import demo_api

    invoice = demo_api(portal).get(f"{portal}/api/invoices", timeout=5).json()["items"][0]
    pay_page = f"/invoices/{invoice['id']}/pay"
    before = links_so_far(portal)

    # Given: a signed-out customer opens an invoice's pay link
    phone.goto(f"{portal}{pay_page}")

    # Then: sign-in says why, and the link it sends comes back to that page
    phone.wait_for_url("**/signin?next=*")
    phone.get_by_role("status").filter(has_text="Please sign in to pay this invoice.").wait_for()
    phone.get_by_role("textbox", name="Email or mobile phone").fill("(217) 555-0143")
    phone.get_by_role("button", name="Send me a sign-in link").click()
    phone.get_by_role("heading", name="Check your phone").wait_for()
    link = _newest_link_with_next(portal, before)
    assert link.startswith(f"{portal}/signin/link?next=")
    phone.goto(link)
    phone.get_by_role("button", name="Sign in").click()
    phone.wait_for_url(f"**{pay_page}")
    phone.get_by_role("heading", level=1).wait_for()


def test_a_link_pointing_at_another_site_signs_in_to_the_dashboard(portal, phone):
    before = links_so_far(portal)
    requests.post(f"{portal}/api/auth/magic-link", json={"phone": "+12175550143"}, headers={"Origin": portal}, timeout=5)
    link = newest_link(portal, "+12175550143", before)

    # A link someone edited to send the customer elsewhere after signing in
    phone.goto(link.replace("/signin/link#", "/signin/link?next=%2F%2Fevil.example#"))
    phone.get_by_role("button", name="Sign in").click()

    phone.wait_for_url(f"{portal}/dashboard")


def _newest_link_with_next(portal: str, before: set[str]) -> str:
    import time

    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        for item in requests.get(f"{portal}/api/dev/outbox", timeout=5).json()["items"]:
            links = [link for link in item["links"] if "/signin/link?next=" in link and link not in before]
            if item["to"] == "+12175550143" and item["status"] == "sent" and links:
                return links[0]
        time.sleep(0.3)
    raise AssertionError("no sign-in link with a destination was sent")
