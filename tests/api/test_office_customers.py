"""Customers for the office (C6, issue 16 item 3): search by a few letters of a name, email, phone or
address (an index kept with each upsert, never a Scan); a customer's page; viewing the portal as
the customer, read-only, recorded."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from chalicelib import notify
from chalicelib.db.models import BookingRequest
from chalicelib.notify import outbox
from tests.api.factories import account, invoice, property_, service_record
from tests.api.staff_helpers import add_staff, as_staff, staff_sign_in
from tests.conftest import ORIGIN, Api

MOMENT = datetime(2026, 11, 23, 16, tzinfo=timezone.utc)


@pytest.fixture
def customers(admin):
    admin("PUT", "/api/admin/accounts/acct-jane", account(name="Jane Smith", email="jane.smith@example.com", phone="(217) 555-0198"))
    admin("PUT", "/api/admin/properties/prop-oak", property_("acct-jane"))  # 12 Oak St., Springfield 62704
    admin("PUT", "/api/admin/accounts/acct-jose", account(name="José Smithers", email="jose@example.com", phone=None))
    admin("PUT", "/api/admin/properties/prop-elm", property_("acct-jose", address={"line1": "9 Elm Street", "city": "Chatham", "state": "IL", "zip": "62629"}))


@pytest.fixture
def office(admin, browser_api, client):
    add_staff(admin, "Omar Office", "office@example.com", "office")
    return as_staff(client, staff_sign_in(browser_api, "office@example.com"))


def _find(api, q: str) -> list[str]:
    response = api("GET", f"/api/admin/customers?q={q}")
    assert response.status_code == 200, response.data
    return [item["name"] for item in response.data["items"]]


@pytest.mark.parametrize(("typed", "found"), [
    ("smi", ["Jane Smith", "José Smithers"]),
    ("jose", ["José Smithers"]),  # accents do not matter
    ("Jane%20Sm", ["Jane Smith"]),  # every word must match
    ("jane.smith@ex", ["Jane Smith"]),
    ("(217)%20555-01", ["Jane Smith"]),
    ("555-0198", ["Jane Smith"]),
    ("0198", ["Jane Smith"]),
    ("oak", ["Jane Smith"]),
    ("elm%20chat", ["José Smithers"]),
    ("62629", ["José Smithers"]),
    ("nobody", []),
])
def test_customers_are_found_by_a_few_letters_of_any_of_their_details(customers, office, typed, found):
    assert _find(office, typed) == found


def test_a_search_is_queries_of_the_index_only(customers, office, dynamodb_calls):
    dynamodb_calls.clear()

    _find(office, "jane%20smi")

    assert [name for name, table in dynamodb_calls if table != "sessions" and table != "staff"] == ["Query", "Query", "BatchGetItem"]


def test_a_changed_name_or_a_property_on_another_account_is_found_as_it_is_now(customers, admin, office):
    admin("PUT", "/api/admin/accounts/acct-jose", account(name="José Garcia", email="jose@example.com", phone=None))
    admin("PUT", "/api/admin/properties/prop-elm", property_("acct-jane", address={"line1": "9 Elm Street", "city": "Chatham", "state": "IL", "zip": "62629"}))

    assert _find(office, "smithers") == []
    assert _find(office, "garc") == ["José Garcia"]
    assert _find(office, "elm") == ["Jane Smith"]


def test_the_same_upsert_again_writes_nothing_to_the_index(customers, admin, dynamodb_calls):
    dynamodb_calls.clear()

    admin("PUT", "/api/admin/accounts/acct-jane", account(name="Jane Smith", email="jane.smith@example.com", phone="(217) 555-0198"))

    assert [call for call in dynamodb_calls if call[1] == "search"] == []


def test_a_search_too_short_is_a_400(customers, office):
    answer = office("GET", "/api/admin/customers?q=j")
    assert answer.status_code == 400 and answer.data["details"][0]["field"] == "q"


def test_a_customers_page_has_properties_visits_invoices_bookings_and_messages(customers, admin, office, signed_in):
    admin("PUT", "/api/admin/service-records/r-1", service_record("prop-oak"))
    admin("PUT", "/api/admin/invoices/inv-1", invoice("acct-jane"))
    BookingRequest("bk_test", account_id="acct-jane", property_id="prop-oak", sort_key="2026-11-23T16:00:00+00:00#bk_test", mode="request",
                   service_type="inspection", status="requested", preferred=[{"date": "2026-12-01", "window": "morning"}],
                   created_at=MOMENT, updated_at=MOMENT).save()  # as the booking service stores a request
    notify.email("jane.smith@example.com", "test_message")
    notify.sms("+12175550198", "test_message")
    outbox.deliver_due()

    page = office("GET", "/api/admin/customers/acct-jane")

    assert page.status_code == 200, page.data
    data = page.data
    assert data["account"]["name"] == "Jane Smith" and data["account"]["undeliverable"] is None
    assert [p["label"] for p in data["properties"]] == ["12 Oak St., Springfield"]
    assert [(v["date"], v["technician_name"]) for v in data["visits"]] == [("2024-05-14", "Luis Ortega")]
    assert [(i["number"], i["status"]) for i in data["invoices"]] == [("1042", "open")]
    assert [b["status"] for b in data["bookings"]] == ["requested"]
    assert sorted((m["channel"], m["status"]) for m in data["messages"]) == [("email", "sent"), ("sms", "sent")]
    assert office("GET", "/api/admin/customers/acct-nobody").status_code == 404


def _view_as(client, office, account_id: str = "acct-jane"):
    answer = office("POST", f"/api/admin/customers/{account_id}/view-as")
    assert answer.status_code == 200, answer.data
    return Api(client, {"Origin": ORIGIN, "Cookie": answer.headers["Set-Cookie"].split(";", 1)[0]}), answer


def test_viewing_as_a_customer_reads_everything_and_changes_nothing(customers, client, office, admin):
    as_jane, answer = _view_as(client, office)

    assert answer.data["url"] == "/dashboard" and "Max-Age=3600" in answer.headers["Set-Cookie"]
    session = as_jane("GET", "/api/auth/session").data
    assert (session["name"], session["viewed_by"]) == ("Jane Smith", "Omar Office")
    assert as_jane("GET", "/api/dashboard").status_code == 200
    refused = as_jane("PATCH", "/api/me", {"access_notes": {"prop-oak": "Gate code 1234"}})
    assert (refused.status_code, refused.data["code"]) == (403, "read_only")
    assert refused.data["message"] == "You are viewing the portal as this customer, read-only: nothing can be changed here."
    assert as_jane("POST", "/api/auth/logout-all").status_code == 403
    assert as_jane("GET", "/api/me").data["properties"][0].get("access_notes") in (None, "")
    # It is in the audit trail, and signing out ends it
    entry = admin("GET", "/api/admin/audit").data["items"][0]
    assert (entry["actor"]["name"], entry["route"], entry["target_ids"]) == ("Omar Office", "/api/admin/customers/{account_id}/view-as", ["acct-jane"])
    assert as_jane("POST", "/api/auth/logout").status_code == 204
    assert as_jane("GET", "/api/dashboard").status_code == 401


def test_only_office_staff_view_as_a_customer(customers, admin, browser_api, client):
    assert admin("POST", "/api/admin/customers/acct-jane/view-as").status_code == 403  # the company's software
    add_staff(admin, "Dana Dispatch", "dispatch@example.com", "dispatcher")
    dispatcher = as_staff(client, staff_sign_in(browser_api, "dispatch@example.com"))
    assert dispatcher("POST", "/api/admin/customers/acct-jane/view-as").status_code == 403
    assert dispatcher("GET", "/api/admin/customers?q=jane").status_code == 403
