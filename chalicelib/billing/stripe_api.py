"""The Stripe SDK, configured once per container and imported only where payments happen.

(It costs about a quarter of a second to import: customer pages that take no payment never load it.)
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from chalicelib.settings import Settings, get_settings


@dataclass(frozen=True)
class Keys:
    secret_key: str
    webhook_secret: str
    publishable_key: str


def keys(settings: Settings | None = None) -> Keys:
    settings = settings or get_settings()
    if settings.stripe_secret_id:
        return _from_secrets_manager(settings.stripe_secret_id, settings.stripe_publishable_key or "")
    if not (settings.stripe_secret_key and settings.stripe_webhook_secret):
        raise RuntimeError("Stripe is not configured: set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET, or PORTAL_STRIPE_SECRET_ID")
    return Keys(settings.stripe_secret_key, settings.stripe_webhook_secret, settings.stripe_publishable_key or "")


@cache
def _from_secrets_manager(secret_id: str, publishable_key: str) -> Keys:
    from chalicelib.aws import client

    document = json.loads(client("secretsmanager").get_secret_value(SecretId=secret_id)["SecretString"])
    return Keys(document["secret_key"], document["webhook_secret"], document.get("publishable_key", publishable_key))


def js_url() -> str:
    """Where the site loads Stripe.js: Stripe's own, or the emulator's stand-in locally."""
    base = get_settings().stripe_api_base
    return f"{base}/js.stripe.com/v3/" if base else "https://js.stripe.com/v3/"


def sdk() -> Any:
    """The ``stripe`` module, pointed at this stage's Stripe (or the local emulator)."""
    import stripe

    settings = get_settings()
    stripe.api_key = keys(settings).secret_key
    if settings.stripe_api_base:
        stripe.api_base = settings.stripe_api_base
    stripe.max_network_retries = 2
    return stripe
