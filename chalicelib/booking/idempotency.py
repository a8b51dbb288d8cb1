"""A new booking's ``Idempotency-Key`` (F11): the same key and body answer the first answer again.

The answer is stored in the transaction that stores the booking (``places.book``) and kept for
24 hours; the same key with another body is a 409. Keys are per account.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from chalicelib.db.models import IdempotentRequest
from chalicelib.db.queries import remembered_answer
from chalicelib.errors import Conflict, Invalid

KEPT = timedelta(hours=24)


@dataclass(frozen=True)
class Remembered:
    key: str  # "<account_id>#<Idempotency-Key>"
    fingerprint: str  # of the body, so another body under the same key is refused


def remembered(account_id: str, key: str | None, body: dict[str, Any]) -> Remembered | None:
    if key is None:
        return None
    if not (1 <= len(key) <= 100) or not key.isprintable():
        raise Invalid.field("Idempotency-Key", "The Idempotency-Key header must be 1 to 100 printable characters, such as a UUID.")
    fingerprint = hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":")).encode()).hexdigest()
    return Remembered(f"{account_id}#{key}", fingerprint)


def earlier_answer(request: Remembered, moment: datetime) -> tuple[int, dict[str, Any]] | None:
    """The answer already given to this key, while it is kept."""
    replay = remembered_answer(request.key)
    if replay is not None and replay.expires_at > moment:  # DynamoDB removes expired items only eventually
        return _replayed(replay, request)
    return None


def answer_of_the_winner(request: Remembered) -> tuple[int, dict[str, Any]] | None:
    """The same request sent twice at once: the answer of the one whose transaction went through."""
    replay = remembered_answer(request.key)
    return _replayed(replay, request) if replay is not None else None


def record(request: Remembered, status_code: int, answer: dict[str, Any], moment: datetime) -> IdempotentRequest:
    """The item that keeps the answer, for the booking's transaction to store."""
    return IdempotentRequest(request.key, fingerprint=request.fingerprint, status_code=status_code,
                             body=json.dumps(answer), expires_at=moment + KEPT)


def _replayed(replay: IdempotentRequest, request: Remembered) -> tuple[int, dict[str, Any]]:
    if replay.fingerprint != request.fingerprint:
        raise Conflict("This Idempotency-Key was already used for a different booking; send a new key.")
    return int(replay.status_code), json.loads(replay.body)
