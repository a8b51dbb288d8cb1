"""The signed-in customer's records: dashboard (F4), history (F5), documents (F6), system (F7)."""
from __future__ import annotations

from typing import Any

from chalice import Blueprint

from chalicelib.auth.current import customer
from chalicelib.customer import records

bp = Blueprint(__name__)


def _query(name: str) -> str | None:
    return (bp.current_request.query_params or {}).get(name)


@bp.route("/dashboard", methods=["GET"])
def dashboard() -> dict[str, Any]:
    return records.dashboard(customer(bp.current_request).account_id)


@bp.route("/history", methods=["GET"])
def history() -> dict[str, Any]:
    account_id = customer(bp.current_request).account_id
    return records.history(account_id, _query("property_id"), _query("cursor"), _query("limit"),
                           _query("former_property_id"))


@bp.route("/documents", methods=["GET"])
def list_documents() -> dict[str, Any]:
    account_id = customer(bp.current_request).account_id
    return records.documents(account_id, _query("cursor"), _query("limit"), _query("property_id"),
                             _query("former_property_id"))


@bp.route("/documents/{document_id}/download", methods=["GET"])
def download_document(document_id: str) -> dict[str, Any]:
    return records.download(customer(bp.current_request).account_id, document_id)


@bp.route("/properties/{property_id}", methods=["GET"])
def property_details(property_id: str) -> dict[str, Any]:
    return records.property_details(customer(bp.current_request).account_id, property_id)


@bp.route("/properties/{property_id}/records-pack", methods=["GET"])
def records_pack(property_id: str) -> dict[str, Any]:
    """The property's records as a PDF (SPEC F13): a short-lived download of a pack made now."""
    from chalicelib.sale import pack

    return pack.owners_pack(customer(bp.current_request).account_id, property_id)
