"""Stripe's webhooks: checked (signature and age, on the raw body), then each event applied once."""
from __future__ import annotations

from datetime import timedelta

from chalicelib import clock
from chalicelib.billing import stripe_api
from chalicelib.billing.intents import apply_intent
from chalicelib.db import conditional
from chalicelib.db.models import WebhookEvent
from chalicelib.db.queries import get_or_none
from chalicelib.errors import BadRequest

SIGNATURE_TOLERANCE_SECONDS = 300
EVENTS_KEPT = timedelta(days=7)


def handle_webhook(raw_body: bytes, signature: str | None) -> str:
    """Apply one Stripe event; answers what was done ("applied", "duplicate", "ignored")."""
    stripe = stripe_api.sdk()
    try:
        event = stripe.Webhook.construct_event(raw_body, signature or "", stripe_api.keys().webhook_secret,
                                               tolerance=SIGNATURE_TOLERANCE_SECONDS).to_dict()
    except (ValueError, stripe.SignatureVerificationError):
        raise BadRequest("The webhook's signature is missing, wrong or too old.") from None
    if get_or_none(WebhookEvent, event["id"]) is not None:
        return "duplicate"
    kind = event["type"]
    subject = event["data"]["object"]
    intent_id = subject["id"] if kind.startswith("payment_intent.") else (
        subject.get("payment_intent") if kind in ("charge.refunded", "charge.refund.updated") else None)
    result = apply_intent(intent_id, event["id"]) if intent_id else "ignored"
    _remember(event["id"], kind)
    return result


def _remember(event_id: str, kind: str) -> None:
    now = clock.now()
    event = WebhookEvent(event_id, kind=kind, received_at=now, expires_at=now + EVENTS_KEPT)
    conditional(lambda: event.save(condition=WebhookEvent.event_id.does_not_exist()))  # already there: applied once
