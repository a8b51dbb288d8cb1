"""Delivering the outbox: claim, send, retry, give up. Queueing is ``notify.queue``.

States: ``pending`` (waiting, ``due_at`` says when) → ``sending`` (claimed by one worker
with a conditional write, leased until ``due_at``) → ``sent``; or back to ``pending`` with
backoff when SES/SNS fails in a way that means nothing was sent; or ``failed`` when the
provider refuses the message or attempts run out; or ``suppressed`` when the address bounced or
complained, or the number replied STOP (``notify.suppression``; the reason is kept). A worker that dies between sending and
recording leaves the message ``sending``; when its lease ends the message becomes
``unconfirmed`` and is *not* sent again: at most once beats a duplicate sign-in link or
receipt. ``failed`` and ``unconfirmed`` are logged as errors (the alarm watches for them) and
wait in the office's list (the sparse ``by_problem`` index, ``notify.problems``) until someone
sends them again (``requeue``): nothing is dropped silently.

A task (``channel == "task"``) is run by the task runner the caller gives ``deliver_due``
(``jobs`` passes ``tasks.run``), so this module never imports the modules whose work it runs.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from chalicelib import clock, logs
from chalicelib.db import conditional
from chalicelib.db.models import OutboxMessage
from chalicelib.db.queries import due_outbox, outbox_feed
from chalicelib.notify import providers, suppression
from chalicelib.settings import get_settings

log = logs.get_logger("outbox")

# A task's name, payload and id → the ids of the messages it queued (sent in the same run).
TaskRunner = Callable[[str, dict[str, Any], str], list[str]]

_BATCH = 25
NEEDS_THE_OFFICE = ("failed", "unconfirmed")
_default_runner: TaskRunner | None = None


@dataclass
class DeliveryReport:
    tasks: int = 0
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    unconfirmed: int = 0
    suppressed: int = 0
    deferred: int = 0  # not tried: their provider was found unreachable earlier in the run
    unreachable: list[str] = field(default_factory=list)  # channels whose provider was unreachable or throttling


def run_tasks_with(runner: TaskRunner) -> None:
    """The runner ``deliver_due`` uses when its caller passes none; the app's wiring sets it."""
    global _default_runner
    _default_runner = runner


def deliver_due(now: float | None = None, limit: int = 100, *, run_task: TaskRunner | None = None) -> DeliveryReport:
    """Send every message that is due (bounded per run); safe to run concurrently and repeatedly."""
    now = clock.timestamp() if now is None else now
    run_task = run_task or _default_runner or _no_runner
    report = DeliveryReport()
    for message_id in due_outbox("sending", now, limit=_BATCH):
        if _give_up_interrupted(message_id, now):
            report.unconfirmed += 1
    for message_id in due_outbox("pending", now, limit=limit):
        message = _claim(message_id, now)
        if message is not None:
            _send_claimed(message, now, report, run_task)
    return report


def _no_runner(name: str, payload: dict[str, Any], task_id: str) -> list[str]:
    raise LookupError(f"no task runner was given for task {name!r}")


def _claim(message_id: str, now: float) -> OutboxMessage | None:
    item = OutboxMessage(message_id)
    claimed = _move(
        item, "sending", due_at=int(now) + get_settings().outbox_lease_seconds, also=[OutboxMessage.attempts.add(1)],
        # another worker may have it, or it may not be due any more
        condition=(OutboxMessage.status == "pending") & (OutboxMessage.due_at <= int(now)),
    )
    return item if claimed else None


def _run_claimed_task(task: OutboxMessage, now: float, report: DeliveryReport, run_task: TaskRunner) -> None:
    try:
        follow_ups = run_task(task.template, json.loads(task.text), task.message_id)
    except Exception as exc:  # noqa: BLE001 - an outage mid-task: retried with backoff, then failed
        _after_failure(task, now, type(exc).__name__, retryable=True, report=report)
        return
    _move(task, "done")
    report.tasks += 1
    for message_id in follow_ups:  # send what the task queued now, not on the next run
        message = _claim(message_id, max(now, clock.timestamp()))
        if message is not None:
            _send_claimed(message, now, report, run_task)


def _send_claimed(message: OutboxMessage, now: float, report: DeliveryReport, run_task: TaskRunner) -> None:
    from botocore.exceptions import BotoCoreError, ClientError

    if message.channel == "task":
        _run_claimed_task(message, now, report, run_task)
        return
    if message.channel in report.unreachable:
        # SES or SNS is down: one try per run is enough to know. Trying every message would cost
        # each its connection timeouts and retries (15 s or more), run the job past its time limit
        # and leave the message it was killed on unconfirmed; this one keeps its attempts instead.
        _move(message, "pending", due_at=int(now), also=[OutboxMessage.attempts.add(-1)])
        report.deferred += 1
        return

    try:
        raw_email = providers.build_email(message) if message.channel == "email" else None
    except (ValueError, TypeError, LookupError) as exc:
        # This message cannot be sent however often it is tried; the rest of the queue must go on.
        _after_failure(message, now, f"the message could not be built ({type(exc).__name__})", retryable=False, report=report)
        return
    try:
        refused = suppression.refusal(message)
        if refused:
            _suppress(message, refused, report)
            return
        provider_id = providers.send_email(raw_email) if raw_email is not None else providers.send_sms(message)
    except ClientError as exc:
        code = exc.response.get("Error", {}).get("Code", "")
        if code in providers.RETRYABLE:
            report.unreachable.append(message.channel)
        _after_failure(message, now, code, retryable=code in providers.RETRYABLE, report=report)
        return
    except BotoCoreError as exc:  # connection refused, timeouts: the provider never had it
        report.unreachable.append(message.channel)
        _after_failure(message, now, type(exc).__name__, retryable=True, report=report)
        return
    _move(message, "sent", sent_at=clock.now(), provider_id=provider_id, last_error=None)
    report.sent += 1
    log.info("message sent", extra={"template": message.template, "channel": message.channel, "message_id": message.message_id})


