"""Admin API keys: create (the key is shown once), list, revoke."""
from __future__ import annotations

from typing import Any

from chalice import Blueprint, Response

from chalicelib.auth import api_keys

bp = Blueprint(__name__)


def _view(item: Any) -> dict[str, Any]:
    return {
        "id": item.key_id,
        "name": item.name,
        "created_at": item.created_at.isoformat(),
        "revoked_at": item.revoked_at.isoformat() if item.revoked_at else None,
        "last_used_at": item.last_used_at.isoformat() if item.last_used_at else None,
    }


@bp.route("/api-keys", methods=["POST"])
def create_key() -> Response:
    from chalicelib.admin import schemas

    body = schemas.parse(schemas.ApiKeyIn, bp.current_request.raw_body)
    item, key = api_keys.create(body.name)
    return Response(body={**_view(item), "key": key}, status_code=201)


@bp.route("/api-keys", methods=["GET"])
def list_keys() -> dict[str, Any]:
    from chalicelib.settings import get_settings

    bootstrap = None
    if api_keys.bootstrap_configured(get_settings()):
        # set at deployment (Secrets Manager), not stored as an item: its use is not tracked
        bootstrap = {"id": api_keys.BOOTSTRAP_KEY_ID, "name": "Bootstrap key", "last_used_tracked": False}
    return {"items": [_view(item) for item in api_keys.listing()], "bootstrap": bootstrap}


@bp.route("/api-keys/{key_id}", methods=["DELETE"])
def revoke_key(key_id: str) -> Response:
    api_keys.revoke(key_id)
    return Response(body="", status_code=204)
