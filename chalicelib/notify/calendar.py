"""Calendar invitations (.ics) for booked visits, attached to the booking emails.

A later version of the same visit (rescheduled, cancelled) keeps its ``uid`` and raises its
``sequence``, so the customer's calendar updates or removes the event instead of adding another.
"""
from __future__ import annotations

import datetime as dt
from chalicelib import clock
from zoneinfo import ZoneInfo

PRODID = "-//Septic customer portal//Bookings//EN"


def booking_ics(
    *,
    uid: str,
    sequence: int,
    summary: str,
    description: str,
    location: str,
    date: str,
    window_start: str,
    window_end: str,
    timezone: str,
    organizer_name: str,
    organizer_email: str | None,
    attendee_email: str | None = None,
    attendee_name: str | None = None,
    url: str | None = None,
    cancelled: bool = False,
) -> str:
    """One visit as a VCALENDAR: ``date`` "2026-11-24", the arrival window "08:00"–"12:00" in the
    company's IANA ``timezone``; METHOD:CANCEL when ``cancelled``, else METHOD:REQUEST.

    The customer is the attendee, already accepted and not asked to reply (the booking is the
    answer): mail clients show a REQUEST with its attendee as an invitation to add to the calendar.
    """
    import icalendar  # about 30 ms on top of the app's imports: only booking emails pay for it

    zone = ZoneInfo(timezone)
    day = dt.date.fromisoformat(date)
    event = icalendar.Event.new(
        uid=uid,
        sequence=sequence,
        stamp=clock.now(),
        start=dt.datetime.combine(day, dt.time.fromisoformat(window_start), tzinfo=zone),
        end=dt.datetime.combine(day, dt.time.fromisoformat(window_end), tzinfo=zone),
        summary=summary,
        description=description,
        location=location,
        status="CANCELLED" if cancelled else "CONFIRMED",
        organizer=icalendar.vCalAddress.new(organizer_email, cn=organizer_name) if organizer_email else None,
        attendees=[icalendar.vCalAddress.new(attendee_email, cn=attendee_name, role="REQ-PARTICIPANT",
                                             partstat="ACCEPTED", rsvp=False)] if attendee_email else None,
        url=url,
    )
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    calendar.add_component(event)
    # The zone's rules for the year around the visit: enough for any client, a few hundred bytes.
    year = dt.timedelta(days=366)
    calendar.add_missing_timezones(first_date=day - year, last_date=day + year)
    return calendar.to_ical().decode()
