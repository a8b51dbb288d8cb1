"""Addresses the portal must not write to: SES reported a permanent bounce or a complaint."""
from __future__ import annotations

from pynamodb.attributes import UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex

from chalicelib.db.models.base import Table


class UndeliverableByTime(GlobalSecondaryIndex):
    """Every undeliverable address, newest first (the office's list of accounts it cannot reach)."""

    class Meta:
        index_name = "by_time"
        projection = AllProjection()

    listed = UnicodeAttribute(hash_key=True)  # always "yes": one list
    since_key = UnicodeAttribute(range_key=True)  # "<iso since>#<address>"


class Undeliverable(Table):
    """Keyed by the address itself, not an account: an account whose email changes is reachable again,
    and an address that bounced stays refused whichever account holds it."""

    base_name = "undeliverable"

    class Meta(Table.Meta):
        table_name = "portal-undeliverable"

    address = UnicodeAttribute(hash_key=True)  # an email address, lower case
    reason = UnicodeAttribute()  # bounce | complaint
    detail = UnicodeAttribute(null=True)  # what SES said, e.g. "Permanent/General: 550 5.1.1 user unknown"
    source = UnicodeAttribute()  # ses | local (simulated in local mode)
    since = UTCDateTimeAttribute()
    listed = UnicodeAttribute(default="yes")
    since_key = UnicodeAttribute()

    by_time = UndeliverableByTime()
