"""The office's bookings page in Chromium (issue 16 item 5): the dispatcher answers the queue (a
decline with a reason the customer then reads, a confirmation naming the technician), and the
week shows an instant booking against its window's capacity, on a phone and on a tablet."""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from tests.e2e.conftest import demo_api, sign_in_as_demo
from tests.e2e.test_office_console import _fits, _serious_axe_violations, _shot, _sign_in

REASON = "No inspector is free that week; please ask for another week."



def _working_day(options: dict[str, Any], after: int = 0) -> str:
    """A weekday the company works, ``after`` days past the first date a customer may ask for."""
    day = date.fromisoformat(options["earliest_date"]) + timedelta(days=after)
    while day.weekday() >= 5 or day.isoformat() in options["blackout_dates"]:
        day += timedelta(days=1)
    return day.isoformat()


def test_the_dispatcher_declines_and_confirms_requests_from_the_queue(portal, phone):
    # Given the demo customer has asked for an inspection (and Sam Lee's request waits from the demo)
    customer = demo_api(portal)
    options = customer.get(f"{portal}/api/booking/options", timeout=10).json()
    asked = customer.post(f"{portal}/api/booking-requests", json={
        "property_id": "prop-home", "service_type": "inspection", "confirm_duplicate": True,
        "notes": "Any weekday works for us.", "preferred": [{"date": _working_day(options, 2), "window": "afternoon"}],
    }, timeout=10)
    assert asked.status_code == 201, asked.text

    # When the dispatcher opens Bookings from the console's menu
    _sign_in(portal, phone, "dispatch@example.com")
    phone.get_by_role("button", name="Menu").click()
    phone.locator(".site-nav").get_by_role("link", name="Bookings", exact=True).click()
    phone.get_by_role("heading", name="Requests waiting for an answer").wait_for()
    sam = phone.locator("main li.card").filter(has=phone.get_by_role("heading", name="Septic inspection for Sam Lee"))
    sam.wait_for()
    mine = phone.locator("main li.card").filter(has_text="Any weekday works for us.")
    assert "(217) 555-0143" in mine.inner_text() and "12 Oak Street" in mine.inner_text()
    phone.get_by_role("heading", name=re.compile(r"^This week: ")).wait_for()
    assert _serious_axe_violations(phone) == []
    assert _fits(phone)
    _shot(phone, "bookings-queue")

    # Then she declines the demo customer's request with a reason
    mine.get_by_text("Decline this request").click()
    mine.get_by_label("Reason (optional)").fill(REASON)
    _shot(phone, "bookings-decline")
    mine.get_by_role("button", name="Decline request").click()
    phone.get_by_text(f"It was declined (reason: {REASON.rstrip('.')}). Alex Morgan gets an email about it.").wait_for()

    # And confirms Sam's on a Saturday instead of the times he asked for (the first is chosen at
    # first), naming the technician: the page warns the company does not work then, and confirms
    # when she presses again
    assert sam.get_by_role("radio").first.is_checked()
    saturday = date.fromisoformat(_working_day(options, 7))
    saturday += timedelta(days=5 - saturday.weekday())
    sam.get_by_role("radio", name="Another day and time").check()
    sam.get_by_label("Date").fill(saturday.isoformat())
    sam.get_by_label("Window").select_option("morning")
    sam.get_by_label("Technician (optional)").fill("Maria Chen")
    sam.get_by_role("button", name="Confirm").click()
    sam.get_by_text("We don’t work that day. We do not work on Saturdays, so").wait_for()
    assert "allow_closed_day" not in sam.inner_text()
    _shot(phone, "bookings-closed-day")
    sam.get_by_role("button", name="Confirm anyway").click()
    confirmed = phone.get_by_text(re.compile(r"It was confirmed for Saturday, .+ with Maria Chen\. Sam Lee gets an email about it\."))
    confirmed.wait_for()
    assert _serious_axe_violations(phone) == []
    _shot(phone, "bookings-answered")

    # The confirmed visit is in its week, with the technician
    phone.goto(f"{portal}/office/bookings?week={saturday.isoformat()}")
    day = phone.locator("li.week-day").filter(has=phone.get_by_role("heading", name=re.compile(_long_day(saturday.isoformat()))))
    day.get_by_text("Sam Lee").wait_for()
    assert "Septic inspection, 77 Maple Avenue, Springfield, with Maria Chen (confirmed request)" in day.inner_text()
    _shot(phone, "bookings-week-of-the-visit")

    # And the customer reads the reason on their bookings page
    sign_in_as_demo(portal, phone)
    phone.goto(f"{portal}/bookings")
    phone.get_by_text(REASON).wait_for()


def test_the_week_shows_an_instant_booking_against_its_window_s_places(portal, phone):
    customer = demo_api(portal)
    slots = customer.get(f"{portal}/api/booking/slots?service_type=pump_out", timeout=10).json()["slots"]
    slot = slots[-1]  # far ahead: no other test books it
    booked = customer.post(f"{portal}/api/booking-requests", json={
        "property_id": "prop-rental", "service_type": "pump_out", "slot_id": slot["id"], "confirm_duplicate": True}, timeout=10)
    assert booked.status_code == 201, booked.text
    try:
        _sign_in(portal, phone, "owner@example.com")
        phone.goto(f"{portal}/office/bookings?week={slot['date']}")
        day = phone.locator("li.week-day").filter(has=phone.get_by_role("heading", name=re.compile(_long_day(slot["date"]))))
        day.get_by_text("Alex Morgan").wait_for()
        window = day.locator(".week-window").filter(has_text=slot["window"].capitalize())
        capacity = {"morning": 2, "afternoon": 1}[slot["window"]]
        taken = capacity - slot["remaining"] + 1
        assert f"Septic pump-out: {taken} of {capacity} booked" in window.inner_text()
        assert ("(full)" in window.inner_text()) == (taken == capacity)
        assert "Alex Morgan" in window.inner_text()
        assert _serious_axe_violations(phone) == []
        assert _fits(phone)
        _shot(phone, "bookings-week-phone")

        # Next week and back again, the page says which week it shows
        heading = phone.get_by_role("heading", name=re.compile(r"^(This week|Week of) "))
        shown = heading.inner_text()
        phone.get_by_role("button", name="Next week").click()
        phone.wait_for_function("(before) => document.querySelector('.week-title')?.textContent !== before", arg=shown)
        assert "week=" in phone.url
        phone.get_by_role("button", name="Previous week").click()
        phone.get_by_role("heading", name=shown).wait_for()
        day.get_by_text("Alex Morgan").wait_for()

        # On a tablet the week is a grid that fits the screen
        phone.set_viewport_size({"width": 768, "height": 1024})
        assert _fits(phone)
        columns = phone.evaluate("() => getComputedStyle(document.querySelector('ol.week-days')).gridTemplateColumns.split(' ').length")
        assert columns >= 2
        _shot(phone, "bookings-week-tablet")
    finally:
        customer.post(f"{portal}/api/booking-requests/{booked.json()['id']}/cancel", timeout=10)


def _long_day(iso: str) -> str:
    """The day's heading as the page writes it ("Tuesday, December 1")."""
    day = date.fromisoformat(iso)
    return f"^{day.strftime('%A, %B')} {day.day}"
