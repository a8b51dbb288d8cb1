"""F14: once the office approves, the new owner sees the home's record and nothing of the previous owner's;
the previous owner keeps their own history and loses the home. A later company PUT keeps that so."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest

from chalicelib.notify import outbox
from tests.api.customer_world import add_document, as_, cookie_for, visit
from tests.api.factories import property_

BUYER = {"address": "12 Oak Street", "zip": "62704", "name": "Alex Rivera", "email": "alex.rivera@example.com"}
JANES = ("Jane", "jane@example.com", "555-0198", "5550198")  # the previous owner's name and contacts
NOTES = ("baffles intact", "tank sound", "INTERNAL", "Unmarked technician note")
CUSTOMER_ROUTES = ("/api/dashboard", "/api/history", "/api/history?property_id=prop-home", "/api/documents",
                   "/api/properties/prop-home", "/api/invoices", "/api/booking-requests", "/api/me", "/api/booking/options")


@pytest.fixture
def sold(browser_api, admin, world):
    """Jane's 12 Oak St. (with her access notes, a receipt and open invoices) approved for Alex."""
    admin("PUT", "/api/admin/settings", {"visibility_defaults": {"documents": {"receipt": "customer"}}})
    receipt = add_document(admin, "prop-home", "svc-home-2", "Pump-out receipt", kind="receipt", publish={"status": "final"})
    jane = as_(browser_api, world.jane)
    assert jane("PATCH", "/api/me", {"access_notes": {"prop-home": "Gate code 4512; the dog is friendly"},
                                      "household_size": {"prop-home": 5}}).status_code == 200
    assert browser_api("POST", "/api/access-requests", BUYER).status_code == 202
    outbox.deliver_due()
    request_id = admin("GET", "/api/admin/access-requests").data["items"][0]["id"]
    approved = admin("POST", f"/api/admin/access-requests/{request_id}/approve").data
    return {"alex": as_(browser_api, cookie_for(approved["account_id"])), "jane": jane, "receipt": receipt,
            "account_id": approved["account_id"], "day": approved["transferred_on"]}


def _everything(customer, routes=CUSTOMER_ROUTES) -> dict[str, object]:
    answers = {path: customer("GET", path) for path in routes}
    assert [p for p, a in answers.items() if a.status_code != 200] == []
    return {path: a.data for path, a in answers.items()}


def test_the_new_owner_sees_the_homes_record_and_nothing_of_the_previous_owners(sold, world):
    seen = _everything(sold["alex"])

    assert [p["id"] for p in seen["/api/dashboard"]["properties"]] == ["prop-home"]
    assert seen["/api/dashboard"]["open_balance_cents"] == 0 and seen["/api/invoices"]["items"] == []
    history = seen["/api/history"]["items"]
    assert {v["id"] for v in history} == {"svc-home-0", "svc-home-1", "svc-home-2", "svc-home-insp"}
    assert all(v["previous_owner"] and v["notes"] == [] for v in history)
    assert seen["/api/history?property_id=prop-home"]["items"] == history
    inspection = next(v for v in history if v["id"] == "svc-home-insp")
    assert inspection["gallons_pumped"] is None and [d["id"] for d in inspection["documents"]] == [world.final_report]
    assert [d["id"] for d in seen["/api/documents"]["items"]] == [world.final_report]  # the report, not her receipt
    home = seen["/api/properties/prop-home"]
    assert home["system"]["tank_gallons"] == 1000 and home["access_notes"] is None and home["household_size"] is None
    assert [p["id"] for p in seen["/api/booking/options"]["properties"]] == ["prop-home"]
    assert seen["/api/me"]["former_properties"] == []
    text = json.dumps(seen)
    for secret in (*JANES, *NOTES, "Gate code", "inv-1", "1042", "Pump-out receipt", "7 Lake Road"):
        assert secret.lower() not in text.lower(), secret
    assert sold["alex"]("GET", f"/api/documents/{world.final_report}/download").status_code == 200
    assert sold["alex"]("GET", f"/api/documents/{sold['receipt']}/download").status_code == 404
    assert sold["alex"]("GET", "/api/invoices/inv-1").status_code == 404


