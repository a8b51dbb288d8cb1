"""Booking service (F11): what can be booked, booking it, the customer's bookings; the dispatcher's links.

The booking modules load on these routes only (about 25 ms of a cold start the other pages skip).
"""
from __future__ import annotations

from typing import Any

from chalice import Blueprint, Response

from chalicelib.auth.current import customer
from chalicelib.web import json_object

bp = Blueprint(__name__)


def _query(name: str) -> str | None:
    return (bp.current_request.query_params or {}).get(name)


@bp.route("/booking/options", methods=["GET"])
def booking_options() -> dict[str, Any]:
    from chalicelib.booking import service

    return service.options(customer(bp.current_request).account_id)


@bp.route("/booking/slots", methods=["GET"])
def booking_slots() -> dict[str, Any]:
    from chalicelib.booking import service

    customer(bp.current_request)
    return service.slots(_query("service_type"), _query("from"), _query("to"))


@bp.route("/booking-requests", methods=["POST"])
def create_booking() -> Response:
    from chalicelib.booking import bodies, service

    request = bp.current_request
    account_id = customer(request).account_id
    body = json_object(request, bodies.NEW_BOOKING_MULTILINE)  # read by the service type's mode's shape
    status, body = service.create(account_id, body, request.headers.get("idempotency-key"))
    return Response(body=body, status_code=status)


@bp.route("/booking-requests", methods=["GET"])
def list_bookings() -> dict[str, Any]:
    from chalicelib.booking import service

    return service.listing(customer(bp.current_request).account_id)


@bp.route("/booking-requests/{booking_id}/cancel", methods=["POST"])
def cancel_booking(booking_id: str) -> dict[str, Any]:
    from chalicelib.booking import service

    return service.cancel(customer(bp.current_request).account_id, booking_id)


@bp.route("/booking-requests/{booking_id}/reschedule", methods=["POST"])
def reschedule_booking(booking_id: str) -> dict[str, Any]:
    from chalicelib.booking import service

    request = bp.current_request
    return service.reschedule(customer(request).account_id, booking_id, json_object(request))


@bp.route("/dispatch/preview", methods=["POST"])
def dispatch_preview() -> dict[str, Any]:
    from chalicelib.booking import dispatch

    return dispatch.preview(json_object(bp.current_request))


@bp.route("/dispatch/act", methods=["POST"])
def dispatch_act() -> dict[str, Any]:
    from chalicelib.booking import bodies, dispatch

    return dispatch.act(json_object(bp.current_request, bodies.DISPATCHER_ANSWER.multiline))
