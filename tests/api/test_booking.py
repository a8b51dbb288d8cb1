"""Booking service (F11): slots from capacity, lead time, horizon and blackouts; requests to the
dispatcher; instant bookings that never overbook; idempotency; cancel and reschedule cutoffs.

"Now" is fixed at Monday 2026-11-23, 10:00 in Chicago, so every edge is a known date.
"""
from __future__ import annotations

import re
import threading
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from chalicelib import clock as portal_clock
from chalicelib import db
from chalicelib.booking import links, service
from chalicelib.db.models import BookingRequest, SlotCount
from tests.api.booking_settings import BOOKING, NOW
from tests.api.factories import account, property_
from tests.conftest import email_text, recipients, reset_caches, sent_emails


@pytest.fixture
def clock(monkeypatch):
    """The booking rules' "now" (moved by the tests), with the rest of the portal standing at NOW
    too: the dashboard's and the summaries' "today" must not depend on the day the tests run."""
    moment = {"now": NOW}
    monkeypatch.setattr(service, "now", lambda: moment["now"])
    with portal_clock.frozen_at(NOW):
        yield moment


@pytest.fixture(scope="module")
def booking_world(module_admin, shared_moto) -> None:
    """The company's booking rules, Jane with her home and Sam with his, built once for the module
    (at NOW, as the tests see it); every test books, so each puts the world back after it."""
    admin = module_admin
    with portal_clock.frozen_at(NOW):
        assert admin("PUT", "/api/admin/settings", {"booking": BOOKING}).status_code == 200
        admin("PUT", "/api/admin/accounts/acct-jane", account())
        admin("PUT", "/api/admin/properties/prop-home", property_("acct-jane"))
        admin("PUT", "/api/admin/accounts/acct-sam", account(name="Sam Lee", email="sam@example.com"))
        admin("PUT", "/api/admin/properties/prop-sam", property_("acct-sam", address={"line1": "9 Elm St", "city": "Springfield", "state": "IL", "zip": "62704"}))
    shared_moto.freeze()


pytestmark = pytest.mark.usefixtures("booking_world", "put_back_world")


@pytest.fixture
def jane(signed_in, clock):
    return signed_in("acct-jane")


def _slots(api, **params: str) -> list[dict[str, Any]]:
    query = "&".join(f"{k}={v}" for k, v in {"service_type": "pump_out", **params}.items())
    response = api("GET", f"/api/booking/slots?{query}")
    assert response.status_code == 200, response.data
    return response.data["slots"]


def _book(api, slot_id: str, key: str | None = None, property_id: str = "prop-home", again: bool = False):
    headers = {"Idempotency-Key": key} if key else None
    body = {"property_id": property_id, "service_type": "pump_out", "slot_id": slot_id, **({"confirm_duplicate": True} if again else {})}
    return api("POST", "/api/booking-requests", body, headers=headers)


def _request(api, preferred, notes: str | None = "Gate code 4411", key: str | None = None, again: bool = False):
    body = {"property_id": "prop-home", "service_type": "inspection", "preferred": preferred, **({"notes": notes} if notes else {}),
            **({"confirm_duplicate": True} if again else {})}
    return api("POST", "/api/booking-requests", body, headers={"Idempotency-Key": key} if key else None)


# -- options and slots ------------------------------------------------------------------------

def test_options_name_the_bookable_services_properties_and_dates(jane):
    options = jane("GET", "/api/booking/options").data

    assert [(s["id"], s["mode"]) for s in options["service_types"]] == [("pump_out", "instant"), ("inspection", "request"), ("maintenance", "off")]
    assert options["properties"] == [{"id": "prop-home", "label": "12 Oak St., Springfield"}]
    assert (options["earliest_date"], options["latest_date"]) == ("2026-11-24", "2026-12-07")
    assert options["windows"][0] == {"id": "morning", "label": "Morning", "start": "08:00", "end": "12:00"}


def test_slots_respect_lead_time_horizon_blackouts_and_closed_days(jane):
    found = {(s["date"], s["window"]): s["remaining"] for s in _slots(jane)}

    assert ("2026-11-24", "morning") not in found  # starts 22 hours from now: inside the 24-hour lead time
    assert found[("2026-11-24", "afternoon")] == 1  # starts 26 hours from now
    assert not any(day == "2026-11-26" for day, _ in found)  # blacked out
    assert not any(day in ("2026-11-28", "2026-11-29") for day, _ in found)  # no capacity at weekends
    assert found[("2026-12-07", "morning")] == 2  # the horizon's last day
    assert max(day for day, _ in found) == "2026-12-07"
    assert _slots(jane, **{"from": "2026-12-01", "to": "2026-12-01"}) == [
        {"id": "pump_out:2026-12-01:morning", "date": "2026-12-01", "window": "morning", "window_start": "08:00", "window_end": "12:00", "remaining": 2},
        {"id": "pump_out:2026-12-01:afternoon", "date": "2026-12-01", "window": "afternoon", "window_start": "12:00", "window_end": "16:00", "remaining": 1},
    ]


@pytest.mark.parametrize("query", ["service_type=inspection", "service_type=maintenance", "service_type=pump_out&from=soon",
                                   "service_type=pump_out&from=2026-12-05&to=2026-12-01"])
def test_slots_refuse_services_without_instant_booking_and_bad_dates(jane, query):
    response = jane("GET", f"/api/booking/slots?{query}")

    assert response.status_code == 400


# -- instant booking ----------------------------------------------------------------------------

