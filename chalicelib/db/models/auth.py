"""Sign-in and admin access: link tokens, sessions, rate-limit counters, admin API keys."""
from __future__ import annotations

from pynamodb.attributes import (
    ListAttribute,
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.indexes import GlobalSecondaryIndex, KeysOnlyProjection

from chalicelib.db.models.base import Table


class Token(Table):
    """A single-use link token (sign-in, invitation), stored only as its SHA-256."""

    base_name = "tokens"

    class Meta(Table.Meta):
        table_name = "portal-tokens"

    token_hash = UnicodeAttribute(hash_key=True)
    purpose = UnicodeAttribute()  # signin | invite | email_change | phone_change | email_undo
    new_email = UnicodeAttribute(null=True)  # email_change: the address being confirmed; email_undo: the one to go back to
    new_phone = UnicodeAttribute(null=True)  # phone_change: the number being confirmed
    choices = ListAttribute(null=True)  # signin for a contact of several accounts: the account ids it may open
    account_id = UnicodeAttribute(null=True)
    channel = UnicodeAttribute(null=True)  # email | sms
    sent_to = UnicodeAttribute(null=True)  # masked, for the landing page
    expires_at = TTLAttribute()  # checked on every use too: TTL deletion may lag for days
    used_at = UTCDateTimeAttribute(null=True)
    created_at = UTCDateTimeAttribute()


class SessionsByAccount(GlobalSecondaryIndex):
    class Meta:
        index_name = "by_account"
        projection = KeysOnlyProjection()

    account_id = UnicodeAttribute(hash_key=True)
    session_id = UnicodeAttribute(range_key=True)


class Session(Table):
    """A signed-in browser. The cookie's JWT names it; revoking it ends the session."""

    base_name = "sessions"

    class Meta(Table.Meta):
        table_name = "portal-sessions"

    session_id = UnicodeAttribute(hash_key=True)
    account_id = UnicodeAttribute()
    method = UnicodeAttribute()  # link | invite | password | view_as
    created_at = UTCDateTimeAttribute()
    expires_at = TTLAttribute()
    revoked_at = UTCDateTimeAttribute(null=True)
    viewed_by = UnicodeAttribute(null=True)  # view_as: the staff member looking, read-only

    by_account = SessionsByAccount()


class Counter(Table):
    """A rate-limit window: ``key`` is "<what>#<who>#<window number>"."""

    base_name = "counters"

    class Meta(Table.Meta):
        table_name = "portal-counters"

    key = UnicodeAttribute(hash_key=True)
    count = NumberAttribute(default=0)
    expires_at = TTLAttribute()


class ApiKey(Table):
    """An admin API key, stored only as the SHA-256 of the key; all keys share one partition."""

    base_name = "api-keys"

    class Meta(Table.Meta):
        table_name = "portal-api-keys"

    kind = UnicodeAttribute(hash_key=True, default="admin")
    key_id = UnicodeAttribute(range_key=True)
    key_hash = UnicodeAttribute()
    name = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()
    revoked_at = UTCDateTimeAttribute(null=True)
    # When the key last opened the API, to the hour: written at most once an hour (api_keys.py).
    last_used_at = UTCDateTimeAttribute(null=True)
