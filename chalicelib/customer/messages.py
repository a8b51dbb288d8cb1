"""What a customer's account is sent, as its preferences allow (C4, F12).

Every message to an account goes through ``send`` with its kind:

- ``transactional``: sign-in links, receipts, booking answers, failed autopay. Always sent, whatever
  the preferences: to the email on file, else by text when the template has a text version.
- ``service``: the post-service summary, invoice delivery, "on the way". Sent on each channel the
  customer keeps on (email, text) that the account has a contact for.
- ``reminder``: service-due reminders. As ``service``, and only while reminders are on. Each carries
  a signed unsubscribe link that works without signing in: ``unsubscribe_url`` in the context (the
  landing page) and the ``List-Unsubscribe`` header with one-click ``List-Unsubscribe-Post`` (RFC 8058).

Where nothing may be sent (every channel off, no contact on file), ``send`` queues nothing and says
so in the log: the customer's choice is not an error. The outbox, not this module, refuses an address
that bounced or a number that replied STOP.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from chalicelib import logs, notify
from chalicelib.auth import signed
from chalicelib.db.models import Account, plain
from chalicelib.notify import render
from chalicelib.settings import get_settings

log = logs.get_logger("messages")

Kind = Literal["transactional", "service", "reminder"]
KINDS: tuple[str, ...] = ("transactional", "service", "reminder")

# What an account that never chose is sent. The customer changes them on the profile.
PREFERENCES = {"email": True, "sms": False, "reminders": True}


def preferences(account: Account) -> dict[str, bool]:
    return {**PREFERENCES, **(plain(account.preferences) or {})}


# What an unsubscribe link stops. Its own purpose, so no other sealed value (a page cursor, a
# dispatcher's link) is worth anything here; no expiry: a reminder read a year later still works.
UNSUBSCRIBE_PURPOSE = b"unsubscribe"
STOPPABLE = ("reminders",)


@dataclass(frozen=True)
class UnsubscribeLinks:
    page: str  # the landing page the email's own link opens (a GET that changes nothing)
    one_click: str  # the List-Unsubscribe header's URL: a POST of "List-Unsubscribe=One-Click" acts


def unsubscribe_links(account_id: str, stops: str = "reminders") -> UnsubscribeLinks:
    token = signed.seal({"account_id": account_id, "stops": stops}, UNSUBSCRIBE_PURPOSE)
    site = get_settings().site_url
    return UnsubscribeLinks(page=f"{site}/unsubscribe#token={token}",
                            one_click=f"{site}/api/unsubscribe/one-click?token={token}")


def read_unsubscribe(token: object) -> tuple[str, str] | None:
    """The account and what it stops, for a link this portal sealed; None for anything else."""
    payload = signed.unseal(token, UNSUBSCRIBE_PURPOSE)
    if not payload or not isinstance(payload.get("account_id"), str) or payload.get("stops") not in STOPPABLE:
        return None
    return payload["account_id"], payload["stops"]


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
    company_channels: tuple[str, ...] = ("email", "sms"),
) -> list[str]:
    """Queue ``template`` to ``account`` on the channels ``kind`` and its preferences allow.

    ``company_channels``: the channels the company sends this kind on (reminders: the settings').
    ``dedupe_key`` names the event (e.g. ``"summary:<record_id>"``); each channel's message is queued
    at most once for it, however often ``send`` is called. Answers the ids of the messages queued.
    """
    queued = []
    unsubscribe = unsubscribe_links(account.account_id) if kind == "reminder" else None
    if unsubscribe:
        context = {**context, "unsubscribe_url": unsubscribe.page}
    for where in channels(account, kind, template):
        if where.channel not in company_channels:
            continue  # the company sends this kind on the other channel only
        key = f"{dedupe_key}:{where.channel}"
        if where.channel == "email":
            queued.append(notify.email(where.address, template, context, dedupe_key=key, attachments=attachments,
                                       unsubscribe_url=unsubscribe.one_click if unsubscribe else None))
        else:
            queued.append(notify.sms(where.address, template, context, dedupe_key=key))
    if not queued:
        log.info("nothing sent: the account's preferences or contacts allow no channel",
                 extra={"template": template, "kind": kind, "account_id": account.account_id})
    return queued
