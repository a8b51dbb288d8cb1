"""The demo customer's records in a real browser: next service due, history, a real PDF, nothing staff-only."""
from __future__ import annotations

import re

import requests

from tests.e2e.conftest import sign_in_as_demo

STAFF_ONLY = ("INTERNAL", "dog is aggressive", "DRAFT repair report")


def _assert_nothing_staff_only(page) -> None:
    text = page.locator("main").inner_text()
    for secret in STAFF_ONLY:
        assert secret not in text


def test_the_demo_customer_sees_next_due_history_and_opens_the_final_report(portal, phone):
    from axe_playwright_python.sync_playwright import Axe

    sign_in_as_demo(portal, phone)

    # Dashboard: the pump-out coming due at 12 Oak Street is already booked, so it says so, not "Due soon"
    heading = phone.get_by_role("heading", name="12 Oak Street, Springfield")
    home = phone.locator("main li, main article, main section, main div").filter(has=heading).last  # the card itself
    home.get_by_text(re.compile(r"^Pump-out booked for \w+ \d{1,2}, \d{4}$")).wait_for()
    assert "Due soon" not in home.inner_text()
    assert home.get_by_role("link", name="Book a pump-out").count() == 0
    assert "Technician: Luis Ortega" in home.inner_text()
    assert Axe().run(phone).violations_count == 0

    # History: the final inspection report is there, the internal note and the draft are not
    phone.get_by_role("link", name="History").first.click()
    phone.get_by_role("heading", name="Service history").wait_for()
    report_button = phone.get_by_role("button", name="Open Septic inspection report")
    while not report_button.count():
        phone.get_by_role("button", name="Load more visits").click()
        phone.wait_for_timeout(300)
    _assert_nothing_staff_only(phone)
    assert Axe().run(phone).violations_count == 0

    # The button asks for a fresh 5-minute link and the browser goes straight to it
    with phone.expect_request(lambda r: "X-Amz-Signature=" in r.url) as opened:
        report_button.click()
    pdf = requests.get(opened.value.url, timeout=10)
    assert pdf.content.startswith(b"%PDF-")
    assert pdf.headers["Content-Type"] == "application/pdf"


def test_documents_and_system_pages_show_only_what_the_customer_may_see(portal, phone):
    sign_in_as_demo(portal, phone)

    phone.goto(f"{portal}/documents")
    phone.get_by_role("heading", name="Septic inspection report").wait_for()
    _assert_nothing_staff_only(phone)

    phone.goto(f"{portal}/property?id=prop-home")
    phone.get_by_role("heading", name="Your septic system").wait_for()
    assert "1,000 gallons" in phone.locator("main").inner_text()
    assert "under the flagstone" in phone.locator("main").inner_text()

    phone.goto(f"{portal}/property?id=prop-lee")  # Sam Lee's: not this customer's
    phone.get_by_role("heading", name=re.compile("couldn.t find that property")).wait_for()


def test_invoices_list_and_detail(portal, phone):
    from axe_playwright_python.sync_playwright import Axe

    sign_in_as_demo(portal, phone)
    phone.get_by_role("link", name="Invoices").first.click()

    phone.get_by_role("heading", name="Invoices", exact=True).wait_for()
    phone.get_by_role("link", name="Invoice 2415").wait_for()
    assert "To pay" in phone.locator("main").inner_text() and "Paid" in phone.locator("main").inner_text()
    assert Axe().run(phone).violations_count == 0

    phone.get_by_role("link", name="Invoice 2415").click()
    phone.get_by_role("heading", name="Invoice 2415").wait_for()
    table = phone.get_by_role("table")
    assert "Outlet baffle replacement" in table.inner_text() and "$335.00" in table.inner_text()
    assert phone.get_by_role("heading", name="Balance due: $335.00").is_visible()
