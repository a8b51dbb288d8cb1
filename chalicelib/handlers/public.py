"""Public routes: branding for the site shell, and a health check."""
from __future__ import annotations

from typing import Any

from chalice import Blueprint, Response

from chalicelib import company
from chalicelib.settings import get_settings

bp = Blueprint(__name__)


@bp.route("/branding", methods=["GET"])
def branding() -> Response:
    return Response(
        body=company.public_branding(get_settings().local_mode),
        headers={"Cache-Control": "public, max-age=60"},
    )


@bp.route("/health", methods=["GET"])
def health() -> dict[str, Any]:
    return {"ok": True}
