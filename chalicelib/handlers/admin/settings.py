"""Company settings (branding, visibility defaults, booking modes) and a test message."""
from __future__ import annotations

from typing import Any

from chalice import Blueprint, Response

bp = Blueprint(__name__)


@bp.route("/settings", methods=["GET"])
def get_settings() -> dict[str, Any]:
    from chalicelib import company

    return company.load()


@bp.route("/settings", methods=["PUT"])
def put_settings() -> dict[str, Any]:
    from chalicelib.admin import settings
    from chalicelib.office import access

    saved, changes = settings.update(bp.current_request.raw_body)
    access.note_changes(bp.current_request, changes)
    return saved


@bp.route("/settings/logo", methods=["POST"])
def upload_logo() -> dict[str, Any]:
    from chalicelib.admin import settings
    from chalicelib.office import access

    saved, changes = settings.upload_logo(bp.current_request.raw_body)
    access.note_changes(bp.current_request, changes)
    return saved


@bp.route("/test-message", methods=["POST"])
def send_test_message() -> Response:
    from chalicelib.admin import settings

    return Response(body={"message_id": settings.send_test_message(bp.current_request.raw_body)}, status_code=202)
