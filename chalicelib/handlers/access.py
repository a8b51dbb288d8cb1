"""A new owner's access request (F14), and the office's answer from the link in its email."""
from __future__ import annotations

from typing import Any

from chalice import Blueprint, Response

from chalicelib import bodies
from chalicelib.web import client_ip, read_body

bp = Blueprint(__name__)


@bp.route("/access-requests", methods=["POST"])
def request_access() -> Response:
    from chalicelib.sale import access_requests

    request = bp.current_request
    access_requests.request_access(read_body(request, bodies.ACCESS_REQUEST), client_ip(request))
    return Response(body=access_requests.RECEIVED, status_code=202)


@bp.route("/access-decision/preview", methods=["POST"])
def access_decision_preview() -> dict[str, Any]:
    from chalicelib.sale import access_requests

    return access_requests.preview(read_body(bp.current_request, bodies.ACCESS_DECISION))


@bp.route("/access-decision/act", methods=["POST"])
def access_decision_act() -> dict[str, Any]:
    from chalicelib.sale import access_requests

    return access_requests.act(read_body(bp.current_request, bodies.ACCESS_DECISION))
