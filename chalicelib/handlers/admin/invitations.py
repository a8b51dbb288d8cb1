"""Invitations (F2, C6): one account (by id or email), or every account with an email never invited; the counts first."""
from __future__ import annotations

from typing import Any

from chalice import Blueprint, Response

from chalicelib.auth import invitations

bp = Blueprint(__name__)


@bp.route("/accounts/{account_id}/invite", methods=["POST"])
def invite_account(account_id: str) -> Response:
    return Response(body=invitations.invite(account_id), status_code=202)


@bp.route("/invitations", methods=["POST"])
def invite_everyone_not_yet_invited() -> dict[str, Any]:
    return invitations.invite_all()


@bp.route("/invitations", methods=["GET"])
def invitation_summary() -> dict[str, Any]:
    return invitations.summary()


@bp.route("/invitations/by-email", methods=["POST"])
def invite_by_email() -> Response:
    from chalicelib.admin import schemas

    body = schemas.parse(schemas.InvitationIn, bp.current_request.raw_body)
    return Response(body=invitations.invite_by_email(body.email), status_code=202)
