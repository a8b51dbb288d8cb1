"""The durable outbox: enqueue, claim, send, record.

States: ``pending`` (waiting, ``due_at`` says when) → ``sending`` (claimed by one worker
with a conditional write, leased until ``due_at``) → ``sent``; or back to ``pending`` with
backoff when SES/SNS fails in a way that means nothing was sent; or ``failed`` when the
provider refuses the message or attempts run out. A worker that dies between sending and
recording leaves the message ``sending``; when its lease ends the message becomes
``unconfirmed`` and is *not* sent again: at most once beats a duplicate sign-in link or
receipt. ``failed`` and ``unconfirmed`` are logged as errors (the alarm watches for them).
"""
from __future__ import annotations

import hashlib
import json
import re
import uuid
from dataclasses import asdict, dataclass
from email import policy
from email.message import EmailMessage
from email.utils import formataddr
from typing import Any

from pynamodb.exceptions import PutError, UpdateError

from chalicelib import company, logs
from chalicelib.jsonbody import one_line
from chalicelib.aws import client
from chalicelib.db.models import OutboxMessage, plain
from chalicelib.db.queries import due_outbox, outbox_feed
from chalicelib.settings import get_settings
from chalicelib import clock

log = logs.get_logger("outbox")

_RETRYABLE = {
    "Throttling", "ThrottlingException", "TooManyRequests", "ServiceUnavailable",
    "InternalFailure", "InternalError", "RequestTimeout", "KMSThrottling",
}
_BATCH = 25
# The outbox item also holds the text and HTML bodies: this keeps it far below DynamoDB's 400 KB.
MAX_ATTACHMENT_BYTES = 100 * 1024


@dataclass(frozen=True)
class Attachment:
    """A text file sent with an email, e.g. a calendar invitation ("text/calendar; method=REQUEST")."""

    filename: str
    content_type: str
    data: str

    def __post_init__(self) -> None:
        parsed = _content_type(self.content_type)
        if parsed.defects or parsed.maintype != "text":
            raise ValueError(f"an attachment is a text type such as 'text/calendar', not {self.content_type!r}")


@dataclass
class DeliveryReport:
    tasks: int = 0
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    unconfirmed: int = 0


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
    stored_attachments = _stored(attachments or [])
    message_id = message_id_for(dedupe_key) if dedupe_key else uuid.uuid4().hex
    created = clock.now()
    item = OutboxMessage(
        message_id,
        channel=channel,
        recipient=recipient,
        template=template,
        subject=subject,
        text=text,
        html=html,
        headers=headers or None,
        attachments=stored_attachments,
        status="pending",
        queue="pending",
        due_at=int(clock.timestamp()),
        attempts=0,
        feed=feed,
        created_key=f"{created.isoformat()}#{message_id}",
        created_at=created,
    )
    try:
        item.save(condition=OutboxMessage.message_id.does_not_exist())
    except PutError as exc:
        if exc.cause_response_code != "ConditionalCheckFailedException":
            raise
        log.info("duplicate message not queued again", extra={"template": template, "message_id": message_id})
    return message_id


def _stored(attachments: list[Attachment]) -> list[dict[str, str]] | None:
    size = sum(len(attachment.data.encode()) for attachment in attachments)
    if size > MAX_ATTACHMENT_BYTES:
        raise ValueError(f"attachments total {size} bytes; at most {MAX_ATTACHMENT_BYTES} fit in the outbox")
    return [asdict(attachment) for attachment in attachments] or None


def _content_type(value: str) -> Any:
    """``"text/calendar; method=REQUEST"`` parsed: ``.maintype``, ``.subtype``, ``.params``."""
    return policy.default.header_factory("Content-Type", value)


def message_id_for(dedupe_key: str) -> str:
    return hashlib.sha256(dedupe_key.encode()).hexdigest()[:32]


