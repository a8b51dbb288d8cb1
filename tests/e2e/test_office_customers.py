"""The office's Customers page in Chromium (issue 16 item 3): results while typing a few letters
of a name, a phone number or an address; the demo customer's page; viewing the portal as her,
read-only under a banner, until "Stop viewing" brings the console back."""
from __future__ import annotations


from tests.e2e.test_office_console import _fits, _serious_axe_violations, _shot, _sign_in



def test_the_office_finds_the_demo_customer_and_views_the_portal_as_her(portal, phone):
    _sign_in(portal, phone, "owner@example.com")
    phone.goto(f"{portal}/office/customers")
    search = phone.get_by_label("Name, email, phone or address")

    # Results come while typing: part of a name, of a phone number, of an address
    for typed in ("alex mor", "555-0143", "oak st"):
        search.fill(typed)
        phone.get_by_text(f"matching “{typed}”").wait_for()
        assert phone.locator(".customer-results").get_by_text("Alex Morgan").is_visible(), typed
    search.fill("zzqq")
    phone.get_by_text("No customer matches “zzqq”.").wait_for()
    search.fill("sam")
    phone.locator(".customer-results").get_by_text("Sam Lee").wait_for()
    assert _serious_axe_violations(phone) == []
    assert _fits(phone)
    _shot(phone, "customers-search")

    # Her page: contact, properties, visits, invoices, messages
    search.fill("alex")
    phone.locator(".customer-results").get_by_role("link", name="Alex Morgan").click()
    phone.get_by_role("heading", name="Alex Morgan", level=1).wait_for()
    text = phone.locator("main").inner_text()
    assert "12 Oak Street" in text and "demo@example.com" in text and "Invoice 2415" in text
    assert phone.get_by_role("heading", name="Recent visits").is_visible()
    assert _serious_axe_violations(phone) == []
    assert _fits(phone)
    _shot(phone, "customers-page")

    # Viewing the portal as her: her dashboard, under a banner; a change is refused in words
    phone.get_by_role("button", name="View the portal as Alex Morgan").click()
    phone.wait_for_url("**/dashboard")
    banner = phone.locator(".viewing-banner")
    banner.get_by_text("Viewing the portal as Alex Morgan").wait_for()
    assert "for Olivia Owner. Read-only: nothing can be changed here." in banner.inner_text()
    assert _serious_axe_violations(phone) == []
    assert _fits(phone)
    _shot(phone, "customers-view-as")
    answer = phone.evaluate("""() => fetch('/api/me', {method: 'PATCH', headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({access_notes: {'prop-home': 'changed by staff'}})}).then(r => r.json())""")
    assert answer["code"] == "read_only"
    phone.goto(f"{portal}/history")
    phone.locator(".viewing-banner").wait_for()

    # Stop viewing: back to her page in the console, and the customer session is gone
    phone.get_by_role("button", name="Stop viewing").click()
    phone.wait_for_url("**/office/customers?id=demo-1001")
    phone.get_by_role("heading", name="Alex Morgan", level=1).wait_for()
    assert phone.evaluate("() => fetch('/api/dashboard').then(r => r.status)") == 401
