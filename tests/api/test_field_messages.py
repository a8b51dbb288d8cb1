"""Field errors on the customer routes are sentences a customer understands (issue 11, item 21).

The page shows a detail's message as it is, next to the field it names: so each one must read as a
whole sentence on its own (a capital first, a full stop or question mark last), must not begin with
the field's name, and must not show field names or other jargon (``mailing_address.zip``,
``true or false``). The error's ``code`` and ``field`` stay what clients rely on.
"""
from __future__ import annotations

import re

import pytest

from chalicelib.booking import service
from tests.api.booking_settings import BOOKING, NOW
from tests.api.factories import account, property_

ADDRESS = {"line1": "12 Oak St.", "city": "Springfield", "state": "IL", "zip": "62704"}

# (method, path, body, headers, the field blamed): every customer check that blames a field.
CASES = [
    ("POST", "/api/auth/magic-link", {}, None, "email"),
    ("POST", "/api/auth/magic-link", {"email": "jane.example.com"}, None, "email"),
    ("POST", "/api/auth/magic-link", {"email": "jane@example"}, None, "email"),
    ("POST", "/api/auth/magic-link", {"email": "jane@@example.com"}, None, "email"),
    ("POST", "/api/auth/magic-link", {"phone": "12"}, None, "phone"),
    ("POST", "/api/auth/magic-link", {"email": "jane@example.com", "remember": True}, None, "remember"),
    ("POST", "/api/auth/magic-link", {"email": "jane\u0007@example.com"}, None, "email"),
    ("POST", "/api/auth/lookup", {"address": "", "zip": "62704"}, None, "address"),
    ("POST", "/api/auth/lookup", {"address": "12 Oak Street", "zip": "627"}, None, "zip"),
    ("POST", "/api/auth/login", {"email": "jane@example.com"}, None, "password"),
    ("PUT", "/api/auth/password", {"password": "short"}, None, "password"),
    ("PUT", "/api/auth/password", {"password": "aaaaaaaaaaaaaaa"}, None, "password"),
    ("PATCH", "/api/me", {"phone": "12"}, None, "phone"),
    ("PATCH", "/api/me", {"phone": "217 555\n0198"}, None, "phone"),
    ("PATCH", "/api/me", {"name": "Janet"}, None, "name"),
    ("PATCH", "/api/me", {"email": "jane-at-example.com"}, None, "email"),
    ("PATCH", "/api/me", {"mailing_address": "12 Oak St."}, None, "mailing_address"),
    ("PATCH", "/api/me", {"mailing_address": {**ADDRESS, "country": "US"}}, None, "mailing_address.country"),
    ("PATCH", "/api/me", {"mailing_address": {**ADDRESS, "line1": ""}}, None, "mailing_address.line1"),
    ("PATCH", "/api/me", {"mailing_address": {**ADDRESS, "line2": "x" * 201}}, None, "mailing_address.line2"),
    ("PATCH", "/api/me", {"mailing_address": {**ADDRESS, "city": ""}}, None, "mailing_address.city"),
    ("PATCH", "/api/me", {"mailing_address": {**ADDRESS, "state": "Illinois"}}, None, "mailing_address.state"),
    ("PATCH", "/api/me", {"mailing_address": {**ADDRESS, "zip": "627"}}, None, "mailing_address.zip"),
    ("PATCH", "/api/me", {"preferences": True}, None, "preferences"),
    ("PATCH", "/api/me", {"preferences": {"fax": True}}, None, "preferences.fax"),
    ("PATCH", "/api/me", {"preferences": {"sms": "yes"}}, None, "preferences.sms"),
    ("PATCH", "/api/me", {"access_notes": "Gate code 4411"}, None, "access_notes"),
    ("PATCH", "/api/me", {"access_notes": {"prop-sam": "Gate code 4411"}}, None, "access_notes.prop-sam"),
    ("PATCH", "/api/me", {"access_notes": {"prop-home": "x" * 1001}}, None, "access_notes.prop-home"),
    ("GET", "/api/history?limit=0", None, None, "limit"),
    ("GET", "/api/history?cursor=not-a-cursor", None, None, "cursor"),
    ("GET", "/api/booking/slots?service_type=inspection", None, None, "service_type"),
    ("GET", "/api/booking/slots?service_type=pump_out&from=soon", None, None, "from"),
    ("GET", "/api/booking/slots?service_type=pump_out&from=2026-12-05&to=2026-12-01", None, None, "to"),
    ("POST", "/api/booking-requests", {"property_id": "prop-sam", "service_type": "pump_out"}, None, "property_id"),
    ("POST", "/api/booking-requests", {"property_id": "prop-home", "service_type": "maintenance"}, None, "service_type"),
    ("POST", "/api/booking-requests", {"property_id": "prop-home", "service_type": "pump_out", "notes": "x"}, None, "notes"),
    ("POST", "/api/booking-requests", {"property_id": "prop-home", "service_type": "pump_out", "slot_id": "tomorrow"}, None, "slot_id"),
    ("POST", "/api/booking-requests", {"property_id": "prop-home", "service_type": "pump_out", "slot_id": "x"},
     {"Idempotency-Key": "k" * 101}, "Idempotency-Key"),
    ("POST", "/api/booking-requests", {"property_id": "prop-home", "service_type": "pump_out",
                                       "slot_id": "pump_out:2026-12-01:morning", "confirm_duplicate": "yes"}, None, "confirm_duplicate"),
    ("POST", "/api/booking-requests", {"property_id": "prop-home", "service_type": "inspection", "preferred": []}, None, "preferred"),
    ("POST", "/api/booking-requests", {"property_id": "prop-home", "service_type": "inspection", "preferred": ["2026-12-01"]},
     None, "preferred[0]"),
    ("POST", "/api/booking-requests", {"property_id": "prop-home", "service_type": "inspection",
                                       "preferred": [{"date": "12/01/2026", "window": "morning"}]}, None, "preferred[0].date"),
    ("POST", "/api/booking-requests", {"property_id": "prop-home", "service_type": "inspection",
                                       "preferred": [{"date": "2026-12-01", "window": "evening"}]}, None, "preferred[0].window"),
    ("POST", "/api/booking-requests", {"property_id": "prop-home", "service_type": "inspection",
                                       "preferred": [{"date": "2026-11-24", "window": "morning"}]}, None, "preferred[0].date"),
    ("POST", "/api/booking-requests", {"property_id": "prop-home", "service_type": "inspection",
                                       "preferred": [{"date": "2027-01-04", "window": "morning"}]}, None, "preferred[0].date"),
    ("POST", "/api/booking-requests", {"property_id": "prop-home", "service_type": "inspection",
                                       "preferred": [{"date": "2026-11-26", "window": "morning"}]}, None, "preferred[0].date"),
    ("POST", "/api/booking-requests", {"property_id": "prop-home", "service_type": "inspection",
                                       "preferred": [{"date": "2026-11-28", "window": "morning"}]}, None, "preferred[0].date"),
    ("POST", "/api/booking-requests", {"property_id": "prop-home", "service_type": "inspection",
                                       "preferred": [{"date": "2026-12-01", "window": "morning"}] * 2}, None, "preferred[1].date"),
    ("POST", "/api/booking-requests", {"property_id": "prop-home", "service_type": "inspection",
                                       "preferred": [{"date": "2026-12-01", "window": "morning"}], "notes": "x" * 2001}, None, "notes"),
    ("POST", "/api/invoices/inv-1/payment-intent", {"method": "cash"}, None, "method"),
    ("POST", "/api/invoices/inv-1/payment-intent", {"method": "card", "amount_cents": 1}, None, "amount_cents"),
    ("POST", "/api/invoices/inv-1/pay", {"setup_intent_id": "card"}, None, "setup_intent_id"),
    ("POST", "/api/autopay/setup-intent", {"method": "cash"}, None, "method"),
    ("POST", "/api/autopay/confirm", {"setup_intent_id": "card"}, None, "setup_intent_id"),
]


