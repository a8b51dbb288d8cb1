"""The customer's pages through the API: dashboard, history, documents, system on file."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest
import requests

from chalicelib.customer.due import add_months
from tests.api.customer_world import PDF, as_


# The tests here share one world, built once (tests/api/conftest.py); those that change it put it back.
pytestmark = pytest.mark.usefixtures("one_world")


def test_dashboard_shows_last_service_next_due_appointment_and_balance(browser_api, world):
    board = as_(browser_api, world.jane)("GET", "/api/dashboard").data

    assert (board["open_balance_cents"], board["open_invoice_count"]) == (45000 + 9500, 2)
    home, cabin = sorted(board["properties"], key=lambda p: p["id"], reverse=True)
    assert home["label"] == "12 Oak St., Springfield"
    assert home["last_service"]["service_type"] == "inspection"
    [appointment] = home["upcoming_appointments"]
    # due soon, but the pump-out on the calendar makes it booked (SPEC F4), with its date
    assert home["next_service_due"] == {
        "service": "pump_out", "date": add_months(add_months(world.today, -35), 36).isoformat(), "status": "booked",
        "interval_months": 36, "booked_on": appointment["date"], "basis": "property",
        "explanation": "Every 3 years (your property's schedule)"}
    assert home["next_inspection_due"] is None  # a conventional system: no yearly inspection
    assert (appointment["technician_name"], appointment["window_start"], appointment["window_end"]) == ("Luis Ortega", "08:00", "12:00")
    # The cabin has no interval of its own: the company's default (36 months) applies; 40 months ago is overdue
    assert cabin["next_service_due"]["status"] == "overdue"
    assert cabin["next_service_due"]["interval_months"] == 36
    assert cabin["next_service_due"]["explanation"] == "Every 3 years (our standard schedule)"
    assert board["booking_url"] == "/book"


def test_history_is_newest_first_and_pages_with_a_cursor(browser_api, world):
    jane = as_(browser_api, world.jane)

    first = jane("GET", "/api/history?limit=2").data
    rest = jane("GET", f"/api/history?limit=50&cursor={first['next_cursor']}").data

    dates = [item["date"] for item in first["items"] + rest["items"]]
    assert dates == sorted(dates, reverse=True)
    assert len(dates) == 5 and len(set(item["id"] for item in first["items"] + rest["items"])) == 5
    assert rest["next_cursor"] is None


def test_history_for_one_property(browser_api, world):
    items = as_(browser_api, world.jane)("GET", "/api/history?property_id=prop-cabin").data["items"]

    assert [item["id"] for item in items] == ["svc-cabin-1"]


def test_history_shows_customer_notes_and_final_documents_only(browser_api, world):
    items = as_(browser_api, world.jane)("GET", "/api/history").data["items"]
    [inspection] = [item for item in items if item["id"] == "svc-home-insp"]

    assert inspection["notes"] == ["Customer-visible: tank sound."]  # unmarked notes follow the staff-only default
    assert [d["id"] for d in inspection["documents"]] == [world.final_report]
    assert inspection["condition_rating"] is None and inspection["measurements"] is None
    assert "INTERNAL" not in json.dumps(items) and "DRAFT" not in json.dumps(items)


@pytest.mark.usefixtures("put_back_world")
def test_enabling_a_kind_in_settings_shows_it(admin, browser_api, world):
    admin("PUT", "/api/admin/settings", {"visibility_defaults": {"technician_notes": "customer", "condition_ratings": "customer"}})

    items = as_(browser_api, world.jane)("GET", "/api/history").data["items"]
    [inspection] = [item for item in items if item["id"] == "svc-home-insp"]

    assert inspection["notes"] == ["Customer-visible: tank sound.", "Unmarked technician note."]  # internal stays hidden
    assert inspection["condition_rating"] == "good"


@pytest.mark.parametrize("cursor", ["garbage", "eyJrIjp7fX0.AAAA", ""])
def test_a_forged_cursor_is_a_400(browser_api, world, cursor):
    response = as_(browser_api, world.jane)("GET", f"/api/history?cursor={cursor}x")

    assert response.status_code == 400 and response.data["details"][0]["field"] == "cursor"


def test_another_accounts_cursor_is_refused(browser_api, world):
    sams_cursor = as_(browser_api, world.sam)("GET", "/api/history?limit=1").data["next_cursor"]

    response = as_(browser_api, world.jane)("GET", f"/api/history?cursor={sams_cursor}")

    assert sams_cursor and response.status_code == 400


@pytest.mark.parametrize("limit", ["0", "51", "ten", "-1"])
def test_page_size_is_bounded(browser_api, world, limit):
    assert as_(browser_api, world.jane)("GET", f"/api/history?limit={limit}").status_code == 400


def test_documents_list_final_customer_visible_ones_and_download_a_real_pdf(browser_api, world):
    jane = as_(browser_api, world.jane)

    listed = jane("GET", "/api/documents").data["items"]
    download = jane("GET", f"/api/documents/{world.final_report}/download").data

    assert [d["id"] for d in listed] == [world.final_report]
    assert download["expires_in"] <= 300
    fetched = requests.get(download["url"], timeout=10)
    assert fetched.content == PDF
    assert fetched.headers["Content-Type"] == "application/pdf"
    assert fetched.headers["Content-Disposition"].startswith("inline")


def test_drafts_and_staff_only_documents_cannot_be_downloaded(browser_api, world):
    jane = as_(browser_api, world.jane)

    for document_id in (world.draft_report, world.staff_only_report, "doc_missing"):
        assert jane("GET", f"/api/documents/{document_id}/download").status_code == 404


def test_system_on_file(browser_api, world):
    details = as_(browser_api, world.jane)("GET", "/api/properties/prop-home").data

    assert details["system"]["tank_gallons"] == 1000
    assert details["system"]["lid_location"] == "Under the flagstone by the porch"
    assert details["service_interval_months"] == 36
    # the pump-out is due soon, and the office has already put one in: booked, as on the dashboard
    assert details["next_service_due"]["status"] == "booked"
    assert details["next_service_due"]["booked_on"] == (world.today + timedelta(days=9)).isoformat()


def test_every_customer_route_needs_a_session(browser_api, world):
    for path in ("/api/dashboard", "/api/history", "/api/documents", f"/api/documents/{world.final_report}/download",
                 "/api/properties/prop-home", "/api/me"):
        assert browser_api("GET", path).status_code == 401, path


# -- isolation: another account's ids are 404, lists hold only the caller's items ---------------

def test_another_accounts_objects_are_404_and_its_property_history_looks_unknown(browser_api, world):
    jane = as_(browser_api, world.jane)

    assert jane("GET", "/api/properties/prop-sam").status_code == 404
    assert jane("GET", f"/api/documents/{world.sams_report}/download").status_code == 404
    assert jane("GET", "/api/history?property_id=prop-sam").data["items"] == []
    assert jane("GET", "/api/history?property_id=prop-sam").data == jane("GET", "/api/history?property_id=prop-nowhere").data
    unknown = jane("GET", "/api/properties/prop-nowhere").data
    foreign = jane("GET", "/api/properties/prop-sam").data
    assert (unknown["code"], unknown["message"]) == (foreign["code"], foreign["message"])  # nothing tells them apart


def test_lists_never_hold_another_accounts_items(browser_api, world):
    jane = as_(browser_api, world.jane)
    everything = json.dumps([jane("GET", path).data for path in ("/api/dashboard", "/api/history?limit=50", "/api/documents", "/api/me")])

    for trace in ("prop-sam", "svc-sam-1", world.sams_report, "Sam", "sam@example.com", "Maple"):
        assert trace not in everything


def test_a_session_cannot_be_pointed_at_another_account_by_the_body_or_query(browser_api, world):
    jane = as_(browser_api, world.jane)

    board = jane("GET", "/api/dashboard?account_id=acct-sam").data

    assert board["account"]["name"] == "Jane Smith"


@pytest.mark.usefixtures("put_back_world")
def test_appointments_in_the_past_drop_off_the_dashboard(admin, browser_api, world):
    admin("PUT", "/api/admin/appointments/appt-old", {"property_id": "prop-cabin", "date": (world.today - timedelta(days=1)).isoformat(),
                                                       "window_start": "08:00", "window_end": "12:00", "service_type": "pump_out"})

    cabin = [p for p in as_(browser_api, world.jane)("GET", "/api/dashboard").data["properties"] if p["id"] == "prop-cabin"][0]

    assert cabin["upcoming_appointments"] == []
