"""Webhooks: Stripe's (signature checked on the raw body, each event applied once) and SES's bounce and
complaint notifications through SNS (SNS signature and topic checked)."""
from __future__ import annotations

from typing import Any

from chalice import Blueprint

bp = Blueprint(__name__)


@bp.route("/stripe", methods=["POST"])
def stripe_webhook() -> dict[str, Any]:
    from chalicelib.billing import webhooks

    request = bp.current_request
    return {"received": True, "result": webhooks.handle_webhook(request.raw_body, request.headers.get("stripe-signature"))}


@bp.route("/ses", methods=["POST"], content_types=["text/plain", "application/json"])
def ses_notifications() -> dict[str, Any]:
    """SNS posts its messages as text/plain JSON."""
    from chalicelib.notify import ses_events

    return {"received": True, "result": ses_events.handle(bp.current_request.raw_body)}
