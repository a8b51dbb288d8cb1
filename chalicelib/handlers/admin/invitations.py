"""Invitations (F2): one account, or every account with an email never invited."""
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
