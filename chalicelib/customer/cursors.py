"""Opaque, tamper-checked page cursors, bound to one account's one list.

A cursor is DynamoDB's LastEvaluatedKey signed with a key derived from the session signing
key: a customer can neither forge one nor replay another account's.
"""
from __future__ import annotations

from typing import Any

from chalicelib.auth import signed
from chalicelib.errors import Invalid

MAX_LIMIT, DEFAULT_LIMIT = 50, 20
_PURPOSE = b"page-cursor"
_BAD = Invalid.field("cursor", "This page link is out of date. Start again from the first page.")


def encode(last_key: dict[str, Any] | None, scope: str) -> str | None:
    if not last_key:
        return None
    return signed.seal({"k": last_key, "s": scope}, _PURPOSE)


def decode(cursor: str | None, scope: str) -> dict[str, Any] | None:
    if not cursor:
        return None
    data = signed.unseal(cursor, _PURPOSE)
    if data is None or data.get("s") != scope:
        raise _BAD
    return data["k"]


def limit(raw: str | None) -> int:
    if raw is None or raw == "":
        return DEFAULT_LIMIT
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_LIMIT:
        raise Invalid.field("limit", f"Ask for a whole number of items from 1 to {MAX_LIMIT}.")
    return int(raw)
