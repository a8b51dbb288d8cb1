"""Small tamper-checked values handed out by the portal: page cursors, dispatcher links.

``seal(payload, purpose)`` → "<base64url JSON>.<base64url HMAC>"; ``unseal`` answers the payload
or None. The key is derived from the session signing key and the purpose, so a value made for
one purpose is worthless for another.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

from chalicelib.auth.keys import session_keys
from chalicelib.settings import get_settings

_MAC_BYTES = 18


def _key(purpose: bytes) -> bytes:
    keys = session_keys(get_settings())
    return hmac.new(keys.by_kid[keys.signing_kid].encode(), purpose, hashlib.sha256).digest()


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def seal(payload: dict[str, Any], purpose: bytes) -> str:
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return f"{_b64(raw)}.{_b64(hmac.new(_key(purpose), raw, hashlib.sha256).digest()[:_MAC_BYTES])}"


def unseal(value: object, purpose: bytes) -> dict[str, Any] | None:
    if not isinstance(value, str) or value.count(".") != 1 or len(value) > 2000:
        return None
    try:
        raw_b64, mac_b64 = value.split(".")
        raw, mac = _unb64(raw_b64), _unb64(mac_b64)
    except ValueError:
        return None
    if not hmac.compare_digest(mac, hmac.new(_key(purpose), raw, hashlib.sha256).digest()[:_MAC_BYTES]):
        return None
    payload = json.loads(raw)
    return payload if isinstance(payload, dict) else None