def enqueue_task(name: str, payload: dict[str, Any]) -> str:
    """Queue work for the worker (e.g. "look this contact up and send a link"), durably.

    Tasks travel the same claim/retry path as messages and stay out of the outbox feed.
    """
    return enqueue(channel="task", recipient="-", template=name, text=json.dumps(payload), feed=None)


def deliver_due(now: float | None = None, limit: int = 100) -> DeliveryReport:
    """Send every message that is due (bounded per run); safe to run concurrently and repeatedly."""
    now = clock.timestamp() if now is None else now
    report = DeliveryReport()
    for message_id in due_outbox("sending", now, limit=_BATCH):
        if _give_up_interrupted(message_id, now):
            report.unconfirmed += 1
    for message_id in due_outbox("pending", now, limit=limit):
        message = _claim(message_id, now)
        if message is not None:
            _send_claimed(message, now, report)
    return report


def _claim(message_id: str, now: float) -> OutboxMessage | None:
    item = OutboxMessage(message_id)
    settings = get_settings()
    try:
        item.update(
            actions=[
                OutboxMessage.status.set("sending"),
                OutboxMessage.queue.set("sending"),
                OutboxMessage.due_at.set(int(now) + settings.outbox_lease_seconds),
                OutboxMessage.attempts.add(1),
            ],
            condition=(OutboxMessage.status == "pending") & (OutboxMessage.due_at <= int(now)),
        )
    except UpdateError as exc:
        if exc.cause_response_code == "ConditionalCheckFailedException":
            return None  # another worker has it, or it is not due any more
        raise
    return item


def _run_claimed_task(task: OutboxMessage, now: float, report: DeliveryReport) -> None:
    from chalicelib import tasks

    try:
        follow_ups = tasks.run(task.template, json.loads(task.text), task.message_id)
    except Exception as exc:  # noqa: BLE001 - an outage mid-task: retried with backoff, then failed
        _after_failure(task, now, type(exc).__name__, retryable=True, report=report)
        return
    task.update(actions=[OutboxMessage.status.set("done"), OutboxMessage.queue.remove(), OutboxMessage.due_at.remove()])
    report.tasks += 1
    for message_id in follow_ups:  # send what the task queued now, not on the next run
        message = _claim(message_id, max(now, clock.timestamp()))
        if message is not None:
            _send_claimed(message, now, report)


def _send_claimed(message: OutboxMessage, now: float, report: DeliveryReport) -> None:
    from botocore.exceptions import BotoCoreError, ClientError

    if message.channel == "task":
        _run_claimed_task(message, now, report)
        return

    try:
        raw_email = _build_email(message) if message.channel == "email" else None
    except (ValueError, TypeError, LookupError) as exc:
        # This message cannot be sent however often it is tried; the rest of the queue must go on.
        _after_failure(message, now, f"the message could not be built ({type(exc).__name__})", retryable=False, report=report)
        return
    try:
        provider_id = _send_email(raw_email) if raw_email is not None else _send_sms(message)
    except ClientError as exc:
        code = exc.response.get("Error", {}).get("Code", "")
        _after_failure(message, now, code, retryable=code in _RETRYABLE, report=report)
        return
    except BotoCoreError as exc:  # connection refused, timeouts: the provider never had it
        _after_failure(message, now, type(exc).__name__, retryable=True, report=report)
        return
    message.update(
        actions=[
            OutboxMessage.status.set("sent"),
            OutboxMessage.queue.remove(),
            OutboxMessage.due_at.remove(),
            OutboxMessage.sent_at.set(clock.now()),
            OutboxMessage.provider_id.set(provider_id),
            OutboxMessage.last_error.remove(),
        ]
    )
    report.sent += 1
    log.info("message sent", extra={"template": message.template, "channel": message.channel, "message_id": message.message_id})


