"""The launch checklist (owner): what a launch needs, checked now; the customers the office tests as."""
from __future__ import annotations

from typing import Any

from chalice import Blueprint

bp = Blueprint(__name__)


@bp.route("/launch-checklist", methods=["GET"])
def launch_checklist() -> dict[str, Any]:
    from chalicelib.office import checklist

    return checklist.checklist()


@bp.route("/launch-checklist/test-customers", methods=["PUT"])
def set_test_customers() -> dict[str, Any]:
    from chalicelib.admin import schemas
    from chalicelib.office import checklist

    body = schemas.parse(schemas.TestCustomersIn, bp.current_request.raw_body)
    return checklist.set_test_customers(body.emails)
