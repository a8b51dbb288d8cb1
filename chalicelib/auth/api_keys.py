"""Admin API keys: ``Authorization: Bearer <key>``, stored only as SHA-256, revocable, many.

The bootstrap key's hash comes from the settings; further keys live in the api-keys table.
A key reads ``pk_<key id>_<secret>``: the id finds the stored hash with one GetItem and is
what lists show, so a key can be revoked without anyone handling the secret again.

A stored key records when it was last used, to the hour: the GetItem shows whether the recorded
moment is over an hour old, and only then does a conditional update write it (a busy integration
costs one write an hour, and two containers racing write once). The bootstrap key has no item, so
its use is not tracked.
"""
from __future__ import annotations

import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from pynamodb.exceptions import UpdateError

from chalicelib.auth import digest
from chalicelib.db.models import ApiKey
from chalicelib.db.queries import admin_api_keys
from chalicelib.errors import NotFound, Unauthorized
from chalicelib.settings import Settings
from chalicelib import clock

BOOTSTRAP_KEY_ID = "bootstrap"
USE_RECORDED_EVERY = timedelta(hours=1)
_KEY = re.compile(r"^pk_([0-9a-f]{8})_[A-Za-z0-9_-]{40,}$")


@dataclass(frozen=True)
class Caller:
    key_id: str
    name: str


def authenticate(authorization: str | None, settings: Settings) -> Caller:
    """The caller behind an ``Authorization`` header, or ``Unauthorized``."""
    scheme, _, key = (authorization or "").partition(" ")
    key = key.strip()
    if scheme.lower() != "bearer" or not key:
        raise Unauthorized("Send the admin API key as 'Authorization: Bearer <key>'.")
    hashed = digest(key)
    if any(hmac.compare_digest(hashed, bootstrap) for bootstrap in _bootstrap_hashes(settings)):
        return Caller(BOOTSTRAP_KEY_ID, "bootstrap key")
    match = _KEY.match(key)
    stored = _get(match.group(1)) if match else None
    if stored is None or not hmac.compare_digest(hashed, stored.key_hash):
        raise Unauthorized("The admin API key is not valid.")
    if stored.revoked_at is not None:
        raise Unauthorized("The admin API key has been revoked.")
    _record_use(stored)
    return Caller(stored.key_id, stored.name)


def _record_use(stored: ApiKey) -> None:
    """``last_used_at`` := now, unless it was written within the hour (then nothing is written)."""
    now = clock.now()
    stale = now - USE_RECORDED_EVERY
    if stored.last_used_at is not None and stored.last_used_at > stale:
        return
    try:
        stored.update(
            actions=[ApiKey.last_used_at.set(now)],
            condition=ApiKey.revoked_at.does_not_exist()
            & (ApiKey.last_used_at.does_not_exist() | (ApiKey.last_used_at <= stale)),
        )
    except UpdateError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise


def bootstrap_configured(settings: Settings) -> bool:
    return bool(settings.admin_key_sha256 or settings.admin_key_secret_id)


def _bootstrap_hashes(settings: Settings) -> list[str]:
    """The bootstrap key's hash: from the settings, and (production) of the key in Secrets Manager."""
    hashes = [settings.admin_key_sha256] if settings.admin_key_sha256 else []
    if settings.admin_key_secret_id:
        from chalicelib import secrets

        hashes.append(digest(secrets.admin_key(settings.admin_key_secret_id)))
    return hashes


def _get(key_id: str) -> ApiKey | None:
    try:
        return ApiKey.get("admin", key_id)
    except ApiKey.DoesNotExist:
        return None


def create(name: str) -> tuple[ApiKey, str]:
    """A new key; the plain key is returned once and never stored."""
    key_id = secrets.token_hex(4)
    key = f"pk_{key_id}_{secrets.token_urlsafe(32)}"
    item = ApiKey("admin", key_id, key_hash=digest(key), name=name, created_at=clock.now())
    item.save(condition=ApiKey.key_id.does_not_exist())
    return item, key


def revoke(key_id: str) -> ApiKey:
    item = _get(key_id)
    if item is None:
        raise NotFound(f"No admin API key with id '{key_id}'.")
    if item.revoked_at is None:
        item.update(actions=[ApiKey.revoked_at.set(clock.now())])
    return item


def listing() -> list[ApiKey]:
    return admin_api_keys()
