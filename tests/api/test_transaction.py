"""The sale in progress (SPEC F13): the company's software sets its status; the owner's pages show it,
with the transfer rule's words; a preliminary report stays hidden until it is final."""
from __future__ import annotations

from datetime import timedelta
from typing import Any

from chalicelib import clock
from chalicelib.customer.due import add_months
from tests.api.customer_world import add_document, visit
from tests.api.factories import account, property_


def _seed(admin: Any) -> None:
    admin("PUT", "/api/admin/settings", {"visibility_defaults": {"documents": {"inspection_report": "customer"}}})
    admin("PUT", "/api/admin/accounts/acct-jane", account())
    admin("PUT", "/api/admin/properties/prop-home", property_("acct-jane"))


def test_status_shows_on_the_dashboard_and_property_page(admin: Any, signed_in: Any) -> None:
    _seed(admin)
    put = admin("PUT", "/api/admin/properties/prop-home/transaction",
                {"status": "scheduled", "closing_date": "2027-03-01", "agent_name": "Dana Ruiz"})
    assert put.status_code == 201 and put.data["transaction"]["status_words"] == "Inspection scheduled"
    again = admin("PUT", "/api/admin/properties/prop-home/transaction",
                  {"status": "scheduled", "closing_date": "2027-03-01", "agent_name": "Dana Ruiz"})
    assert again.status_code == 200 and again.data["changed"] is False

    jane = signed_in("acct-jane")
    card = jane("GET", "/api/dashboard").data["properties"][0]["transaction"]
    page = jane("GET", "/api/properties/prop-home").data["transaction"]
    for shown in (card, page):
        assert shown["status"] == "scheduled" and shown["status_words"] == "Inspection scheduled"
        assert shown["closing_date"] == "2027-03-01" and shown["agent_name"] == "Dana Ruiz"


def test_delete_and_null_status_clear_it(admin: Any, signed_in: Any) -> None:
    _seed(admin)
    admin("PUT", "/api/admin/properties/prop-home/transaction", {"status": "closed"})
    assert admin("DELETE", "/api/admin/properties/prop-home/transaction").data["changed"] is True
    assert signed_in("acct-jane")("GET", "/api/properties/prop-home").data["transaction"] is None
    admin("PUT", "/api/admin/properties/prop-home/transaction", {"status": "closed"})
    cleared = admin("PUT", "/api/admin/properties/prop-home/transaction", {"status": None})
    assert cleared.status_code == 200 and cleared.data["transaction"] is None


def test_unknown_property_is_404_and_bad_bodies_say_what_is_wrong(admin: Any, anonymous: Any) -> None:
    _seed(admin)
    assert admin("PUT", "/api/admin/properties/prop-nowhere/transaction", {"status": "closed"}).status_code == 404
    assert admin("DELETE", "/api/admin/properties/prop-nowhere/transaction").status_code == 404
    wrong = admin("PUT", "/api/admin/properties/prop-home/transaction", {"status": "sold", "closing_date": "soon"})
    assert wrong.status_code == 400
    assert {d["field"] for d in wrong.data["details"]} == {"status", "closing_date"}
    assert "`status`" in wrong.data["message"]
    assert admin("PUT", "/api/admin/properties/prop-home/transaction", {"closing_date": "2027-01-01"}).status_code == 400
    assert admin("PUT", "/api/admin/properties/prop-home/transaction", {"status": "closed", "buyer": "x"}).status_code == 400
    assert anonymous("PUT", "/api/admin/properties/prop-home/transaction", {"status": "closed"}).status_code == 401
    assert admin("GET", "/api/admin/properties/prop-home").data["transaction"] is None  # nothing was stored


def test_report_in_review_stays_hidden_from_the_owner_and_the_record(admin: Any, signed_in: Any, client: Any) -> None:
    # Given an inspection whose report the company has uploaded but not published
    _seed(admin)
    visit(admin, "svc-insp", "prop-home", clock.today("America/Chicago") - timedelta(days=3), "inspection")
    document_id = add_document(admin, "prop-home", "svc-insp", "Preliminary Title 5 report", publish=None)
    admin("PUT", "/api/admin/properties/prop-home/transaction", {"status": "report_in_review"})

    # Then the owner sees the status, not the report: not in documents, history, download or the record
    jane = signed_in("acct-jane")
    assert jane("GET", "/api/properties/prop-home").data["transaction"]["status_words"] == "Inspection report in review"
    assert document_id not in str(jane("GET", "/api/documents").data)
    assert document_id not in str(jane("GET", "/api/history").data)
    assert jane("GET", f"/api/documents/{document_id}/download").status_code == 404
    from chalicelib.db.models import Property
    from chalicelib.sale.record import property_record

    with client:
        record = property_record(Property.get("prop-home"), include_reports=True)
    assert record["reports"] == [] and record["transaction"]["status"] == "report_in_review"

    # When the company publishes it as final, it appears
    admin("PATCH", f"/api/admin/documents/{document_id}", {"status": "final"})
    admin("PUT", "/api/admin/properties/prop-home/transaction", {"status": "report_final"})
    assert document_id in str(jane("GET", "/api/documents").data)


def test_transfer_rule_words_reach_the_pages(admin: Any, signed_in: Any) -> None:
    _seed(admin)
    today = clock.today("America/Chicago")
    inspected = today - timedelta(days=400)
    visit(admin, "svc-insp", "prop-home", inspected, "inspection")
    visit(admin, "svc-pump", "prop-home", inspected + timedelta(days=300))
    saved = admin("PUT", "/api/admin/settings", {"transfer_rule": {"state": "ma", "inspection_valid_months": 24,
                                                                   "valid_months_if_pumped_yearly": 36}})
    assert saved.status_code == 200 and saved.data["transfer_rule"]["state"] == "MA"

    page = signed_in("acct-jane")("GET", "/api/properties/prop-home").data["transaction"]
    assert page["status"] is None  # no sale in progress, but the owner learns how long the inspection counts
    assert "valid for a transfer under MA rules until" in page["inspection_valid_words"]
    assert "pumped again by" in page["inspection_valid_words"]
    assert page["inspection_valid_until"] == add_months(inspected, 36).isoformat()


def test_a_transfer_rule_that_makes_no_sense_is_refused(admin: Any) -> None:
    before = admin("GET", "/api/admin/settings").data
    bad = admin("PUT", "/api/admin/settings", {"transfer_rule": {"state": "MA", "inspection_valid_months": 36,
                                                                 "valid_months_if_pumped_yearly": 24}})
    assert bad.status_code == 400 and "longer" in bad.data["message"]
    assert admin("PUT", "/api/admin/settings", {"transfer_rule": {"state": "Massachusetts", "inspection_valid_months": 24}}).status_code == 400
    assert admin("GET", "/api/admin/settings").data == before
