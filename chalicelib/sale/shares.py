"""Share links (SPEC F13): the owner makes, lists and revokes read-only links to one property's record.

A link is ``<site>/shared#token=<share_id>.<secret>``. The secret is 256 bits, an HMAC of the share's
random id under a key derived from the session signing key (as ``auth.signed`` derives its keys);
only its SHA-256 is stored, as for sign-in tokens. Deriving it, rather than drawing and forgetting
it, lets the owner copy an active link again from the list: nothing in the table gives the link
back, and whoever holds the signing key could forge sessions anyway. Once that key is rotated out,
older links still open (their hash is what is checked) but can no longer be copied again.
The token rides in the address's fragment, which browsers never send to a server nor put in a Referer.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from chalicelib import clock
from chalicelib.addresses import label
from chalicelib.auth import digest, limits
from chalicelib.auth.keys import session_keys
from chalicelib.db import conditional
from chalicelib.db.models import Property, Share, plain
from chalicelib.db.queries import owned_or_404, properties_of_account
from chalicelib.db.sale_queries import share_now, shares_of_account
from chalicelib.errors import Invalid, NotFound
from chalicelib.settings import get_settings

MAX_DAYS = 30
KEPT_AFTER_EXPIRY = timedelta(days=90)  # the owner still sees, for a while, who opened a link that ended
_PURPOSE = b"share-link"
SHARE_ID = re.compile(r"[0-9a-f]{16}")
TOKEN = re.compile(r"([0-9a-f]{16})\.[A-Za-z0-9_-]{43}")
_NOT_FOUND = partial(NotFound, "We couldn't find that share link. Reload the page to see your links.")


def link_url(token: str) -> str:
    return f"{get_settings().site_url}/shared#token={token}"


def _token(share_id: str, key_id: str) -> str | None:
    """The link's token, or None once the key it was derived from is no longer among the session keys."""
    key = session_keys(get_settings()).by_kid.get(key_id)
    if key is None:
        return None
    derived = hmac.new(key.encode(), _PURPOSE, hashlib.sha256).digest()
    mac = hmac.new(derived, share_id.encode(), hashlib.sha256).digest()
    return f"{share_id}.{base64.urlsafe_b64encode(mac).rstrip(b'=').decode()}"


def matches(share: Share, token: str) -> bool:
    return hmac.compare_digest(digest(token), share.token_hash)


def status(share: Share, now: datetime) -> str:
    if share.revoked_at is not None:
        return "revoked"
    return "expired" if share.expires_at <= now else "active"


def create(account_id: str, body: dict[str, Any]) -> dict[str, Any]:
    """A new link to one of the account's properties (``bodies.NEW_SHARE``)."""
    prop = owned_or_404(Property, body["property_id"], account_id)
    days = body["expires_in_days"]
    if days is None:
        raise Invalid.field("expires_in_days", f"Choose how many days the link works, from 1 to {MAX_DAYS}.")
    limits.hit("share-create", account_id, get_settings().limit_share_create)
    now = clock.now()
    share_id = secrets.token_hex(8)
    key_id = session_keys(get_settings()).signing_kid
    token = _token(share_id, key_id)
    assert token is not None  # the signing key is always among the keys
    expires_at = now + timedelta(days=days)
    share = Share(
        share_id, token_hash=digest(token), key_id=key_id, account_id=account_id, property_id=prop.property_id,
        property_label=label(plain(prop.address)), label=body["label"], include_reports=bool(body.get("include_reports")),
        notify_on_first_view=bool(body.get("notify_on_first_view")), created_at=now, expires_at=expires_at,
        sort_key=f"{now.isoformat()}#{share_id}", delete_after=expires_at + KEPT_AFTER_EXPIRY,
    )
    share.save(condition=Share.share_id.does_not_exist())
    return view(share, now)


def listing(account_id: str) -> dict[str, Any]:
    """The account's links; one to a home the account no longer holds reads ``changed_hands`` (it no longer
    opens, ``shared._open``), not ``active``."""
    now = clock.now()
    items = [view(share, now) for share in shares_of_account(account_id)]
    if any(item["status"] == "active" for item in items):
        held = {prop.property_id for prop in properties_of_account(account_id)}
        for item in items:
            if item["status"] == "active" and item["property"]["id"] not in held:
                item.update(status="changed_hands", url=None)
    return {"items": items}


def revoke(account_id: str, share_id: str) -> dict[str, Any]:
    """Ends the link at once (the shared page reads the share consistently); revoking twice is no error."""
    share = share_now(share_id) if SHARE_ID.fullmatch(share_id) else None
    if share is None or share.account_id != account_id:
        raise _NOT_FOUND()
    now = clock.now()
    if share.revoked_at is None:
        conditional(lambda: share.update(actions=[Share.revoked_at.set(now)], condition=Share.revoked_at.does_not_exist()))
        share.refresh(consistent_read=True)
    return view(share, now)


def view(share: Share, now: datetime) -> dict[str, Any]:
    """A share as its owner's list shows it; ``url`` only while it works (and can be derived again)."""
    state = status(share, now)
    token = _token(share.share_id, share.key_id) if state == "active" else None
    return {
        "id": share.share_id,
        "label": share.label,
        "property": {"id": share.property_id, "label": share.property_label},
        "include_reports": share.include_reports,
        "notify_on_first_view": share.notify_on_first_view,
        "status": state,
        "url": link_url(token) if token else None,
        "created_at": share.created_at.isoformat(),
        "expires_at": share.expires_at.isoformat(),
        "revoked_at": share.revoked_at.isoformat() if share.revoked_at else None,
        "first_viewed_at": share.first_viewed_at.isoformat() if share.first_viewed_at else None,
        "access_count": len(share.accesses or []) + int(share.more_accesses or 0),
        "accesses": list(reversed([plain(entry) for entry in share.accesses or []])),  # newest first
    }
