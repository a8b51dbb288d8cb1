"""Booking's bodies are shapes like the other customer bodies: one per mode of a new booking, each
naming the field it refuses, and the dispatcher's answer passing on what confirm / decline check."""
from __future__ import annotations

from datetime import date

import pytest

from chalicelib.booking import bodies
from chalicelib.errors import Invalid


def _refusal(shape, body: dict) -> dict:
    with pytest.raises(Invalid) as raised:
        shape.read(body)
    [detail] = raised.value.details
    return detail


def test_each_mode_refuses_what_the_other_takes_saying_which_booking_it_is():
    instant = _refusal(bodies.INSTANT_BOOKING, {"property_id": "p", "service_type": "pump_out", "slot_id": "s", "notes": "x"})
    request = _refusal(bodies.REQUEST_BOOKING, {"property_id": "p", "service_type": "inspection", "slot_id": "s",
                                                "preferred": [{"date": "2026-12-01", "window": "morning"}]})

    assert instant == {"field": "notes", "message": "This is not used when booking this service (instant booking)."}
    assert request == {"field": "slot_id", "message": "This is not used when booking this service (request booking)."}


def test_preferred_times_are_read_as_dates_and_windows_each_named_by_its_place():
    body = {"property_id": "p", "service_type": "inspection", "notes": "  ",
            "preferred": [{"date": "2026-12-01", "window": "morning"}, {"date": "2026-12-02", "window": "afternoon"}]}

    read = bodies.REQUEST_BOOKING.read(body)

    assert read["preferred"] == [{"date": date(2026, 12, 1), "window": "morning"}, {"date": date(2026, 12, 2), "window": "afternoon"}]
    assert read["notes"] is None  # blank notes store none
    assert _refusal(bodies.REQUEST_BOOKING, {**body, "preferred": [body["preferred"][0], {"date": "2026-12-02", "when": "am"}]}) == {
        "field": "preferred[1]", "message": "Choose a date and a time of day (morning or afternoon)."}
    assert _refusal(bodies.REQUEST_BOOKING, {**body, "preferred": [{"date": "2026-12-02"}]}) == {
        "field": "preferred[0].window", "message": "Choose morning or afternoon."}
    assert _refusal(bodies.REQUEST_BOOKING, {**body, "preferred": body["preferred"] * 2})["field"] == "preferred"


def test_a_dispatchers_answer_passes_on_what_confirm_and_decline_check():
    answer = {"token": "t.s", "technician_name": "x" * 300, "reason": "Fully booked.\nSorry."}

    assert bodies.DISPATCHER_ANSWER.read(answer) == answer  # a decline link ignores the technician
    assert _refusal(bodies.CONFIRMATION, {"date": "2026-12-01", "window": "morning", "technician_name": "x" * 300})["field"] == "technician_name"
    assert bodies.DISPATCHER_ANSWER.multiline == {"reason"}
    assert _refusal(bodies.DISPATCHER_ANSWER, {"token": "t.s", "date": "2026-12-01"})["field"] == "date"


def test_the_schema_of_a_later_field_is_the_one_that_checks_it():
    schema = bodies.DISPATCHER_ANSWER.schema()["properties"]["technician_name"]

    assert schema["maxLength"] == 200 and schema["type"] == ["string", "null"]
    assert schema["description"].startswith("A confirm link's technician")