def test_the_previous_owner_keeps_their_history_and_loses_the_home(sold, world):
    jane = sold["jane"]
    seen = _everything(jane, [r for r in CUSTOMER_ROUTES if "prop-home" not in r])

    assert [p["id"] for p in seen["/api/dashboard"]["properties"]] == ["prop-cabin"]
    assert jane("GET", "/api/properties/prop-home").status_code == 404
    assert [p["id"] for p in seen["/api/booking/options"]["properties"]] == ["prop-cabin"]
    assert seen["/api/me"]["former_properties"] == [{"property_id": "prop-home", "label": "12 Oak St., Springfield",
                                                     "until": sold["day"]}]
    assert {i["id"] for i in seen["/api/invoices"]["items"]} == {"inv-1", "inv-2"}  # her invoices stay hers
    former = jane("GET", "/api/history?former_property_id=prop-home").data["items"]
    assert {v["id"] for v in former} == {"svc-home-0", "svc-home-1", "svc-home-2", "svc-home-insp"}
    assert "Customer-visible: tank sound." in next(v for v in former if v["id"] == "svc-home-insp")["notes"]
    assert not any(v["previous_owner"] for v in former)
    documents = jane("GET", "/api/documents?former_property_id=prop-home").data["items"]
    assert {d["id"] for d in documents} == {world.final_report, sold["receipt"]}
    assert jane("GET", f"/api/documents/{sold['receipt']}/download").status_code == 200
    booking = jane("POST", "/api/booking-requests", {"property_id": "prop-home", "service_type": "inspection",
                                                     "preferred": [{"date": "2099-01-05", "window": "morning"}]})
    assert booking.status_code in (400, 404, 422) and "prop-home" not in json.dumps(jane("GET", "/api/booking-requests").data)


def test_a_later_company_put_keeps_the_old_records_with_the_old_owner(sold, admin, world):
    # The company's software, not caught up, sends the home and an old visit with the seller's account
    home = admin("PUT", "/api/admin/properties/prop-home", property_("acct-jane", service_interval_months=24))
    visit(admin, "svc-home-insp", "prop-home", world.today - timedelta(days=400), "inspection",
          notes=[{"text": "Re-sent: tank sound.", "visibility": "customer"}])
    visit(admin, "svc-after", "prop-home", world.today + timedelta(days=1),
          notes=[{"text": "For Alex: new lid fitted.", "visibility": "customer"}])

    assert home.status_code == 200 and home.data["account_id"] == sold["account_id"]
    assert home.data["kept"]["account_id"]["sent"] == "acct-jane"
    alex_history = sold["alex"]("GET", "/api/history").data["items"]
    resent = next(v for v in alex_history if v["id"] == "svc-home-insp")
    assert resent["previous_owner"] and resent["notes"] == []
    after = next(v for v in alex_history if v["id"] == "svc-after")
    assert not after["previous_owner"] and after["notes"] == ["For Alex: new lid fitted."]
    jane_former = sold["jane"]("GET", "/api/history?former_property_id=prop-home").data["items"]
    assert "svc-after" not in {v["id"] for v in jane_former}
    assert next(v for v in jane_former if v["id"] == "svc-home-insp")["notes"] == ["Re-sent: tank sound."]
    assert "prop-home" not in {p["id"] for p in sold["jane"]("GET", "/api/dashboard").data["properties"]}


def test_a_new_owner_who_is_already_a_customer_gains_the_home(browser_api, admin, world):
    assert browser_api("POST", "/api/access-requests", {**BUYER, "email": "SAM@example.com"}).status_code == 202
    outbox.deliver_due()
    request_id = admin("GET", "/api/admin/access-requests").data["items"][0]["id"]

    approved = admin("POST", f"/api/admin/access-requests/{request_id}/approve").data
    sam = as_(browser_api, world.sam)

    assert approved["account_id"] == "acct-sam"
    assert {p["id"] for p in sam("GET", "/api/dashboard").data["properties"]} == {"prop-sam", "prop-home"}
    mine = {v["id"]: v for v in sam("GET", "/api/history").data["items"]}
    assert mine["svc-sam-1"]["notes"] == ["Sam's note."] and not mine["svc-sam-1"]["previous_owner"]
    assert mine["svc-home-0"]["previous_owner"] and mine["svc-home-0"]["notes"] == []
    assert {d["id"] for d in sam("GET", "/api/documents").data["items"]} == {world.sams_report, world.final_report}


