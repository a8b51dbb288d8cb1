"""Booking service (F11) in a real browser on a 360 px phone: the demo customer books a free pump-out
time, sends an inspection request that the dispatcher confirms from the link in the office's email,
and cancels a booking from My bookings.
"""
from __future__ import annotations

import re
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import icalendar
import requests

from tests.e2e.conftest import ADMIN, running_portal, sign_in_as_demo

DISPATCHER = "dispatch@example.com"
CONFIRM_LINK = "/dispatch#token="
_HTTP_ANSWER = re.compile(r"^Failed to load resource: the server responded with a status of 4\d\d")


def _axe_violations(page: Any) -> str | None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return results.generate_report() if results.violations_count else None


def _api(page: Any, path: str) -> Any:
    """GET an API route with the page's session, as the page's own scripts would."""
    return page.evaluate("path => fetch(path, { headers: { Accept: 'application/json' } }).then(r => r.json())", path)


def _booking_card(page: Any, *texts: str) -> Any:
    card = page.locator("main li.card")
    for text in texts:
        card = card.filter(has_text=text)
    return card


@dataclass
class FreeTime:
    radio: Any
    slot_id: str  # "pump_out:2026-11-24:morning"
    day: str  # as shown: "Tuesday, November 24"
    times: str  # as shown: "8:00 AM – 12:00 PM"


def _free_time(page: Any, index: int = 0) -> FreeTime:
    """The index-th free time offered on /book."""
    group = page.get_by_role("group", name="Choose a time")
    group.get_by_role("radio").first.wait_for()
    radio = group.get_by_role("radio").nth(index)
    day = radio.locator("xpath=ancestor::fieldset[1]/legend").inner_text()
    label = radio.locator("xpath=..").inner_text().splitlines()[0]  # "Morning, 8:00 AM – 12:00 PM"
    return FreeTime(radio, radio.get_attribute("value"), day, label.split(", ", 1)[1])


DANGER_RED = "rgb(179, 38, 30)"  # #b3261e, the error colour


def _dispatcher_link(portal: str, marker: str) -> str:
    """The first confirm link in the office's email about the request whose notes carry marker."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        for item in requests.get(f"{portal}/api/dev/outbox", timeout=5).json()["items"]:
            links = [link for link in item["links"] if CONFIRM_LINK in link]
            if item["template"] == "dispatch_request" and item["to"] == DISPATCHER and marker in (item["text"] or "") and links:
                return links[0]
        time.sleep(0.3)
    raise AssertionError("no dispatch_request email with a confirm link reached the dispatcher")


def _working_day(day: date) -> date:
    """The first weekday from day on (the demo works Monday to Friday, with a few blackouts)."""
    while day.weekday() >= 5 or (day.month, day.day) in ((12, 24), (12, 25), (1, 1)):
        day += timedelta(days=1)
    return day


@contextmanager
def _another_phone(browser: Any) -> Iterator[Any]:
    """A second person's phone (no customer session), failing on script errors like the phone fixture."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and not _HTTP_ANSWER.match(m.text) and errors.append(m.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield page
    finally:
        context.close()
    assert errors == [], f"the dispatcher's browser console reported errors: {errors}"


