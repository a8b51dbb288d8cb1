"""The office console's own admin routes: who am I, staff members (owner), the audit trail (owner)."""
from __future__ import annotations

from typing import Any

from chalice import Blueprint, Response

from chalicelib.office import access, roles, staff

bp = Blueprint(__name__)


@bp.route("/me", methods=["GET"])
def me() -> dict[str, Any]:
    """The caller, their role and the console areas it may open (an API key: every area)."""
    caller = access.current(bp.current_request)
    role = caller.get("role", "owner")
    return {"kind": caller["kind"], "id": caller["id"], "name": caller["name"], "email": caller.get("email"),
            "role": caller.get("role"), "areas": roles.areas_for(role)}


@bp.route("/staff", methods=["GET"])
def list_staff() -> dict[str, Any]:
    return {"items": [staff.view(member) for member in staff.listing()]}


@bp.route("/staff", methods=["POST"])
def add_staff() -> Response:
    from chalicelib.admin import schemas

    body = schemas.parse(schemas.StaffIn, bp.current_request.raw_body)
    member = staff.create(body.name, body.email, body.role, _by(access.current(bp.current_request)))
    return Response(body=staff.view(member), status_code=201)


@bp.route("/staff/{staff_id}", methods=["PATCH"])
def change_staff(staff_id: str) -> dict[str, Any]:
    from chalicelib.admin import schemas

    body = schemas.parse(schemas.StaffPatch, bp.current_request.raw_body)
    caller = access.current(bp.current_request)
    changes = body.model_dump(exclude_none=True)
    return staff.view(staff.update(staff_id, changes, caller["id"] if caller["kind"] == "staff" else None))


@bp.route("/audit", methods=["GET"])
def audit_trail() -> dict[str, Any]:
    from chalicelib.office import audit

    query = bp.current_request.query_params or {}
    return audit.page(query.get("limit"), query.get("cursor"))


def _by(caller: dict[str, Any]) -> str:
    return f"{caller['kind']}:{caller['id']}"
