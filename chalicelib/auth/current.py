"""The signed-in customer of a request (views call ``customer(request)``).

A staff member viewing the portal as a customer (``viewed_by``) may read everything the customer
can, and change nothing: every write but signing out is refused here, before the view acts."""
from __future__ import annotations

from chalice.app import Request

from chalicelib.auth import sessions
from chalicelib.auth.keys import session_keys
from chalicelib.errors import Forbidden
from chalicelib.settings import get_settings

_READS = {"GET", "HEAD", "OPTIONS"}
_STOP_VIEWING = "/api/auth/logout"
READ_ONLY = "You are viewing the portal as this customer, read-only: nothing can be changed here."


class ReadOnly(Forbidden):
    code = "read_only"


def customer(request: Request) -> sessions.Principal:
    settings = get_settings()
    principal = sessions.authenticate(session_keys(settings), request.headers.get("cookie"), settings)
    if principal.viewed_by and request.method not in _READS and request.context.get("resourcePath") != _STOP_VIEWING:
        raise ReadOnly(READ_ONLY)
    return principal
