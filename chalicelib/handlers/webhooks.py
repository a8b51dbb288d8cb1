"""Stripe's webhooks: signature checked on the raw body, each event applied once."""
from __future__ import annotations

from typing import Any

from chalice import Blueprint

bp = Blueprint(__name__)


@bp.route("/stripe", methods=["POST"])
def stripe_webhook() -> dict[str, Any]:
    from chalicelib.billing import webhooks

    request = bp.current_request
    return {"received": True, "result": webhooks.handle_webhook(request.raw_body, request.headers.get("stripe-signature"))}
