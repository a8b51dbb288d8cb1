"""The signed-in customer of a request (views call ``customer(request)``)."""
from __future__ import annotations

from chalice.app import Request

from chalicelib.auth import sessions
from chalicelib.auth.keys import session_keys
from chalicelib.settings import get_settings


def customer(request: Request) -> sessions.Principal:
    settings = get_settings()
    return sessions.authenticate(session_keys(settings), request.headers.get("cookie"), settings)
