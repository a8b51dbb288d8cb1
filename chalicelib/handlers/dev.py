"""Local-mode-only routes: the outbox of sent messages, running scheduled jobs now, simulating a bounce.

Registered always (so the OpenAPI document and the app agree), answering 404 outside local mode.
"""
from __future__ import annotations

from typing import Any

from chalice import Blueprint

from chalicelib import jobs
from chalicelib.errors import Invalid, NotFound
from chalicelib.notify import outbox
from chalicelib.web import json_object
from chalicelib.settings import get_settings

bp = Blueprint(__name__)


def _local_only() -> None:
    if not get_settings().local_mode:
        raise NotFound("Not found.")


@bp.route("/outbox", methods=["GET"])
def dev_outbox() -> dict[str, Any]:
    _local_only()
    return {"items": outbox.recent()}


@bp.route("/jobs/run", methods=["POST"])
def run_jobs() -> dict[str, Any]:
    """Every job, or only those named: ``?job=send-reminders``."""
    _local_only()
    named = (bp.current_request.query_params or {}).get("job")
    if named is None:
        return {"jobs": jobs.run_all()}
    if named not in jobs.JOBS:
        raise NotFound(f"There is no job called {named!r}; the jobs are {', '.join(jobs.JOBS)}.")
    return {"jobs": {named: jobs.JOBS[named]()}}


@bp.route("/bounce", methods=["POST"])
def simulate_bounce() -> dict[str, Any]:
    """Mark an address undeliverable as SES's permanent bounce would, through the same marking code."""
    from chalicelib.auth import contacts
    from chalicelib.notify import suppression

    _local_only()
    body = json_object(bp.current_request)
    if set(body) - {"email", "reason"} or body.get("reason", "bounce") not in suppression.REASONS:
        raise Invalid("Send the email address (`email`) and, if you like, `reason`: bounce or complaint.")
    email = contacts.normalise_email(body.get("email"))
    marked = suppression.mark(email, body.get("reason", "bounce"), detail="Simulated in local mode", source="local")
    return {"email": email, "marked": marked}


@bp.route("/owner", methods=["POST"])
def make_owner() -> dict[str, Any]:
    """``make owner EMAIL=... NAME=...``: a staff owner in the running local portal (``scripts.make_owner`` in production)."""
    from chalicelib.office import staff

    _local_only()
    body = json_object(bp.current_request)
    if set(body) - {"email", "name"} or not isinstance(body.get("email"), str) or not isinstance(body.get("name", ""), str):
        raise Invalid("Send the owner's email address (`email`) and name (`name`).")
    member, changed = staff.make_owner(body["email"], (body.get("name") or "").strip() or body["email"].split("@")[0])
    return {"staff": staff.view(member), "changed": changed}
