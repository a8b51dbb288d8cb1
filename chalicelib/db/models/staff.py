"""The office console's people and what they did: staff members and the audit trail (SPEC C6)."""
from __future__ import annotations

from pynamodb.attributes import ListAttribute, NumberAttribute, UnicodeAttribute, UTCDateTimeAttribute, VersionAttribute
from pynamodb.indexes import GlobalSecondaryIndex, KeysOnlyProjection

from chalicelib.db.models.base import Table

STAFF_ROLES = ("owner", "office", "dispatcher")


class StaffByEmail(GlobalSecondaryIndex):
    class Meta:
        index_name = "by_email"
        projection = KeysOnlyProjection()

    email_lc = UnicodeAttribute(hash_key=True)


class StaffMember(Table):
    """A person who signs in to the office console. All share one partition: an office has a handful."""

    base_name = "staff"

    class Meta(Table.Meta):
        table_name = "portal-staff"

    kind = UnicodeAttribute(hash_key=True, default="staff")
    staff_id = UnicodeAttribute(range_key=True)
    name = UnicodeAttribute()
    email = UnicodeAttribute()
    email_lc = UnicodeAttribute()  # unique: claimed in the same transaction (``StaffEmail``)
    role = UnicodeAttribute()  # owner | office | dispatcher
    created_at = UTCDateTimeAttribute()
    created_by = UnicodeAttribute()  # "staff:<id>", "key:<key id>" or "command"
    disabled_at = UTCDateTimeAttribute(null=True)
    signin_token_hash = UnicodeAttribute(null=True)  # the newest sign-in link: a newer one voids it
    version = VersionAttribute()

    by_email = StaffByEmail()


class StaffEmail(Table):
    """One item per staff email address: its conditional put makes the address unique."""

    base_name = "staff-emails"

    class Meta(Table.Meta):
        table_name = "portal-staff-emails"

    email_lc = UnicodeAttribute(hash_key=True)
    staff_id = UnicodeAttribute()


class AuditEntry(Table):
    """One admin write: who (a staff member or an API key), when, what, on which ids, and its answer.

    One partition, newest first by ``<time>#<id>``: the list is one Query (an office writes a few
    hundred a day, far below a partition's limits), never a Scan.
    """

    base_name = "audit"

    class Meta(Table.Meta):
        table_name = "portal-audit"

    kind = UnicodeAttribute(hash_key=True, default="audit")
    entry_key = UnicodeAttribute(range_key=True)  # <ISO time>#<random>
    at = UTCDateTimeAttribute()
    actor_kind = UnicodeAttribute()  # staff | key
    actor_id = UnicodeAttribute()
    actor_name = UnicodeAttribute()
    actor_role = UnicodeAttribute(null=True)
    method = UnicodeAttribute()
    route = UnicodeAttribute()
    path = UnicodeAttribute()
    target_ids = ListAttribute(default=list)
    status = NumberAttribute()
    changes = ListAttribute(null=True)  # the fields the write changed, where the view names them ("branding.company_name")
