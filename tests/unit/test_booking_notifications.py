"""Booking emails read right for homeowners and the office; the calendar invitation lands at the right time."""
from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import icalendar
import pytest

from chalicelib import company
from chalicelib.notify import Attachment, render
from chalicelib.notify.calendar import booking_ics

BOOKINGS_URL = "https://portal.test.example/bookings"
WHEN = "Tuesday, November 24, 8:00 AM – 12:00 PM"
DISPATCH_URL = "https://portal.test.example/dispatch#token="
PREFERRED = [
    {"label": "Tuesday, November 24 · morning (8:00–12:00)", "confirm_url": f"{DISPATCH_URL}first"},
    {"label": "Wednesday, November 25 · afternoon (12:00–16:00)", "confirm_url": f"{DISPATCH_URL}second"},
]


@pytest.fixture(autouse=True)
def branded(monkeypatch: pytest.MonkeyPatch) -> None:
    branding = {"company_name": "Clearwater Septic", "phone": "+12175550142"}
    settings = company.merge(company.DEFAULTS, {"branding": branding})
    monkeypatch.setattr(company, "current", lambda: settings)


def _customer(**overrides: object) -> dict[str, object]:
    return {"name": "Alex", "service_name": "Septic pump-out", "property_label": "12 Oak Street, Springfield",
            "url": BOOKINGS_URL, **overrides}


def _dispatch(**overrides: object) -> dict[str, object]:
    return {
        "mode": "request",
        "customer": {"name": "Alex Morgan", "email": "alex@example.com", "phone": "+12175550199"},
        "property_label": "12 Oak Street",
        "system": [{"label": "System type", "value": "Conventional"}, {"label": "Tank size gallons", "value": "1000"}],
        "access_notes": "Lid behind the shed; the dog is friendly",
        "service_name": "Septic pump-out",
        "preferred": PREFERRED,
        "when": "",
        "notes": "Please call before you come",
        "decline_url": f"{DISPATCH_URL}decline",
        "board_hint": "Booking b-1 is also in the list of booking requests on the dispatch board.",
        **overrides,
    }


def _ics(**overrides: object) -> str:
    values: dict[str, object] = {
        "uid": "b-1@portal.test.example", "sequence": 0, "summary": "Septic pump-out – Clearwater Septic",
        "description": "Arrival window 08:00–12:00. Manage your booking: https://portal.test.example/bookings",
        "location": "12 Oak Street, Springfield, IL, 62704", "date": "2026-11-24", "window_start": "08:00",
        "window_end": "12:00", "timezone": "America/Chicago", "organizer_name": "Clearwater Septic",
        "organizer_email": "office@clearwater.example", **overrides,
    }
    return booking_ics(**values)  # type: ignore[arg-type]


# -- customer emails ------------------------------------------------------------------------------

def test_received_request_lists_the_preferred_times_and_says_it_is_not_booked_yet():
    message = render.email("booking_received", _customer(preferred=PREFERRED, notes="Gate code 4512"))

    assert message.subject == "We received your booking request: Septic pump-out – Clearwater Septic"
    for text in (message.text, message.html):
        assert "Tuesday, November 24 · morning (8:00–12:00)" in text
        assert "Wednesday, November 25 · afternoon (12:00–16:00)" in text
        assert "not booked yet" in text
        assert "Gate code 4512" in text
    assert f"See your bookings: {BOOKINGS_URL}" in message.text
    assert f'href="{BOOKINGS_URL}"' in message.html
    assert "(217) 555-0142" in message.text  # the company's phone, as people write it


def test_customer_notes_are_escaped_in_html_and_left_as_typed_in_text():
    notes = "<script>alert(1)</script> & dogs"
    message = render.email("booking_received", _customer(preferred=PREFERRED[:1], notes=notes))

    assert "<script>" not in message.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; dogs" in message.html
    assert "<script>alert(1)</script> & dogs" in message.text


def test_received_request_without_notes_says_nothing_about_notes():
    message = render.email("booking_received", _customer(preferred=PREFERRED[:1], notes=""))

    assert "notes" not in message.text.lower() and "notes" not in message.html.lower()


def test_confirmation_gives_the_arrival_window_technician_and_change_deadline():
    message = render.email("booking_confirmed", _customer(when=WHEN, technician_name="Sam Rivera",
                                                          cancel_by="Monday, November 23, 8:00 AM"))

    assert message.subject == f"Booked: Septic pump-out on {WHEN}"
    for text in (message.text, message.html):
        assert f"Arrival window: {WHEN}" in text.replace("<strong>", "").replace("</strong>", "")
        assert "Technician: Sam Rivera" in text
        assert "until Monday, November 23, 8:00 AM" in text
        assert "calendar invitation attached" in text
    assert BOOKINGS_URL in message.text and f'href="{BOOKINGS_URL}"' in message.html


