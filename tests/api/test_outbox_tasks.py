"""Queued tasks: the worker runs them with the runner its caller passes, and a failed run is retried."""
from __future__ import annotations

import time
from typing import Any

from chalicelib import notify
from chalicelib.db.models import OutboxMessage
from chalicelib.notify import outbox, queue
from tests.conftest import recipients, sent_emails


def test_a_task_runs_with_the_runner_passed_in_and_its_email_goes_out_in_the_same_run(aws):
    task_id = queue.enqueue_task("say-hello", {"to": "jane@example.com"})
    ran: list[tuple[str, dict[str, Any], str]] = []

    def runner(name: str, payload: dict[str, Any], task: str) -> list[str]:
        ran.append((name, payload, task))
        return [notify.email(payload["to"], "test_message", dedupe_key=f"task:{task}")]

    report = outbox.deliver_due(run_task=runner)

    assert ran == [("say-hello", {"to": "jane@example.com"}, task_id)]
    assert (report.tasks, report.sent) == (1, 1)
    assert OutboxMessage.get(task_id).status == "done"
    assert [recipients(m) for m in sent_emails()] == [["jane@example.com"]]


def test_a_task_that_fails_is_retried_after_the_backoff_and_sends_once(aws):
    task_id = queue.enqueue_task("say-hello", {"to": "jane@example.com"})
    runs: list[str] = []

    def runner(name: str, payload: dict[str, Any], task: str) -> list[str]:
        runs.append(task)
        if len(runs) == 1:
            raise ConnectionError("the database is away")
        return [notify.email(payload["to"], "test_message", dedupe_key=f"task:{task}")]

    first = outbox.deliver_due(run_task=runner)
    assert (first.tasks, first.retrying) == (0, 1)
    assert OutboxMessage.get(task_id).status == "pending"

    later = outbox.deliver_due(now=time.time() + 31, run_task=runner)

    assert (later.tasks, later.sent) == (1, 1)
    assert len(sent_emails()) == 1
