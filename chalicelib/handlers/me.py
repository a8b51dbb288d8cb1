"""The customer's own contact details and preferences (F12)."""
from __future__ import annotations

from typing import Any

from chalice import Blueprint

from chalicelib import bodies
from chalicelib.auth.current import customer
from chalicelib.customer import profile
from chalicelib.web import read_body

bp = Blueprint(__name__)


@bp.route("/me", methods=["GET"])
def get_me() -> dict[str, Any]:
    return profile.me(customer(bp.current_request).account_id)


@bp.route("/me", methods=["PATCH"])
def update_me() -> dict[str, Any]:
    return profile.update(customer(bp.current_request), read_body(bp.current_request, bodies.PROFILE_CHANGE))


@bp.route("/me/email/confirm", methods=["POST"])
def confirm_email() -> dict[str, Any]:
    return profile.confirm_email(read_body(bp.current_request, bodies.CONTACT_CONFIRMATION))


@bp.route("/me/phone/confirm", methods=["POST"])
def confirm_phone() -> dict[str, Any]:
    return profile.confirm_phone(read_body(bp.current_request, bodies.CONTACT_CONFIRMATION))


@bp.route("/me/email/undo", methods=["POST"])
def undo_email_change() -> dict[str, Any]:
    return profile.undo_email(read_body(bp.current_request, bodies.CONTACT_CONFIRMATION))
