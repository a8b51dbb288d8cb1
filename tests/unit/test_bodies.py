"""The customer routes' bodies: only the fields each one names, every field checked the same way."""
from __future__ import annotations

import json

import pytest

from chalicelib import bodies
from chalicelib.errors import Invalid


def _refusal(shape: bodies.Shape, body: dict) -> dict:
    with pytest.raises(Invalid) as raised:
        shape.read(body)
    [detail] = raised.value.details
    return detail


@pytest.mark.parametrize(("shape", "body", "field"), [
    (bodies.LOGIN, {"email": "jane@example.com", "password": "secret words", "remember": True}, "remember"),
    (bodies.VERIFY, {"token": "t" * 40, "next": "/invoices"}, "next"),
    (bodies.CONTACT_CONFIRMATION, {"token": "t" * 40, "email": "new@example.com"}, "email"),
    (bodies.AUTOPAY_CONFIRMATION, {"setup_intent_id": "seti_123", "amount_cents": 1}, "amount_cents"),
    (bodies.PROFILE_CHANGE, {"mailing_address": {"line1": "1 Main", "city": "X", "state": "IL", "zip": "62704",
                                                  "country": "US"}}, "mailing_address.country"),
])
def test_a_field_a_body_does_not_name_is_refused_with_a_sentence(shape, body, field):
    detail = _refusal(shape, body)

    assert detail["field"] == field
    assert detail["message"][:1].isupper() and detail["message"].endswith(".")


def test_a_password_keeps_its_spaces_and_a_blank_one_is_missing():
    assert bodies.LOGIN.read({"email": "jane@example.com", "password": " two words "})["password"] == " two words "
    assert _refusal(bodies.LOGIN, {"email": "jane@example.com"}) == {"field": "password", "message": "Enter your password."}


def test_a_mailing_address_is_answered_whole_with_its_state_in_capitals():
    address = bodies.PROFILE_CHANGE.read({"mailing_address": {"line1": " 1 Main St ", "city": "Springfield", "state": "il",
                                                              "zip": "62704"}})["mailing_address"]

    assert address == {"line1": "1 Main St", "line2": None, "city": "Springfield", "state": "IL", "zip": "62704"}


def test_texts_are_bounded():
    assert _refusal(bodies.SIGNIN_REQUEST, {"email": "j" * 250 + "@example.com"})["field"] == "email"
    assert _refusal(bodies.PROFILE_CHANGE, {"access_notes": {"prop-1": "x" * 1001}})["field"] == "access_notes.prop-1"


def test_what_older_pages_still_send_is_dropped_not_refused():
    body = bodies.ADDRESS_LOOKUP.read({"address": "12 Oak St", "zip": "62704", "request_id": "abc"})

    assert body == {"address": "12 Oak St", "zip": "62704"}


def test_only_access_notes_may_hold_line_breaks():
    assert bodies.PROFILE_CHANGE.multiline == {"access_notes"}
    assert bodies.LOGIN.multiline == frozenset()


def test_each_body_describes_itself_as_a_json_schema_that_refuses_other_fields():
    schema = bodies.PAYMENT.schema()

    assert schema == {"type": "object", "additionalProperties": False, "required": ["method"],
                      "description": "Only `method`; the amount is always the invoice's balance.",
                      "properties": {"method": {"type": "string", "enum": ["card", "us_bank_account"],
                                                "description": "`card`, or `us_bank_account` (ACH: `processing` until Stripe settles it)."}}}
    assert bodies.PROFILE_CHANGE.schema()["properties"]["mailing_address"]["required"] == ["city", "line1", "state", "zip"]


@pytest.mark.parametrize(("shape", "name", "accepted", "refused"), [
    (bodies.ADDRESS_LOOKUP, "zip", [" 62704 ", "62704-1234"], ["627", "62704-12", "62704\n"]),
    (bodies.ADDRESS_LOOKUP, "address", ["12 Oak St", "  12 Oak St  "], ["   ", "12 Oak\nSt"]),
    (bodies.CARD_PAYMENT, "setup_intent_id", ["seti_123", " seti_abc "], ["pi_123", "seti_1\t2"]),
])
def test_the_documented_pattern_says_what_the_field_accepts(shape, name, accepted, refused):
    """What the generated schema's pattern allows, the body takes, and the other way round."""
    import re

    from chalicelib import jsonbody

    pattern = shape.schema()["properties"][name]["pattern"]
    for text in accepted:
        assert re.fullmatch(pattern, text), text
        shape.fields[name].check(name, jsonbody.parse_object(json.dumps({name: text}).encode())[name])
    for text in refused:
        assert not re.fullmatch(pattern, text), text
        with pytest.raises(Invalid):
            shape.fields[name].check(name, jsonbody.parse_object(json.dumps({name: text}).encode())[name])