def test_an_instant_booking_is_confirmed_takes_a_place_and_appears_on_the_dashboard(jane):
    booked = _book(jane, "pump_out:2026-12-01:morning")

    assert booked.status_code == 201, booked.data
    assert booked.data["status"] == "confirmed" and booked.data["mode"] == "instant"
    assert booked.data["appointment"] == {"date": "2026-12-01", "window": "morning", "window_start": "08:00", "window_end": "12:00", "technician_name": None}
    assert booked.data["can_cancel"] and booked.data["can_reschedule"]
    assert [s["remaining"] for s in _slots(jane, **{"from": "2026-12-01", "to": "2026-12-01"})] == [1, 1]
    dashboard = jane("GET", "/api/dashboard").data
    upcoming = [a for p in dashboard["properties"] for a in p["upcoming_appointments"]]
    assert [(a["date"], a["service_type"]) for a in upcoming] == [("2026-12-01", "pump_out")]
    assert [b["id"] for b in jane("GET", "/api/booking-requests").data["items"]] == [booked.data["id"]]


def test_a_booking_is_one_transaction_on_the_connection_every_read_uses(jane, dynamodb_calls):
    """A transaction on a connection of its own would build a botocore client for every booking
    (some 100 ms on a warm container) and escape the calls counted here."""
    jane("GET", "/api/booking/options")  # a warm container
    dynamodb_calls.clear()

    assert _book(jane, "pump_out:2026-12-01:morning").status_code == 201
    assert [operation for operation, _ in dynamodb_calls].count("TransactWriteItems") == 1


def test_a_full_slot_is_a_409_and_disappears_from_the_list(jane, signed_in):
    assert _book(jane, "pump_out:2026-12-01:afternoon").status_code == 201

    full = _book(signed_in("acct-sam"), "pump_out:2026-12-01:afternoon", property_id="prop-sam")

    assert full.status_code == 409 and full.data["code"] == "slot_full", full.data
    assert "pump_out:2026-12-01:afternoon" not in [s["id"] for s in _slots(jane)]
    assert SlotCount.get("pump_out", "2026-12-01#afternoon").booked == 1


@pytest.mark.parametrize("slot_id", ["pump_out:2026-11-24:morning", "pump_out:2026-11-26:morning", "pump_out:2026-12-08:morning",
                                     "pump_out:2026-11-28:morning", "inspection:2026-12-01:morning", "pump_out:2026-12-01:evening", "nonsense"])
def test_times_outside_the_rules_cannot_be_booked(jane, slot_id):
    response = _book(jane, slot_id)

    assert response.status_code == 400 and response.data["details"][0]["field"] == "slot_id"
    assert BookingRequest.count() == 0


def test_bookings_are_only_for_the_customers_own_properties_and_bookable_services(jane):
    other = _book(jane, "pump_out:2026-12-01:morning", property_id="prop-sam")
    off = jane("POST", "/api/booking-requests", {"property_id": "prop-home", "service_type": "maintenance", "slot_id": "x"})
    extra = jane("POST", "/api/booking-requests", {"property_id": "prop-home", "service_type": "pump_out",
                                                    "slot_id": "pump_out:2026-12-01:morning", "preferred": []})

    assert (other.status_code, other.data["details"][0]["field"]) == (400, "property_id")
    assert (off.status_code, off.data["details"][0]["field"]) == (400, "service_type")
    assert (extra.status_code, extra.data["details"][0]["field"]) == (400, "preferred")
    assert BookingRequest.count() == 0


