"""Rate limits: fixed windows counted with one conditional update each (no read first).

A request over a limit raises ``RateLimited`` before anything is sent; the counter of the
refused request is not incremented, so hammering does not push the window further.
"""
from __future__ import annotations

import hashlib
from datetime import datetime, timezone

from chalicelib.db import conditional
from chalicelib.db.models import Counter
from chalicelib.errors import RateLimited
from chalicelib.settings import Limit
from chalicelib import clock


def subject(*parts: str) -> str:
    """A counter key that names no email or phone number in the clear."""
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def hit(what: str, who: str, limit: Limit, now: float | None = None) -> None:
    """Count one event for ``who``; ``RateLimited`` if that would pass ``limit``."""
    now = clock.timestamp() if now is None else now
    window = int(now // limit.seconds)
    ends = (window + 1) * limit.seconds
    counter = Counter(f"{what}#{who}#{window}")
    if not conditional(lambda: counter.update(
        actions=[Counter.count.add(1), Counter.expires_at.set(datetime.fromtimestamp(ends + 60, timezone.utc))],
        condition=Counter.count.does_not_exist() | (Counter.count < limit.count),
    )):
        wait = max(int(ends - now), 1)
        minutes = max(round(wait / 60), 1)
        when = f"{minutes} minute{'s' if minutes != 1 else ''}" if wait < 7200 else f"{round(wait / 3600)} hours"
        raise RateLimited(f"Too many tries. Please wait {when} and try again, or call us.", retry_after=wait)


def seconds_left(limit: Limit, now: float | None = None) -> int:
    """Until the current window of ``limit`` ends."""
    now = clock.timestamp() if now is None else now
    return max(int((int(now // limit.seconds) + 1) * limit.seconds - now), 1)


def count(what: str, who: str, limit: Limit, now: float | None = None) -> int:
    """How many events the current window holds (for locks that count failures)."""
    now = clock.timestamp() if now is None else now
    try:
        return int(Counter.get(f"{what}#{who}#{int(now // limit.seconds)}").count)
    except Counter.DoesNotExist:
        return 0
