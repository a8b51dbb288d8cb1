"""Local-mode-only routes: the outbox of sent messages, and running scheduled jobs now.

Registered always (so the OpenAPI document and the app agree), answering 404 outside local mode.
"""
from __future__ import annotations

from typing import Any

from chalice import Blueprint

from chalicelib import jobs
from chalicelib.errors import NotFound
from chalicelib.notify import outbox
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
