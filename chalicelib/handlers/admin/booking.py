"""The booking queue for the office and the company's software (C1, C6): list, confirm, decline; the week."""
from __future__ import annotations

from typing import Any

from chalice import Blueprint

from chalicelib.web import json_object

bp = Blueprint(__name__)


@bp.route("/booking-requests", methods=["GET"])
def list_booking_requests() -> dict[str, Any]:
    from chalicelib.booking import service

    return service.queue((bp.current_request.query_params or {}).get("status"))


@bp.route("/booking-requests/{booking_id}/confirm", methods=["POST"])
def confirm_booking_request(booking_id: str) -> dict[str, Any]:
    from chalicelib.booking import bodies, service

    return service.confirm(booking_id, json_object(bp.current_request, bodies.CONFIRMATION.multiline))


@bp.route("/booking-requests/{booking_id}/decline", methods=["POST"])
def decline_booking_request(booking_id: str) -> dict[str, Any]:
    from chalicelib.booking import bodies, service

    return service.decline(booking_id, json_object(bp.current_request, bodies.DECLINE.multiline))


@bp.route("/bookings/week", methods=["GET"])
def booking_week() -> dict[str, Any]:
    from chalicelib.booking import service

    return service.week((bp.current_request.query_params or {}).get("start"))
