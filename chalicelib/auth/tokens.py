"""Single-use link tokens: 256 bits from ``secrets``, only the SHA-256 stored.

A token is used by one conditional write (unused, unexpired), in the same transaction as a
check that it is still the account's newest link of its kind: a newer link voids the older
without touching it, and of two concurrent uses exactly one wins.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Callable

from pynamodb.exceptions import TransactWriteError
from functools import partial

from chalicelib import db
from chalicelib.auth import digest
from chalicelib.db.models import Account, Token
from chalicelib.db.queries import get_or_none
from chalicelib.errors import LinkInvalid
from chalicelib import clock

_POINTER = {
    "signin": Account.signin_token_hash,
    "invite": Account.invite_token_hash,
    "email_change": Account.email_change_token_hash,
    "phone_change": Account.phone_change_token_hash,
    "email_undo": Account.email_undo_token_hash,
}
_USED = partial(LinkInvalid, "link_used", "This link has already been used. Ask for a new sign-in link.")  # a fresh instance per raise: a shared one keeps old tracebacks alive
_EXPIRED = partial(LinkInvalid, "link_expired", "This link has expired. Ask for a new sign-in link: it takes a minute.")
_INVALID = partial(LinkInvalid, "link_invalid", "This link is not valid. Ask for a new sign-in link.")


@dataclass(frozen=True)
class Link:
    token: str
    expires_at: datetime


def issue(account: Account, purpose: str, lifetime: timedelta, channel: str, sent_to: str, new_email: str | None = None,
          new_phone: str | None = None) -> Link:
    """A new link for ``account``; it becomes the account's newest, voiding any older one."""
    token = secrets.token_urlsafe(32)
    hashed = digest(token)
    now = clock.now()
    item = Token(hashed, purpose=purpose, account_id=account.account_id, channel=channel, sent_to=sent_to,
                 new_email=new_email, new_phone=new_phone, expires_at=now + lifetime, created_at=now)
    with db.transact_write() as transaction:
        transaction.save(item, condition=Token.token_hash.does_not_exist())
        # The loaded account's version is checked and bumped, so a concurrent whole-item
        # save of the account cannot undo the new pointer.
        transaction.update(account, actions=[_POINTER[purpose].set(hashed)])
    return Link(token, item.expires_at)


def issue_choice(accounts: list[Account], lifetime: timedelta, channel: str, sent_to: str) -> Link:
    """One sign-in link for a contact several accounts share: it opens one of ``accounts``, chosen on use.

    It becomes the newest sign-in link of each of them, in one transaction.
    """
    token = secrets.token_urlsafe(32)
    hashed = digest(token)
    now = clock.now()
    item = Token(hashed, purpose="signin", account_id=None, choices=[a.account_id for a in accounts], channel=channel,
                 sent_to=sent_to, expires_at=now + lifetime, created_at=now)
    with db.transact_write() as transaction:
        transaction.save(item, condition=Token.token_hash.does_not_exist())
        for account in accounts:
            transaction.update(account, actions=[Account.signin_token_hash.set(hashed)])
    return Link(token, item.expires_at)


def describe(token: object, purposes: tuple[str, ...]) -> Token:
    """The stored token, if it can still be used (reads only: opening a link uses nothing)."""
    item = _lookup(token, purposes)
    _check_usable(item, clock.now())
    account = get_or_none(Account, item.account_id or (item.choices or [""])[0])
    if account is None or getattr(account, _POINTER[item.purpose].attr_name) != item.token_hash:
        raise _INVALID()  # a newer link was sent since
    return item


def use(token: object, purposes: tuple[str, ...], also: Callable[[Token, Any, Any], None] | None = None,
        chosen: object = None) -> Token:
    """Use the token once: exactly one of any number of concurrent uses succeeds.

    ``also(item, transaction, still_newest)`` adds the writes the link stands for to the same
    transaction, so the link is used if and only if they happen. A transaction touches an item
    once, so ``also`` updates the account on the condition ``still_newest`` itself.

    A link for several accounts (``choices``) opens only the ``chosen`` one of them; the answer
    names it in ``account_id``.
    """
    item = _lookup(token, purposes)
    now = clock.now()
    _check_usable(item, now)
    if item.choices:
        if not isinstance(chosen, str) or chosen not in item.choices:
            raise _INVALID()
        item.account_id = chosen
    try:
        with db.transact_write() as transaction:
            transaction.update(
                item,
                actions=[Token.used_at.set(now)],
                condition=Token.used_at.does_not_exist() & (Token.expires_at > now),
            )
            still_newest = _POINTER[item.purpose] == item.token_hash
            if also is None:
                transaction.condition_check(Account, item.account_id, condition=still_newest)
            else:
                also(item, transaction, still_newest)
    except TransactWriteError as exc:
        if exc.cause_response_code in {"TransactionCanceledException", "TransactionConflictException"}:
            fresh = get_or_none(Token, item.token_hash)
            raise (_USED if fresh is not None and fresh.used_at else _INVALID)() from None
        raise
    return item


def _lookup(token: object, purposes: tuple[str, ...]) -> Token:
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        raise _INVALID()
    item = get_or_none(Token, digest(token))
    if item is None or item.purpose not in purposes:
        raise _INVALID()
    return item


def _check_usable(item: Token, now: datetime) -> None:
    if item.used_at is not None:
        raise _USED()
    if item.expires_at <= now:
        raise _EXPIRED()
