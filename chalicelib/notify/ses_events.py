"""SES bounce and complaint notifications, delivered by SNS to ``POST /api/webhooks/ses``.

A message is believed only when its SNS signature holds (``sns_signature``) and it comes from a
topic the deployment names (``PORTAL_SES_EVENTS_TOPIC_ARN``). A permanent bounce or a complaint
marks each address it names undeliverable (``suppression.mark``); a transient bounce (a full
mailbox) is only logged, since the address works again later. The subscription itself is confirmed
from its own verified message. Marking is idempotent, so SNS's retries change nothing.
"""
from __future__ import annotations

import json
from typing import Any

from chalicelib import logs
from chalicelib.notify import sns_signature, suppression
from chalicelib.notify.sns_signature import refused
from chalicelib.settings import get_settings

log = logs.get_logger("ses-events")


def handle(raw_body: bytes | None) -> str:
    """Check, then act on one SNS message; answers what was done (``marked``, ``ignored``, ``subscribed``)."""
    try:
        message = json.loads(raw_body or b"")
    except ValueError:
        raise refused("it is not a JSON SNS message") from None
    if not isinstance(message, dict):
        raise refused("it is not a JSON SNS message")
    if message.get("TopicArn") not in get_settings().ses_events_topic_arns:
        raise refused("it comes from a topic this portal does not listen to")
    sns_signature.verify(message)
    kind = message["Type"]
    if kind == "SubscriptionConfirmation":
        sns_signature.confirm_subscription(message)
        log.info("subscribed to SES notifications", extra={"topic": message["TopicArn"]})
        return "subscribed"
    if kind != "Notification":
        return "ignored"
    return _apply(message.get("Message"))


def _apply(text: Any) -> str:
    try:
        event = json.loads(text) if isinstance(text, str) else None
    except ValueError:
        event = None
    if not isinstance(event, dict):
        log.warning("SNS notification without an SES event ignored")
        return "ignored"
    kind = event.get("notificationType") or event.get("eventType")  # identity notifications / event publishing
    if kind == "Bounce":
        bounce = event.get("bounce") or {}
        addresses = [r.get("emailAddress") for r in bounce.get("bouncedRecipients") or []]
        if bounce.get("bounceType") != "Permanent":
            log.info("transient bounce: the address is kept", extra={"bounce_type": bounce.get("bounceType"),
                                                                      "to": [a for a in addresses if a]})
            return "ignored"
        detail = f"{bounce.get('bounceType')}/{bounce.get('bounceSubType')}"
        return _mark(addresses, "bounce", detail)
    if kind == "Complaint":
        complaint = event.get("complaint") or {}
        addresses = [r.get("emailAddress") for r in complaint.get("complainedRecipients") or []]
        return _mark(addresses, "complaint", complaint.get("complaintFeedbackType"))
    return "ignored"


def _mark(addresses: list[Any], reason: str, detail: str | None) -> str:
    from email.utils import parseaddr

    found = [parseaddr(a)[1] for a in addresses if isinstance(a, str) and "@" in parseaddr(a)[1]]
    for address in found:
        suppression.mark(address, reason, detail=detail, source="ses")
    return "marked" if found else "ignored"
