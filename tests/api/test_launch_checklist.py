"""The launch checklist (C6, issue 16 item 7): each item is ticked by what is really true (the
branding, SES's sender identity, what a chosen test customer sees, pays and books, whether any
customer was invited yet), for the owner only."""
from __future__ import annotations

from datetime import timedelta

import pytest
import requests

from chalicelib.aws import client as aws_client
from chalicelib.booking import service as booking_service
from chalicelib.settings import get_settings
from tests.api import stripe_helpers as stripe_sim
from tests.api.booking_settings import BOOKING
from tests.api.factories import account, invoice, property_, service_record
from tests.api.staff_helpers import add_staff, as_staff, staff_sign_in

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
KEYS = ["branding", "sender", "test_customers", "final_report", "invoice_paid", "booking_made", "invitations"]
BRANDING = {"company_name": "Clearwater Septic", "logo_url": "/img/logo.svg", "primary_color": "#0b5d7a",
            "accent_color": "#2e7d32", "phone": "+12175550100"}


@pytest.fixture
def customers(admin):
    admin("PUT", "/api/admin/accounts/acct-jane", account())
    admin("PUT", "/api/admin/properties/prop-1", property_("acct-jane"))
    admin("PUT", "/api/admin/accounts/acct-sam", account(name="Sam Lee", email="sam@example.com", phone=None))


@pytest.fixture
def owner(admin, browser_api, client, customers):
    add_staff(admin, "Olivia Owner", "owner@example.com", "owner")
    return as_staff(client, staff_sign_in(browser_api, "owner@example.com"))


def _checklist(api) -> dict:
    response = api("GET", "/api/admin/launch-checklist")
    assert response.status_code == 200, response.data
    assert [item["key"] for item in response.data["items"]] == KEYS
    return response.data


def _item(data: dict, key: str) -> dict:
    return next(item for item in data["items"] if item["key"] == key)


def _test_with(owner, *emails: str):
    return owner("PUT", "/api/admin/launch-checklist/test-customers", {"emails": list(emails)})


def test_a_fresh_portal_ticks_only_the_sender_and_the_invitations_not_sent(owner):
    data = _checklist(owner)

    assert [(item["key"], item["done"]) for item in data["items"]] == [
        ("branding", False), ("sender", True), ("test_customers", False), ("final_report", False),
        ("invoice_paid", False), ("booking_made", False), ("invitations", True)]
    assert (data["done"], data["ready"], data["launched_at"]) == (2, False, None)
    assert _item(data, "branding")["detail"] == ("Still missing: your company's name, a logo, your colours, "
                                                 "a phone number or email for customers.")
    assert _item(data, "branding")["fix"] == {"href": "/office/settings", "label": "Open the settings"}
    assert _item(data, "sender")["detail"] == f"Emails come from {get_settings().mail_from}, which Amazon SES has verified."
    assert _item(data, "sender")["fix"] is None


def test_branding_is_ticked_once_the_name_logo_colours_and_a_contact_are_set(owner, admin):
    admin("PUT", "/api/admin/settings", {"branding": {**BRANDING, "phone": None}})
    assert "a phone number or email" in _item(_checklist(owner), "branding")["detail"]

    admin("PUT", "/api/admin/settings", {"branding": BRANDING})

    branding = _item(_checklist(owner), "branding")
    assert branding["done"] and "Clearwater Septic" in branding["detail"]


def test_a_sender_ses_does_not_know_is_not_ticked(owner):
    aws_client("ses").delete_identity(Identity=get_settings().mail_from)

    sender = _item(_checklist(owner), "sender")

    assert not sender["done"]
    assert sender["detail"] == f"Amazon SES has no identity for {get_settings().mail_from}: the deploy guide, step 5, sets it up."


def test_test_customers_are_chosen_by_email_and_an_unknown_one_changes_nothing(owner):
    refused = _test_with(owner, "jane@example.com", "nobody@example.com")
    assert refused.status_code == 400
    assert refused.data["details"] == [{"field": "emails[1]", "message": "No customer with the email nobody@example.com is on file. Add them in your own software first."}]
    assert not _item(_checklist(owner), "test_customers")["done"]
    assert _test_with(owner, *[f"x{n}@example.com" for n in range(6)]).status_code == 400
    assert _test_with(owner, "not an email").status_code == 400

    chosen = _test_with(owner, "Jane@Example.com", "jane@example.com")

    assert chosen.status_code == 200, chosen.data
    assert chosen.data["test_customers"] == [{"account_id": "acct-jane", "name": "Jane Smith", "email": "jane@example.com"}]
    assert _item(chosen.data, "test_customers") | {"fix": None} == {
        "key": "test_customers", "title": "Test customers chosen", "done": True, "detail": "Testing as Jane Smith.", "fix": None}
    assert _test_with(owner).data["test_customers"] == []


