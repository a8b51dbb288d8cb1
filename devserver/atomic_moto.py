"""Make moto's DynamoDB apply each write request atomically, as DynamoDB does.

moto evaluates a ConditionExpression and then writes, in plain Python with no lock, so two
threads can both pass the same condition: an emulator artefact that real DynamoDB never
shows. Conditional writes are how the portal sends each message once and never overbooks
a slot, so local mode and the tests serialise moto's write operations (reads stay free).
"""
from __future__ import annotations

import functools
import threading
from typing import Any, Callable

_LOCK = threading.RLock()
_WRITES = ("put_item", "update_item", "delete_item", "transact_write_items", "batch_write_item")


def _serialised(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def run(*args: Any, **kwargs: Any) -> Any:
        with _LOCK:
            return method(*args, **kwargs)

    run.__atomic__ = True  # type: ignore[attr-defined]
    return run


def install() -> None:
    """Idempotent: wrap the write operations of moto's DynamoDB backend once."""
    from moto.dynamodb.models import DynamoDBBackend

    for name in _WRITES:
        method = getattr(DynamoDBBackend, name, None)
        if method is not None and not getattr(method, "__atomic__", False):
            setattr(DynamoDBBackend, name, _serialised(method))
