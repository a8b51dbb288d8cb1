"""The office's list of messages that did not go out, and sending one of them again (SPEC C4, C6)."""
from __future__ import annotations

from typing import Any

from chalicelib.admin import schemas
from chalicelib.customer import cursors
from chalicelib.errors import Invalid
from chalicelib.notify import problems


def listed(params: dict[str, str]) -> dict[str, Any]:
    """``GET /api/admin/messages?status=failed|unconfirmed&limit=&cursor=``: newest first, paged."""
    status = params.get("status") or "failed"
    if status not in problems.STATUSES:
        raise Invalid.field("status", "`status` must be `failed` or `unconfirmed`.")
    scope = f"admin-messages:{status}"
    found = problems.page(status, cursors.limit(params.get("limit")), cursors.decode(params.get("cursor"), scope))
    return {"items": found.items, "next_cursor": cursors.encode(found.last_key, scope)}


def send_again(message_id: str, raw: bytes | str | None) -> dict[str, Any]:
    """``POST /api/admin/messages/{id}/retry``, with an optional ``{"force": true}``."""
    body = schemas.parse(schemas.MessageRetryIn, raw) if raw else schemas.MessageRetryIn()
    return problems.send_again(message_id, force=body.force)
