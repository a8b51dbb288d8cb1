"""Share records in the browser (F13): the demo customer makes a link, a realtor opens it signed out on a
phone, and once the owner ends it the same link says it has expired."""
from __future__ import annotations

import re
from pathlib import Path

from tests.e2e.conftest import sign_in_as_demo

SCREENSHOTS = Path(__file__).resolve().parents[2] / ".local" / "screenshots"


def test_a_share_link_opens_signed_out_on_a_phone_until_the_owner_ends_it(portal, phone, browser):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # Given: the demo customer, signed in on a phone, on the dashboard
    sign_in_as_demo(portal, phone)
    phone.get_by_role("heading", name="Hello, Alex").wait_for()

    # When: they share a property's records from its card on the dashboard
    phone.locator("main li.card").first.get_by_role("link", name="Share records").click()
    phone.get_by_role("heading", name="Share records", level=1).wait_for()
    phone.get_by_label("Who is it for?").fill("For our realtor, Dana")
    phone.get_by_role("button", name="Make the link").click()
    phone.get_by_role("heading", name="Your link is ready").wait_for()
    url = phone.get_by_label("The link", exact=True).first.input_value()
    assert re.fullmatch(rf"{re.escape(portal)}/shared#token=[0-9a-f]{{16}}\.[A-Za-z0-9_-]{{43}}", url), url
    phone.screenshot(path=str(SCREENSHOTS / "shares-created-360.png"), full_page=True)

    # Then: someone else, signed out in a browser of their own, sees the record on a phone
    realtor = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = realtor.new_page()
    page.goto(url)
    page.get_by_role("heading", name=re.compile("^Septic records for ")).wait_for()
    assert "For our realtor, Dana" in page.locator("main").inner_text()
    page.get_by_role("heading", name="Service history").wait_for()
    assert page.get_by_role("heading", name="Reports").is_visible()
    assert page.get_by_role("button", name="Download records pack").is_visible()
    assert page.evaluate("document.querySelector('meta[name=referrer]').content") == "no-referrer"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # nothing wider than the phone
    main = page.locator("main").inner_text()
    assert "Invoice" not in main and "demo@example.com" not in main
    assert "Next pump-out\nBooked for " in main  # the demo's booked pump-out, as the records pack says it
    assert "your property" not in main  # words for the owner stay on the owner's pages
    page.screenshot(path=str(SCREENSHOTS / "shared-record-360.png"), full_page=True)

    # And: the owner sees that it was opened
    phone.reload()
    phone.get_by_text("Opened 1 time").wait_for()
    phone.get_by_text("When it was opened").click()
    assert phone.get_by_text(re.compile("Opened the page · Chrome")).count() >= 1

    # When: the owner ends the link (after confirming)
    card = phone.locator("li.share", has_text="For our realtor, Dana").first
    card.get_by_role("button", name="End this link").click()
    card.get_by_role("button", name="Yes, end the link").click()
    phone.get_by_text("The link is ended. It no longer opens.").wait_for()
    phone.screenshot(path=str(SCREENSHOTS / "shares-ended-360.png"), full_page=True)

    # Then: the same link now says it has expired
    page.reload()
    page.get_by_role("heading", name="This link has expired").wait_for()
    assert "ask the owner for a new one" in page.locator("main").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "shared-expired-360.png"), full_page=True)
    realtor.close()
