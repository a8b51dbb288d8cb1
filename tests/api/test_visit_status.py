"""The technician on the way (C4): POST /api/admin/appointments/{id}/status tells the customer once per
status change and shows on the dashboard and My bookings."""
from __future__ import annotations

from datetime import timedelta

import pytest

from chalicelib import clock as portal_clock
from chalicelib import tasks
from chalicelib.booking import service
from chalicelib.db.models import Account
from chalicelib.notify import outbox
from tests.api.booking_settings import BOOKING, NOW
from tests.api.factories import appointment, seed_property
from tests.conftest import email_text, recipients, sent_emails, sent_texts


@pytest.fixture
def visit_today(admin) -> str:
    seed_property(admin)
    today = portal_clock.today("America/Chicago")
    assert admin("PUT", "/api/admin/appointments/appt-1", appointment(date=today.isoformat())).status_code == 201
    return today.isoformat()


def status(admin, body, appointment_id: str = "appt-1"):
    return admin("POST", f"/api/admin/appointments/{appointment_id}/status", body)


def deliver() -> None:
    outbox.deliver_due(run_task=tasks.run)


def jane_mails() -> list[str]:
    return [email_text(m) for m in sent_emails() if recipients(m) == ["jane@example.com"]]


def test_on_the_way_emails_the_customer_with_the_arrival_estimate(admin, visit_today):
    answer = status(admin, {"status": "en_route", "eta": "10:40"})
    deliver()

    assert answer.status_code == 200
    assert (answer.data["visit_status"], answer.data["eta"], answer.data["changed"]) == ("en_route", "10:40", True)
    [mail] = jane_mails()
    assert "Luis is on the way to 12 Oak St., Springfield, arriving about 10:40 AM." in mail
    assert sent_texts() == []  # texts only for a customer who chose them


def test_the_same_status_sent_twice_tells_once_and_a_later_change_tells_again(admin, visit_today):
    status(admin, {"status": "en_route", "eta": "10:40"})
    deliver()
    again = status(admin, {"status": "en_route", "eta": "10:40"})
    later_eta = status(admin, {"status": "en_route", "eta": "10:55"})  # a new estimate alone: no new message
    deliver()
    assert again.data["changed"] is False and later_eta.data["eta"] == "10:55"
    assert len(jane_mails()) == 1

    status(admin, {"status": "arrived"})
    status(admin, {"status": "arrived"})
    deliver()

    mails = jane_mails()
    assert len(mails) == 2
    assert "Luis has arrived at 12 Oak St., Springfield." in mails[1]


def test_a_superseded_status_is_not_sent_late(admin, visit_today):
    status(admin, {"status": "en_route"})
    status(admin, {"status": "arrived"})  # before the worker ran
    deliver()

    [mail] = jane_mails()
    assert "has arrived" in mail


def test_texts_go_only_to_a_customer_who_chose_them(admin, visit_today):
    Account.get("acct-1").update(actions=[Account.preferences.set({"email": False, "sms": True})])

    status(admin, {"status": "en_route", "eta": "2026-06-01T15:05:00Z"})  # a date-time: read on the company's clock
    deliver()

    [(number, text, *_)] = sent_texts()
    assert number == "+12175550198"
    assert "Luis is on the way, arriving about 10:05 AM." in text and "https://portal.test.example/dashboard" in text
    assert jane_mails() == []


def test_the_dashboard_shows_the_technician_on_the_way(admin, signed_in, visit_today):
    status(admin, {"status": "en_route", "eta": "10:40"})

    [card] = signed_in("acct-1")("GET", "/api/dashboard").data["properties"]
    [visit] = card["upcoming_appointments"]
    assert (visit["id"], visit["visit_status"], visit["eta"]) == ("appt-1", "en_route", "10:40")


def test_completed_sends_nothing_and_takes_the_visit_off_the_dashboard(admin, signed_in, visit_today):
    status(admin, {"status": "arrived"})
    deliver()
    status(admin, {"status": "completed"})
    deliver()

    assert len(jane_mails()) == 1  # "arrived"; the service record's summary follows
    [card] = signed_in("acct-1")("GET", "/api/dashboard").data["properties"]
    assert card["upcoming_appointments"] == []


