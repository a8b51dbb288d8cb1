"""Accounts the portal cannot reach (C4): their email address bounced or complained."""
from __future__ import annotations

from typing import Any

from chalice import Blueprint

bp = Blueprint(__name__)


@bp.route("/unreachable", methods=["GET"])
def list_unreachable_accounts() -> dict[str, Any]:
    from chalicelib.admin import unreachable

    query = bp.current_request.query_params or {}
    return unreachable.unreachable(query.get("cursor"), query.get("limit"))
