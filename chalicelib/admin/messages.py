"""The office's messages (SPEC C4, C6): what was sent to whom and when, with its delivery status;
the ones that did not go out, with the reason; sending one of them again."""
from __future__ import annotations

from typing import Any

from chalicelib.admin import schemas
from chalicelib.auth.contacts import parse_phone
from chalicelib.customer import cursors
from chalicelib.db.office_queries import outbox_feed_page, outbox_to, undeliverable_addresses
from chalicelib.db.queries import outbox_problems
from chalicelib.errors import Invalid
from chalicelib.notify import problems

# Without a recipient: every message (the feed), or one of the lists the office must act on.
LISTS = ("all", *problems.STATUSES)
# For one recipient, any status the outbox gives a message.
STATUSES = ("all", "pending", "sending", "sent", "failed", "unconfirmed", "suppressed")


def listed(params: dict[str, str]) -> dict[str, Any]:
    """``GET /api/admin/messages?status=&to=&limit=&cursor=``: newest first, paged. ``status``
    defaults to ``failed`` (``all`` with ``to``); each message says whether its address is
    undeliverable now (one BatchGetItem for the page)."""
    to = _recipient(params.get("to"))
    status = params.get("status") or ("all" if to else "failed")
    allowed = STATUSES if to else LISTS
    if status not in allowed:
        raise Invalid.field("status", f"`status` must be one of {', '.join(allowed)}.")
    size, scope = cursors.limit(params.get("limit")), f"admin-messages:{status}:{to or ''}"
    start = cursors.decode(params.get("cursor"), scope)
    wanted = None if status == "all" else status
    if to:
        found = outbox_to(to, size, start, wanted)
    elif wanted:
        found = outbox_problems(wanted, size, start)
    else:
        found = outbox_feed_page(size, start)
    items = [problems.view(item) for item in found.items]
    return {"items": with_undeliverable(items), "next_cursor": cursors.encode(found.last_key, scope)}


def _recipient(raw: str | None) -> str | None:
    """An email address (lower case) or a phone number (E.164), as the outbox keys recipients."""
    text = (raw or "").strip()
    if not text:
        return None
    if "@" in text:
        return text.lower()
    try:
        return parse_phone(text)
    except ValueError:
        raise Invalid.field("to", "Enter an email address or a phone number.") from None


def with_undeliverable(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    marked = undeliverable_addresses({item["to"].lower() for item in items if item["channel"] == "email" and item["to"]})
    for item in items:
        entry = marked.get((item["to"] or "").lower()) if item["channel"] == "email" else None
        item["undeliverable"] = ({"reason": entry.reason, "detail": entry.detail, "since": entry.since.isoformat()}
                                 if entry else None)
    return items


def send_again(message_id: str, raw: bytes | str | None) -> dict[str, Any]:
    """``POST /api/admin/messages/{id}/retry``, with an optional ``{"force": true}``."""
    body = schemas.parse(schemas.MessageRetryIn, raw) if raw else schemas.MessageRetryIn()
    return with_undeliverable([problems.send_again(message_id, force=body.force)])[0]
