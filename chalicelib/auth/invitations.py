"""Invitations (F2): a single-click activation link, valid 7 days, single use; and what the office's
invitations page counts before it invites everyone (C6).

Who is invited by "everyone": accounts with an email that were never invited and never signed
in (the sparse ``never_invited`` index). An address on the undeliverable list (it bounced, or its
owner reported us as spam) is left out: it leaves the list uninvited, and the answer counts it.
Accounts with no email (``without_email``) cannot be invited; they can still sign in by text.
"""
from __future__ import annotations

from datetime import timedelta
from typing import Any

from chalicelib import launch, notify
from chalicelib.auth import contacts, tokens
from chalicelib.db.models import Account
from chalicelib.db.office_queries import every_undeliverable, undeliverable_addresses
from chalicelib.db.queries import (account_by_email, account_ids_with_email, accounts_by_id, count_never_invited,
                                   count_without_email, get_or_none, never_invited, undeliverable)
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


def invite_by_email(email: str) -> dict[str, Any]:
    """Invite (or invite again) the customer with this email: a new link voids the one sent before."""
    account = account_by_email(email.lower())
    if account is None:
        raise NotFound(f"No customer with the email {email} is on file.")
    bounced = undeliverable(email)
    if bounced is not None:
        raise Conflict(f"We cannot write to {email}: it {'was reported as spam' if bounced.reason == 'complaint' else 'bounced'} "
                       f"on {bounced.since.date().isoformat()}. Ask the customer for another address.")
    return {**invite(account.account_id), "name": account.name}


def invite_all() -> dict[str, Any]:
    """Invite up to ``BATCH`` accounts that have an email and were never invited; call again while
    ``more``. Undeliverable addresses are skipped (and leave the list): ``skipped`` counts them."""
    account_ids = never_invited(limit=BATCH + 1)
    batch = accounts_by_id(set(account_ids[:BATCH]))
    bounced = undeliverable_addresses({a.email_lc for a in batch.values() if a.email_lc})
    sent, skipped = [], 0
    for account_id in account_ids[:BATCH]:
        account = batch.get(account_id)
        if account is not None and account.email_lc in bounced:
            account.update(actions=[Account.never_invited.remove()], add_version_condition=False)
            skipped += 1
            continue
        _send(account_id, "invite", None)
        sent.append(account_id)
    launch.note_invitations(sent)
    return {"invited": len(sent), "skipped": skipped, "more": len(account_ids) > BATCH}


def summary() -> dict[str, Any]:
    """What "invite everyone" would do now: how many it invites, how many it leaves out because
    their address is undeliverable, and how many have no email. Counting Queries of the two sparse
    indexes, and per undeliverable address (rare) one Query of ``by_email``, then one BatchGetItem."""
    waiting = count_never_invited()
    holders = {account_id for entry in every_undeliverable() for account_id in account_ids_with_email(entry.address, limit=5)}
    left_out = sum(1 for account in accounts_by_id(holders).values() if account.never_invited)
    return {"will_invite": waiting - left_out, "undeliverable": left_out, "no_email": count_without_email()}
