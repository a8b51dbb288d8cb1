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


@bp.route("/branding/logo/{logo_id}", methods=["GET"])
def branding_logo(logo_id: str) -> Response:
    """The logo the owner uploaded: a redirect to a short-lived link to its file (never listed, never a Scan)."""
    import re

    from chalicelib.storage import documents

    url = documents.logo_url(logo_id) if re.fullmatch(r"[0-9a-f]{16}", logo_id) else None
    if url is None:
        return Response(body={"code": "not_found", "message": "There is no such logo."}, status_code=404)
    return Response(body="", status_code=302, headers={"Location": url, "Cache-Control": "public, max-age=240"})


@bp.route("/health", methods=["GET"])
def health() -> dict[str, Any]:
    return {"ok": True}