def test_unknown_cancelled_and_past_appointments_are_refused_and_tell_nobody(admin, visit_today):
    yesterday = (portal_clock.today("America/Chicago") - timedelta(days=1)).isoformat()
    admin("PUT", "/api/admin/appointments/appt-gone", appointment(date=visit_today, status="cancelled"))
    admin("PUT", "/api/admin/appointments/appt-past", appointment(date=yesterday))

    unknown = status(admin, {"status": "en_route"}, "appt-nope")
    cancelled = status(admin, {"status": "en_route"}, "appt-gone")
    past = status(admin, {"status": "arrived"}, "appt-past")
    deliver()

    assert (unknown.status_code, unknown.data["code"]) == (404, "not_found")
    assert (cancelled.status_code, cancelled.data["message"]) == (
        409, "This appointment was cancelled, so the technician cannot be on the way to it.")
    assert past.status_code == 409 and "until the end of its day" in past.data["message"]
    assert jane_mails() == []


def test_a_status_never_goes_back_and_tells_nobody_again(admin, visit_today):
    status(admin, {"status": "en_route", "eta": "10:40"})
    status(admin, {"status": "arrived"})
    deliver()
    told = len(jane_mails())

    back = status(admin, {"status": "en_route", "eta": "10:50"})
    deliver()

    assert back.status_code == 409
    assert back.data["message"].startswith("This visit is already marked arrived; its status only moves forward")
    assert status(admin, {"status": "arrived"}).data["visit_status"] == "arrived"  # unchanged
    assert len(jane_mails()) == told


def test_a_bad_body_is_refused_with_a_sentence(admin, visit_today):
    wrong = status(admin, {"status": "lost"})
    eta_when_arrived = status(admin, {"status": "arrived", "eta": "10:40"})
    bad_eta = status(admin, {"status": "en_route", "eta": "25:99"})

    assert wrong.status_code == 400 and wrong.data["details"][0]["field"] == "status"
    assert eta_when_arrived.status_code == 400
    assert eta_when_arrived.data["message"] == "`eta` goes with `status: en_route` only."
    assert bad_eta.status_code == 400
    # one problem, on the field the developer sent, in words (not one per form pydantic tried)
    assert bad_eta.data["details"] == [{"field": "eta", "message": "`eta` is a time such as `10:40` or an ISO "
                                                                   "date-time such as `2026-12-02T10:40:00-06:00`."}]
    assert status(admin, {"status": "arrived"}).data["visit_status"] == "arrived"  # nothing half-stored before


# -- a portal booking's own appointment ---------------------------------------------------------

@pytest.fixture
def booked(admin, signed_in, monkeypatch):
    """Jane booked a pump-out on the portal for tomorrow morning (the clock stands at NOW)."""
    monkeypatch.setattr(service, "now", lambda: NOW)
    with portal_clock.frozen_at(NOW):
        assert admin("PUT", "/api/admin/settings", {"booking": BOOKING}).status_code == 200
        seed_property(admin)
        jane = signed_in("acct-1")
        slot = jane("GET", "/api/booking/slots?service_type=pump_out").data["slots"][0]
        booking = jane("POST", "/api/booking-requests", {"property_id": "prop-1", "service_type": "pump_out", "slot_id": slot["id"]})
        assert booking.status_code == 201, booking.data
        yield jane, booking.data["id"]


def test_a_portal_bookings_appointment_takes_the_status_and_my_bookings_shows_it(admin, booked):
    jane, booking_id = booked

    early = status(admin, {"status": "en_route", "eta": "13:15"}, f"booking-{booking_id}")  # the day before
    with portal_clock.frozen_at(NOW + timedelta(days=1)):  # the visit's morning
        answer = status(admin, {"status": "en_route", "eta": "13:15"}, f"booking-{booking_id}")
        deliver()

    assert early.status_code == 409 and "from the start of its day" in early.data["message"]

    assert answer.status_code == 200, answer.data
    [item] = [b for b in jane("GET", "/api/booking-requests").data["items"] if b["id"] == booking_id]
    assert (item["visit_status"], item["eta"]) == ("en_route", "13:15")
    assert any("is on the way" in mail and "arriving about 1:15 PM" in mail for mail in jane_mails())
