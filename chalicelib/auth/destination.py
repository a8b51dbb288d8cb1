"""Where to go after signing in ("next"): a path on this site, never another site.

A deep link (an invoice's pay page, a booking) sends a signed-out visitor to sign in with the page
asked for; the magic-link request carries it, and the link that is sent returns there. Anything
that a browser could read as another host (``//evil``, ``https://…``, backslashes, which browsers
treat as slashes, or the same spelled with percent-escapes) is dropped: signing in still works and
lands on the dashboard.
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

_MAX = 500
_SAFE = re.compile(r"/[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*")
_NOT_AFTER_SIGN_IN = ("/signin",)


def safe_next(value: Any) -> str | None:
    """value if it is a same-origin path worth returning to after signing in, else None."""
    if not isinstance(value, str) or not value or len(value) > _MAX or not _SAFE.fullmatch(value):
        return None
    decoded = value
    for _ in range(3):  # "%252F%252F" decodes twice to "//"
        if decoded.startswith("//") or "\\" in decoded or decoded.startswith("/\\"):
            return None
        if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in decoded):
            return None
        decoded = unquote(decoded)
    if not decoded.startswith("/") or decoded.startswith("//") or "\\" in decoded:
        return None
    path = value.split("?", 1)[0]
    if any(path == p or path.startswith(p + "/") for p in _NOT_AFTER_SIGN_IN):
        return None
    return value
