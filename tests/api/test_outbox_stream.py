"""The outbox table's stream: a queued message is sent as soon as the stream reports it.

The events are the shape Lambda delivers from a DynamoDB stream (NEW_IMAGE view), passed to the
app's own handler as Lambda would call it.
"""
from __future__ import annotations

from typing import Any

from app import deliver_on_outbox_change
from chalicelib import notify
from chalicelib.db.models import OutboxMessage
from tests.conftest import recipients, sent_emails

STREAM_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/portal-prod-outbox/stream/2026-12-02T04:00:00.000"


def stream_event(event_name: str, message_id: str, status: str) -> dict[str, Any]:
    return {"Records": [{
        "eventID": "c4ca4238a0b923820dcc509a6f75849b",
        "eventName": event_name,
        "eventVersion": "1.1",
        "eventSource": "aws:dynamodb",
        "awsRegion": "us-east-1",
        "dynamodb": {
            "ApproximateCreationDateTime": 1796184000,
            "Keys": {"message_id": {"S": message_id}},
            "NewImage": {"message_id": {"S": message_id}, "status": {"S": status}, "channel": {"S": "email"}},
            "SequenceNumber": "111",
            "SizeBytes": 26,
            "StreamViewType": "NEW_IMAGE",
        },
        "eventSourceARN": STREAM_ARN,
    }]}


def test_a_queued_email_leaves_when_the_stream_reports_it_without_waiting_for_the_schedule(aws):
    message_id = notify.email("jane@example.com", "test_message", dedupe_key="stream-test")
    assert OutboxMessage.get(message_id).status == "pending"

    deliver_on_outbox_change(stream_event("INSERT", message_id, "pending"), None)

    assert OutboxMessage.get(message_id).status == "sent"
    assert [recipients(m) for m in sent_emails()] == [["jane@example.com"]]


def test_the_workers_own_writes_on_the_stream_start_no_run_and_a_repeat_sends_nothing_twice(aws):
    message_id = notify.email("jane@example.com", "test_message", dedupe_key="stream-test")

    deliver_on_outbox_change(stream_event("MODIFY", message_id, "sending"), None)
    deliver_on_outbox_change(stream_event("REMOVE", message_id, "pending"), None)
    assert OutboxMessage.get(message_id).status == "pending"  # left for the schedule's sweep
    assert sent_emails() == []

    deliver_on_outbox_change(stream_event("INSERT", message_id, "pending"), None)
    deliver_on_outbox_change(stream_event("INSERT", message_id, "pending"), None)  # Lambda may redeliver
    assert len(sent_emails()) == 1

