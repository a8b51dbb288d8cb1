"""``make bench-reminders``: the service-due reminders job over 50,000 properties of which 500 are due.

Seeds moto in server mode (as local mode runs it: every call a real HTTP request) with batch writes:
50,000 accounts and properties, each with the reminder item the portal stamps for it; 500 are due
for their 30-day reminder today, the rest months or years from now. Then times one run of the job
(``reminders.send_due``: what is due, read through the index) and the delivery of what it queued,
and counts the DynamoDB calls by operation. A second run shows the job sends nothing twice.

Printed, not asserted, and not part of the test suite: a shared machine's timings are noisy, and
moto answers a Query by looking at every item of the table, which DynamoDB does not; the call
counts are what DynamoDB would bill.
"""
from __future__ import annotations

import os
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROPERTIES = int(os.environ.get("BENCH_PROPERTIES", "50000"))
DUE = int(os.environ.get("BENCH_DUE", "500"))


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from devserver import atomic_moto, stack  # noqa: F401

    stack.configure_environment(0)
    os.environ["PORTAL_STAGE"] = "bench"
    os.environ["PORTAL_TABLE_PREFIX"] = "bench-"
    os.environ["PORTAL_LOG_LEVEL"] = "WARNING"
    aws = stack.start_aws()
    stack.create_resources()
    try:
        _run()
    finally:
        aws.stop()


def _run() -> None:
    from chalicelib import clock, company, jobs
    from chalicelib.customer import due, reminders
    from chalicelib.db.models import Account, Property, Reminder

    settings = company.load()
    today = clock.today(settings["booking"]["time_zone"])
    started = time.perf_counter()
    _seed(Account, Property, Reminder, settings, today, due, reminders)
    print(f"seeded {PROPERTIES:,} accounts, properties and reminder items ({DUE:,} due today) "
          f"in {time.perf_counter() - started:.0f} s (batch writes)")

    calls = _count_calls(Property)
    started = time.perf_counter()
    report = reminders.send_due()
    job_seconds = time.perf_counter() - started
    job_calls = Counter(calls)
    calls.clear()
    started = time.perf_counter()
    delivered = jobs.deliver_notifications()
    deliver_seconds = time.perf_counter() - started
    deliver_calls = Counter(calls)
    calls.clear()
    again = reminders.send_due()
    print(f"send-reminders over {PROPERTIES:,} properties, {DUE:,} due:")
    print(f"  finding and queueing the reminders  {job_seconds:6.1f} s   {report}")
    print(f"    DynamoDB calls: {dict(sorted(job_calls.items()))}; Scan: {job_calls['Scan']}")
    print(f"  delivering them (SES, moto)         {deliver_seconds:6.1f} s   {delivered}")
    print(f"    DynamoDB calls: {dict(sorted(deliver_calls.items()))}")
    print(f"  a second run the same day: {again['sent']} sent, {again['due']} due, DynamoDB calls "
          f"{dict(sorted(Counter(calls).items()))}")


def _seed(Account, Property, Reminder, settings, today, due, reminders) -> None:
    now = clock_now()
    due_soon = today + timedelta(days=30)  # the 30-day reminder is due today
    with Account.batch_write() as accounts, Property.batch_write() as properties, Reminder.batch_write() as items:
        for n in range(PROPERTIES):
            account_id, property_id = f"acct-{n:06d}", f"prop-{n:06d}"
            due_on = due_soon if n < DUE else today + timedelta(days=120 + n % 900)
            last = due.add_months(due_on, -36)
            accounts.save(Account(account_id, name=f"Customer {n}", email=f"customer{n}@example.com",
                                  email_lc=f"customer{n}@example.com", created_at=now, updated_at=now,
                                  open_balance_cents=0, open_invoice_count=0))
            prop = Property(property_id, account_id=account_id, created_at=now, updated_at=now,
                            address={"line1": f"{n} Oak Street", "city": "Springfield", "state": "IL", "zip": "62704"},
                            address_key=f"62704|{n} oak street", system={"type": "Conventional", "tank_gallons": 1000},
                            last_pump_out_on=last.isoformat())
            properties.save(prop)
            figure = due.due_for(prop, "pump_out", settings, today)
            upcoming = reminders.next_stage(reminders.stages(due_on, settings), None, today)
            items.save(Reminder(f"{property_id}#pump_out", property_id=property_id, account_id=account_id,
                                service="pump_out", shard=reminders.shard_of(property_id), due_on=figure["date"],
                                next_reminder_on=upcoming.on.isoformat(), updated_at=now))


def clock_now():
    from chalicelib import clock

    return clock.now()


def _count_calls(model) -> list[str]:
    """Every DynamoDB call from here on, by operation (every model shares one client: ``db.bind``)."""
    seen: list[str] = []
    client = model._get_connection().connection.client  # noqa: SLF001
    client.meta.events.register("before-call.dynamodb", lambda model, **_: seen.append(model.name))
    return seen


if __name__ == "__main__":
    main()
