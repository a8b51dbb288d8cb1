"""Malformed JSON and control characters: a clear 400 from the one body parser, nothing changed."""
from __future__ import annotations

import json

import pytest

from chalicelib.db.models import Account
from tests.api.customer_world import as_
from tests.api.factories import account

# The tests here share one world, built once (tests/api/conftest.py), and put it back after each.
pytestmark = pytest.mark.usefixtures("one_world", "put_back_world")

DEEP = "[" * 5000 + "]" * 5000
DEEP_IN_FIELD = '{"token": ' + "[" * 5000 + "]" * 5000 + "}"
# A lone surrogate, written as JSON's escape: valid JSON, but not text that can be hashed or stored.
SURROGATE = '{"token": "\\ud800abc", "email": "jane\\ud800@example.com", "password": "\\ud800\\ud800"}'
SIGNED_OUT_ROUTES = ["/api/auth/verify", "/api/auth/link", "/api/me/email/confirm", "/api/auth/login"]


@pytest.mark.parametrize("route", SIGNED_OUT_ROUTES)
@pytest.mark.parametrize("raw", [DEEP, DEEP_IN_FIELD, SURROGATE], ids=["deep", "deep-in-field", "surrogate"])
def test_routes_without_a_session_answer_400_to_malformed_json(browser_api, route, raw):
    answer = browser_api("POST", route, raw=raw)

    assert answer.status_code == 400, answer.data
    assert answer.data["code"] in ("bad_request", "validation_error")
    assert answer.data["message"].endswith(".")


@pytest.mark.parametrize("raw", [
    '{"phone": ' + "[" * 5000 + "]" * 5000 + "}",
    '{"mailing_address": {"line1": "1 Main\\ud800", "city": "X", "state": "IL", "zip": "62704"}}',
    '{"access_notes": {"prop-home": "Gate \\udfff code"}}',
], ids=["deep", "surrogate-in-address", "surrogate-in-notes"])
def test_profile_change_with_malformed_json_is_400_and_changes_nothing(signed_in, world, raw):
    before = Account.get("acct-jane").serialize()

    answer = signed_in("acct-jane")("PATCH", "/api/me", raw=raw)

    assert answer.status_code == 400, answer.data
    assert Account.get("acct-jane").serialize() == before


@pytest.mark.parametrize("path", [
    "/api/admin/accounts/acct-x", "/api/admin/settings", "/api/admin/booking-requests/b-1/decline",
])
@pytest.mark.parametrize("raw", [
    DEEP, '{"name": ' + "[" * 5000 + "]" * 5000 + "}", '{"name": "Jane \\ud800 Smith"}',
], ids=["deep", "deep-in-field", "surrogate"])
def test_admin_routes_answer_400_to_malformed_json(admin, path, raw):
    method = "POST" if path.endswith("decline") else "PUT"

    answer = admin(method, path, raw=raw)

    assert answer.status_code == 400, answer.data
    assert answer.data["code"] in ("bad_request", "validation_error")


def test_a_newline_in_an_account_name_is_refused_and_nothing_is_written(admin):
    answer = admin("PUT", "/api/admin/accounts/acct-nl", account(name="Jane\nBcc: everyone@example.com"))

    assert answer.status_code == 400
    assert answer.data["details"][0]["field"] == "name"
    assert "single line" in answer.data["message"]
    assert admin("PUT", "/api/admin/accounts/acct-nl", account(name="Jane Smith")).status_code == 201


@pytest.mark.parametrize("name", ["Clear\rwater", "Clear\twater", "Clear\u2028water", "Clear\x85water", "Clear\x00water"])
def test_control_characters_in_the_company_name_are_refused(admin, name):
    before = admin("GET", "/api/admin/settings").data

    answer = admin("PUT", "/api/admin/settings", {"branding": {**before["branding"], "company_name": name}})

    assert answer.status_code == 400, answer.data
    assert answer.data["details"][0]["field"].startswith("branding")
    assert admin("GET", "/api/admin/settings").data == before


def test_admin_notes_keep_their_line_breaks(admin, world):
    record = {"property_id": "prop-home", "date": "2025-06-14", "service_type": "pump_out", "status": "completed",
              "notes": [{"text": "Baffles intact.\nLid cracked.", "visibility": "customer"}]}

    assert admin("PUT", "/api/admin/service-records/svc-lines", record).status_code == 201


def test_customer_single_line_fields_refuse_line_breaks_but_access_notes_keep_them(browser_api, world):
    jane = as_(browser_api, world.jane)
    address = {"line1": "PO Box 12\r", "line2": "Suite\u20281", "city": "Springfield", "state": "IL", "zip": "62705"}

    refused = jane("PATCH", "/api/me", {"mailing_address": address})
    notes = jane("PATCH", "/api/me", {"access_notes": {"prop-home": "Gate code 4411.\nFriendly dog."}})
    tab = jane("PATCH", "/api/me", {"access_notes": {"prop-home": "Gate\tcode"}})

    assert refused.status_code == 400
    assert refused.data["details"][0]["field"].startswith("mailing_address.line")
    assert notes.status_code == 200
    assert tab.status_code == 400 and tab.data["details"][0]["field"] == "access_notes.prop-home"


def test_sign_in_request_with_a_control_character_is_refused(browser_api):
    answer = browser_api("POST", "/api/auth/magic-link", {"email": "jane@example.com\r\nBcc: x@example.com"})

    assert answer.status_code == 400
    assert json.dumps(answer.data).count("example.com") == 0  # the answer echoes nothing back
