"""Service-due reminders (C4): each threshold once per due date, none while booked or switched off, no Scan."""
from __future__ import annotations

import threading
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from chalicelib import clock, jobs
from tests.api.factories import account, appointment, property_, service_record
from tests.conftest import email_text, recipients, sent_emails

LAST_PUMP_OUT = date(2026, 6, 15)
DUE = date(2027, 6, 15)  # a 12-month interval


def at(day: date):
    """The clock at noon of ``day`` where the company is."""
    return clock.frozen_at(datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo("America/Chicago")))


def run_job(day: date) -> dict:
    with at(day):
        return jobs.send_reminders()


def reminders_sent() -> list[str]:
    """The plain text of every reminder email delivered so far, oldest first."""
    return [email_text(m) for m in sent_emails() if "Book service:" in email_text(m)]


def _seed(admin, property_id: str = "prop-1", account_id: str = "acct-1", **prop) -> None:
    with at(date(2027, 1, 1)):
        if admin("GET", f"/api/admin/accounts/{account_id}").status_code != 200:
            assert admin("PUT", f"/api/admin/accounts/{account_id}", account()).status_code in (200, 201)
        assert admin("PUT", f"/api/admin/properties/{property_id}",
                     property_(account_id, **{"service_interval_months": 12, **prop})).status_code in (200, 201)
        assert admin("PUT", f"/api/admin/service-records/svc-{property_id}",
                     service_record(property_id, date=LAST_PUMP_OUT.isoformat())).status_code in (200, 201)


@pytest.fixture
def due_property(admin) -> None:
    _seed(admin)


def test_each_threshold_is_sent_once_across_two_runs_a_day(due_property):
    # When the job runs twice on every day from well before the due date to well after it
    days = [DUE - timedelta(days=d) for d in (120, 91, 90, 89, 60, 30, 29, 7, 1, 0, -1, -2, -40)]
    for day in days:
        run_job(day)
        run_job(day)

    # Then the customer got four emails: 90, 30 and 7 days before, and once overdue
    texts = reminders_sent()
    assert len(texts) == 4, texts
    assert "due on June 15, 2027, in 90 days" in texts[0]
    assert "in 30 days" in texts[1]
    assert "in 7 days" in texts[2]
    assert "was due on June 15, 2027" in texts[3]
    assert all("https://portal.test.example/book?property=prop-1&service=pump_out" in text for text in texts)
    assert all(recipients(m) == ["jane@example.com"] for m in sent_emails())


def test_a_reminder_says_why_the_service_is_due_when(due_property):
    run_job(DUE - timedelta(days=30))

    [text] = reminders_sent()
    assert "pump-out at 12 Oak St., Springfield" in text
    assert "Every year (your property's schedule)." in text


def test_two_runs_at_the_same_moment_send_one_reminder(due_property, monkeypatch):
    from chalicelib.customer import reminders

    # Both runs read the due reminder before either has moved it on: each waits for the other at the send
    both_read = threading.Barrier(2, timeout=30)
    real_send = reminders._send

    def send_when_both_are_here(*args, **kwargs):
        both_read.wait()
        return real_send(*args, **kwargs)

    monkeypatch.setattr(reminders, "_send", send_when_both_are_here)
    reports, errors = [], []

    def run():
        try:
            reports.append(jobs.send_reminders())
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    # The clock is one for the process: frozen here, not in each thread (nested freezes would not unwind in order)
    threads = [threading.Thread(target=run) for _ in range(2)]
    with at(DUE - timedelta(days=30)):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

    assert errors == []
    assert len(reminders_sent()) == 1
    assert sorted(r["lost_race"] for r in reports) == [0, 1]  # one run moved the reminder on, the other changed nothing

    run_job(DUE - timedelta(days=30))
    assert len(reminders_sent()) == 1


def test_a_booked_property_gets_no_reminder(admin, due_property):
    admin("PUT", "/api/admin/appointments/appt-1", appointment("prop-1", date=(DUE + timedelta(days=20)).isoformat()))

    for days in (90, 30, 7, -1):
        run_job(DUE - timedelta(days=days))

    assert reminders_sent() == []


def test_an_inspection_booked_does_not_stop_the_pump_out_reminder(admin, due_property):
    admin("PUT", "/api/admin/appointments/appt-1", appointment("prop-1", service_type="inspection",
                                                                date=(DUE + timedelta(days=20)).isoformat()))

    run_job(DUE - timedelta(days=30))

    assert len(reminders_sent()) == 1


def test_a_customer_who_turned_reminders_off_gets_none(due_property, signed_in):
    assert signed_in("acct-1")("PATCH", "/api/me", {"preferences": {"reminders": False}}).status_code == 200

    for days in (90, 30, 7, -1):
        run_job(DUE - timedelta(days=days))

    assert reminders_sent() == []


def test_a_new_pump_out_starts_the_reminders_of_the_next_due_date(admin, due_property):
    run_job(DUE + timedelta(days=1))
    assert len(reminders_sent()) == 1  # overdue

    # When the pump-out is done and the company's software sends it
    with at(DUE + timedelta(days=5)):
        admin("PUT", "/api/admin/service-records/svc-new", service_record("prop-1", date=(DUE + timedelta(days=5)).isoformat()))

    # Then nothing more is said about the old date, and the new one is reminded 90 days before
    run_job(DUE + timedelta(days=6))
    assert len(reminders_sent()) == 1
    run_job(date(2028, 6, 20) - timedelta(days=90))
    texts = reminders_sent()
    assert len(texts) == 2 and "due on June 20, 2028, in 90 days" in texts[1]