def test_customer_books_a_free_pump_out_time_and_sees_it_in_my_bookings_and_on_the_dashboard(portal, phone):
    sign_in_as_demo(portal, phone)

    # Given: the pump-out due at 12 Oak Street is already booked, so the dashboard says so
    oak = _booking_card(phone, "12 Oak Street, Springfield")
    oak.get_by_text(re.compile("^Pump-out booked for")).wait_for()
    assert oak.get_by_role("link", name="Book a pump-out").count() == 0
    phone.goto(f"{portal}/book?property=prop-home&service=pump_out")
    assert phone.get_by_role("radio", name="12 Oak Street, Springfield").is_checked()
    assert phone.get_by_role("radio", name=re.compile("Septic pump-out")).is_checked()
    chosen = _free_time(phone)
    assert (violations := _axe_violations(phone)) is None, violations
    assert phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0

    # When: a time is chosen, the page asks first, since a pump-out is already booked there
    chosen.radio.check()
    phone.get_by_role("button", name="Book this time").click()
    phone.get_by_text(re.compile(r"You already have a septic pump-out booked for .+ at this property\. Book another\?")).wait_for()
    # And: the customer says yes (a double tap books once)
    phone.get_by_role("button", name="Yes, book another").dblclick()

    # Then: it is booked, in My bookings once, and on the dashboard as an appointment
    phone.get_by_role("heading", name="You’re booked").wait_for()
    assert f"{chosen.day}, {chosen.times}" in phone.locator("main").inner_text()
    phone.get_by_role("link", name="My bookings").click()
    phone.get_by_role("heading", name="My bookings").wait_for()
    booked = _booking_card(phone, "Septic pump-out", "12 Oak Street, Springfield", f"{chosen.day}, {chosen.times}")
    booked.first.wait_for()
    assert booked.count() == 1
    assert "Confirmed" in booked.inner_text()
    assert (violations := _axe_violations(phone)) is None, violations

    phone.goto(f"{portal}/dashboard")
    oak = _booking_card(phone, "12 Oak Street, Springfield")
    oak.get_by_text(f"{chosen.day} · {chosen.times}").wait_for()

    # And: the confirmation in the local outbox carries the calendar invitation, downloadable
    phone.goto(f"{portal}/dev/outbox.html")
    email = phone.locator("article.card").filter(has=phone.get_by_role("heading", name=f"Booked: Septic pump-out on {chosen.day}, {chosen.times}"))
    email.get_by_text("Show the message").click()
    with phone.expect_download() as download:
        email.get_by_role("link", name="booking.ics").click()
    invitation = icalendar.Calendar.from_ical(Path(download.value.path()).read_text())
    assert invitation["METHOD"] == "REQUEST"
    assert invitation.events[0].start.date() == date.fromisoformat(chosen.slot_id.split(":")[1])


def test_inspection_request_is_confirmed_by_the_dispatcher_from_the_email_link(portal, phone, browser):
    sign_in_as_demo(portal, phone)
    marker = f"Outlet baffle check {uuid.uuid4().hex[:8]}"

    # Given: the customer asks for an inspection on two dates
    phone.goto(f"{portal}/book?service=inspection")
    phone.get_by_role("radio", name="480 County Road 9, Chatham").check()
    options = _api(phone, "/api/booking/options")
    first = _working_day(date.fromisoformat(options["earliest_date"]) + timedelta(days=3))
    second = _working_day(first + timedelta(days=1))
    phone.get_by_role("group", name="First choice").get_by_label("Date").fill(first.isoformat())
    phone.get_by_role("button", name="Add another date").click()
    second_choice = phone.get_by_role("group", name="Second choice")
    second_choice.get_by_label("Date").fill(second.isoformat())
    second_choice.get_by_role("radio", name=re.compile("^Afternoon")).check()
    phone.get_by_label("Notes for us (optional)").fill(marker)
    assert (violations := _axe_violations(phone)) is None, violations
    phone.get_by_role("button", name="Send request").click()
    phone.get_by_role("heading", name="Request sent").wait_for()
    assert "We’ll email you when it’s confirmed" in phone.locator("main").inner_text()

    phone.get_by_role("link", name="My bookings").click()
    requested = _booking_card(phone, marker)
    requested.wait_for()
    assert "Requested" in requested.inner_text()

    # When: the dispatcher opens the first confirm link from the office's email
    link = _dispatcher_link(portal, marker)
    office_email = next(item for item in requests.get(f"{portal}/api/dev/outbox", timeout=5).json()["items"]
                        if item["template"] == "dispatch_request" and marker in (item["text"] or ""))
    assert "/api/" not in office_email["text"] and "on the dispatch board" in office_email["text"]
    with _another_phone(browser) as office:
        office.goto(link)
        office.get_by_role("heading", name="Confirm this booking?").wait_for()
        page_text = office.locator("main").inner_text()
        assert "Alex Morgan" in page_text and "480 County Road 9, Chatham" in page_text and marker in page_text
        assert (violations := _axe_violations(office)) is None, violations

        # Then: opening the page changed nothing
        mine = [b for b in _api(phone, "/api/booking-requests")["items"] if b["notes"] == marker]
        assert [b["status"] for b in mine] == ["requested"]

        # When: the dispatcher presses the button
        office.get_by_label("Technician (optional)").fill("Maria Chen")
        office.get_by_role("button", name="Confirm booking").click()
        office.get_by_role("heading", name="Booking confirmed").wait_for()
        assert "Maria Chen" in office.locator("main").inner_text()

        # Then: the same link, opened again, says it was already confirmed and offers no button
        office.goto(link)
        office.get_by_role("heading", name="This request was already answered").wait_for()
        assert "It was confirmed for" in office.locator("main").inner_text()
        answered = office.locator("main").inner_text()
        assert "Hidden once the request is answered" in answered and "Not on file" not in answered
        assert office.get_by_role("button", name="Confirm booking").count() == 0

    phone.reload()
    confirmed = _booking_card(phone, marker)
    confirmed.wait_for()
    assert "Confirmed" in confirmed.inner_text() and "Maria Chen" in confirmed.inner_text()


