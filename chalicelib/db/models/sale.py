"""Records shared for a home sale (SPEC F13): the owner's share links and who opened them."""
from __future__ import annotations

from pynamodb.attributes import BooleanAttribute, ListAttribute, NumberAttribute, TTLAttribute, UnicodeAttribute, UTCDateTimeAttribute

from chalicelib.db.models.base import Index, Table

SHARE_LOG_KEPT = 100  # access entries kept on a share; later ones are counted in ``more_accesses``


class SharesByAccount(Index):
    class Meta(Index.Meta):
        index_name = "by_account"

    account_id = UnicodeAttribute(hash_key=True)
    sort_key = UnicodeAttribute(range_key=True)  # "<created ISO time>#<share_id>": newest first


class Share(Table):
    """A read-only link to one property's record, stored only as the SHA-256 of its token.

    The token is "<share_id>.<secret>": one consistent GetItem by ``share_id`` opens it, and the
    stored hash is what it is checked against. Its access log lives on the item (at most
    ``SHARE_LOG_KEPT`` entries, each added by one UpdateItem), so the owner's list is one Query.
    The item goes (TTL ``delete_after``) 90 days after the link expires: the owner still sees,
    for a while, who opened a link that ended.
    """

    base_name = "shares"

    class Meta(Table.Meta):
        table_name = "portal-shares"

    share_id = UnicodeAttribute(hash_key=True)
    token_hash = UnicodeAttribute()
    key_id = UnicodeAttribute()  # the session key the secret was derived from (the owner may copy the link again)
    account_id = UnicodeAttribute()
    property_id = UnicodeAttribute()
    property_label = UnicodeAttribute()  # the address as the owner's list shows it
    label = UnicodeAttribute()  # the owner's words: "For our realtor, Dana"
    include_reports = BooleanAttribute(default=False)
    notify_on_first_view = BooleanAttribute(default=False)
    created_at = UTCDateTimeAttribute()
    expires_at = UTCDateTimeAttribute()
    revoked_at = UTCDateTimeAttribute(null=True)
    first_viewed_at = UTCDateTimeAttribute(null=True)
    accesses = ListAttribute(default=list)  # [{"at", "what", "browser", "country"}], oldest first
    more_accesses = NumberAttribute(default=0)  # accesses past SHARE_LOG_KEPT, counted only
    sort_key = UnicodeAttribute()
    delete_after = TTLAttribute()

    by_account = SharesByAccount()
