"""Unsubscribing from reminders through the signed link a reminder carries, without signing in.

Two ways in, one effect (the reminders preference off, as the profile shows it): the landing
page's button, and the mailbox provider's one-click POST of the ``List-Unsubscribe`` header's URL
(RFC 8058). Neither needs a session: the sealed link names the account and is the authority. A GET
of either changes nothing (mail scanners follow links). Unsubscribing twice is no error.
"""
from __future__ import annotations

from typing import Any

from chalicelib import logs
from chalicelib.customer import messages
from chalicelib.db.models import Account
from chalicelib.db.queries import get_or_none
from chalicelib.errors import LinkInvalid

log = logs.get_logger("messages")

ONE_CLICK_BODY = "List-Unsubscribe=One-Click"


def _invalid() -> LinkInvalid:
    return LinkInvalid("unsubscribe_link_invalid",
                       "This unsubscribe link is not valid. Nothing was changed. Please use the link from "
                       "the email as it was sent, or turn reminders off on your profile.")


def unsubscribe(token: object) -> dict[str, Any]:
    """Turn off what the link stops (service reminders) for its account."""
    found = messages.read_unsubscribe(token)
    account = get_or_none(Account, found[0]) if found else None
    if account is None:
        raise _invalid()
    stops = found[1]
    chosen = messages.preferences(account)
    if chosen[stops]:
        account.update(actions=[Account.preferences.set({**chosen, stops: False})])
        log.info("unsubscribed through a link", extra={"account_id": account.account_id, "stops": stops})
    return {"unsubscribed": stops}


def one_click(token: object, content_type: str | None, body: bytes | None) -> dict[str, Any]:
    """RFC 8058: the POST carries the form field ``List-Unsubscribe=One-Click``, URL-encoded or multipart."""
    if _form_fields(content_type or "", body or b"").get("List-Unsubscribe") != "One-Click":
        raise LinkInvalid("one_click_body_missing",
                          f"A one-click unsubscribe sends the form field {ONE_CLICK_BODY}. Nothing was changed.")
    return unsubscribe(token)


def _form_fields(content_type: str, body: bytes) -> dict[str, str]:
    if content_type.lower().startswith("multipart/form-data"):
        from email import message_from_bytes, policy

        parsed = message_from_bytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body, policy=policy.default)
        if not parsed.is_multipart():
            return {}
        return {part.get_param("name", header="content-disposition"): part.get_content().strip()
                for part in parsed.iter_parts() if part.get_param("name", header="content-disposition")}
    from urllib.parse import parse_qsl

    return dict(parse_qsl(body.decode("utf-8", "replace")))
