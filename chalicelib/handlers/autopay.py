"""Autopay (F10): enrol a card or bank account, see it, turn it off."""
from __future__ import annotations

from typing import Any

from chalice import Blueprint, Response

from chalicelib import bodies
from chalicelib.auth.current import customer
from chalicelib.web import read_body

bp = Blueprint(__name__)


@bp.route("/autopay", methods=["GET"])
def autopay_status() -> dict[str, Any]:
    from chalicelib.billing import autopay

    return autopay.status(customer(bp.current_request).account_id)


@bp.route("/autopay/setup-intent", methods=["POST"])
def autopay_setup_intent() -> dict[str, Any]:
    from chalicelib.billing import autopay

    return autopay.setup_intent(customer(bp.current_request).account_id, read_body(bp.current_request, bodies.AUTOPAY_SETUP))


@bp.route("/autopay/confirm", methods=["POST"])
def autopay_confirm() -> dict[str, Any]:
    from chalicelib.billing import autopay

    return autopay.confirm(customer(bp.current_request).account_id, read_body(bp.current_request, bodies.AUTOPAY_CONFIRMATION))


@bp.route("/autopay", methods=["DELETE"])
def autopay_cancel() -> Response:
    from chalicelib.billing import autopay

    autopay.cancel(customer(bp.current_request).account_id)
    return Response(body="", status_code=204)
