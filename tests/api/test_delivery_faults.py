"""Delivery faults: an SES outage loses nothing and sends nothing twice; what keeps failing is
listed for the office, logged as an error, and can be sent again once.

The outage is real: SES's endpoint is a closed port, so every send fails to connect, as it
would if SES were unreachable; moto's SES counts what was really delivered once it is back.
"""
from __future__ import annotations

import logging
import time
from typing import Any, Iterator

import pytest

from chalicelib import notify
from chalicelib.db.models import OutboxMessage
from chalicelib.notify import outbox
from tests.conftest import recipients, reset_caches, sent_emails, sent_texts

CUSTOMERS = [f"customer{n}@example.com" for n in range(5)]
MINUTE, HOUR = 60, 3600


class Ses:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self._monkeypatch = monkeypatch

    def down(self) -> None:
        self._monkeypatch.setenv("AWS_ENDPOINT_URL_SES", "http://127.0.0.1:9")
        reset_caches()

    def up(self) -> None:
        self._monkeypatch.delenv("AWS_ENDPOINT_URL_SES", raising=False)
        reset_caches()


@pytest.fixture
def ses(aws: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[Ses]:
    yield Ses(monkeypatch)


def _delivered_to() -> list[str]:
    return sorted(address for message in sent_emails() for address in recipients(message))


def _failed(admin: Any, query: str = "") -> Any:
    return admin("GET", f"/api/admin/messages{query}")


def test_messages_queued_through_an_ses_outage_are_each_delivered_exactly_once_after_it(ses):
    # Given five emails and a text are queued, and SES is unreachable for four minutes
    emails = [notify.email(address, "test_message") for address in CUSTOMERS]
    text = notify.sms("+12175550198", "test_message")
    start = time.time()
    ses.down()

    # When the delivery job runs every minute through the outage
    during = [outbox.deliver_due(now=start + minute * MINUTE) for minute in range(5)]

    # Then no email went out, none was given up on, and the text went out at once (SNS was up)
    assert sent_emails() == []
    assert [report.failed + report.unconfirmed for report in during] == [0] * 5
    assert {OutboxMessage.get(message_id).status for message_id in emails} == {"pending"}
    assert len(sent_texts()) == 1 and OutboxMessage.get(text).status == "sent"
    # And each run tried SES once, not once per email: the rest waited without using up attempts
    assert [(report.retrying, report.deferred, report.unreachable) for report in during] == [(1, 4, ["email"])] * 5
    assert sum(int(OutboxMessage.get(message_id).attempts) for message_id in emails) == 5

    # When SES is back and the job keeps running (twice a minute, overlapping runs included)
    ses.up()
    after = [outbox.deliver_due(now=start + half * MINUTE / 2) for half in range(10, 40)]

    # Then every email is delivered exactly once, and the text was not sent again
    assert _delivered_to() == sorted(CUSTOMERS)
    assert sum(report.sent for report in after) == len(emails)
    assert {OutboxMessage.get(message_id).status for message_id in emails} == {"sent"}
    assert len(sent_texts()) == 1


def test_a_message_that_outlasts_its_attempts_is_listed_for_the_office_logged_and_sent_again_once(ses, admin, monkeypatch, caplog):
    # Given SES stays unreachable longer than a message's attempts (3 here) last
    monkeypatch.setenv("PORTAL_OUTBOX_MAX_ATTEMPTS", "3")
    message_id = notify.email("jane@example.com", "test_message")
    start = time.time()
    ses.down()

    with caplog.at_level(logging.ERROR, logger="portal.outbox"):
        reports = [outbox.deliver_due(now=start + hour * HOUR) for hour in range(5)]

    # Then it is failed (not dropped), an error line says so, and the office's list shows it in words
    assert sum(report.failed for report in reports) == 1
    assert [(r.levelname, r.getMessage(), r.message_id) for r in caplog.records] == [("ERROR", "message failed", message_id)]
    ses.up()
    listed = _failed(admin)
    assert listed.status_code == 200
    [item] = listed.data["items"]
    assert item["id"] == message_id and item["to"] == "jane@example.com" and item["template"] == "test_message"
    assert (item["status"], item["attempts"], item["error_code"]) == ("failed", 3, "EndpointConnectionError")
    assert item["error"] == "The email service (SES) could not be reached (3 attempts)."
    assert item["created_at"] <= item["updated_at"]
    assert listed.data["next_cursor"] is None

    # And SES being back does not send it by itself
    assert outbox.deliver_due(now=start + 6 * HOUR).sent == 0

    # When the office sends it again (twice, by a double click)
    retried = admin("POST", f"/api/admin/messages/{message_id}/retry")
    twice = admin("POST", f"/api/admin/messages/{message_id}/retry", {})

    # Then it is queued once, leaves the list, and is delivered exactly once
    assert retried.status_code == 202 and (retried.data["status"], retried.data["attempts"]) == ("pending", 0)
    assert twice.status_code == 409 and twice.data["message"] == "Only a failed message can be sent again; this one is waiting to be sent."
    assert _failed(admin).data["items"] == []
    assert outbox.deliver_due().sent == 1
    assert outbox.deliver_due(now=start + 7 * HOUR).sent == 0
    assert _delivered_to() == ["jane@example.com"]
    again = admin("POST", f"/api/admin/messages/{message_id}/retry")
    assert again.status_code == 409 and "already sent" in again.data["message"]


def test_a_message_the_provider_refuses_fails_at_once_and_says_why(aws, admin, monkeypatch, caplog):
    monkeypatch.setenv("PORTAL_MAIL_FROM", "unverified@elsewhere.example")  # SES refuses an unverified sender
    reset_caches()
    message_id = notify.email("jane@example.com", "test_message")

    with caplog.at_level(logging.ERROR, logger="portal.outbox"):
        report = outbox.deliver_due()

    assert report.failed == 1
    assert any(r.levelname == "ERROR" and r.message_id == message_id for r in caplog.records)
    [item] = _failed(admin).data["items"]
    assert (item["id"], item["attempts"], item["error_code"]) == (message_id, 1, "MessageRejected")
    assert item["error"].startswith("The email service (SES) refused the message: ")


def test_an_unconfirmed_message_is_sent_again_only_when_the_office_insists(aws, admin):
    # Given a worker claimed a message and died while handing it to SES
    message_id = notify.email("jane@example.com", "test_message")
    now = time.time()
    assert outbox._claim(message_id, now) is not None  # noqa: SLF001
    assert outbox.deliver_due(now=now + HOUR).unconfirmed == 1

    # Then it is listed as unconfirmed, not as failed
    assert _failed(admin).data["items"] == []
    [item] = _failed(admin, "?status=unconfirmed").data["items"]
    assert item["id"] == message_id and "may or may not have been delivered" in item["error"]

    # When the office asks to send it again without insisting, nothing changes
    refused = admin("POST", f"/api/admin/messages/{message_id}/retry")
    assert refused.status_code == 409 and '{"force": true}' in refused.data["message"]
    assert OutboxMessage.get(message_id).status == "unconfirmed"

    # When it insists, the message goes out once
    forced = admin("POST", f"/api/admin/messages/{message_id}/retry", {"force": True})
    assert forced.status_code == 202
    assert outbox.deliver_due(now=now + 2 * HOUR).sent == 1
    assert _delivered_to() == ["jane@example.com"]
    assert _failed(admin, "?status=unconfirmed").data["items"] == []


def test_the_list_is_paged_newest_first_and_read_through_its_index(aws, admin, monkeypatch, dynamodb_calls):
    monkeypatch.setenv("PORTAL_MAIL_FROM", "unverified@elsewhere.example")
    reset_caches()
    for address in ("first@example.com", "second@example.com", "third@example.com"):
        notify.email(address, "test_message")
        outbox.deliver_due()
    dynamodb_calls.clear()

    first = _failed(admin, "?limit=2")
    reads = [call for call in dynamodb_calls if call[1] == "outbox"]
    second = _failed(admin, f"?limit=2&cursor={first.data['next_cursor']}")

    assert [item["to"] for item in first.data["items"]] == ["third@example.com", "second@example.com"]
    assert [item["to"] for item in second.data["items"]] == ["first@example.com"]
    assert second.data["next_cursor"] is None
    assert reads == [("Query", "outbox")]  # one Query of the sparse index: no Scan, no reads per item


@pytest.mark.parametrize(("query", "field"), [("?status=sent", "status"), ("?cursor=forged", "cursor"), ("?limit=500", "limit")])
def test_a_wrong_list_parameter_is_a_400_naming_it(aws, admin, query, field):
    answer = _failed(admin, query)

    assert answer.status_code == 400 and answer.data["details"][0]["field"] == field


def test_retrying_an_unknown_message_is_a_404_and_a_wrong_body_a_400(aws, admin):
    message_id = notify.email("jane@example.com", "test_message")

    assert admin("POST", "/api/admin/messages/nope/retry").status_code == 404
    wrong = admin("POST", f"/api/admin/messages/{message_id}/retry", {"force": "yes please"})
    assert wrong.status_code == 400 and wrong.data["details"][0]["field"] == "force"
    assert OutboxMessage.get(message_id).status == "pending"


def test_the_list_and_the_retry_need_the_admin_key(aws, anonymous):
    message_id = notify.email("jane@example.com", "test_message")

    assert anonymous("GET", "/api/admin/messages").status_code == 401
    assert anonymous("POST", f"/api/admin/messages/{message_id}/retry").status_code == 401


def test_a_background_job_that_keeps_failing_is_listed_too_and_runs_again_when_retried(aws, admin, monkeypatch):
    from chalicelib.notify import queue

    monkeypatch.setenv("PORTAL_OUTBOX_MAX_ATTEMPTS", "1")
    reset_caches()
    task_id = queue.enqueue_task("say-hello", {"to": "jane@example.com"})
    runs: list[str] = []

    def runner(name: str, payload: dict[str, Any], task: str) -> list[str]:
        runs.append(task)
        if len(runs) == 1:
            raise ConnectionError("the database is away")
        return [notify.email(payload["to"], "test_message", dedupe_key=f"task:{task}")]

    assert outbox.deliver_due(run_task=runner).failed == 1
    [item] = _failed(admin).data["items"]
    assert (item["id"], item["channel"], item["to"], item["template"]) == (task_id, "task", None, "say-hello")
    assert item["error"] == "This background job failed (ConnectionError; 1 attempt)."

    assert admin("POST", f"/api/admin/messages/{task_id}/retry").status_code == 202
    report = outbox.deliver_due(run_task=runner)

    assert (report.tasks, report.sent) == (1, 1)
    assert _delivered_to() == ["jane@example.com"]
