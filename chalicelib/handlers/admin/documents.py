"""Document upload (presigned URL) and publishing."""
from __future__ import annotations

from typing import Any

from chalice import Blueprint, Response

bp = Blueprint(__name__)


@bp.route("/documents", methods=["POST"])
def create_document() -> Response:
    from chalicelib.admin import documents, schemas

    body = schemas.parse(schemas.DocumentIn, bp.current_request.raw_body)
    return Response(body=documents.create(body), status_code=201)


@bp.route("/documents/{document_id}", methods=["PATCH"])
def update_document(document_id: str) -> dict[str, Any]:
    from chalicelib.admin import documents, schemas

    return documents.update(document_id, schemas.parse(schemas.DocumentPatch, bp.current_request.raw_body))
