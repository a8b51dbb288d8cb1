"""Bad input gets a clear 4xx naming the field, and changes nothing."""
from __future__ import annotations

import json

import pytest

from chalicelib.db.models import Account, Invoice, Property, ServiceRecord
from tests.api.factories import account, appointment, invoice, property_, seed_property, service_record


def _fields(response) -> list[str]:
    return [detail["field"] for detail in response.data.get("details", [])]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"email": "jane@example.com"}, "name"),
        ({"name": 42}, "name"),
        ({"name": "Jane", "email": "not-an-email"}, "email"),
        ({"name": "Jane", "phone": "12"}, "phone"),
        ({"name": "Jane", "nickname": "JJ"}, "nickname"),
        ({"name": "Jane", "maintenance_agreement": "yes"}, "maintenance_agreement"),
    ],
)
def test_wrong_account_fields_are_named_and_nothing_is_written(admin, body, field):
    response = admin("PUT", "/api/admin/accounts/acct-1", body)

    assert response.status_code == 400
    assert response.data["code"] == "validation_error"
    assert field in _fields(response)
    assert response.data["message"].startswith(f"`{field}`")
    assert Account.count("acct-1") == 0


def test_property_of_an_unknown_account_is_refused(admin):
    response = admin("PUT", "/api/admin/properties/prop-1", property_("acct-nobody"))

    assert response.status_code == 422
    assert response.data["code"] == "unknown_reference"
    assert _fields(response) == ["account_id"]
    assert "acct-nobody" in response.data["message"]
    assert Property.count("prop-1") == 0


def test_service_record_of_an_unknown_property_is_refused(admin):
    response = admin("PUT", "/api/admin/service-records/r-1", service_record("prop-nowhere"))

    assert response.status_code == 422
    assert _fields(response) == ["property_id"]
    assert ServiceRecord.count("r-1") == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"date": "14/05/2024"}, "date"),
        ({"service_type": "septic_magic"}, "service_type"),
        ({"gallons_pumped": -5}, "gallons_pumped"),
        ({"gallons_pumped": "1000"}, "gallons_pumped"),
        ({"notes": [{"text": "x", "visibility": "everyone"}]}, "notes.0.visibility"),
        ({"visibility": "public"}, "visibility"),
    ],
)
def test_wrong_service_record_fields_are_named(admin, change, field):
    seed_property(admin)

    response = admin("PUT", "/api/admin/service-records/r-1", service_record(**change))

    assert response.status_code == 400
    assert field in _fields(response)
    assert ServiceRecord.count("r-1") == 0


def test_appointment_window_must_be_in_order(admin):
    seed_property(admin)

    response = admin("PUT", "/api/admin/appointments/a-1", appointment(window_start="13:00", window_end="09:00"))

    assert response.status_code == 400
    assert response.data["message"] == "`window_end` must be after `window_start`."


def test_invoice_with_a_string_amount_and_no_lines_is_refused(admin):
    admin("PUT", "/api/admin/accounts/acct-1", account())

    wrong_amount = admin("PUT", "/api/admin/invoices/inv-1", invoice(lines=[{"description": "Pump", "amount_cents": "385.00"}]))
    no_lines = admin("PUT", "/api/admin/invoices/inv-1", invoice(lines=[]))

    assert wrong_amount.status_code == 400 and "lines.0.amount_cents" in _fields(wrong_amount)
    assert no_lines.status_code == 400 and "lines" in _fields(no_lines)
    assert Invoice.count("inv-1") == 0
    assert Account.get("acct-1").open_balance_cents == 0


def test_invoice_of_an_unknown_account_is_refused(admin):
    response = admin("PUT", "/api/admin/invoices/inv-1", invoice("acct-ghost"))

    assert response.status_code == 422
    assert _fields(response) == ["account_id"]


def test_an_id_with_odd_characters_is_refused(admin):
    response = admin("PUT", "/api/admin/accounts/%20bad%20id", account())

    assert response.status_code == 400
    assert _fields(response) == ["id"]


def test_malformed_json_is_a_400(admin):
    response = admin("PUT", "/api/admin/accounts/acct-1", raw="{not json")

    assert response.status_code == 400
    assert "JSON" in response.data["message"]


def test_a_json_array_is_not_a_body(admin):
    response = admin("PUT", "/api/admin/accounts/acct-1", raw=json.dumps([account()]))

    assert response.status_code == 400
    assert response.data["message"] == "The request body must be a JSON object."


def test_an_empty_body_is_a_400(admin):
    response = admin("PUT", "/api/admin/accounts/acct-1", raw="")

    assert response.status_code == 400


def test_a_body_over_the_limit_is_413_and_writes_nothing(admin):
    huge = account(name="J" * 100, mailing_address=None)
    raw = json.dumps(huge)[:-1] + ', "padding": "' + "x" * 70_000 + '"}'

    response = admin("PUT", "/api/admin/accounts/acct-1", raw=raw)

    assert response.status_code == 413
    assert response.data["code"] == "body_too_large"
    assert Account.count("acct-1") == 0


def test_form_encoded_bodies_get_a_415_that_says_what_to_send(admin):
    response = admin("PUT", "/api/admin/accounts/acct-1", raw="name=Jane", headers={"Content-Type": "application/x-www-form-urlencoded"})

    assert response.status_code == 415
    assert "application/json" in response.data["message"]


def test_errors_never_carry_a_traceback(admin):
    response = admin("PUT", "/api/admin/invoices/inv-1", raw='{"lines": [{"amount_cents": 1e999}]}')

    assert response.status_code == 400
    assert "Traceback" not in json.dumps(response.data)
    assert "File \"" not in json.dumps(response.data)


def test_admin_field_errors_are_sentences_naming_the_field_for_the_developer(admin):
    response = admin("PUT", "/api/admin/accounts/acct-1", {"name": "J" * 201, "phone": "12", "nickname": "JJ"})

    assert response.status_code == 400
    assert response.data["details"] == [
        {"field": "name", "message": "`name` should have at most 200 characters."},
        {"field": "phone", "message": "`phone` is not a valid phone number."},
        {"field": "nickname", "message": "`nickname` is not a known field."},
    ]
    assert response.data["message"] == "`name` should have at most 200 characters. 2 more problems are listed in `details`."