def test_customer_cancels_a_booking_from_my_bookings_after_confirming(portal, phone):
    sign_in_as_demo(portal, phone)

    # Given: a pump-out booked at the rental
    phone.goto(f"{portal}/book?property=prop-rental&service=pump_out")
    chosen = _free_time(phone, index=3)  # not the time the first test takes
    chosen.radio.check()
    phone.get_by_role("button", name="Book this time").click()
    phone.get_by_role("heading", name="You’re booked").wait_for()
    phone.goto(f"{portal}/bookings")
    card = _booking_card(phone, "480 County Road 9, Chatham", f"{chosen.day}, {chosen.times}", "Confirmed")
    card.wait_for()

    # When: "Cancel booking" is pressed, then "No, keep it": nothing changes
    card.get_by_role("button", name="Cancel booking").click()
    card.get_by_text(re.compile(r"^Cancel your septic pump-out on")).wait_for()
    card.get_by_role("button", name="No, keep it").click()
    assert card.get_by_role("button", name="Cancel booking").evaluate("el => el === document.activeElement")

    # When: it is pressed again and confirmed
    card.get_by_role("button", name="Cancel booking").click()
    yes = card.get_by_role("button", name="Yes, cancel it")
    # the step that cannot be undone is red, not the green of "go ahead" buttons
    primary = phone.evaluate("""() => { const b = document.createElement('button'); b.className = 'button';
        document.body.append(b); const c = getComputedStyle(b).backgroundColor; b.remove(); return c; }""")
    assert yes.evaluate("el => getComputedStyle(el).backgroundColor") == DANGER_RED != primary
    yes.click()

    # Then: the card says it is cancelled, and so does the API
    cancelled = _booking_card(phone, "480 County Road 9, Chatham", f"{chosen.day}, {chosen.times}", "Your booking is cancelled.")
    cancelled.wait_for()
    assert "Cancelled" in cancelled.inner_text()
    assert cancelled.get_by_role("button", name="Cancel booking").count() == 0
    _, day, window = chosen.slot_id.split(":")
    statuses = [b["status"] for b in _api(phone, "/api/booking-requests")["items"]
                if b["property_id"] == "prop-rental" and (b["appointment"] or {}).get("date") == day
                and b["appointment"]["window"] == window]
    assert statuses == ["cancelled"]


def test_a_visit_inside_the_cutoff_cannot_be_changed_online(portal, phone):
    """The demo's repair visit is booked so soon that changes are closed: the card says to call,
    offers no cancel, and a cancel sent anyway is refused with the reason."""
    sign_in_as_demo(portal, phone)

    phone.goto(f"{portal}/bookings")
    card = _booking_card(phone, "Repair visit", "480 County Road 9, Chatham", "Confirmed")
    card.wait_for()

    assert "Changes closed — call us" in card.inner_text()
    assert card.get_by_role("button", name=re.compile("^Cancel")).count() == 0
    assert card.get_by_role("link", name="(217) 555-0142").count() == 1
    [visit] = [b for b in _api(phone, "/api/booking-requests")["items"] if b["service_type"] == "repair" and b["status"] == "confirmed"]
    refused = phone.evaluate("""id => fetch(`/api/booking-requests/${id}/cancel`, { method: 'POST' })
        .then(async r => ({ status: r.status, body: await r.json() }))""", visit["id"])
    assert refused["status"] == 409 and "24 hours before the visit" in refused["body"]["message"]
    assert [b["status"] for b in _api(phone, "/api/booking-requests")["items"] if b["id"] == visit["id"]] == ["confirmed"]


