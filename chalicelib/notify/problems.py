"""Messages the office must look at: those that failed, or may or may not have gone out.

A message that keeps failing is never dropped: it is logged at error level (the alarm watches
for it) and stays in this list, read through the outbox's sparse ``by_problem`` index, until
someone sends it again. A ``failed`` message was not delivered, so sending it again is safe; an
``unconfirmed`` one was interrupted while being handed to SES or SNS and may have been delivered,
so it is sent again only when the caller insists (``force``).
"""
from __future__ import annotations

from typing import Any

from chalicelib import logs
from chalicelib.db.models import OutboxMessage
from chalicelib.db.queries import get_or_none
from chalicelib.errors import Conflict, NotFound
from chalicelib.notify import outbox, providers

log = logs.get_logger("outbox")

STATUSES = outbox.NEEDS_THE_OFFICE
_SERVICE = {"email": "The email service (SES)", "sms": "The text message service (SNS)"}
_UNREACHABLE = {"EndpointConnectionError", "ConnectTimeoutError", "ReadTimeoutError", "ConnectionClosedError",
                "ConnectionError", "ProxyConnectionError"}
_REFUSED = {
    "MessageRejected": "refused the message: the address may not accept mail from us, or our sending address is not verified.",
    "MailFromDomainNotVerifiedException": "refused the message: our sending domain is not verified.",
    "ConfigurationSetDoesNotExist": "refused the message: the portal's mail settings name a configuration set that does not exist.",
    "InvalidParameter": "refused the message: the phone number or the text is not one it can send.",
    "InvalidParameterValue": "refused the message: the phone number or the text is not one it can send.",
    "AuthorizationError": "refused the message: the portal is not allowed to send through it.",
    "AccessDenied": "refused the message: the portal is not allowed to send through it.",
}


def view(item: OutboxMessage) -> dict[str, Any]:
    return {
        "id": item.message_id,
        "channel": item.channel,
        "to": item.recipient if item.channel != "task" else None,
        "template": item.template,
        "subject": item.subject,
        "status": item.status,
        "attempts": int(item.attempts or 0),
        "error": in_words(item),
        "error_code": item.last_error,
        "created_at": item.created_at.isoformat(),
        "updated_at": item.updated_at.isoformat() if item.updated_at else None,
        "sent_at": item.sent_at.isoformat() if item.sent_at else None,
    }


def in_words(item: OutboxMessage) -> str | None:
    """What went wrong, in a sentence for the office (``last_error`` is the code behind it)."""
    error = item.last_error or ""
    attempts = int(item.attempts or 0)
    service = _SERVICE.get(item.channel, "The work")
    if item.status == "unconfirmed" and item.channel == "task":
        return "This background job was interrupted midway and may have done part of its work; it is not run again unless you ask."
    if item.status == "suppressed":
        return item.last_error  # already in words: "Not sent: this address bounced on …"
    if item.status in ("sent", "done"):
        return None  # an earlier try's error no longer matters
    if item.status == "unconfirmed":
        return (f"Sending was interrupted after {service[0].lower()}{service[1:]} was asked to take it, so it may or may "
                "not have been delivered. It is not sent again unless you ask, to avoid sending it twice.")
    if not error:
        return None
    if error.startswith("the message could not be built"):
        return "The message was stored incomplete and cannot be put together; sending it again will fail the same way."
    if item.channel == "task":
        return f"This background job failed ({error}; {_attempts(attempts)})."
    if error in _UNREACHABLE:
        return f"{service} could not be reached ({_attempts(attempts)})."
    if error in providers.RETRYABLE:
        return f"{service} was too busy to take it ({_attempts(attempts)})."
    if error in _REFUSED:
        return f"{service} {_REFUSED[error]}"
    return f"{service} refused the message ({error})."


def send_again(message_id: str, *, force: bool = False) -> dict[str, Any]:
    """Queue a failed message to be sent once more (an unconfirmed one only with ``force``)."""
    item = get_or_none(OutboxMessage, message_id)
    if item is None:
        raise NotFound("There is no message with this id.")
    allowed = STATUSES if force else ("failed",)
    if item.status == "unconfirmed" and not force:
        raise Conflict("This message may already have been delivered: sending was interrupted midway. "
                       "Send {\"force\": true} to send it again anyway.")
    if item.status not in allowed or not outbox.requeue(message_id, allowed):
        now = OutboxMessage.get(message_id).status  # a request at the same moment may have queued it
        raise Conflict(f"Only a failed message can be sent again; this one is {_status_words(now)}.")
    log.info("message queued again by the office", extra={"message_id": message_id, "was": item.status, "template": item.template})
    return view(OutboxMessage.get(message_id))


def _attempts(count: int) -> str:
    return f"{count} attempt{'' if count == 1 else 's'}"


def _status_words(status: str) -> str:
    return {"pending": "waiting to be sent", "sending": "being sent", "sent": "already sent", "done": "already done",
            "unconfirmed": "unconfirmed"}.get(status, status)
