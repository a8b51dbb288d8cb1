"""Customers for the office console (C6): search, one customer's page, viewing the portal as them."""
from __future__ import annotations

from typing import Any

from chalice import Blueprint, Response

bp = Blueprint(__name__)


@bp.route("/customers", methods=["GET"])
def find_customers() -> dict[str, Any]:
    from chalicelib.office import customers

    return customers.find((bp.current_request.query_params or {}).get("q"))


@bp.route("/customers/{account_id}", methods=["GET"])
def customer_overview(account_id: str) -> dict[str, Any]:
    from chalicelib.office import customers

    return customers.overview(account_id)


@bp.route("/customers/{account_id}/view-as", methods=["POST"])
def view_as_customer(account_id: str) -> Response:
    from chalicelib.office import access, customers

    answer, cookie = customers.view_as(account_id, access.current(bp.current_request))
    return Response(body=answer, status_code=200, headers={"Set-Cookie": cookie})
