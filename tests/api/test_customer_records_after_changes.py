"""The customer's pages after the company changes something: each test gets a world of its own."""
from __future__ import annotations

from datetime import timedelta

from tests.api.customer_world import as_


def test_enabling_a_kind_in_settings_shows_it(admin, browser_api, world):
    admin("PUT", "/api/admin/settings", {"visibility_defaults": {"technician_notes": "customer", "condition_ratings": "customer"}})

    items = as_(browser_api, world.jane)("GET", "/api/history").data["items"]
    [inspection] = [item for item in items if item["id"] == "svc-home-insp"]

    assert inspection["notes"] == ["Customer-visible: tank sound.", "Unmarked technician note."]  # internal stays hidden
    assert inspection["condition_rating"] == "good"


def test_appointments_in_the_past_drop_off_the_dashboard(admin, browser_api, world):
    admin("PUT", "/api/admin/appointments/appt-old", {"property_id": "prop-cabin", "date": (world.today - timedelta(days=1)).isoformat(),
                                                       "window_start": "08:00", "window_end": "12:00", "service_type": "pump_out"})

    cabin = [p for p in as_(browser_api, world.jane)("GET", "/api/dashboard").data["properties"] if p["id"] == "prop-cabin"][0]

    assert cabin["upcoming_appointments"] == []