def test_confirmation_without_technician_or_deadline_leaves_them_out():
    message = render.email("booking_confirmed", _customer(when=WHEN, technician_name=None, cancel_by=None))

    assert "Technician" not in message.text and "Technician" not in message.html
    assert "until" not in message.text and "None" not in message.text and "None" not in message.html


def test_declined_request_gives_the_reason_and_a_way_to_book_again():
    message = render.email("booking_declined", _customer(reason="We are fully booked <that> week.",
                                                         url="https://portal.test.example/book"))

    assert message.subject == "We could not book your Septic pump-out – Clearwater Septic"
    assert "From our office: We are fully booked <that> week." in message.text
    assert "We are fully booked &lt;that&gt; week." in message.html
    assert "Choose other dates: https://portal.test.example/book" in message.text
    assert 'href="https://portal.test.example/book"' in message.html
    assert 'href="tel:+12175550142"' in message.html


def test_declined_request_without_a_reason_has_no_empty_reason_line():
    message = render.email("booking_declined", _customer(reason="", url="https://portal.test.example/book"))

    assert "From our office" not in message.text and "From our office" not in message.html


def test_cancellation_names_the_visit_and_links_to_book_again():
    message = render.email("booking_cancelled", _customer(when=WHEN))

    assert message.subject == f"Cancelled: Septic pump-out on {WHEN}"
    assert f"Septic pump-out at 12 Oak Street, Springfield on {WHEN} is cancelled" in message.text
    assert "removes it" in message.text  # the attached CANCEL takes it off their calendar
    assert f'href="{BOOKINGS_URL}"' in message.html


# -- the dispatcher's email -----------------------------------------------------------------------

@pytest.mark.parametrize(("mode", "subject"), [
    ("request", "Booking request: Septic pump-out at 12 Oak Street — Alex Morgan"),
    ("instant", "New booking: Septic pump-out at 12 Oak Street — Alex Morgan"),
])
def test_dispatch_subject_says_what_where_and_who(mode, subject):
    message = render.email("dispatch_request", _dispatch(mode=mode, when=WHEN))

    assert message.subject == subject


def test_dispatch_request_has_one_confirm_link_per_preferred_time_and_explains_them():
    message = render.email("dispatch_request", _dispatch())

    assert f"Confirm Tuesday, November 24 · morning (8:00–12:00):\n{DISPATCH_URL}first" in message.text
    assert f"Confirm Wednesday, November 25 · afternoon (12:00–16:00):\n{DISPATCH_URL}second" in message.text
    assert f"None of these work? Decline:\n{DISPATCH_URL}decline" in message.text
    assert f'href="{DISPATCH_URL}first"' in message.html and f'href="{DISPATCH_URL}second"' in message.html
    assert "Confirm Wednesday, November 25 · afternoon (12:00–16:00)</a>" in message.html
    assert f'href="{DISPATCH_URL}decline"' in message.html
    for text in (message.text, message.html):
        assert "nothing changes until you press the button there" in text
        assert "works once and expires in 7 days" in text


def test_dispatch_email_has_what_the_office_needs_to_plan_the_visit():
    message = render.email("dispatch_request", _dispatch())

    for line in ("Email: alex@example.com", "Phone: (217) 555-0199", "Property: 12 Oak Street",
                 "System type: Conventional", "Tank size gallons: 1000",
                 "Site access: Lid behind the shed; the dog is friendly",
                 "Customer's notes: Please call before you come", "Booking b-1 is also in the list of booking requests on the dispatch board."):
        assert line in message.text
    assert 'href="tel:+12175550199"' in message.html and 'href="mailto:alex@example.com"' in message.html


def test_instant_booking_shows_the_slot_and_no_confirm_links():
    message = render.email("dispatch_request", _dispatch(mode="instant", when=WHEN, preferred=[], decline_url=None))

    assert f"When: {WHEN}" in message.text
    assert "dispatch#token" not in message.text and "dispatch#token" not in message.html
    assert "Confirm" not in message.text


def test_everything_the_customer_typed_is_escaped_in_the_dispatch_html():
    message = render.email("dispatch_request", _dispatch(
        customer={"name": "<b>Alex</b>", "email": "alex@example.com", "phone": ""},
        access_notes="<img src=x onerror=alert(1)>", notes="<script>x</script>",
        system=[{"label": "System type", "value": "<i>Mound</i>"}],
    ))

    for raw in ("<b>Alex</b>", "<img src=x", "<script>x</script>", "<i>Mound</i>"):
        assert raw not in message.html
    assert "&lt;b&gt;Alex&lt;/b&gt;" in message.html
    assert "Phone" not in message.text  # no phone on file: no empty line for it


# -- the calendar invitation ----------------------------------------------------------------------

def test_invitation_starts_and_ends_with_the_window_in_the_companys_time_zone():
    calendar = icalendar.Calendar.from_ical(_ics())

    [event] = calendar.events
    assert calendar["METHOD"] == "REQUEST"
    assert str(event.start.tzinfo) == "America/Chicago"
    assert event.start.astimezone(timezone.utc) == datetime(2026, 11, 24, 14, 0, tzinfo=timezone.utc)
    assert event.end.astimezone(timezone.utc) == datetime(2026, 11, 24, 18, 0, tzinfo=timezone.utc)
    assert [tz.tz_name for tz in calendar.timezones] == ["America/Chicago"]  # VTIMEZONE for clients that need it


