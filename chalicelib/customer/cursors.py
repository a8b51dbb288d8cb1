"""Opaque, tamper-checked page cursors, bound to one account's one list.

A cursor is DynamoDB's LastEvaluatedKey signed with a key derived from the session signing
key: a customer can neither forge one nor replay another account's.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

from chalicelib.auth.keys import session_keys
from chalicelib.errors import Invalid
from chalicelib.settings import get_settings

MAX_LIMIT, DEFAULT_LIMIT = 50, 20
_BAD = Invalid.field("cursor", "is not a cursor this list gave out; start again from the first page")


def _key() -> bytes:
    keys = session_keys(get_settings())
    return hmac.new(keys.by_kid[keys.signing_kid].encode(), b"page-cursor", hashlib.sha256).digest()


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def encode(last_key: dict[str, Any] | None, scope: str) -> str | None:
    if not last_key:
        return None
    payload = json.dumps({"k": last_key, "s": scope}, separators=(",", ":")).encode()
    return f"{_b64(payload)}.{_b64(hmac.new(_key(), payload, hashlib.sha256).digest()[:18])}"


def decode(cursor: str | None, scope: str) -> dict[str, Any] | None:
    if not cursor:
        return None
    try:
        payload_b64, signature_b64 = cursor.split(".")
        payload = base64.urlsafe_b64decode(payload_b64 + "=" * (-len(payload_b64) % 4))
        signature = base64.urlsafe_b64decode(signature_b64 + "=" * (-len(signature_b64) % 4))
    except ValueError:
        raise _BAD from None
    if not hmac.compare_digest(signature, hmac.new(_key(), payload, hashlib.sha256).digest()[:18]):
        raise _BAD
    data = json.loads(payload)
    if data.get("s") != scope:
        raise _BAD
    return data["k"]


def limit(raw: str | None) -> int:
    if raw is None or raw == "":
        return DEFAULT_LIMIT
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_LIMIT:
        raise Invalid.field("limit", f"must be a whole number from 1 to {MAX_LIMIT}")
    return int(raw)