def test_a_request_is_only_for_working_days_and_the_dispatcher_is_warned_about_a_closed_one(portal, phone, browser):
    sign_in_as_demo(portal, phone)
    marker = f"Working week {uuid.uuid4().hex[:8]}"
    admin = {"Authorization": "Bearer local-admin-key"}
    phone.goto(f"{portal}/book?service=inspection")
    phone.get_by_role("radio", name="12 Oak Street, Springfield").check()  # the rental has one requested already
    options = _api(phone, "/api/booking/options")
    saturday = date.fromisoformat(options["earliest_date"]) + timedelta(days=7)
    saturday += timedelta(days=(5 - saturday.weekday()) % 7)
    assert "We work Monday to Friday." in phone.locator("main").inner_text()

    # When: the customer picks a Saturday, the page says at once that it is not a working day
    first = phone.get_by_role("group", name="First choice").get_by_label("Date")
    first.fill(saturday.isoformat())
    first.blur()
    phone.get_by_text(f"We don’t work on Saturdays, so we can’t come on {saturday:%B} {saturday.day}, {saturday.year}").wait_for()

    # And: a weekday is accepted
    monday = saturday + timedelta(days=2)
    first.fill(monday.isoformat())
    phone.get_by_label("Notes for us (optional)").fill(marker)
    phone.get_by_role("button", name="Send request").click()
    phone.get_by_role("heading", name="Request sent").wait_for()

    # When: the office blacks that Monday out before answering, the confirm link warns first
    settings = requests.get(f"{portal}/api/admin/settings", headers=admin, timeout=5).json()
    booking = settings["booking"]
    before = list(booking["blackout_dates"])
    requests.put(f"{portal}/api/admin/settings", headers=admin, timeout=5,
                 json={"booking": {**booking, "blackout_dates": [*before, monday.isoformat()]}}).raise_for_status()
    try:
        link = _dispatcher_link(portal, marker)
        with _another_phone(browser) as office:
            office.goto(link)
            office.get_by_role("heading", name="Confirm this booking?").wait_for()
            office.get_by_text("We don’t work that day.").wait_for()
            assert f"{monday:%B} {monday.day}, {monday.year}" in office.locator("main").inner_text()
            assert (violations := _axe_violations(office)) is None, violations
            office.get_by_role("button", name="Confirm anyway").click()
            office.get_by_role("heading", name="Booking confirmed").wait_for()
    finally:
        requests.put(f"{portal}/api/admin/settings", headers=admin, timeout=5,
                     json={"booking": {**booking, "blackout_dates": before}}).raise_for_status()


def test_a_declined_request_offers_book_again(portal, phone):
    sign_in_as_demo(portal, phone)
    marker = f"Decline me {uuid.uuid4().hex[:8]}"
    admin = {"Authorization": "Bearer local-admin-key"}
    options = _api(phone, "/api/booking/options")
    day = _working_day(date.fromisoformat(options["earliest_date"]) + timedelta(days=10))
    sent = phone.evaluate("""body => fetch('/api/booking-requests', {method: 'POST', headers: {'Content-Type': 'application/json'},
        body: JSON.stringify(body)}).then(r => r.json())""", {"property_id": "prop-home", "service_type": "repair", "notes": marker,
                                                              "preferred": [{"date": day.isoformat(), "window": "morning"}], "confirm_duplicate": True})
    requests.post(f"{portal}/api/admin/booking-requests/{sent['id']}/decline", headers=admin, json={"reason": "No parts"}, timeout=5).raise_for_status()

    phone.goto(f"{portal}/bookings")
    card = _booking_card(phone, marker)
    card.wait_for()
    # Active bookings come first: the declined one is below every active one
    texts = phone.locator("main li.card").all_inner_texts()
    position = next(i for i, t in enumerate(texts) if marker in t)
    assert all("Declined" in t or "Cancelled" in t or "Past" in t for t in texts[position:] if t), texts
    card.get_by_role("link", name="Book again").click()
    phone.wait_for_url("**/book?property=prop-home&service=repair")
    assert phone.get_by_role("radio", name=re.compile("Repair visit")).is_checked()


