"""Sign-in routes (F1-F3): links by email or text, address look-up, sessions, optional passwords."""
from __future__ import annotations

from typing import Any

from chalice import Blueprint, Response

from chalicelib import bodies
from chalicelib.auth import sessions, signin
from chalicelib.auth.current import customer
from chalicelib.db.models import Account
from chalicelib.errors import SignedOut
from chalicelib.settings import get_settings
from chalicelib.web import client_ip, read_body

bp = Blueprint(__name__)


def _with_session(body: dict[str, Any], jwt: str) -> Response:
    return Response(body=body, status_code=200, headers={"Set-Cookie": sessions.set_cookie(jwt, get_settings())})


@bp.route("/magic-link", methods=["POST"])
def request_magic_link() -> Response:
    request = bp.current_request
    signin.request_link(read_body(request, bodies.SIGNIN_REQUEST), client_ip(request))
    return Response(body=signin.LINK_SENT, status_code=202)


@bp.route("/lookup", methods=["POST"])
def request_lookup() -> Response:
    request = bp.current_request
    signin.request_lookup(read_body(request, bodies.ADDRESS_LOOKUP), client_ip(request))
    return Response(body=signin.LOOKUP_SENT, status_code=202)


@bp.route("/link", methods=["POST"])
def describe_link() -> dict[str, Any]:
    return signin.describe_link(read_body(bp.current_request, bodies.LINK))


@bp.route("/verify", methods=["POST"])
def verify_link() -> Response:
    return _with_session(*signin.verify_link(read_body(bp.current_request, bodies.VERIFY)))


@bp.route("/login", methods=["POST"])
def login() -> Response:
    request = bp.current_request
    return _with_session(*signin.login(read_body(request, bodies.LOGIN), client_ip(request)))


@bp.route("/session", methods=["GET"])
def current_session() -> dict[str, Any]:
    principal = customer(bp.current_request)
    return {**signin.session_view(Account.get(principal.account_id)), "viewed_by": principal.viewed_by}


@bp.route("/logout", methods=["POST"])
def logout() -> Response:
    try:
        sessions.end(customer(bp.current_request).session_id)
    except SignedOut:
        pass  # signing out twice, or with a dead cookie, still clears the cookie
    return Response(body="", status_code=204, headers={"Set-Cookie": sessions.clear_cookie(get_settings())})


@bp.route("/logout-all", methods=["POST"])
def logout_everywhere() -> Response:
    sessions.end_all(customer(bp.current_request).account_id)
    return Response(body="", status_code=204, headers={"Set-Cookie": sessions.clear_cookie(get_settings())})


@bp.route("/password", methods=["PUT"])
def set_password() -> Response:
    signin.set_password(customer(bp.current_request), read_body(bp.current_request, bodies.NEW_PASSWORD))
    return Response(body="", status_code=204)