def test_the_sellers_sale_in_progress_ends_with_the_handover(browser_api, admin, world):
    # Given the company's software says the seller's sale is under way, with her agent and closing date
    sale = {"status": "report_in_review", "closing_date": "2031-02-26", "agent_name": "Dana Ruiz"}
    assert admin("PUT", "/api/admin/properties/prop-home/transaction", sale).status_code in (200, 201)
    assert browser_api("POST", "/api/access-requests", BUYER).status_code == 202
    outbox.deliver_due()
    request_id = admin("GET", "/api/admin/access-requests").data["items"][0]["id"]

    # When the office approves the buyer
    approved = admin("POST", f"/api/admin/access-requests/{request_id}/approve").data
    alex = as_(browser_api, cookie_for(approved["account_id"]))

    # Then the new owner's home shows no sale in progress, and nothing of hers is in it
    home = alex("GET", "/api/properties/prop-home").data
    assert home["transaction"] is None
    dashboard = alex("GET", "/api/dashboard").data
    assert "Dana Ruiz" not in json.dumps(dashboard) and "2031-02-26" not in json.dumps(dashboard)


def test_each_owners_history_after_a_transfer_is_still_one_query(sold, dynamodb_calls):
    for customer, path in ((sold["alex"], "/api/history"), (sold["alex"], "/api/history?property_id=prop-home"),
                           (sold["jane"], "/api/history?former_property_id=prop-home"),
                           (sold["jane"], "/api/documents?former_property_id=prop-home")):
        customer("GET", "/api/branding")
        dynamodb_calls.clear()
        assert customer("GET", path).status_code == 200
        table = "documents" if "documents" in path else "service-records"
        assert dynamodb_calls == [("GetItem", "sessions"), ("Query", table)], path


def test_a_company_correction_after_a_transfer_moves_only_the_new_owners_part(sold, admin, browser_api, world):
    # Given a visit made for the new owner, then the company's software puts the home on Sam instead
    visit(admin, "svc-after", "prop-home", world.today, notes=[{"text": "For the holder.", "visibility": "customer"}])
    moved = admin("PUT", "/api/admin/properties/prop-home", property_("acct-sam"))
    sam = {v["id"]: v for v in as_(browser_api, world.sam)("GET", "/api/history?property_id=prop-home").data["items"]}

    assert moved.status_code == 200 and [o["account_id"] for o in moved.data["owners"]] == ["acct-jane", "acct-sam"]
    assert sam["svc-after"]["notes"] == ["For the holder."] and not sam["svc-after"]["previous_owner"]
    assert sam["svc-home-insp"]["previous_owner"] and sam["svc-home-insp"]["notes"] == []  # still Jane's
    assert sold["alex"]("GET", "/api/history").data["items"] == []


def test_a_link_the_new_owner_shares_shows_the_homes_visits_without_the_previous_owners_notes(sold, browser_api):
    made = sold["alex"]("POST", "/api/shares", {"property_id": "prop-home", "expires_in_days": 7, "label": "For Dana",
                                               "include_reports": True})
    assert made.status_code == 201, made.data
    token = made.data["url"].split("#token=", 1)[1]

    record = browser_api("GET", f"/api/shared/{token}").data["record"]

    assert {v["id"] for v in record["service_history"]} >= {"svc-home-0", "svc-home-1", "svc-home-2", "svc-home-insp"}
    assert all(v["notes"] == [] for v in record["service_history"])
    text = json.dumps(record)
    for secret in (*JANES, *NOTES, "Gate code"):
        assert secret.lower() not in text.lower(), secret
