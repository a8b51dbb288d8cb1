"""Service-due reminders (C4): at the company's thresholds before a service is due, and once when overdue.

Each property has one small ``Reminder`` item per service it is due for (``customer.due``), holding
the due date, the thresholds already done (``done_through``) and the day the next reminder is due
(``next_reminder_on``, the key of a sparse index). ``stamp`` re-derives the items whenever an input
changes (property upsert, completed service record, household size, the settings); the job reads only
the items due today through the index, so its cost grows with the reminders it sends, not with the
number of customers.

Once per threshold: the message's dedupe key names the property, the service, the due date and the
threshold, so the outbox's conditional write stores it once however many runs send it (two runs that
overlap both try; one message is queued). The item then moves on to the next threshold with a
condition on the value the run read, so the losing run changes nothing. The message is queued before
the item moves on: a run that dies in between leaves the threshold due, and the next run's send is the
same message, refused by the outbox.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Iterator
from urllib.parse import urlencode

from chalicelib import clock, company, logs
from chalicelib.addresses import label
from chalicelib.customer import due, messages
from chalicelib.db import conditional
from chalicelib.db.models import REMINDER_SHARDS, Account, Property, Reminder, plain
from chalicelib.db.queries import (
    MAX_PAGE, accounts_by_id, every_property_page, properties_by_id, reminders_due, reminders_of_property,
)
from chalicelib.names import first_name
from chalicelib.notify import queue
from chalicelib.settings import get_settings

log = logs.get_logger("reminders")

TEMPLATE = "service_due_reminder"
RESTAMP_PAGE = 100


@dataclass(frozen=True)
class Stage:
    label: str  # "90_days" ... "overdue"
    on: date


def stages(due_on: date, settings: dict[str, Any]) -> list[Stage]:
    """The reminders for one due date, in date order: each ``days_before``, then overdue (the day after)."""
    rules = settings["reminders"]
    found = [Stage(f"{days}_days", due_on - timedelta(days=days)) for days in sorted(set(rules["days_before"]), reverse=True)]
    if rules["overdue"]:
        found.append(Stage("overdue", due_on + timedelta(days=1)))
    return found


def next_stage(all_stages: list[Stage], done_through: date | None, today: date) -> Stage | None:
    """The reminder to send next: of those not done, the latest already reached (the older ones are
    stale: a customer 20 days from due hears "due in 20 days" once, not the 90- and 30-day notes too),
    else the soonest still to come; None when every one is done."""
    open_ = [s for s in all_stages if done_through is None or s.on > done_through]
    reached = [s for s in open_ if s.on <= today]
    return reached[-1] if reached else (open_[0] if open_ else None)


def shard_of(property_id: str) -> str:
    return str(zlib.crc32(property_id.encode()) % REMINDER_SHARDS)


# -- stamping: whenever an input of the rule changes ----------------------------------------------

def stamp(prop: Property, settings: dict[str, Any] | None = None, today: date | None = None) -> None:
    """Re-derive ``prop``'s reminder items from its summaries and the settings; writes only what changed.

    One BatchGetItem, and a write per item that changed. Progress on an unchanged due date is kept.
    """
    settings = settings or company.current()
    today = today or clock.today(settings["booking"]["time_zone"])
    existing = reminders_of_property(prop.property_id, due.SERVICES)
    for service in due.SERVICES:
        figure = due.due_for(prop, service, settings, today)
        item = existing.get(service)
        if figure is None or figure["date"] is None:
            if item is not None:
                item.delete()
            continue
        done = item.done_through if item is not None and item.due_on == figure["date"] else None
        upcoming = next_stage(stages(date.fromisoformat(figure["date"]), settings), _day(done), today)
        wanted = {
            "account_id": prop.account_id,
            "due_on": figure["date"],
            "done_through": done,
            "next_reminder_on": upcoming.on.isoformat() if upcoming else None,
        }
        if item is not None and all(getattr(item, name) == value for name, value in wanted.items()):
            continue
        Reminder(f"{prop.property_id}#{service}", property_id=prop.property_id, service=service,
                 shard=shard_of(prop.property_id), updated_at=clock.now(), **wanted).save()


def stamp_all_task(payload: dict[str, Any], task_id: str) -> list[str]:
    """Outbox task after a settings change: re-stamp one page of every property, then queue the next page."""
    settings = company.load()  # not the cache: this container may not have seen the change yet
    today = clock.today(settings["booking"]["time_zone"])
    page = every_property_page(RESTAMP_PAGE, payload.get("start"))
    for prop in page.items:
        stamp(prop, settings, today)
    if page.last_key:
        queue.enqueue_task("restamp-reminders", {"start": page.last_key})
    return []


def restamp_everything() -> None:
    """Queue the re-stamp of every property (after the due rule or the thresholds changed)."""
    queue.enqueue_task("restamp-reminders", {"start": None})


# -- the job ----------------------------------------------------------------------------------

@dataclass
class Report:
    due: int = 0
    sent: int = 0  # reminders that queued at least one message
    no_channel: int = 0  # reminders the account's preferences or contacts gave no channel (nothing queued)
    booked: int = 0
    restamped: int = 0
    lost_race: int = 0
    messages: list[str] = field(default_factory=list)


def send_due() -> dict[str, Any]:
    """Send every reminder due today (the ``send-reminders`` job); running it twice sends nothing twice."""
    settings = company.load()
    today = clock.today(settings["booking"]["time_zone"])
    report = Report()
    for shard in range(REMINDER_SHARDS):
        for chunk in _chunks(reminders_due(str(shard), today.isoformat()), MAX_PAGE):
            # One BatchGetItem each for the chunk's properties and their accounts, not two reads a reminder.
            properties = properties_by_id({item.property_id for item in chunk})
            accounts = accounts_by_id({prop.account_id for prop in properties.values()})
            for item in chunk:
                report.due += 1
                prop = properties.get(item.property_id)
                _remind(item, prop, accounts.get(prop.account_id) if prop else None, settings, today, report)
    summary = {**{k: v for k, v in report.__dict__.items() if k != "messages"}, "queued": len(report.messages)}
    log.info("reminders run", extra=summary)
    return summary


def _remind(item: Reminder, prop: Property | None, account: Account | None, settings: dict[str, Any], today: date,
            report: Report) -> None:
    figure = due.due_for(prop, item.service, settings, today) if prop is not None else None
    stage = next_stage(stages(date.fromisoformat(item.due_on), settings), _day(item.done_through), today)
    if prop is None or figure is None or figure["date"] != item.due_on or stage is None or stage.on > today:
        # The item is stale (the property changed since it was stamped, or the thresholds did).
        if prop is None:
            conditional(lambda: item.delete(condition=Reminder.due_on == item.due_on))
        else:
            stamp(prop, settings, today)
        report.restamped += 1
        return
    if figure["status"] == "booked":
        report.booked += 1  # this threshold is skipped: the service is on the calendar
    else:
        queued = _send(account, prop, figure, stage, today, tuple(settings["reminders"]["channels"])) if account is not None else []
        report.messages += queued
        if queued:
            report.sent += 1
        else:
            report.no_channel += 1  # the threshold still counts as done: a later opt-in does not resend it
    after = next_stage(stages(date.fromisoformat(item.due_on), settings), stage.on, today)
    actions = [
        Reminder.done_through.set(stage.on.isoformat()),
        Reminder.next_reminder_on.set(after.on.isoformat()) if after else Reminder.next_reminder_on.remove(),
        Reminder.updated_at.set(clock.now()),
    ]
    read = (Reminder.next_reminder_on == item.next_reminder_on) & (Reminder.due_on == item.due_on)
    if not conditional(lambda: item.update(actions=actions, condition=read)):
        report.lost_race += 1  # another run moved it on first; its message was the same one


def _send(account: Account, prop: Property, figure: dict[str, Any], stage: Stage, today: date,
          company_channels: tuple[str, ...]) -> list[str]:
    due_on = date.fromisoformat(figure["date"])
    service = figure["service"]
    query = urlencode({"property": prop.property_id, "service": service})
    context = {
        "name": first_name(account.name),
        "property_label": label(plain(prop.address)),
        "property_street": plain(prop.address)["line1"],  # the text's short form
        "service_name": due.service_name(service),
        "due_on": f"{due_on.strftime('%B')} {due_on.day}, {due_on.year}",
        "days_left": (due_on - today).days,
        "overdue": due_on < today,
        "explanation": figure["explanation"],
        "book_url": f"{get_settings().site_url}/book?{query}",
    }
    key = f"reminder:{prop.property_id}:{service}:{figure['date']}:{stage.label}"
    return messages.send(account, TEMPLATE, context, kind="reminder", dedupe_key=key, company_channels=company_channels)


def _chunks(items: Iterator[Reminder], size: int) -> Iterator[list[Reminder]]:
    chunk: list[Reminder] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
