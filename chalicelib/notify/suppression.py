"""Who the outbox must not write to, and why: an email address SES reported undeliverable (a
permanent bounce, a complaint), or a phone number on SNS's opt-out list (the customer replied STOP).

``refusal`` is asked once per message just before it goes out, for every kind (a sign-in link to a
bounced address would bounce too, and AWS refuses texts to opted-out numbers): one GetItem per
email, one ``CheckIfPhoneNumberIsOptedOut`` per text. ``mark`` is the one way an address becomes
undeliverable: the SES notifications endpoint and local mode's simulated bounce both call it.
"""
from __future__ import annotations

from chalicelib import clock, logs
from chalicelib.aws import client
from chalicelib.db import conditional
from chalicelib.db.models import OutboxMessage, Undeliverable
from chalicelib.db.queries import undeliverable

log = logs.get_logger("outbox")

REASONS = {"bounce": "bounced (permanently)", "complaint": "was reported as spam by its owner"}


def refusal(message: OutboxMessage) -> str | None:
    """Why ``message`` must not be sent, in words for the office; None when it may go."""
    if message.channel == "email":
        found = undeliverable(message.recipient)
        if found is None:
            return None
        return f"Not sent: this address {REASONS.get(found.reason, found.reason)} on {found.since.date().isoformat()}."
    if message.channel == "sms":
        answer = client("sns").check_if_phone_number_is_opted_out(phoneNumber=message.recipient)
        if answer.get("isOptedOut"):
            return "Not sent: this number replied STOP and is on the opt-out list for texts."
    return None


def mark(address: str, reason: str, *, detail: str | None, source: str) -> bool:
    """Record ``address`` as undeliverable from now on; answers False when it already was (kept as first seen)."""
    if reason not in REASONS:
        raise ValueError(f"unknown reason {reason!r}")
    now = clock.now()
    address = address.strip().lower()
    item = Undeliverable(address, reason=reason, detail=(detail or "")[:500] or None, source=source, since=now,
                         listed="yes", since_key=f"{now.isoformat()}#{address}")
    marked = conditional(lambda: item.save(condition=Undeliverable.address.does_not_exist()))
    log.warning("address marked undeliverable" if marked else "address already undeliverable",
                extra={"to": address, "reason": reason, "source": source})
    return marked
