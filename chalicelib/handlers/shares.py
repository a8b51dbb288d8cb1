"""Share links for a home sale (F13): the owner's links, and the signed-out page they open.

The sale modules load on these routes only. Answers of the shared routes are never stored
(no-store, as every answer here without its own caching) and never name the page they were
asked from to anyone else (Referrer-Policy: no-referrer).
"""
from __future__ import annotations

from typing import Any

from chalice import Blueprint, Response

from chalicelib import bodies
from chalicelib.auth.current import customer
from chalicelib.web import client_ip, read_body

bp = Blueprint(__name__)
_PRIVATE = {"Referrer-Policy": "no-referrer", "Cache-Control": "no-store"}


@bp.route("/shares", methods=["POST"])
def create_share() -> Response:
    from chalicelib.sale import shares

    request = bp.current_request
    account_id = customer(request).account_id
    return Response(body=shares.create(account_id, read_body(request, bodies.NEW_SHARE)), status_code=201)


@bp.route("/shares", methods=["GET"])
def list_shares() -> dict[str, Any]:
    from chalicelib.sale import shares

    return shares.listing(customer(bp.current_request).account_id)


@bp.route("/shares/{share_id}", methods=["DELETE"])
def revoke_share(share_id: str) -> dict[str, Any]:
    from chalicelib.sale import shares

    return shares.revoke(customer(bp.current_request).account_id, share_id)


@bp.route("/shared/{token}", methods=["GET"])
def shared_record(token: str) -> Response:
    from chalicelib.sale import shared

    return Response(body=shared.open_record(token, _client()), headers=_PRIVATE)


@bp.route("/shared/{token}/documents/{document_id}/download", methods=["GET"])
def shared_report(token: str, document_id: str) -> Response:
    from chalicelib.sale import shared

    return Response(body=shared.report_download(token, document_id, _client()), headers=_PRIVATE)


@bp.route("/shared/{token}/pack", methods=["GET"])
def shared_pack(token: str) -> Response:
    from chalicelib.sale import shared

    return Response(body=shared.records_pack(token, _client()), headers=_PRIVATE)


def _client() -> Any:
    from chalicelib.sale import clients, shared

    request = bp.current_request
    return shared.Client(ip=client_ip(request), browser=clients.browser(request.headers.get("user-agent")),
                         country=clients.country(request.headers.get("cloudfront-viewer-country")))