def _suppress(message: OutboxMessage, reason: str, report: DeliveryReport) -> None:
    """Kept, with its reason, where the office and the outbox page see it: never dropped silently."""
    _move(message, "suppressed", last_error=reason)
    report.suppressed += 1
    log.warning("message suppressed", extra={"reason": reason, "template": message.template, "channel": message.channel,
                                             "message_id": message.message_id})


def _after_failure(message: OutboxMessage, now: float, error: str, *, retryable: bool, report: DeliveryReport) -> None:
    attempts = int(message.attempts)
    if retryable and attempts < get_settings().outbox_max_attempts:
        delay = min(30 * 2 ** (attempts - 1), 3600)
        _move(message, "pending", due_at=int(now) + delay, last_error=error)
        report.retrying += 1
        log.warning("send failed; will retry", extra={"error": error, "attempts": attempts, "retry_in_s": delay, "message_id": message.message_id})
        return
    _move(message, "failed", last_error=error)
    report.failed += 1
    log.error("message failed", extra={"error": error, "attempts": attempts, "template": message.template, "message_id": message.message_id})


def _give_up_interrupted(message_id: str, now: float) -> bool:
    given_up = _move(
        OutboxMessage(message_id), "unconfirmed",
        last_error="interrupted while sending; not resent so it is never sent twice",
        condition=(OutboxMessage.status == "sending") & (OutboxMessage.due_at <= int(now)),
    )
    if given_up:
        log.error("message unconfirmed after an interrupted send", extra={"message_id": message_id})
    return given_up


def _move(item: OutboxMessage, status: str, *, due_at: int | None = None, condition: Any = None,
          also: list[Any] | None = None, **fields: Any) -> bool:
    """The one status transition. With a ``due_at`` the item waits in the queue under its new status
    (``pending``, ``sending``) until then; without one it leaves the queue for good. ``fields`` are set,
    or removed when None. With a ``condition``, answers False when it does not hold."""
    if due_at is None:
        actions = [OutboxMessage.queue.remove(), OutboxMessage.due_at.remove()]
    else:
        actions = [OutboxMessage.queue.set(status), OutboxMessage.due_at.set(due_at)]
    stamp = clock.now()
    if status in NEEDS_THE_OFFICE:  # listed for the office until it is sent again
        actions += [OutboxMessage.problem.set(status), OutboxMessage.problem_key.set(f"{stamp.isoformat()}#{item.message_id}")]
    actions = [OutboxMessage.status.set(status), OutboxMessage.updated_at.set(stamp), *actions, *(also or [])]
    for name, value in fields.items():
        attribute = getattr(OutboxMessage, name)
        actions.append(attribute.remove() if value is None else attribute.set(value))
    return conditional(lambda: item.update(actions=actions, condition=condition))


def requeue(message_id: str, from_statuses: tuple[str, ...]) -> bool:
    """Send a failed (or unconfirmed) message again: due now, with a fresh count of attempts, out
    of the office's list. False when it is not in one of ``from_statuses`` (any more)."""
    return _move(
        OutboxMessage(message_id), "pending", due_at=int(clock.timestamp()), attempts=0,
        also=[OutboxMessage.problem.remove(), OutboxMessage.problem_key.remove()],
        condition=OutboxMessage.status.is_in(*from_statuses),
    )


def recent(limit: int = 50) -> list[dict[str, Any]]:
    """Newest messages first (the local outbox page)."""
    return [message_view(item) for item in outbox_feed(limit)]


def message_view(item: OutboxMessage) -> dict[str, Any]:
    return {
        "id": item.message_id,
        "channel": item.channel,
        "to": item.recipient,
        "template": item.template,
        "subject": item.subject,
        "text": item.text,
        "html": item.html,
        "links": re.findall(r"https?://[^\s<>\"')]+", item.text or ""),
        "attachments": [
            {"filename": a["filename"], "content_type": a["content_type"], "data": a["data"]}
            for a in item.attachments or []
        ],
        "status": item.status,
        "attempts": int(item.attempts or 0),
        "last_error": item.last_error,
        "created_at": item.created_at.isoformat(),
        "sent_at": item.sent_at.isoformat() if item.sent_at else None,
    }
