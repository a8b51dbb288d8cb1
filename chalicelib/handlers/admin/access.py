"""New owners' access requests for the company's software (F14): list, approve, decline."""
from __future__ import annotations

from typing import Any

from chalice import Blueprint

bp = Blueprint(__name__)


@bp.route("/access-requests", methods=["GET"])
def list_access_requests() -> dict[str, Any]:
    from chalicelib.sale import access_requests

    params = bp.current_request.query_params or {}
    return access_requests.listing(params.get("status"), params.get("cursor"))


@bp.route("/access-requests/{request_id}/approve", methods=["POST"])
def approve_access_request(request_id: str) -> dict[str, Any]:
    from chalicelib.admin import schemas
    from chalicelib.sale import transfer

    raw = bp.current_request.raw_body
    body = schemas.parse(schemas.AccessApprovalIn, raw) if raw else schemas.AccessApprovalIn()
    return transfer.approve(request_id, body.property_id, "admin api")


@bp.route("/access-requests/{request_id}/decline", methods=["POST"])
def decline_access_request(request_id: str) -> dict[str, Any]:
    from chalicelib.admin import schemas
    from chalicelib.sale import transfer

    raw = bp.current_request.raw_body
    body = schemas.parse(schemas.AccessDeclineIn, raw) if raw else schemas.AccessDeclineIn()
    return transfer.decline(request_id, body.reason, "admin api")


@bp.route("/properties/{property_id}", methods=["GET"])
def get_property(property_id: str) -> dict[str, Any]:
    """The property as the portal holds it: whose it is since when (``owner``) and who held it before
    (``owners``), for the company's software to follow a change of hands made on the portal."""
    from chalicelib.admin import records

    return records.property_view(records.require_property(property_id, "id"))
