"""The customer's own contact details and preferences (F12), and unsubscribing from reminders by link."""
from __future__ import annotations

from typing import Any

from chalice import Blueprint

from chalicelib import bodies
from chalicelib.auth.current import customer
from chalicelib.customer import profile, unsubscribe
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


@bp.route("/unsubscribe", methods=["POST"])
def unsubscribe_by_link() -> dict[str, Any]:
    """The landing page's button: no session, the signed link is the authority."""
    return unsubscribe.unsubscribe(read_body(bp.current_request, bodies.UNSUBSCRIBE).get("token"))


@bp.route("/unsubscribe/one-click", methods=["POST"],
          content_types=["application/x-www-form-urlencoded", "multipart/form-data"])
def unsubscribe_one_click() -> dict[str, Any]:
    """The List-Unsubscribe header's URL (RFC 8058), POSTed by the mailbox provider."""
    request = bp.current_request
    return unsubscribe.one_click((request.query_params or {}).get("token"), request.headers.get("content-type"),
                                 request.raw_body)
