"""Queueing: store a message or a task in the outbox, durably, before anyone relies on it.

A message (email, text) and a task (work for the worker, e.g. "look this contact up and send a
link") are the same kind of item, built in one place, waiting as ``pending`` until
``outbox.deliver_due`` claims it. Nothing here sends anything or knows what a task does.
"""
from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import asdict, dataclass
from email import policy
from typing import Any

from chalicelib import clock, logs
from chalicelib.db import conditional
from chalicelib.db.models import OutboxMessage

log = logs.get_logger("outbox")

# The outbox item also holds the text and HTML bodies: this keeps it far below DynamoDB's 400 KB.
MAX_ATTACHMENT_BYTES = 100 * 1024


@dataclass(frozen=True)
class Attachment:
    """A text file sent with an email, e.g. a calendar invitation ("text/calendar; method=REQUEST")."""

    filename: str
    content_type: str
    data: str

    def __post_init__(self) -> None:
        parsed = content_type(self.content_type)
        if parsed.defects or parsed.maintype != "text":
            raise ValueError(f"an attachment is a text type such as 'text/calendar', not {self.content_type!r}")


def content_type(value: str) -> Any:
    """``"text/calendar; method=REQUEST"`` parsed: ``.maintype``, ``.subtype``, ``.params``."""
    return policy.default.header_factory("Content-Type", value)


def message_id_for(dedupe_key: str) -> str:
    return hashlib.sha256(dedupe_key.encode()).hexdigest()[:32]


def enqueue(
    *,
    channel: str,
    recipient: str,
    template: str,
    text: str,
    subject: str | None = None,
    html: str | None = None,
    headers: dict[str, str] | None = None,
    attachments: list[Attachment] | None = None,
    dedupe_key: str | None = None,
    feed: str | None = "outbox",
) -> str:
    """Store a message to send; with a ``dedupe_key`` the same message is stored only once."""
    message_id = message_id_for(dedupe_key) if dedupe_key else uuid.uuid4().hex
    item = _item(
        message_id, channel=channel, recipient=recipient, template=template, text=text, feed=feed,
        subject=subject, html=html, headers=headers or None, attachments=_stored(attachments or []),
    )
    if not conditional(lambda: item.save(condition=OutboxMessage.message_id.does_not_exist())):
        log.info("duplicate message not queued again", extra={"template": template, "message_id": message_id})
    return message_id


def enqueue_task(name: str, payload: dict[str, Any]) -> str:
    """Queue work for the worker, durably.

    Tasks travel the same claim/retry path as messages and stay out of the outbox feed; the
    worker runs them with the task runner its caller gives it (``jobs``).
    """
    return enqueue(channel="task", recipient="-", template=name, text=json.dumps(payload), feed=None)


def task_item(name: str, payload: dict[str, Any], dedupe_key: str) -> OutboxMessage:
    """A task to save inside the caller's own transaction, so the work is queued exactly when the
    change it follows is committed (``transaction.save(item, condition=...does_not_exist())``)."""
    return _item(message_id_for(dedupe_key), channel="task", recipient="-", template=name,
                 text=json.dumps(payload), feed=None)


def _item(message_id: str, *, channel: str, recipient: str, template: str, text: str, feed: str | None,
          **content: Any) -> OutboxMessage:
    """A new ``pending`` item, due now: the one shape of a message or task before its first claim."""
    created = clock.now()
    return OutboxMessage(
        message_id,
        channel=channel,
        recipient=recipient,
        template=template,
        text=text,
        **content,
        status="pending",
        queue="pending",
        due_at=int(clock.timestamp()),
        attempts=0,
        feed=feed,
        to_key=recipient.lower() if channel != "task" else None,
        created_key=f"{created.isoformat()}#{message_id}",
        created_at=created,
    )


def _stored(attachments: list[Attachment]) -> list[dict[str, str]] | None:
    size = sum(len(attachment.data.encode()) for attachment in attachments)
    if size > MAX_ATTACHMENT_BYTES:
        raise ValueError(f"attachments total {size} bytes; at most {MAX_ATTACHMENT_BYTES} fit in the outbox")
    return [asdict(attachment) for attachment in attachments] or None
