"""Notifications: branded email (SES) and text messages (SNS) through a durable outbox.

Callers only enqueue: ``email(...)`` / ``sms(...)`` render the message and store it in the
outbox table (``notify.queue``), which is durable before anyone relies on it. ``outbox.deliver_due()`` sends
what is waiting (the scheduled job, and in local mode a background thread), retrying SES
and SNS failures with backoff and sending each message at most once. Features add
templates under ``notify/templates``; they never call SES or SNS themselves. An email can
carry small text attachments (a calendar invitation from ``notify.calendar``).
"""
from __future__ import annotations

from typing import Any

from chalicelib.notify import queue, render
from chalicelib.notify.queue import Attachment

__all__ = ["Attachment", "email", "sms"]


def email(
    to: str,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    dedupe_key: str | None = None,
    unsubscribe_url: str | None = None,
    attachments: list[Attachment] | None = None,
) -> str:
    """Queue a branded email; the same ``dedupe_key`` never queues a second message.

    ``attachments`` together hold at most 100 KB (``ValueError`` otherwise).
    """
    message = render.email(template, context or {})
    headers = {}
    if unsubscribe_url:
        headers = {"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    return queue.enqueue(
        channel="email",
        recipient=to,
        template=template,
        subject=message.subject,
        text=message.text,
        html=message.html,
        headers=headers,
        attachments=attachments,
        dedupe_key=dedupe_key,
    )


def sms(to: str, template: str, context: dict[str, Any] | None = None, *, dedupe_key: str | None = None) -> str:
    """Queue a text message (E.164 number)."""
    text = render.sms(template, context or {})
    return queue.enqueue(channel="sms", recipient=to, template=template, text=text, dedupe_key=dedupe_key)