def _spoken_day(iso: str) -> str:
    """ "2026-12-01" as the pages write it: "Tuesday, December 1" """
    day = date.fromisoformat(iso)
    return f"{day:%A}, {day:%B} {day.day}"


def test_my_bookings_lists_the_office_s_appointment_read_only_with_our_phone(portal, phone):
    # Given the demo's pump-out that the company's software put in (appt-7001), as the dashboard shows it
    sign_in_as_demo(portal, phone)
    visit = next(a for p in _api(phone, "/api/dashboard")["properties"] for a in p["upcoming_appointments"] if a["id"] == "appt-7001")

    # When the customer opens My bookings
    phone.goto(f"{portal}/bookings")
    card = _booking_card(phone, "Booked by our office")
    card.first.wait_for()

    # Then it is there once, with its day and technician, to be changed by phone only
    assert card.count() == 1
    text = card.inner_text()
    assert "Septic pump-out" in text and _spoken_day(visit["date"]) in text and "Luis Ortega" in text
    assert "Booked by our office: call us at" in text
    call = card.locator("a[href^='tel:']")
    assert call.count() == 1 and call.is_visible()
    assert card.get_by_role("button").count() == 0
    # among the active bookings, above every cancelled or declined one
    texts = phone.locator("main li.card").all_inner_texts()
    position = next(i for i, t in enumerate(texts) if "Booked by our office" in t)
    assert not any("Declined" in t or "Cancelled" in t for t in texts[:position]), texts
    assert [b["id"] for b in _api(phone, "/api/booking-requests")["items"]].count("appt-7001") == 1
    assert (violations := _axe_violations(phone)) is None, violations


def test_the_property_page_says_the_pump_out_is_booked_and_offers_no_second(portal, phone):
    # Given the demo home: its pump-out comes due soon, and one is on the calendar
    sign_in_as_demo(portal, phone)
    home = next(p for p in _api(phone, "/api/dashboard")["properties"] if p["id"] == "prop-home")
    assert home["next_service_due"]["status"] == "booked"

    # When the customer opens the property's page
    phone.goto(f"{portal}/property?id=prop-home")
    phone.get_by_role("heading", name="Your septic system").wait_for()

    # Then it says booked, for the dashboard's date, and does not offer to book another
    booked = phone.locator("main .due-booked")
    day = date.fromisoformat(home["next_service_due"]["booked_on"])
    assert booked.inner_text() == f"Pump-out booked for {day:%B} {day.day}, {day.year}"
    assert "Due soon" not in phone.locator("main").inner_text()
    assert phone.get_by_role("link", name="Book a pump-out").count() == 0


def test_the_property_page_offers_a_pump_out_once_it_is_due_and_none_is_booked(tmp_path, phone):
    # A portal of its own: the demo's booked pump-out is called off, which the other tests must not see
    with running_portal(tmp_path) as portal:
        sign_in_as_demo(portal, phone)
        visit = next(a for p in _api(phone, "/api/dashboard")["properties"] for a in p["upcoming_appointments"] if a["id"] == "appt-7001")
        requests.put(f"{portal}/api/admin/appointments/appt-7001", headers=ADMIN, timeout=5, json={
            **{k: visit[k] for k in ("date", "window_start", "window_end", "service_type")},
            "property_id": "prop-home", "status": "cancelled"}).raise_for_status()

        phone.goto(f"{portal}/property?id=prop-home")
        book = phone.get_by_role("link", name="Book a pump-out")
        book.wait_for()

        assert "Due soon" in phone.locator("main").inner_text()
        assert phone.locator("main .due-booked").count() == 0
        book.click()
        phone.wait_for_url("**/book?property=prop-home&service=pump_out")
