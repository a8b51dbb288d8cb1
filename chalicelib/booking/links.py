"""The dispatcher's signed links: made for the booking emails (``notices``), opened by the dispatch
page (``dispatch``). Both sit on this module, so neither needs the other."""
from __future__ import annotations

from datetime import timedelta
from typing import Any

from chalicelib import clock
from chalicelib.auth import signed
from chalicelib.settings import get_settings

LINK_LIFETIME = timedelta(days=7)
_PURPOSE = b"dispatch-link"


def link(booking_id: str, action: str, day: str | None = None, window: str | None = None) -> str:
    payload = {"b": booking_id, "a": action, "x": int(clock.timestamp() + LINK_LIFETIME.total_seconds())}
    if day:
        payload |= {"d": day, "w": window}
    return f"{get_settings().site_url}/dispatch#token={signed.seal(payload, _PURPOSE)}"


def payload(token: object) -> dict[str, Any] | None:
    """What a link says, or None when it was altered or is not a dispatch link."""
    return signed.unseal(token, _PURPOSE)
