"""A booking email with its calendar invitation goes through the outbox and SES intact."""
from __future__ import annotations

import email
from email import policy
from email.message import EmailMessage
from typing import Any

import icalendar
import pytest

from chalicelib import notify
from chalicelib.db.models import OutboxMessage
from chalicelib.notify import Attachment, outbox, queue
from chalicelib.notify.calendar import booking_ics
from tests.conftest import email_text, sent_emails

CONFIRMED = {
    "name": "Alex", "service_name": "Septic pump-out", "property_label": "12 Oak Street, Springfield",
    "when": "Tuesday, November 24, 8:00 AM – 12:00 PM", "technician_name": "Sam Rivera",
    "url": "https://portal.test.example/bookings", "cancel_by": "Monday, November 23, 8:00 AM",
}


def _invitation(*, cancelled: bool = False) -> Attachment:
    ics = booking_ics(
        uid="b-1@portal.test.example", sequence=1 if cancelled else 0, summary="Septic pump-out – Septic Service",
        description="Arrival window 08:00–12:00. Manage your booking: https://portal.test.example/bookings",
        location="12 Oak Street, Springfield, IL, 62704", date="2026-11-24", window_start="08:00", window_end="12:00",
        timezone="America/Chicago", organizer_name="Septic Service", organizer_email="office@septic.example",
        cancelled=cancelled,
    )
    return Attachment("booking.ics", f"text/calendar; method={'CANCEL' if cancelled else 'REQUEST'}", ics)


def _calendar_part(raw: str) -> Any:
    mime: EmailMessage = email.message_from_string(raw, policy=policy.default)
    [part] = [part for part in mime.walk() if part.get_content_type() == "text/calendar"]
    return mime, part


def test_confirmation_reaches_ses_with_an_invitation_calendars_can_read(aws):
    notify.email("alex@example.com", "booking_confirmed", CONFIRMED, attachments=[_invitation()])

    assert outbox.deliver_due().sent == 1

    [sent] = sent_emails()
    mime, part = _calendar_part(sent.raw_data)
    assert mime.get_content_type() == "multipart/mixed"
    assert "Arrival window: Tuesday, November 24, 8:00 AM – 12:00 PM" in email_text(sent)
    assert mime.get_body(("html",)) is not None
    assert part.get_filename() == "booking.ics"
    assert part.get_param("method") == "REQUEST"
    assert part.get_payload(decode=True).startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")  # CRLF, as RFC 5545 says
    calendar = icalendar.Calendar.from_ical(part.get_content())
    [event] = calendar.events
    assert calendar["METHOD"] == "REQUEST"
    assert str(event["UID"]) == "b-1@portal.test.example"
    assert event.start.isoformat() == "2026-11-24T08:00:00-06:00"


def test_cancellation_sends_a_cancel_for_the_same_event(aws):
    notify.email("alex@example.com", "booking_cancelled", {**CONFIRMED}, attachments=[_invitation(cancelled=True)])

    outbox.deliver_due()

    [sent] = sent_emails()
    _, part = _calendar_part(sent.raw_data)
    calendar = icalendar.Calendar.from_ical(part.get_content())
    assert part.get_param("method") == "CANCEL"
    assert calendar["METHOD"] == "CANCEL"
    assert str(calendar.events[0]["UID"]) == "b-1@portal.test.example"


def test_outbox_page_lists_the_attachment(aws):
    with_invitation = notify.email("alex@example.com", "booking_confirmed", CONFIRMED, attachments=[_invitation()])
    without = notify.email("alex@example.com", "test_message")

    views = {view["id"]: view for view in outbox.recent()}

    [attachment] = views[with_invitation]["attachments"]
    assert attachment["filename"] == "booking.ics"
    assert attachment["content_type"] == "text/calendar; method=REQUEST"
    assert attachment["data"].startswith("BEGIN:VCALENDAR")
    assert views[without]["attachments"] == []


def test_the_same_dedupe_key_still_sends_one_confirmation(aws):
    first = notify.email("alex@example.com", "booking_confirmed", CONFIRMED, attachments=[_invitation()],
                         dedupe_key="booking:b-1:confirmed:0")
    again = notify.email("alex@example.com", "booking_confirmed", CONFIRMED, attachments=[_invitation()],
                         dedupe_key="booking:b-1:confirmed:0")

    outbox.deliver_due()

    assert first == again
    assert len(sent_emails()) == 1


def test_oversize_attachments_are_refused_and_nothing_is_queued(aws):
    big = Attachment("notes.txt", "text/plain", "x" * (queue.MAX_ATTACHMENT_BYTES - 10))

    with pytest.raises(ValueError, match="bytes"):
        notify.email("alex@example.com", "booking_confirmed", CONFIRMED, attachments=[big, _invitation()])

    assert list(OutboxMessage.scan()) == []
    assert outbox.deliver_due().sent == 0