def test_a_report_counts_only_once_the_test_customer_can_see_it(owner, admin):
    _test_with(owner, "jane@example.com")
    admin("PUT", "/api/admin/service-records/r-1", service_record())
    created = admin("POST", "/api/admin/documents", {"property_id": "prop-1", "service_record_id": "r-1", "title": "Inspection report",
                                                     "kind": "inspection_report", "content_type": "application/pdf"}).data
    requests.put(created["upload_url"], data=PDF, headers=created["upload_headers"], timeout=10)
    assert not _item(_checklist(owner), "final_report")["done"]  # a draft

    admin("PATCH", f"/api/admin/documents/{created['document_id']}", {"status": "final", "visibility": "internal"})
    assert not _item(_checklist(owner), "final_report")["done"]  # staff only

    admin("PATCH", f"/api/admin/documents/{created['document_id']}", {"visibility": "customer"})
    report = _item(_checklist(owner), "final_report")
    assert report["done"] and report["detail"] == "Jane Smith sees “Inspection report” on their documents page."


def test_a_booking_counts_for_a_test_customer_only(owner, admin, signed_in):
    saved = admin("PUT", "/api/admin/settings", {"booking": BOOKING})
    assert saved.status_code == 200, saved.data
    admin("PUT", "/api/admin/properties/prop-sam", property_("acct-sam", address={"line1": "9 Elm St", "city": "Springfield", "state": "IL", "zip": "62704"}))
    day = booking_service.now().date() + timedelta(days=3)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    body = {"service_type": "inspection", "preferred": [{"date": day.isoformat(), "window": "morning"}]}
    _test_with(owner, "jane@example.com")
    sam = signed_in("acct-sam")("POST", "/api/booking-requests", {**body, "property_id": "prop-sam"})
    assert sam.status_code == 201, sam.data
    assert not _item(_checklist(owner), "booking_made")["done"]

    assert signed_in("acct-jane")("POST", "/api/booking-requests", {**body, "property_id": "prop-1"}).status_code == 201

    booked = _item(_checklist(owner), "booking_made")
    assert booked["done"] and booked["detail"] == "Jane Smith has made a booking on the portal."


def test_an_invoice_counts_once_a_test_customer_paid_it_on_the_portal(owner, admin, signed_in, stripe_local, client):
    stripe_sim.configure(stripe_local)
    _test_with(owner, "jane@example.com")
    admin("PUT", "/api/admin/invoices/inv-paid-by-check", invoice("acct-jane", number="1001", status="paid", issued_on="2026-01-10", due_on="2026-02-10"))
    admin("PUT", "/api/admin/invoices/inv-open", invoice("acct-jane", number="1002"))
    assert not _item(_checklist(owner), "invoice_paid")["done"]  # paid at the office, not on the portal

    intent = signed_in("acct-jane")("POST", "/api/invoices/inv-open/payment-intent", {"method": "card"}).data["payment_intent_id"]
    stripe_sim.pay_by_card(intent)
    stripe_sim.post_event(client, stripe_sim.event("payment_intent.succeeded", {"id": intent, "object": "payment_intent"}))

    paid = _item(_checklist(owner), "invoice_paid")
    assert paid["done"] and paid["detail"] == "Jane Smith paid invoice 1002 on the portal."


def test_inviting_a_test_customer_is_no_launch_but_inviting_anyone_else_is(owner, admin):
    _test_with(owner, "jane@example.com")
    assert admin("POST", "/api/admin/accounts/acct-jane/invite").status_code == 202
    assert _item(_checklist(owner), "invitations")["done"]

    assert admin("POST", "/api/admin/accounts/acct-sam/invite").status_code == 202

    data = _checklist(owner)
    invitations = _item(data, "invitations")
    assert not invitations["done"] and "the portal is launched" in invitations["detail"]
    assert data["launched_at"] is not None and not data["ready"]
    first = data["launched_at"]
    admin("POST", "/api/admin/accounts/acct-sam/invite")
    assert _checklist(owner)["launched_at"] == first


def test_inviting_everyone_not_yet_invited_launches_the_portal(owner, admin):
    _test_with(owner, "jane@example.com")

    assert admin("POST", "/api/admin/invitations").status_code == 200

    assert _checklist(owner)["launched_at"] is not None


def test_the_checklist_is_the_owners(owner, admin, browser_api, client):
    add_staff(admin, "Omar Office", "office@example.com", "office")
    add_staff(admin, "Dana Dispatch", "dispatch@example.com", "dispatcher")
    for email in ("office@example.com", "dispatch@example.com"):
        staff = as_staff(client, staff_sign_in(browser_api, email))
        assert staff("GET", "/api/admin/launch-checklist").status_code == 403
        assert _test_with(staff, "jane@example.com").status_code == 403
    assert admin("GET", "/api/admin/launch-checklist").status_code == 200  # the company's software too