def test_a_settings_change_to_the_thresholds_restamps_every_property(admin, due_property):
    # When the company reminds only 14 days before, and not when overdue
    with at(date(2027, 1, 2)):
        assert admin("PUT", "/api/admin/settings", {"reminders": {"days_before": [14], "overdue": False}}).status_code == 200
        jobs.deliver_notifications()  # the queued re-stamp runs in the background

    for days in (90, 30, 14, 7, -1):
        run_job(DUE - timedelta(days=days))

    texts = reminders_sent()
    assert len(texts) == 1 and "in 14 days" in texts[0]


def test_the_job_reads_only_what_is_due_and_never_scans(admin, dynamodb_calls):
    # Given five properties of which one is due
    for n in range(5):
        _seed(admin, f"prop-{n}", **({} if n == 0 else {"service_interval_months": 120}))
    dynamodb_calls.clear()

    report = run_job(DUE - timedelta(days=30))

    assert (report["due"], report["sent"]) == (1, 1)
    assert not any(name == "Scan" for name, _ in dynamodb_calls)
    # the due property and its account, in one BatchGetItem each; nothing read of the other four
    # (the delivery that follows asks whether the address bounced: the undeliverable table)
    reads = [name for name, table in dynamodb_calls if name in ("BatchGetItem", "GetItem") and table != "undeliverable"]
    assert reads == ["GetItem", "BatchGetItem", "BatchGetItem"]
    assert dynamodb_calls[0] == ("GetItem", "settings")
    assert dynamodb_calls.count(("Query", "reminders")) >= 8  # each shard of the index once


def test_a_system_with_mechanical_parts_is_reminded_of_its_yearly_inspection(admin):
    # Given an aerobic unit inspected a year before DUE, whose pump-out is years away
    _seed(admin, service_interval_months=120, system={"type": "Aerobic treatment unit", "tank_gallons": 500})
    with at(date(2027, 1, 1)):
        admin("PUT", "/api/admin/service-records/svc-insp", service_record(
            "prop-1", service_type="inspection", date=LAST_PUMP_OUT.isoformat()))

    run_job(DUE - timedelta(days=30))

    [text] = reminders_sent()
    assert "The inspection at 12 Oak St., Springfield is due on June 15, 2027, in 30 days" in text
    assert "Every year (systems with mechanical parts)." in text
    assert "/book?property=prop-1&service=inspection" in text


def test_a_customer_who_chose_texts_gets_a_short_text_with_the_property_book_link_and_stop(due_property, signed_in):
    from tests.conftest import sent_texts

    signed_in("acct-1")("PATCH", "/api/me", {"preferences": {"sms": True}})

    run_job(DUE - timedelta(days=30))

    [text] = [t for t in sent_texts() if "/book?" in t[1]]
    assert text[0] == "+12175550198"
    assert "https://portal.test.example/book?property=prop-1&service=pump_out" in text[1]
    assert text[1].startswith("Septic Service: pump-out at ")  # which property, for a customer with several
    assert text[1].endswith("Reply STOP to opt out")  # a recurring text says how to stop it (the STOP check honours it)
    assert len(text[1]) <= 160  # one SMS segment


def test_the_company_can_send_reminders_by_email_only_whatever_a_customer_chose(admin, due_property, signed_in):
    from tests.conftest import sent_texts

    signed_in("acct-1")("PATCH", "/api/me", {"preferences": {"sms": True}})
    with at(date(2027, 1, 2)):
        assert admin("PUT", "/api/admin/settings", {"reminders": {"channels": ["email"]}}).status_code == 200

    run_job(DUE - timedelta(days=30))

    assert len(reminders_sent()) == 1
    assert [t for t in sent_texts() if "/book?" in t[1]] == []


def test_the_restamp_after_a_settings_change_pages_through_every_property(admin, monkeypatch):
    from chalicelib.customer import reminders

    monkeypatch.setattr(reminders, "RESTAMP_PAGE", 2)  # five properties: three pages, each its own task
    for n in range(5):
        _seed(admin, f"prop-{n}")
    with at(date(2027, 1, 2)):
        # earlier than the 90 days each property was stamped for: only a re-stamp brings the day forward
        admin("PUT", "/api/admin/settings", {"reminders": {"days_before": [120]}})
        while jobs.deliver_notifications()["tasks"]:  # each page queues the next, as the worker runs them
            pass

    run_job(DUE - timedelta(days=120))

    assert len(reminders_sent()) == 5


@pytest.mark.parametrize(("patch", "field"), [
    ({"reminders": {"days_before": [30, 30]}}, "reminders.days_before"),
    ({"reminders": {"days_before": [0]}}, "reminders.days_before.0"),
    ({"reminders": {"overdue": "yes"}}, "reminders.overdue"),
    ({"reminders": {"channels": []}}, "reminders.channels"),
    ({"reminders": {"channels": ["pigeon"]}}, "reminders.channels.0"),
    ({"service_due": {"max_interval_months": 0}}, "service_due.max_interval_months"),
    ({"service_due": {"mechanical_system_types": [""]}}, "service_due.mechanical_system_types.0"),
])
def test_bad_reminder_and_due_settings_are_refused_and_nothing_changes(admin, patch, field):
    before = admin("GET", "/api/admin/settings").data

    answer = admin("PUT", "/api/admin/settings", patch)

    assert answer.status_code == 400, answer.data
    assert answer.data["details"][0]["field"] == field
    assert admin("GET", "/api/admin/settings").data == before
