"""Which accounts the portal cannot reach by email (C4): their address bounced or complained.

Read from the undeliverable addresses, newest first, through their ``by_time`` index (no Scan), and
matched to the accounts that hold each address now: an account whose email has changed since is
reachable again and leaves the list. A page of ``limit`` addresses costs one Query, and one Query
and one BatchGet per address.
"""
from __future__ import annotations

from typing import Any

from chalicelib.customer import cursors
from chalicelib.db.queries import accounts_by_email, undeliverable_page

_SCOPE = "admin-unreachable"


def unreachable(cursor: str | None, limit: str | None) -> dict[str, Any]:
    page = undeliverable_page(cursors.limit(limit), cursors.decode(cursor, _SCOPE))
    items = []
    for entry in page.items:
        for account in accounts_by_email(entry.address, limit=5):
            items.append({
                "account_id": account.account_id,
                "name": account.name,
                "channel": "email",
                "address": account.email,
                "reason": entry.reason,
                "detail": entry.detail,
                "since": entry.since.isoformat(),
            })
    return {"items": items, "next_cursor": cursors.encode(page.last_key, _SCOPE)}
