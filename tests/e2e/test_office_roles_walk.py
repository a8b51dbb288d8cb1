"""Every page of the office console, walked by each role in Chromium at 360 px (issue 16 item 9):
each page a role may open shows its content (nothing "coming soon") with no serious axe finding and
no sideways scroll; each one it may not open says so in words."""
from __future__ import annotations


import pytest
import requests

from tests.e2e.conftest import ADMIN
from tests.e2e.test_office_console import _fits, _serious_axe_violations, _sign_in

PAGES = {  # path → its heading
    "/office/bookings": "Bookings",
    "/office/customers": "Customers",
    "/office/invitations": "Invitations",
    "/office/messages": "Messages",
    "/office/checklist": "Launch checklist",
    "/office/settings": "Settings",
    "/office/api-keys": "API keys",
    "/office/staff": "Staff",
    "/office/audit": "Activity",
}
ROLES = {
    "owner": ("owner@example.com", set(PAGES)),
    "office": ("omar.e2e@example.com", {"/office/bookings", "/office/customers", "/office/invitations", "/office/messages"}),
    "dispatcher": ("dispatch@example.com", {"/office/bookings"}),
}

WAITING_DONE = """() => ![...document.querySelectorAll('main [role=status], main .page-loading')]
    .some((el) => /Loading|Checking|Counting|Searching/.test(el.textContent))"""



@pytest.mark.parametrize("role", list(ROLES))
def test_each_role_walks_every_console_page(portal, phone, role):
    email, allowed = ROLES[role]
    if role == "office":
        requests.post(f"{portal}/api/admin/staff", headers=ADMIN, timeout=10,
                      json={"name": "Omar Office", "email": email, "role": "office"})
    _sign_in(portal, phone, email)
    assert "Coming soon" not in phone.locator("main").inner_text()
    for path, heading in PAGES.items():
        phone.goto(f"{portal}{path}")
        if path in allowed:
            phone.get_by_role("heading", name=heading, exact=True, level=1).wait_for()
            phone.wait_for_function(WAITING_DONE)  # the page's data has come (its "Loading…" lines are gone)
            main = phone.locator("main").inner_text()
            assert "Coming soon" not in main and "Something went wrong" not in main, path
            assert _serious_axe_violations(phone) == [], path
            assert _fits(phone), path
        else:
            phone.get_by_role("heading", name="This page is not available for your role").wait_for()
