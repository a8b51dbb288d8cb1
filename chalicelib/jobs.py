"""Scheduled jobs. Each is idempotent: running it twice sends nothing twice.

In production they run as Chalice scheduled Lambdas (declared in app.py); locally on a
timer in the portal process, by ``make jobs``, or with ``python -m chalicelib.jobs``.
"""
from __future__ import annotations

import sys
from dataclasses import asdict
from typing import Any, Callable, Iterable

from chalicelib import db, logs
from chalicelib.settings import get_settings


def _prepare() -> None:
    settings = get_settings()
    logs.configure(settings.log_level)
    db.bind(settings)


def deliver_notifications() -> dict[str, Any]:
    from chalicelib import tasks
    from chalicelib.notify import outbox

    _prepare()
    return asdict(outbox.deliver_due(run_task=tasks.run))


def deliver_for_stream(records: Iterable[Any]) -> dict[str, Any] | None:
    """The outbox table's stream: deliver now when a record became a message to send.

    ``records`` are Chalice's DynamoDB stream records (``event_name``, ``new_image`` in
    DynamoDB's JSON). Only an insert or change whose new image is ``pending`` starts a run;
    the worker's own writes (``sending``, ``sent``) do not, so a delivery does not trigger
    itself again. The same idempotent worker as the schedule, which stays as the sweeper for
    retries and anything the stream missed. None when nothing was waiting.
    """
    if not any(_became_pending(record) for record in records):
        return None
    return deliver_notifications()


def _became_pending(record: Any) -> bool:
    if record.event_name not in ("INSERT", "MODIFY"):
        return False
    image = record.new_image or {}
    return (image.get("status") or {}).get("S") == "pending"


def charge_autopay() -> dict[str, Any]:
    from chalicelib.billing import autopay

    _prepare()
    report = autopay.charge_due()
    deliver_notifications()  # receipts and failure notices go out with the run
    return report


def send_reminders() -> dict[str, Any]:
    from chalicelib.customer import reminders

    _prepare()
    report = reminders.send_due()
    deliver_notifications()  # the reminders go out with the run
    return report


JOBS: dict[str, Callable[[], dict[str, Any]]] = {
    "deliver-notifications": deliver_notifications,
    "charge-autopay": charge_autopay,
    "send-reminders": send_reminders,
}


def run_all() -> dict[str, Any]:
    return {name: job() for name, job in JOBS.items()}


if __name__ == "__main__":
    names = sys.argv[1:] or list(JOBS)
    for name in names:
        print(name, JOBS[name]())
