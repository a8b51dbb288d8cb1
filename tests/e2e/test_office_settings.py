"""The owner's Settings page in Chromium (issue 16 item 2): the branding's preview follows the
typing, a colour text cannot be read on is refused, a save says what changed and the customer's
pages show it; hiding technician notes takes the demo's notes off her history and showing them puts
them back; opening Saturday mornings for pump-outs offers them to customers."""
from __future__ import annotations

import re
from datetime import date
from typing import Any

import requests

from tests.e2e.conftest import ADMIN, demo_api, sign_in_as_demo
from tests.e2e.test_office_console import _fits, _serious_axe_violations, _shot, _sign_in

NOTE = "Tank in good condition; baffles intact."  # the demo's technician note on each visit



def _part(page: Any, title: str) -> Any:
    return page.locator("section.settings-part").filter(has=page.get_by_role("heading", name=title, exact=True))


def test_the_owner_changes_the_branding_and_customers_see_it(portal, phone):
    before = requests.get(f"{portal}/api/admin/settings", headers=ADMIN, timeout=10).json()["branding"]
    try:
        _sign_in(portal, phone, "owner@example.com")
        phone.goto(f"{portal}/office/settings")
        branding = _part(phone, "Branding")
        branding.get_by_label("Company name").wait_for()
        assert _serious_axe_violations(phone) == []
        assert _fits(phone)
        _shot(phone, "settings")

        # The preview follows the typing
        branding.get_by_label("Company name").fill("Clearwater Septic & Sons")
        assert branding.locator(".brand-preview").get_by_text("Clearwater Septic & Sons").first.is_visible()

        # A colour that no text reads well on is refused, in words
        branding.get_by_label("Main colour", exact=True).fill("#7fb3d5")
        branding.get_by_text(re.compile(r"fails WCAG AA")).wait_for()
        branding.get_by_role("button", name="Save branding").click()
        branding.get_by_text("This colour is too light to read well (WCAG AA).").wait_for()
        _shot(phone, "settings-contrast")
        branding.get_by_label("Main colour", exact=True).fill("#0b5d7a")
        branding.get_by_text("passes WCAG AA").first.wait_for()

        # Saved, the page says what changed, and a customer's page shows the new name
        branding.get_by_role("button", name="Save branding").click()
        branding.get_by_text("Saved. What changed:").wait_for()
        assert "Company name: Clearwater Septic → Clearwater Septic & Sons" in branding.inner_text()
        _shot(phone, "settings-saved")
        assert "Customers’ pages show it within a minute." in branding.inner_text()
        customer = phone.context.browser.new_context(viewport={"width": 360, "height": 740})  # a customer's own browser
        try:
            page = customer.new_page()
            page.goto(f"{portal}/signin")
            page.locator(".site-header .brand").get_by_text("Clearwater Septic & Sons").wait_for()
        finally:
            customer.close()
    finally:
        requests.put(f"{portal}/api/admin/settings", headers=ADMIN, json={"branding": before}, timeout=10)


PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db40000000049454e44ae426082")


def test_the_owner_uploads_a_logo_and_customers_see_it(portal, phone, tmp_path):
    before = requests.get(f"{portal}/api/admin/settings", headers=ADMIN, timeout=10).json()["branding"]
    (tmp_path / "logo.png").write_bytes(PNG)
    (tmp_path / "logo.txt").write_text("not an image")
    try:
        _sign_in(portal, phone, "owner@example.com")
        phone.goto(f"{portal}/office/settings")
        branding = _part(phone, "Branding")
        branding.get_by_label("Upload a logo").set_input_files(str(tmp_path / "logo.txt"))
        branding.get_by_role("button", name="Upload this logo").click()
        branding.get_by_text("This file is not a PNG, JPEG or WebP image.").wait_for()

        branding.get_by_label("Upload a logo").set_input_files(str(tmp_path / "logo.png"))
        branding.get_by_role("button", name="Upload this logo").click()
        branding.get_by_text("Uploaded: it is your logo now.").wait_for()
        assert branding.get_by_text("This file is not a PNG, JPEG or WebP image.").count() == 0
        logo = branding.get_by_label("Logo address (optional)").input_value()
        assert logo.startswith("/api/branding/logo/")
        assert branding.locator(f".brand-preview img[src='{logo}']").count() == 2
        _shot(phone, "settings-logo")

        customer = phone.context.browser.new_context(viewport={"width": 360, "height": 740})
        try:
            page = customer.new_page()
            page.goto(f"{portal}/signin")
            img = page.locator(".site-header .brand img")
            img.wait_for()
            assert img.get_attribute("src") == logo
            page.wait_for_function("() => document.querySelector('.site-header .brand img').naturalWidth > 0")
        finally:
            customer.close()
    finally:
        requests.put(f"{portal}/api/admin/settings", headers=ADMIN, json={"branding": before}, timeout=10)


def test_hiding_and_showing_technician_notes_changes_the_customers_history(portal, phone):
    # The demo's notes carry no mark of their own: they follow the setting (shown to customers)
    before = requests.get(f"{portal}/api/admin/settings", headers=ADMIN, timeout=10).json()["visibility_defaults"]
    assert before["technician_notes"] == "customer"
    try:
        _sign_in(portal, phone, "owner@example.com")
        sign_in_as_demo(portal, phone)  # the same browser, signed in as the demo customer too
        phone.goto(f"{portal}/history")
        phone.get_by_text(NOTE).first.wait_for()

        _set_notes(portal, phone, "Staff only")
        assert "Technician notes: shown to customers → staff only" in _part(phone, "What customers see").inner_text()
        phone.goto(f"{portal}/history")
        phone.get_by_role("heading", name="Service history").wait_for()
        phone.locator("main").get_by_text("Luis Ortega").first.wait_for()
        assert NOTE not in phone.locator("main").inner_text()
        assert "INTERNAL" not in phone.locator("main").inner_text()  # a note marked internal never shows

        _set_notes(portal, phone, "Shown to customers")
        phone.goto(f"{portal}/history")
        phone.get_by_text(NOTE).first.wait_for()
    finally:
        requests.put(f"{portal}/api/admin/settings", headers=ADMIN, json={"visibility_defaults": before}, timeout=10)


def _set_notes(portal: str, page: Any, choice: str) -> None:
    page.goto(f"{portal}/office/settings")
    part = _part(page, "What customers see")
    part.get_by_label("Technician notes").select_option(label=choice)
    part.get_by_role("button", name="Save what customers see").click()
    part.get_by_text("Saved. What changed:").wait_for()


def test_the_owner_opens_saturday_mornings_for_pump_outs(portal, phone):
    before = requests.get(f"{portal}/api/admin/settings", headers=ADMIN, timeout=10).json()["booking"]
    customer = demo_api(portal)
    saturdays = lambda: [s for s in customer.get(f"{portal}/api/booking/slots?service_type=pump_out", timeout=10).json()["slots"]  # noqa: E731
                         if date.fromisoformat(s["date"]).weekday() == 5]
    assert saturdays() == []
    try:
        _sign_in(portal, phone, "owner@example.com")
        phone.goto(f"{portal}/office/settings")
        booking = _part(phone, "Booking")
        booking.get_by_label("Septic pump-out, Sat morning").fill("1")
        booking.get_by_role("button", name="Save booking").click()
        booking.get_by_text("Saved. What changed:").wait_for()
        assert "service types" in booking.inner_text()
        _shot(phone, "settings-booking-saved")
        assert {s["window"] for s in saturdays()} == {"morning"}
    finally:
        requests.put(f"{portal}/api/admin/settings", headers=ADMIN, json={"booking": before}, timeout=10)
