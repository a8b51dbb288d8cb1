"""Staff sign-in for the office console (SPEC C6): a link by email, its landing, the session, sign out."""
from __future__ import annotations

from typing import Any

from chalice import Blueprint, Response

from chalicelib import bodies
from chalicelib.errors import SignedOut
from chalicelib.office import signin
from chalicelib.web import client_ip, read_body

bp = Blueprint(__name__)


@bp.route("/magic-link", methods=["POST"])
def request_magic_link() -> Response:
    request = bp.current_request
    body = read_body(request, bodies.STAFF_SIGNIN_REQUEST)
    signin.request_link(body["email"], client_ip(request), body.get("next"))
    return Response(body=signin.LINK_SENT, status_code=202)


@bp.route("/link", methods=["POST"])
def describe_link() -> dict[str, Any]:
    return signin.describe_link(read_body(bp.current_request, bodies.LINK)["token"])


@bp.route("/verify", methods=["POST"])
def verify_link() -> Response:
    body, jwt = signin.verify_link(read_body(bp.current_request, bodies.LINK)["token"])
    return Response(body=body, status_code=200, headers={"Set-Cookie": signin.set_cookie(jwt)})


@bp.route("/logout", methods=["POST"])
def logout() -> Response:
    try:
        signin.end(signin.authenticate(bp.current_request.headers.get("cookie")).session_id)
    except SignedOut:
        pass  # signing out twice, or with a dead cookie, still clears the cookie
    return Response(body="", status_code=204, headers={"Set-Cookie": signin.clear_cookie()})