def test_concurrent_bookings_of_a_slot_end_with_exactly_its_capacity(jane, client, monkeypatch):
    """N+k threads at once through the API: capacity 2, 8 customers' requests, 2 bookings."""
    monkeypatch.setenv("PORTAL_LIMIT_BOOKING_PROPERTY", "50/600")  # the flood limit is tested below
    reset_caches()
    barrier = threading.Barrier(8)
    results: list[int] = []

    def book(i: int) -> None:
        barrier.wait()
        results.append(_book(jane, "pump_out:2026-12-02:morning", key=f"k-{i}", again=True).status_code)

    threads = [threading.Thread(target=book, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == [201, 201] + [409] * 6
    assert SlotCount.get("pump_out", "2026-12-02#morning").booked == 2
    assert BookingRequest.count() == 2


def test_a_stale_read_cannot_overbook(jane, monkeypatch):
    """Two bookings both see one place left, then write: DynamoDB's condition lets one through."""
    both_checked = threading.Barrier(2)
    real = db.transact_write

    def after_everyone_checked():
        both_checked.wait()  # each request has validated and seen room before either writes
        return real()

    monkeypatch.setattr(db, "transact_write", after_everyone_checked)
    results: list[int] = []
    threads = [threading.Thread(target=lambda: results.append(_book(jane, "pump_out:2026-12-03:afternoon").status_code)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == [201, 409]
    assert SlotCount.get("pump_out", "2026-12-03#afternoon").booked == 1


def test_an_idempotency_key_replays_the_first_answer(jane):
    first = _book(jane, "pump_out:2026-12-01:morning", key="same-key")
    again = _book(jane, "pump_out:2026-12-01:morning", key="same-key")
    other_body = _book(jane, "pump_out:2026-12-02:morning", key="same-key")

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.data == first.data
    assert other_body.status_code == 409
    assert BookingRequest.count() == 1
    assert SlotCount.get("pump_out", "2026-12-01#morning").booked == 1


# -- requests to the dispatcher -----------------------------------------------------------------

def test_a_request_takes_up_to_three_preferred_times_and_notes(jane):
    sent = _request(jane, [{"date": "2026-12-01", "window": "morning"}, {"date": "2026-12-02", "window": "afternoon"}])

    assert sent.status_code == 201, sent.data
    assert sent.data["status"] == "requested" and sent.data["appointment"] is None
    assert sent.data["preferred"] == [{"date": "2026-12-01", "window": "morning"}, {"date": "2026-12-02", "window": "afternoon"}]
    assert sent.data["notes"] == "Gate code 4411" and sent.data["can_cancel"]
    assert [b["id"] for b in jane("GET", "/api/booking-requests").data["items"]] == [sent.data["id"]]


@pytest.mark.parametrize(("preferred", "field"), [
    ([], "preferred"),
    ([{"date": "2026-12-01", "window": "morning"}] * 4, "preferred"),
    ([{"date": "2026-11-24", "window": "morning"}], "preferred[0].date"),  # inside the lead time
    ([{"date": "2026-12-01", "window": "morning"}, {"date": "2026-11-26", "window": "morning"}], "preferred[1].date"),  # blackout
    ([{"date": "2026-12-08", "window": "morning"}], "preferred[0].date"),  # past the horizon
    ([{"date": "2026-12-01", "window": "evening"}], "preferred[0].window"),
    ([{"date": "2026-12-01", "window": "morning"}, {"date": "2026-12-01", "window": "morning"}], "preferred[1].date"),
    ([{"date": "1 Dec", "window": "morning"}], "preferred[0].date"),
])
def test_bad_preferred_times_are_refused_naming_the_field(jane, preferred, field):
    response = _request(jane, preferred)

    assert response.status_code == 400 and response.data["details"][0]["field"] == field
    assert BookingRequest.count() == 0


def test_the_dispatcher_confirms_from_the_admin_api_and_it_becomes_an_appointment(jane, admin):
    sent = _request(jane, [{"date": "2026-12-01", "window": "morning"}]).data

    queue = admin("GET", "/api/admin/booking-requests?status=requested").data["items"]
    confirmed = admin("POST", f"/api/admin/booking-requests/{sent['id']}/confirm", {"date": "2026-12-02", "window": "afternoon", "technician_name": "Luis Ortega"})
    again = admin("POST", f"/api/admin/booking-requests/{sent['id']}/decline", {"reason": "late"})

    assert [b["id"] for b in queue] == [sent["id"]] and queue[0]["account_id"] == "acct-jane"
    assert queue[0]["customer"]["email"] == "jane@example.com"
    assert confirmed.data["customer"]["name"] == "Jane Smith"
    assert confirmed.status_code == 200, confirmed.data
    assert confirmed.data["appointment"]["technician_name"] == "Luis Ortega"
    assert again.status_code == 409
    upcoming = [a for p in jane("GET", "/api/dashboard").data["properties"] for a in p["upcoming_appointments"]]
    assert [(a["date"], a["technician_name"]) for a in upcoming] == [("2026-12-02", "Luis Ortega")]
    assert admin("GET", "/api/admin/booking-requests?status=requested").data["items"] == []


def test_a_declined_request_says_why(jane, admin):
    sent = _request(jane, [{"date": "2026-12-01", "window": "morning"}]).data

    declined = admin("POST", f"/api/admin/booking-requests/{sent['id']}/decline", {"reason": "No trucks that week"})

    assert declined.status_code == 200
    mine = jane("GET", "/api/booking-requests").data["items"][0]
    assert (mine["status"], mine["decline_reason"], mine["can_cancel"]) == ("declined", "No trucks that week", False)


def test_the_queue_shows_each_requests_property_in_two_calls_however_long(jane, signed_in, admin, dynamodb_calls):
    for _ in range(3):
        _request(jane, [{"date": "2026-12-01", "window": "morning"}], again=True)
    sam = signed_in("acct-sam")
    sam("POST", "/api/booking-requests", {"property_id": "prop-sam", "service_type": "inspection",
                                          "preferred": [{"date": "2026-12-02", "window": "morning"}]})
    admin("GET", "/api/branding")  # settings cached, as in a warm container
    dynamodb_calls.clear()

    queue = admin("GET", "/api/admin/booking-requests?status=requested").data["items"]

    assert sorted(item["property_label"] for item in queue) == ["12 Oak St., Springfield"] * 3 + ["9 Elm St, Springfield"]
    assert sorted(item["customer"]["name"] for item in queue) == ["Jane Smith"] * 3 + ["Sam Lee"]
    assert {item["customer"]["phone"] for item in queue if item["account_id"] == "acct-jane"} == {"+12175550198"}
    assert [name for name, _ in dynamodb_calls] == ["Query", "BatchGetItem", "BatchGetItem"]


# -- the dispatcher's email links -----------------------------------------------------------------

def _token(link: str) -> str:
    return link.split("#token=")[1]


def test_a_dispatch_link_shows_the_request_without_acting_and_works_once(jane, anonymous, browser_api):
    sent = _request(jane, [{"date": "2026-12-01", "window": "morning"}]).data
    token = _token(links.link(sent["id"], "confirm", "2026-12-01", "morning"))

    preview = browser_api("POST", "/api/dispatch/preview", {"token": token})
    preview_again = browser_api("POST", "/api/dispatch/preview", {"token": token})

    assert preview.status_code == 200
    assert (preview.data["action"], preview.data["state"], preview.data["date"], preview.data["window_start"]) == ("confirm", "ready", "2026-12-01", "08:00")
    assert preview.data["customer"]["name"] == "Jane Smith"
    assert {"label": "Tank gallons", "value": "1000"} in preview.data["property"]["system"]
    assert preview_again.data["state"] == "ready"
    assert BookingRequest.get(sent["id"]).status == "requested"  # looking changes nothing

    acted = browser_api("POST", "/api/dispatch/act", {"token": token, "technician_name": "Dee Park"})
    twice = browser_api("POST", "/api/dispatch/act", {"token": token})

    assert acted.status_code == 200 and acted.data["booking"]["status"] == "confirmed"
    assert acted.data["booking"]["appointment"]["technician_name"] == "Dee Park"
    assert twice.status_code == 409
    used = browser_api("POST", "/api/dispatch/preview", {"token": token}).data
    assert used["state"] == "used" and used["customer"]["phone"] is None  # no contact details once answered


def test_dispatch_links_expire_and_cannot_be_altered(jane, browser_api, monkeypatch):
    sent = _request(jane, [{"date": "2026-12-01", "window": "morning"}]).data
    token = _token(links.link(sent["id"], "decline"))
    payload, mac = token.split(".")

    tampered = browser_api("POST", "/api/dispatch/act", {"token": f"{payload}x.{mac}"})
    with portal_clock.frozen_at(portal_clock.now() + timedelta(days=8)):  # links live 7 days
        expired = browser_api("POST", "/api/dispatch/act", {"token": token})

    assert (tampered.status_code, tampered.data["code"]) == (400, "link_invalid")
    assert (expired.status_code, expired.data["code"]) == (400, "link_expired")
    assert BookingRequest.get(sent["id"]).status == "requested"


# -- cancel and reschedule ----------------------------------------------------------------------

def test_cancelling_frees_the_place_exactly_once(jane):
    booked = _book(jane, "pump_out:2026-12-01:afternoon").data

    cancelled = jane("POST", f"/api/booking-requests/{booked['id']}/cancel")
    twice = jane("POST", f"/api/booking-requests/{booked['id']}/cancel")

    assert cancelled.status_code == 200 and cancelled.data["status"] == "cancelled"
    assert cancelled.data["property_label"] == "12 Oak St., Springfield"
    assert twice.status_code == 409
    assert SlotCount.get("pump_out", "2026-12-01#afternoon").booked == 0
    assert [s["remaining"] for s in _slots(jane, **{"from": "2026-12-01", "to": "2026-12-01"})] == [2, 1]
    upcoming = [a for p in jane("GET", "/api/dashboard").data["properties"] for a in p["upcoming_appointments"]]
    assert upcoming == []


def test_rescheduling_moves_the_place_to_another_free_slot(jane):
    booked = _book(jane, "pump_out:2026-12-01:afternoon").data

    moved = jane("POST", f"/api/booking-requests/{booked['id']}/reschedule", {"slot_id": "pump_out:2026-12-02:morning"})

    assert moved.status_code == 200, moved.data
    assert moved.data["appointment"]["date"] == "2026-12-02"
    assert SlotCount.get("pump_out", "2026-12-01#afternoon").booked == 0
    assert SlotCount.get("pump_out", "2026-12-02#morning").booked == 1


def test_moving_to_a_slot_filled_meanwhile_is_a_409_and_changes_nothing(jane, signed_in):
    booked = _book(jane, "pump_out:2026-12-01:afternoon").data
    assert _book(signed_in("acct-sam"), "pump_out:2026-12-02:afternoon", property_id="prop-sam").status_code == 201

    moved = jane("POST", f"/api/booking-requests/{booked['id']}/reschedule", {"slot_id": "pump_out:2026-12-02:afternoon"})

    assert moved.status_code == 409 and moved.data["code"] == "slot_full", moved.data
    assert BookingRequest.get(booked["id"]).appointment.as_dict()["date"] == "2026-12-01"
    assert SlotCount.get("pump_out", "2026-12-01#afternoon").booked == 1
    assert SlotCount.get("pump_out", "2026-12-02#afternoon").booked == 1


def test_the_same_request_sent_twice_at_once_is_booked_once_and_both_get_its_answer(jane, monkeypatch):
    both_checked = threading.Barrier(2)
    real = db.transact_write

    def after_both_checked():
        both_checked.wait(timeout=10)  # neither has stored its answer when both look for an earlier one
        return real()

    monkeypatch.setattr(db, "transact_write", after_both_checked)
    results: list[Any] = []
    threads = [threading.Thread(target=lambda: results.append(_book(jane, "pump_out:2026-12-03:morning", key="k-twice")))
               for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [r.status_code for r in results] == [201, 201]
    assert results[0].data["id"] == results[1].data["id"]
    assert BookingRequest.count() == 1
    assert SlotCount.get("pump_out", "2026-12-03#morning").booked == 1


def test_changes_are_refused_after_the_cutoff(jane, clock):
    booked = _book(jane, "pump_out:2026-12-01:morning").data
    clock["now"] = datetime(2026, 11, 30, 14, 30, tzinfo=timezone.utc)  # 08:30 the day before: 23.5 hours to go

    cancel = jane("POST", f"/api/booking-requests/{booked['id']}/cancel")
    move = jane("POST", f"/api/booking-requests/{booked['id']}/reschedule", {"slot_id": "pump_out:2026-12-03:morning"})
    mine = jane("GET", "/api/booking-requests").data["items"][0]

    assert cancel.status_code == 409 and "24 hours before" in cancel.data["message"]
    assert move.status_code == 409
    assert (mine["status"], mine["can_cancel"], mine["can_reschedule"]) == ("confirmed", False, False)
    assert SlotCount.get("pump_out", "2026-12-01#morning").booked == 1
    clock["now"] = clock["now"] - timedelta(hours=1)  # 07:30 the day before: still allowed
    assert jane("POST", f"/api/booking-requests/{booked['id']}/cancel").status_code == 200


def test_another_accounts_booking_cannot_be_seen_or_changed(jane, signed_in):
    booked = _book(jane, "pump_out:2026-12-01:morning").data
    sam = signed_in("acct-sam")

    assert sam("GET", "/api/booking-requests").data["items"] == []
    assert sam("POST", f"/api/booking-requests/{booked['id']}/cancel").status_code == 404
    assert BookingRequest.get(booked["id"]).status == "confirmed"


# -- the emails ---------------------------------------------------------------------------------

def _delivered() -> list[Any]:
    from chalicelib.notify import outbox

    outbox.deliver_due()
    return sent_emails()


def test_an_instant_booking_emails_a_calendar_invitation_and_tells_the_dispatcher(jane):
    import email
    from email import policy

    import icalendar

    _book(jane, "pump_out:2026-12-01:morning")

    sent = _delivered()
    [customer] = [m for m in sent if recipients(m) == ["jane@example.com"]]
    [office] = [m for m in sent if recipients(m) == ["dispatch@example.com"]]
    assert "Tuesday, December 1, 8:00 AM – 12:00 PM" in email_text(customer)
    mime = email.message_from_string(customer.raw_data, policy=policy.default)
    [part] = [p for p in mime.walk() if p.get_content_type() == "text/calendar"]
    [event] = icalendar.Calendar.from_ical(part.get_content()).events
    assert event.start.isoformat() == "2026-12-01T08:00:00-06:00" and event.end.isoformat() == "2026-12-01T12:00:00-06:00"
    assert str(event["ATTENDEE"]) == "mailto:jane@example.com"
    assert "Jane Smith" in email_text(office) and "12 Oak St., Springfield" in email_text(office)
    assert "Under the flagstone by the porch" in email_text(office)  # the system on file, for the crew


def test_a_request_emails_the_customer_and_gives_the_dispatcher_working_links(jane, browser_api):
    _request(jane, [{"date": "2026-12-01", "window": "morning"}, {"date": "2026-12-02", "window": "afternoon"}], notes="Dog in the yard")

    sent = _delivered()
    [received] = [m for m in sent if recipients(m) == ["jane@example.com"]]
    [office] = [m for m in sent if recipients(m) == ["dispatch@example.com"]]
    assert "Tuesday, December 1" in email_text(received) and "Wednesday, December 2" in email_text(received)
    links = re.findall(r"https?://\S+/dispatch#token=[\w.-]+", email_text(office))
    assert len(links) == 3  # a confirm link per preferred time, and a decline link
    assert "Dog in the yard" in email_text(office)
    previews = [browser_api("POST", "/api/dispatch/preview", {"token": _token(link)}).data for link in links]
    assert [(p["action"], p.get("date")) for p in previews] == [("confirm", "2026-12-01"), ("confirm", "2026-12-02"), ("decline", None)]

    browser_api("POST", "/api/dispatch/act", {"token": _token(links[1])})

    [confirmed] = [m for m in _delivered() if recipients(m) == ["jane@example.com"] and m is not received and "Wednesday, December 2" in email_text(m) and m.raw_data.count("text/calendar")]
    assert "12:00 PM – 4:00 PM" in email_text(confirmed)


def _to_office(sent: list[Any]) -> list[str]:
    return [email_text(m) for m in sent if recipients(m) == ["dispatch@example.com"]]


def test_the_office_hears_when_the_customer_moves_or_cancels_a_booking(jane):
    booked = _book(jane, "pump_out:2026-12-01:afternoon").data
    _delivered()
    before = len(_to_office(sent_emails()))

    jane("POST", f"/api/booking-requests/{booked['id']}/reschedule", {"slot_id": "pump_out:2026-12-02:morning"})
    jane("POST", f"/api/booking-requests/{booked['id']}/cancel")

    news = _to_office(_delivered())[before:]  # sent in no particular order: the clock stands still
    [moved] = [text for text in news if "moved" in text]
    [cancelled] = [text for text in news if "cancelled their" in text]
    assert "Jane Smith moved their Septic pump-out" in moved
    assert "Was: Tuesday, December 1, 12:00 PM – 4:00 PM" in moved and "Now: Wednesday, December 2, 8:00 AM – 12:00 PM" in moved
    assert "Jane Smith cancelled their Septic pump-out" in cancelled
    assert "Was: Wednesday, December 2, 8:00 AM – 12:00 PM" in cancelled
    customer = [email_text(m) for m in sent_emails() if recipients(m) == ["jane@example.com"]]
    assert any("Wednesday, December 2" in text and "cancelled" in text for text in customer)


def test_a_withdrawn_request_tells_the_office_its_links_are_dead(jane, browser_api):
    sent = _request(jane, [{"date": "2026-12-01", "window": "morning"}]).data
    [link] = re.findall(r"https?://\S+/dispatch#token=[\w.-]+", _to_office(_delivered())[0])[:1]

    jane("POST", f"/api/booking-requests/{sent['id']}/cancel")

    [request_email, withdrawn] = _to_office(_delivered())
    assert "withdrew their request" in withdrawn and "Asked for: Tuesday, December 1" in withdrawn
    assert browser_api("POST", "/api/dispatch/act", {"token": _token(link)}).status_code == 409
    assert BookingRequest.get(sent["id"]).status == "cancelled"


def test_a_long_horizon_is_offered_in_full(jane, admin):
    admin("PUT", "/api/admin/settings", {"booking": {"horizon_days": 120}})

    days = {s["date"] for s in _slots(jane)}

    assert max(days) == "2027-03-23"  # a Tuesday, 120 days out


def test_the_office_cannot_confirm_a_date_in_the_past(jane, admin):
    sent = _request(jane, [{"date": "2026-12-01", "window": "morning"}]).data

    response = admin("POST", f"/api/admin/booking-requests/{sent['id']}/confirm", {"date": "2026-11-20", "window": "morning"})

    assert (response.status_code, response.data["details"][0]["field"]) == (400, "date")
    assert BookingRequest.get(sent["id"]).status == "requested"


# -- booking floods -----------------------------------------------------------------------------

def _office_mail() -> list[Any]:
    return [m for m in _delivered() if recipients(m) == ["dispatch@example.com"]]


def test_a_flood_of_requests_is_a_429_and_the_office_gets_no_more_mail(jane, monkeypatch):
    monkeypatch.setenv("PORTAL_LIMIT_BOOKING_PROPERTY", "3/86400")
    reset_caches()
    days = ["2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"]

    answers = [_request(jane, [{"date": day, "window": "morning"}], again=True) for day in days]

    assert [a.status_code for a in answers] == [201, 201, 201, 429]
    assert answers[3].data["code"] == "rate_limited" and "try again" in answers[3].data["message"]
    assert int(answers[3].headers["Retry-After"]) > 0
    assert BookingRequest.count() == 3
    assert len(_office_mail()) == 3


def test_the_account_limit_covers_all_its_properties(jane, admin, monkeypatch):
    monkeypatch.setenv("PORTAL_LIMIT_BOOKING_ACCOUNT", "2/86400")
    reset_caches()
    admin("PUT", "/api/admin/properties/prop-cabin", property_("acct-jane", address={"line1": "1 Lake Rd", "city": "Springfield", "state": "IL", "zip": "62704"}))

    answers = [_book(jane, "pump_out:2026-12-01:morning"), _book(jane, "pump_out:2026-12-02:morning", property_id="prop-cabin"),
               _book(jane, "pump_out:2026-12-03:morning", property_id="prop-cabin", again=True)]

    assert [a.status_code for a in answers] == [201, 201, 429]
    assert BookingRequest.count() == 2


def test_the_dispatcher_address_has_a_cap_across_customers(jane, signed_in, monkeypatch):
    monkeypatch.setenv("PORTAL_LIMIT_BOOKING_DISPATCHER", "1/86400")
    reset_caches()
    sam = signed_in("acct-sam")

    first = _book(jane, "pump_out:2026-12-01:morning")
    second = _book(sam, "pump_out:2026-12-02:morning", property_id="prop-sam")

    assert (first.status_code, second.status_code) == (201, 429)
    assert len(_office_mail()) == 1


def test_replaying_an_idempotency_key_does_not_count_against_the_limit(jane, monkeypatch):
    monkeypatch.setenv("PORTAL_LIMIT_BOOKING_ACCOUNT", "2/86400")
    reset_caches()

    replays = [_book(jane, "pump_out:2026-12-01:morning", key="same-key").status_code for _ in range(5)]
    another = _book(jane, "pump_out:2026-12-02:morning", key="other-key", again=True)

    assert replays == [201] * 5
    assert another.status_code == 201
    assert BookingRequest.count() == 2


# -- the working week (SPEC §9: requests only on days the company works) ----------------------------

@pytest.mark.parametrize(("preferred", "words"), [
    ({"date": "2026-11-28", "window": "morning"}, "We do not work on Saturdays, so Saturday, November 28, 2026 cannot be booked"),
    ({"date": "2026-11-26", "window": "morning"}, "We are closed on Thursday, November 26, 2026"),
])
def test_a_request_for_a_day_the_company_does_not_work_is_refused_naming_the_date(jane, preferred, words):
    response = _request(jane, [{"date": "2026-12-01", "window": "morning"}, preferred])

    assert response.status_code == 400
    assert response.data["details"][0]["field"] == "preferred[1].date"
    assert words in response.data["details"][0]["message"]
    assert BookingRequest.count() == 0
    assert _office_mail() == []


def test_a_type_with_its_own_capacity_is_requested_only_in_its_windows(jane, admin):
    booking = {**BOOKING, "service_types": [*BOOKING["service_types"][:1], {
        "id": "inspection", "name": "Septic inspection", "mode": "request", "capacity": {"tue": {"morning": 1}}}]}
    admin("PUT", "/api/admin/settings", {"booking": booking})

    afternoon = _request(jane, [{"date": "2026-12-01", "window": "afternoon"}])
    wednesday = _request(jane, [{"date": "2026-12-02", "window": "morning"}])
    tuesday_morning = _request(jane, [{"date": "2026-12-01", "window": "morning"}])

    assert afternoon.status_code == 400 and "only in the morning on Tuesday, December 1, 2026" in afternoon.data["message"]
    assert wednesday.status_code == 400 and "Wednesdays" in wednesday.data["message"]
    assert tuesday_morning.status_code == 201
    kinds = {s["id"]: s["working_week"] for s in jane("GET", "/api/booking/options").data["service_types"]}
    assert kinds["inspection"] == {"tue": ["morning"]}
    assert kinds["pump_out"]["fri"] == ["morning", "afternoon"] and "sat" not in kinds["pump_out"]


def test_the_office_must_say_it_means_to_confirm_a_closed_day(jane, admin):
    sent = _request(jane, [{"date": "2026-12-01", "window": "morning"}]).data
    confirm = f"/api/admin/booking-requests/{sent['id']}/confirm"

    saturday = admin("POST", confirm, {"date": "2026-11-28", "window": "morning"})
    bad_flag = admin("POST", confirm, {"date": "2026-11-28", "window": "morning", "allow_closed_day": "yes"})

    assert (saturday.status_code, saturday.data["code"]) == (409, "closed_day")
    assert "Saturday, November 28, 2026" in saturday.data["message"]
    assert saturday.data["details"] == [{"field": "date", "message": "We do not work on Saturdays, so Saturday, November 28, 2026 cannot be booked."}]
    assert bad_flag.status_code == 400 and bad_flag.data["details"][0]["field"] == "allow_closed_day"
    assert BookingRequest.get(sent["id"]).status == "requested"
    anyway = admin("POST", confirm, {"date": "2026-11-28", "window": "morning", "allow_closed_day": True})
    assert anyway.status_code == 200 and anyway.data["appointment"]["date"] == "2026-11-28"


def test_a_dispatch_link_for_a_day_closed_since_warns_and_confirms_only_when_told(jane, admin, browser_api):
    sent = _request(jane, [{"date": "2026-12-01", "window": "morning"}]).data
    token = _token(links.link(sent["id"], "confirm", "2026-12-01", "morning"))
    admin("PUT", "/api/admin/settings", {"booking": {**BOOKING, "blackout_dates": ["2026-12-01"]}})

    preview = browser_api("POST", "/api/dispatch/preview", {"token": token}).data
    refused = browser_api("POST", "/api/dispatch/act", {"token": token})

    assert "closed on Tuesday, December 1, 2026" in preview["closed_day"]
    assert (refused.status_code, refused.data["code"]) == (409, "closed_day")
    acted = browser_api("POST", "/api/dispatch/act", {"token": token, "allow_closed_day": True})
    assert acted.status_code == 200 and acted.data["booking"]["status"] == "confirmed"


def test_a_dispatch_link_for_a_working_day_has_no_warning(jane, browser_api):
    sent = _request(jane, [{"date": "2026-12-01", "window": "morning"}]).data
    token = _token(links.link(sent["id"], "confirm", "2026-12-01", "morning"))

    assert browser_api("POST", "/api/dispatch/preview", {"token": token}).data["closed_day"] is None


# -- booked is not due; the same service twice ---------------------------------------------------

def test_a_booked_pump_out_shows_as_booked_on_the_dashboard(jane, admin):
    admin("PUT", "/api/admin/service-records/svc-old", {"property_id": "prop-home", "date": "2023-12-01", "service_type": "pump_out", "status": "completed"})
    before = jane("GET", "/api/dashboard").data["properties"][0]["next_service_due"]

    _book(jane, "pump_out:2026-12-01:morning")
    after = jane("GET", "/api/dashboard").data["properties"][0]["next_service_due"]

    assert before["status"] in ("due_soon", "overdue") and before["booked_on"] is None
    assert (after["status"], after["booked_on"]) == ("booked", "2026-12-01")


def test_the_office_s_appointment_also_counts_as_booked(jane, admin):
    admin("PUT", "/api/admin/appointments/appt-1", {"property_id": "prop-home", "date": "2026-12-03", "window_start": "08:00",
                                                    "window_end": "12:00", "service_type": "pump_out", "status": "scheduled"})

    due = jane("GET", "/api/dashboard").data["properties"][0]["next_service_due"]
    again = _book(jane, "pump_out:2026-12-01:morning")

    assert (due["status"], due["booked_on"]) == ("booked", "2026-12-03")
    assert (again.status_code, again.data["code"]) == (409, "already_booked")
    assert "Thursday, December 3, 2026" in again.data["message"]


def test_booking_the_same_service_twice_asks_first(jane):
    first = _book(jane, "pump_out:2026-12-01:morning")
    second = _book(jane, "pump_out:2026-12-02:morning")
    request = _request(jane, [{"date": "2026-12-02", "window": "morning"}])
    again_request = _request(jane, [{"date": "2026-12-03", "window": "morning"}])

    assert first.status_code == 201
    assert (second.status_code, second.data["code"]) == (409, "already_booked")
    assert second.data["message"] == "You already have a septic pump-out booked for Tuesday, December 1, 2026 at this property."
    assert second.data["details"][0]["date"] == "2026-12-01"
    assert request.status_code == 201  # another service is no duplicate
    assert again_request.status_code == 409 and "Wednesday, December 2, 2026" in again_request.data["message"]
    assert BookingRequest.count() == 2
    confirmed = jane("POST", "/api/booking-requests", {"property_id": "prop-home", "service_type": "pump_out",
                                                        "slot_id": "pump_out:2026-12-02:morning", "confirm_duplicate": True})
    assert confirmed.status_code == 201


def test_a_cancelled_booking_is_no_duplicate(jane):
    first = _book(jane, "pump_out:2026-12-01:morning").data
    jane("POST", f"/api/booking-requests/{first['id']}/cancel")

    assert _book(jane, "pump_out:2026-12-02:morning").status_code == 201


def test_my_bookings_lists_active_ones_first_by_date_then_the_rest(jane, admin):
    later = _book(jane, "pump_out:2026-12-04:morning").data
    sooner = _book(jane, "pump_out:2026-12-01:morning", again=True).data
    dropped = _book(jane, "pump_out:2026-12-02:morning", again=True).data
    jane("POST", f"/api/booking-requests/{dropped['id']}/cancel")
    refused = _request(jane, [{"date": "2026-12-03", "window": "morning"}]).data
    admin("POST", f"/api/admin/booking-requests/{refused['id']}/decline", {"reason": "No trucks"})
    asked = _request(jane, [{"date": "2026-12-02", "window": "afternoon"}], again=True).data

    listed = [b["id"] for b in jane("GET", "/api/booking-requests").data["items"]]

    assert listed == [sooner["id"], asked["id"], later["id"], refused["id"], dropped["id"]]


def _office_visit(admin, appointment_id: str, day: str, service_type: str = "pump_out", start: str = "08:00", end: str = "12:00",
                  status: str = "scheduled"):
    response = admin("PUT", f"/api/admin/appointments/{appointment_id}", {
        "property_id": "prop-home", "date": day, "window_start": start, "window_end": end,
        "technician_name": "Luis Ortega", "service_type": service_type, "status": status})
    assert response.status_code in (200, 201), response.data


def test_my_bookings_shows_the_office_s_appointments_read_only_in_date_order(jane, admin, clock):
    # Given a booking made online, a request, and two visits the office put in
    booked = _book(jane, "pump_out:2026-12-02:morning").data
    asked = _request(jane, [{"date": "2026-12-01", "window": "morning"}]).data
    _office_visit(admin, "appt-repair", "2026-11-30", "repair", "12:00", "16:00")
    _office_visit(admin, "appt-inspect", "2026-12-03", "inspection", "09:30", "11:00")

    # When the customer opens My bookings and the dashboard
    listed = jane("GET", "/api/booking-requests").data["items"]
    dashboard = jane("GET", "/api/dashboard").data["properties"][0]["upcoming_appointments"]

    # Then the office's visits are there once each, in date order among the bookings, and cannot be changed
    assert [b["id"] for b in listed] == ["appt-repair", asked["id"], booked["id"], "appt-inspect"]
    office = listed[0]
    assert office["source"] == "company" and booked and listed[2]["source"] == "portal"
    assert (office["status"], office["can_cancel"], office["can_reschedule"]) == ("confirmed", False, False)
    assert office["appointment"] == {"date": "2026-11-30", "window": "afternoon", "window_start": "12:00",
                                     "window_end": "16:00", "technician_name": "Luis Ortega"}
    assert (office["service_name"], office["property_label"]) == ("Repair", "12 Oak St., Springfield")
    assert listed[3]["appointment"]["window"] is None  # not one of the company's booking windows
    # the same visits as the dashboard (which also shows the online booking's own appointment)
    assert {a["id"] for a in dashboard} == {"appt-repair", "appt-inspect", f"booking-{booked['id']}"}
    assert len([b for b in listed if b["appointment"] and b["appointment"]["date"] == "2026-12-02"]) == 1


def test_a_cancelled_or_past_office_visit_leaves_my_bookings(jane, admin, clock):
    _office_visit(admin, "appt-1", "2026-12-03")
    _office_visit(admin, "appt-1", "2026-12-03", status="cancelled")
    _office_visit(admin, "appt-2", "2026-11-24")

    assert [b["id"] for b in jane("GET", "/api/booking-requests").data["items"]] == ["appt-2"]
    with portal_clock.frozen_at(NOW + timedelta(days=2)):
        clock["now"] = NOW + timedelta(days=2)
        assert jane("GET", "/api/booking-requests").data["items"] == []


def test_an_office_visit_cannot_be_cancelled_through_the_booking_routes(jane, admin, clock):
    _office_visit(admin, "appt-1", "2026-12-03")

    answer = jane("POST", "/api/booking-requests/appt-1/cancel")

    assert answer.status_code == 404
    assert [b["id"] for b in jane("GET", "/api/booking-requests").data["items"]] == ["appt-1"]


def test_the_property_page_says_a_booked_pump_out_is_booked(jane, admin, clock):
    admin("PUT", "/api/admin/service-records/svc-old", {"property_id": "prop-home", "date": "2023-12-01", "service_type": "pump_out", "status": "completed"})
    before = jane("GET", "/api/properties/prop-home").data["next_service_due"]

    _book(jane, "pump_out:2026-12-01:morning")
    after = jane("GET", "/api/properties/prop-home").data["next_service_due"]
    dashboard = jane("GET", "/api/dashboard").data["properties"][0]["next_service_due"]

    assert before["status"] in ("due_soon", "overdue") and before["booked_on"] is None
    assert (after["status"], after["booked_on"]) == ("booked", "2026-12-01")
    assert after == dashboard


# -- the office's week ----------------------------------------------------------------------------

def _week(admin, start: str | None = None) -> dict[str, Any]:
    response = admin("GET", "/api/admin/bookings/week" + (f"?start={start}" if start else ""))
    assert response.status_code == 200, response.data
    return response.data


def _window(week: dict[str, Any], day: str, window: str) -> dict[str, Any]:
    found = next(d for d in week["days"] if d["date"] == day)
    return next(w for w in found["windows"] if w["window"] == window)


def test_the_week_shows_each_window_s_places_against_capacity_and_who_is_booked(jane, signed_in, admin):
    _book(jane, "pump_out:2026-12-01:morning")
    sam = signed_in("acct-sam")
    _book(sam, "pump_out:2026-12-01:morning", property_id="prop-sam")
    asked = _request(jane, [{"date": "2026-12-02", "window": "morning"}]).data
    admin("POST", f"/api/admin/booking-requests/{asked['id']}/confirm", {"date": "2026-12-02", "window": "afternoon", "technician_name": "Luis Ortega"})
    _request(jane, [{"date": "2026-12-03", "window": "morning"}], again=True)  # still a request: not on the calendar

    week = _week(admin, "2026-12-02")

    assert (week["start"], week["end"], week["previous"], week["next"]) == ("2026-11-30", "2026-12-06", "2026-11-23", "2026-12-07")
    assert [d["weekday"] for d in week["days"]] == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    morning = _window(week, "2026-12-01", "morning")
    assert morning["places"] == [{"service_type": "pump_out", "service_name": "Septic pump-out", "booked": 2, "capacity": 2}]
    assert [(v["customer"]["name"], v["property_label"]) for v in morning["visits"]] in (
        [("Jane Smith", "12 Oak St., Springfield"), ("Sam Lee", "9 Elm St, Springfield")],
        [("Sam Lee", "9 Elm St, Springfield"), ("Jane Smith", "12 Oak St., Springfield")])
    assert _window(week, "2026-12-01", "afternoon")["places"][0]["booked"] == 0
    confirmed = _window(week, "2026-12-02", "afternoon")["visits"]
    assert [(v["service_name"], v["appointment"]["technician_name"]) for v in confirmed] == [("Septic inspection", "Luis Ortega")]
    assert all(w["visits"] == [] for w in next(d for d in week["days"] if d["date"] == "2026-12-03")["windows"])
    assert _window(week, "2026-12-05", "morning")["places"] == []  # no Saturday capacity


def test_the_week_starts_this_monday_and_marks_blackouts(jane, admin):
    week = _week(admin)

    assert (week["start"], week["today"]) == ("2026-11-23", "2026-11-23")
    assert [d["date"] for d in week["days"] if d["blacked_out"]] == ["2026-11-26"]


def test_a_moved_or_cancelled_booking_leaves_its_old_place_in_the_week(jane, admin):
    moved = _book(jane, "pump_out:2026-12-01:afternoon").data
    jane("POST", f"/api/booking-requests/{moved['id']}/reschedule", {"slot_id": "pump_out:2026-12-02:morning"})
    cancelled = _book(jane, "pump_out:2026-12-03:morning", again=True).data
    jane("POST", f"/api/booking-requests/{cancelled['id']}/cancel")

    week = _week(admin, "2026-11-30")

    assert _window(week, "2026-12-01", "afternoon")["visits"] == []
    assert [v["id"] for v in _window(week, "2026-12-02", "morning")["visits"]] == [moved["id"]]
    assert _window(week, "2026-12-02", "morning")["places"][0]["booked"] == 1
    assert _window(week, "2026-12-03", "morning")["visits"] == []
    assert _window(week, "2026-12-03", "morning")["places"][0]["booked"] == 0


def test_the_week_is_read_with_queries_and_batch_reads_only(jane, admin, dynamodb_calls):
    _book(jane, "pump_out:2026-12-01:morning")
    admin("GET", "/api/branding")  # settings cached, as in a warm container
    dynamodb_calls.clear()

    _week(admin, "2026-11-30")

    assert [name for name, _ in dynamodb_calls] == ["Query", "Query", "BatchGetItem", "BatchGetItem"]


@pytest.mark.parametrize("start", ["soon", "2026-13-01", "2026-11-31"])
def test_a_week_that_is_not_a_date_is_a_400_naming_start(jane, admin, start):
    response = admin("GET", f"/api/admin/bookings/week?start={start}")

    assert response.status_code == 400
    assert response.data["details"] == [{"field": "start", "message": "Enter the date as year-month-day, such as 2026-05-04."}]
