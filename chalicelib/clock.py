"""The one clock: every "now" and "today" in the portal comes from here.

``now()`` is an aware UTC datetime, ``timestamp()`` the same moment in epoch seconds. A *date*
depends on where you stand: ``today(zone)`` is the date in the company's time zone (booking
settings' ``time_zone``), so "next service due" and "upcoming" turn over at the company's
midnight, not UTC's. The zone is passed in rather than read here: callers already hold the
company settings (``company.today()`` reads them from its per-container cache), so no call costs a
DynamoDB read, and this module stays at the bottom of the dependency order.

Tests move the clock with ``frozen_at(moment)``.
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timezone
from functools import cache
from zoneinfo import ZoneInfo

_frozen: datetime | None = None


def now() -> datetime:
    return _frozen if _frozen is not None else datetime.now(timezone.utc)


def timestamp() -> float:
    return _frozen.timestamp() if _frozen is not None else time.time()


def today(zone: str) -> date:
    """The date it is now in ``zone`` (an IANA name such as America/Chicago)."""
    return now().astimezone(_zone(zone)).date()


@cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


@contextmanager
def frozen_at(moment: datetime) -> Iterator[None]:
    """Tests only: the clock stands at ``moment`` (aware) until the block ends."""
    global _frozen
    if moment.tzinfo is None:
        raise ValueError("frozen_at needs an aware datetime")
    previous, _frozen = _frozen, moment.astimezone(timezone.utc)
    try:
        yield
    finally:
        _frozen = previous
