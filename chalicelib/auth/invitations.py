"""Invitations (F2): a single-click activation link, valid 7 days, single use."""
from __future__ import annotations

from datetime import timedelta
from typing import Any

from chalicelib import launch, notify
from chalicelib.auth import contacts, tokens
from chalicelib.db.models import Account
from chalicelib.db.queries import get_or_none, never_invited
from chalicelib.errors import Conflict, NotFound
from chalicelib.names import first_name
from chalicelib.settings import get_settings
from chalicelib import clock

BATCH = 100


def invite(account_id: str, template: str = "invite", context: dict[str, Any] | None = None) -> dict[str, Any]:
    """Send the activation link; ``template`` and ``context`` for an invitation in its own words
    (a new owner's access, F14). Each call issues a new link, which voids the one sent before.
    The first invitation to a customer who is not a test account marks the launch (``launch``)."""
    sent = _send(account_id, template, context)
    if template == "invite":
        launch.note_invitations([account_id])
    return sent


def _send(account_id: str, template: str, context: dict[str, Any] | None) -> dict[str, Any]:
    account = get_or_none(Account, account_id)
    if account is None:
        raise NotFound(f"No account '{account_id}'.")
    if not account.email:
        raise Conflict(f"Account '{account_id}' has no email address to send an invitation to.")
    settings = get_settings()
    link = tokens.issue(account, "invite", timedelta(days=settings.invite_days), "email", contacts.mask_email(account.email))
    notify.email(account.email, template, {
        "name": first_name(account.name),
        "url": f"{settings.site_url}/signin/link#token={link.token}",
        "days": settings.invite_days,
        **(context or {}),
    })
    now = clock.now()
    account.update(actions=[Account.invited_at.set(now), Account.never_invited.remove()], add_version_condition=False)
    return {"account_id": account_id, "invited_at": now.isoformat(), "sent_to": contacts.mask_email(account.email)}


def invite_all() -> dict[str, Any]:
    """Invite up to ``BATCH`` accounts that have an email and were never invited; call again while ``more``."""
    account_ids = never_invited(limit=BATCH + 1)
    for account_id in account_ids[:BATCH]:
        _send(account_id, "invite", None)
    launch.note_invitations(account_ids[:BATCH])
    return {"invited": min(len(account_ids), BATCH), "more": len(account_ids) > BATCH}