def test_a_summer_visit_follows_daylight_saving_time():
    event = icalendar.Calendar.from_ical(_ics(date="2026-07-14")).events[0]

    assert event.start.astimezone(timezone.utc) == datetime(2026, 7, 14, 13, 0, tzinfo=timezone.utc)


def test_invitation_carries_the_visits_identity_and_words():
    event = icalendar.Calendar.from_ical(_ics(sequence=3)).events[0]

    assert str(event["UID"]) == "b-1@portal.test.example"
    assert event["SEQUENCE"] == 3
    assert event["STATUS"] == "CONFIRMED"
    assert str(event["SUMMARY"]) == "Septic pump-out – Clearwater Septic"
    assert str(event["LOCATION"]) == "12 Oak Street, Springfield, IL, 62704"
    assert "https://portal.test.example/bookings" in str(event["DESCRIPTION"])
    assert str(event["ORGANIZER"]) == "mailto:office@clearwater.example"
    assert event["ORGANIZER"].params["CN"] == "Clearwater Septic"
    assert event["DTSTAMP"].dt.tzinfo is not None


def test_the_customer_is_the_invitations_accepted_attendee_so_mail_clients_offer_to_add_it():
    event = icalendar.Calendar.from_ical(_ics(attendee_email="alex@example.com", attendee_name="Alex Morgan",
                                              url=BOOKINGS_URL)).events[0]

    attendee = event["ATTENDEE"]
    assert str(attendee) == "mailto:alex@example.com"
    assert (attendee.params["CN"], attendee.params["PARTSTAT"], attendee.params["RSVP"]) == ("Alex Morgan", "ACCEPTED", "FALSE")
    assert str(event["URL"]) == BOOKINGS_URL


def test_cancelled_invitation_removes_the_same_event():
    calendar = icalendar.Calendar.from_ical(_ics(sequence=1, cancelled=True))

    [event] = calendar.events
    assert calendar["METHOD"] == "CANCEL"
    assert event["STATUS"] == "CANCELLED"
    assert (str(event["UID"]), event["SEQUENCE"]) == ("b-1@portal.test.example", 1)


def test_invitation_without_a_company_email_has_no_organizer():
    event = icalendar.Calendar.from_ical(_ics(organizer_email=None)).events[0]

    assert "ORGANIZER" not in event


def test_only_text_attachments_are_accepted():
    with pytest.raises(ValueError, match="text"):
        Attachment("report.pdf", "application/pdf", "%PDF-1.7")
    with pytest.raises(ValueError):
        Attachment("booking.ics", "calendar", "BEGIN:VCALENDAR")


def test_pages_that_send_no_booking_email_do_not_load_the_calendar_library():
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, app, chalicelib.notify.calendar; print('icalendar' in sys.modules)"],
        capture_output=True, text=True, check=True, cwd=Path(__file__).parents[2],
    ).stdout.strip()

    assert loaded == "False"


# -- the customer changed a booking: the office hears it ----------------------------------------------

def _change(**overrides: object) -> dict[str, object]:
    return {"change": "cancelled", "customer": {"name": "Alex Morgan", "email": "alex@example.com", "phone": "+12175550199"},
            "property_label": "12 Oak Street", "service_name": "Septic pump-out", "was": WHEN, "now": "",
            "preferred": [], "technician_name": None, "booking_id": "b-1", **overrides}


def test_a_cancellation_tells_the_office_which_visit_is_off_and_who_to_call():
    message = render.email("dispatch_change", _change(technician_name="Sam Rivera"))

    assert message.subject == "Booking cancelled: Septic pump-out at 12 Oak Street — Alex Morgan"
    assert f"Was: {WHEN}" in message.text and "Sam Rivera was assigned" in message.text
    assert "Phone: (217) 555-0199" in message.text and "Booking: b-1" in message.text
    assert f"<s>{WHEN}</s>" in message.html


def test_a_move_shows_the_old_and_the_new_time():
    later = "Wednesday, November 25, 12:00 PM – 4:00 PM"
    message = render.email("dispatch_change", _change(change="moved", now=later))

    assert message.subject == "Booking moved: Septic pump-out at 12 Oak Street — Alex Morgan"
    assert f"Was: {WHEN}\nNow: {later}" in message.text
    assert "old slot is free again" in message.text


def test_a_withdrawn_request_lists_what_was_asked_and_says_the_links_are_dead():
    message = render.email("dispatch_change", _change(was="", preferred=[PREFERRED[0]["label"]]))

    assert "withdrew their request" in message.text and "links in the request email no longer work" in message.text
    assert f"Asked for: {PREFERRED[0]['label']}" in message.text
    assert "Was:" not in message.text
