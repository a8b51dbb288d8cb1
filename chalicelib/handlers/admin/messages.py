"""Messages that did not go out, for the office: list them, send one again."""
from __future__ import annotations

from typing import Any

from chalice import Blueprint, Response

bp = Blueprint(__name__)


@bp.route("/messages", methods=["GET"])
def list_messages() -> dict[str, Any]:
    from chalicelib.admin import messages

    return messages.listed(bp.current_request.query_params or {})


@bp.route("/messages/{message_id}/retry", methods=["POST"])
def retry_message(message_id: str) -> Response:
    from chalicelib.admin import messages

    return Response(body=messages.send_again(message_id, bp.current_request.raw_body), status_code=202)