def _after_failure(message: OutboxMessage, now: float, error: str, *, retryable: bool, report: DeliveryReport) -> None:
    attempts = int(message.attempts)
    if retryable and attempts < get_settings().outbox_max_attempts:
        delay = min(30 * 2 ** (attempts - 1), 3600)
        message.update(
            actions=[
                OutboxMessage.status.set("pending"),
                OutboxMessage.queue.set("pending"),
                OutboxMessage.due_at.set(int(now) + delay),
                OutboxMessage.last_error.set(error),
            ]
        )
        report.retrying += 1
        log.warning("send failed; will retry", extra={"error": error, "attempts": attempts, "retry_in_s": delay, "message_id": message.message_id})
        return
    message.update(
        actions=[
            OutboxMessage.status.set("failed"),
            OutboxMessage.queue.remove(),
            OutboxMessage.due_at.remove(),
            OutboxMessage.last_error.set(error),
        ]
    )
    report.failed += 1
    log.error("message failed", extra={"error": error, "attempts": attempts, "template": message.template, "message_id": message.message_id})


def _give_up_interrupted(message_id: str, now: float) -> bool:
    try:
        OutboxMessage(message_id).update(
            actions=[
                OutboxMessage.status.set("unconfirmed"),
                OutboxMessage.queue.remove(),
                OutboxMessage.due_at.remove(),
                OutboxMessage.last_error.set("interrupted while sending; not resent so it is never sent twice"),
            ],
            condition=(OutboxMessage.status == "sending") & (OutboxMessage.due_at <= int(now)),
        )
    except UpdateError as exc:
        if exc.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    log.error("message unconfirmed after an interrupted send", extra={"message_id": message_id})
    return True


def _build_email(message: OutboxMessage) -> bytes:
    """The raw MIME message. Every header value is made one line: a line break in a company name
    or a subject would otherwise be refused by the email library (or inject a header)."""
    settings = get_settings()
    brand = company.current()["branding"]
    mime = EmailMessage()
    mime["From"] = formataddr((one_line(brand["company_name"]), settings.mail_from))
    mime["To"] = one_line(message.recipient)
    mime["Subject"] = one_line(message.subject or brand["company_name"])
    if brand.get("email"):
        mime["Reply-To"] = one_line(brand["email"])
    for name, value in (plain(message.headers) or {}).items():
        mime[name] = one_line(value)
    mime.set_content(message.text)
    if message.html:
        mime.add_alternative(message.html, subtype="html")
    for attachment in message.attachments or []:
        content_type = _content_type(attachment["content_type"])
        # As bytes, so the file keeps its CRLF line ends (RFC 5545), base64-encoded as SES asks for
        # non-ASCII parts; UTF-8 whatever charset the type names.
        params = {**content_type.params, "charset": "utf-8"}
        mime.add_attachment(attachment["data"].encode(), maintype="text", subtype=content_type.subtype,
                            filename=one_line(attachment["filename"]), params=params)
    return mime.as_bytes()


def _send_email(raw: bytes) -> str:
    settings = get_settings()
    kwargs: dict[str, Any] = {
        "Source": settings.mail_from,  # recipients come from the To header
        "RawMessage": {"Data": raw},
    }
    if settings.ses_configuration_set:
        kwargs["ConfigurationSetName"] = settings.ses_configuration_set
    return client("ses").send_raw_email(**kwargs)["MessageId"]


def _send_sms(message: OutboxMessage) -> str:
    response = client("sns").publish(
        PhoneNumber=message.recipient,
        Message=message.text,
        MessageAttributes={"AWS.SNS.SMS.SMSType": {"DataType": "String", "StringValue": "Transactional"}},
    )
    return response["MessageId"]


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


def task_item(name: str, payload: dict[str, Any], dedupe_key: str) -> OutboxMessage:
    """A task to save inside the caller's own transaction, so the work is queued exactly when the
    change it follows is committed (``transaction.save(item, condition=...does_not_exist())``)."""
    message_id = message_id_for(dedupe_key)
    created = clock.now()
    return OutboxMessage(
        message_id, channel="task", recipient="-", template=name, text=json.dumps(payload), status="pending",
        queue="pending", due_at=int(clock.timestamp()), attempts=0, feed=None,
        created_key=f"{created.isoformat()}#{message_id}", created_at=created,
    )
