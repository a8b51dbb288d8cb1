"""The audit trail: every admin write, by a staff session or an API key, with its answer (SPEC C6)."""
from __future__ import annotations

import secrets
from typing import Any

from chalicelib import clock
from chalicelib.customer import cursors
from chalicelib.db.models import AuditEntry
from chalicelib.db.office_queries import audit_page

_SCOPE = "audit"


def record(actor: dict[str, Any], method: str, route: str, path: str, target_ids: list[str], status: int,
           changes: list[str] | None = None) -> None:
    now = clock.now()
    AuditEntry(
        "audit", f"{now.isoformat()}#{secrets.token_hex(4)}", at=now,
        actor_kind=actor["kind"], actor_id=actor["id"], actor_name=actor["name"], actor_role=actor.get("role"),
        method=method, route=route, path=path, target_ids=target_ids, status=status, changes=changes[:100] if changes else None,
    ).save()


def page(limit: str | None, cursor: str | None) -> dict[str, Any]:
    found = audit_page(cursors.limit(limit), cursors.decode(cursor, _SCOPE))
    return {"items": [_view(entry) for entry in found.items], "next_cursor": cursors.encode(found.last_key, _SCOPE)}


def _view(entry: AuditEntry) -> dict[str, Any]:
    return {
        "at": entry.at.isoformat(),
        "actor": {"kind": entry.actor_kind, "id": entry.actor_id, "name": entry.actor_name, "role": entry.actor_role},
        "method": entry.method,
        "route": entry.route,
        "path": entry.path,
        "target_ids": list(entry.target_ids or []),
        "status": int(entry.status),
        "changes": list(entry.changes or []),
    }
