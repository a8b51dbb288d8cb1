"""Who calls the admin API, and may they: an API key (everything) or a staff session (by role).

``caller`` runs in the middleware for every /api/admin/ request, before the view: a Bearer key
is the company's software; otherwise the staff cookie, whose writes must come from the portal's
own pages (``check_origin``: the customers' CSRF rule) and whose role must allow the route
(``roles``). ``audit`` records the write afterwards, with its status.
"""
from __future__ import annotations

import logging
from typing import Any, Callable

from chalice.app import Request

from chalicelib.auth import api_keys
from chalicelib.office import audit, roles, signin
from chalicelib.settings import Settings

_SAFE = {"GET", "HEAD", "OPTIONS"}
_CALLER = "portal_caller"  # where the middleware leaves the caller for the view (the request's context)
_CHANGES = "portal_audit_changes"  # what a view changed, in words of fields ("branding.company_name"), for the audit
log = logging.getLogger("portal.audit")


def current(request: Request) -> dict[str, Any]:
    """The caller the middleware authenticated for this admin request."""
    return request.context[_CALLER]


def note_changes(request: Request, changes: list[str]) -> None:
    """The fields a write changed, recorded with its audit entry (a settings save names them)."""
    request.context[_CHANGES] = changes


def caller(request: Request, route: str, settings: Settings, check_origin: Callable[[Request], None]) -> dict[str, Any]:
    """The caller as the audit trail names it: {kind, id, name, role?}; raises 401 / 403.

    It is also left on the request for the view (``current``).
    """
    request.context[_CALLER] = _authenticate(request, route, settings, check_origin)
    return request.context[_CALLER]


def _authenticate(request: Request, route: str, settings: Settings, check_origin: Callable[[Request], None]) -> dict[str, Any]:
    authorization = request.headers.get("authorization")
    if authorization or not signin.has_cookie(request.headers.get("cookie")):
        key = api_keys.authenticate(authorization, settings)
        return {"kind": "key", "id": key.key_id, "name": key.name}
    member = signin.authenticate(request.headers.get("cookie"))
    if request.method not in _SAFE:
        check_origin(request)
    roles.check(member.role, request.method, route)
    return {"kind": "staff", "id": member.staff_id, "name": member.name, "role": member.role,
            "email": member.email, "session_id": member.session_id}


def record(actor: dict[str, Any], request: Request, route: str, status: int) -> None:
    """Write the audit entry of an admin write that was carried out (a refused call writes nothing,
    this included); a failure to record is logged, never the caller's problem."""
    if request.method in _SAFE or status >= 400:
        return
    try:
        params = request.uri_params or {}
        path = route
        for name, value in params.items():
            path = path.replace("{" + name + "}", str(value))
        audit.record(actor, request.method, route, path, [str(v) for v in params.values()], status,
                     request.context.get(_CHANGES))
    except Exception:  # noqa: BLE001 - the write has happened; losing its record must not turn it into an error
        log.exception("audit entry not recorded")
