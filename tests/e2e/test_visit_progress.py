"""The technician on the way, as the demo customer sees it on a phone: the dashboard's appointment card
and My bookings, after the company's software sends the status through the admin API."""
from __future__ import annotations

import os
from datetime import datetime
from zoneinfo import ZoneInfo

import requests

from tests.e2e.conftest import sign_in_as_demo

ADMIN = {"Authorization": "Bearer local-admin-key"}
VISIT = "appt-e2e-on-the-way"


def _admin(portal: str, method: str, path: str, body: dict) -> requests.Response:
    response = requests.request(method, f"{portal}/api/admin{path}", json=body, headers=ADMIN, timeout=10)
    assert response.ok, response.text
    return response


def test_the_dashboard_card_and_my_bookings_say_the_technician_is_on_the_way(portal, phone):
    # Given: an inspection at the rental today, put in by the office (the demo company works in Chicago)
    today = datetime.now(ZoneInfo("America/Chicago")).date().isoformat()
    visit = {"property_id": "prop-rental", "date": today, "window_start": "08:00", "window_end": "12:00",
             "technician_name": "Luis Ortega", "service_type": "inspection"}
    _admin(portal, "PUT", f"/appointments/{VISIT}", visit)
    try:
        # When: the technician sets off
        _admin(portal, "POST", f"/appointments/{VISIT}/status", {"status": "en_route", "eta": "10:40"})
        sign_in_as_demo(portal, phone)

        # Then: the rental's card says so under the visit, readable on a 360 px phone
        card = phone.locator("main li.card").filter(has=phone.get_by_role("heading", name="480 County Road 9, Chatham"))
        card.get_by_text("Luis is on the way, arriving about 10:40 AM").wait_for()
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
        if os.environ.get("SCREENSHOT_DIR"):
            card.scroll_into_view_if_needed()
            phone.screenshot(path=f"{os.environ['SCREENSHOT_DIR']}/dashboard-on-the-way.png")

        # And: when the technician arrives, the dashboard and My bookings say that instead
        _admin(portal, "POST", f"/appointments/{VISIT}/status", {"status": "arrived"})
        phone.reload()
        card.get_by_text("Luis has arrived").wait_for()
        assert "on the way" not in card.inner_text()
        phone.goto(f"{portal}/bookings")
        phone.get_by_text("Luis has arrived").wait_for()
        if os.environ.get("SCREENSHOT_DIR"):
            phone.screenshot(path=f"{os.environ['SCREENSHOT_DIR']}/bookings-arrived.png", full_page=True)

        # And: the customer was emailed when the technician set off
        requests.post(f"{portal}/api/dev/jobs/run", json={}, timeout=30)
        items = requests.get(f"{portal}/api/dev/outbox", timeout=5).json()["items"]
        assert any(m["template"] == "visit_en_route" and m["to"] == "demo@example.com"
                   and "arriving about 10:40 AM" in m["text"] for m in items)
    finally:
        _admin(portal, "PUT", f"/appointments/{VISIT}", {**visit, "status": "cancelled"})