@pytest.fixture
def jane(admin, signed_in, monkeypatch):
    monkeypatch.setattr(service, "now", lambda: NOW)
    assert admin("PUT", "/api/admin/settings", {"booking": BOOKING}).status_code == 200
    admin("PUT", "/api/admin/accounts/acct-jane", account())
    admin("PUT", "/api/admin/properties/prop-home", property_("acct-jane"))
    admin("PUT", "/api/admin/accounts/acct-sam", account(name="Sam Lee", email="sam@example.com"))
    admin("PUT", "/api/admin/properties/prop-sam", property_("acct-sam", address={**ADDRESS, "line1": "9 Elm St"}))
    return signed_in("acct-jane")


def _is_a_sentence_for_the_customer(message: str, field: str) -> list[str]:
    problems = []
    if not message[:1].isupper():
        problems.append("does not start with a capital")
    if not message.endswith((".", "?")):
        problems.append("does not end with a full stop or question mark")
    name = re.sub(r"\[\d+\]", "", field).rsplit(".", 1)[-1]
    if message.lower().startswith((field.lower(), name.lower())):
        problems.append("starts with the field's name")
    if re.search(r"\w_\w|`|\btrue\b|\bfalse\b|\bnull\b", message):
        problems.append("shows a field name or jargon")
    return problems


@pytest.mark.parametrize(("method", "path", "body", "headers", "field"), CASES, ids=[f"{c[1]} {c[4]}" for c in CASES])
def test_each_field_error_on_the_customer_routes_is_a_sentence_not_a_fragment(jane, method, path, body, headers, field):
    response = jane(method, path, body, headers=headers)

    assert response.status_code == 400, response.data
    assert response.data["code"] == "validation_error"
    [detail] = response.data["details"]
    assert detail["field"] == field
    assert response.data["message"] == detail["message"]  # no "field: " before the summary either
    assert _is_a_sentence_for_the_customer(detail["message"], field) == [], detail["message"]


def test_a_mistyped_email_address_says_what_is_missing(jane):
    missing_at = jane("POST", "/api/auth/magic-link", {"email": "jane.example.com"})
    no_ending = jane("POST", "/api/auth/magic-link", {"email": "jane@example"})

    assert missing_at.data["message"] == "The email address is missing an @. Enter it like jane@example.com."
    assert no_ending.data["message"] == "The part after the @ is not complete. Enter the whole address, such as jane@example.com."


def test_a_date_too_soon_says_how_far_ahead_to_choose(jane):
    response = jane("POST", "/api/booking-requests", {"property_id": "prop-home", "service_type": "inspection",
                                                      "preferred": [{"date": "2026-11-24", "window": "morning"}]})

    assert response.data["details"] == [
        {"field": "preferred[0].date", "message": "This date is too soon. Choose a time at least 24 hours from now."}]
