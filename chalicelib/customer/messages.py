"""What a customer's account is sent, as its preferences allow (C4, F12).

Every message to an account goes through ``send`` with its kind:

- ``transactional``: sign-in links, receipts, booking answers, failed autopay. Always sent, whatever
  the preferences: to the email on file, else by text when the template has a text version.
- ``service``: the post-service summary, invoice delivery, "on the way". Sent on each channel the
  customer keeps on (email, text) that the account has a contact for.
- ``reminder``: service-due reminders. As ``service``, and only while reminders are on.

Where nothing may be sent (every channel off, no contact on file), ``send`` queues nothing and says
so in the log: the customer's choice is not an error. The outbox, not this module, refuses an address
that bounced or a number that replied STOP.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from chalicelib import logs, notify
from chalicelib.db.models import Account, plain
from chalicelib.notify import render

log = logs.get_logger("messages")

Kind = Literal["transactional", "service", "reminder"]
KINDS: tuple[str, ...] = ("transactional", "service", "reminder")

# What an account that never chose is sent. The customer changes them on the profile.
PREFERENCES = {"email": True, "sms": False, "reminders": True}


def preferences(account: Account) -> dict[str, bool]:
    return {**PREFERENCES, **(plain(account.preferences) or {})}


@dataclass(frozen=True)
class Channel:
    channel: Literal["email", "sms"]
    address: str


def channels(account: Account, kind: Kind, template: str) -> list[Channel]:
    """Where a message of ``kind`` to ``account`` goes: none, one or both channels."""
    if kind not in KINDS:
        raise ValueError(f"unknown message kind {kind!r}")
    has_text = render.has_sms(template)
    if kind == "transactional":
        if account.email:
            return [Channel("email", account.email)]
        return [Channel("sms", account.phone)] if account.phone and has_text else []
    chosen = preferences(account)
    if kind == "reminder" and not chosen["reminders"]:
        return []
    found = []
    if chosen["email"] and account.email:
        found.append(Channel("email", account.email))
    if chosen["sms"] and account.phone and has_text:
        found.append(Channel("sms", account.phone))
    return found


def send(
    account: Account,
    template: str,
    context: dict[str, Any],
    *,
    kind: Kind,
    dedupe_key: str,
    attachments: list[notify.Attachment] | None = None,
) -> list[str]:
    """Queue ``template`` to ``account`` on the channels ``kind`` and its preferences allow.

    ``dedupe_key`` names the event (e.g. ``"summary:<record_id>"``); each channel's message is queued
    at most once for it, however often ``send`` is called. Answers the ids of the messages queued.
    """
    queued = []
    for where in channels(account, kind, template):
        key = f"{dedupe_key}:{where.channel}"
        if where.channel == "email":
            queued.append(notify.email(where.address, template, context, dedupe_key=key, attachments=attachments))
        else:
            queued.append(notify.sms(where.address, template, context, dedupe_key=key))
    if not queued:
        log.info("nothing sent: the account's preferences or contacts allow no channel",
                 extra={"template": template, "kind": kind, "account_id": account.account_id})
    return queued
