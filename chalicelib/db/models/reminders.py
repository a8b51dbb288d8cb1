"""Service-due reminders: one small item per property and service, found by the day its next reminder is due."""
from __future__ import annotations

from pynamodb.attributes import UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex

from chalicelib.db.models.base import Table

# The index's hash key is one of this many shards, so a re-stamp of every property spreads its
# index writes over several partitions; the job reads each shard's due items with one Query.
REMINDER_SHARDS = 8


class RemindersDue(GlobalSecondaryIndex):
    """Sparse: only items with a reminder still to send, by the day it is due."""

    class Meta:
        index_name = "by_next_reminder"
        projection = AllProjection()

    shard = UnicodeAttribute(hash_key=True)
    next_reminder_on = UnicodeAttribute(range_key=True)


class Reminder(Table):
    base_name = "reminders"

    class Meta(Table.Meta):
        table_name = "portal-reminders"

    key = UnicodeAttribute(hash_key=True)  # "<property_id>#<service>"
    property_id = UnicodeAttribute()
    account_id = UnicodeAttribute()
    service = UnicodeAttribute()  # pump_out | inspection
    shard = UnicodeAttribute()
    due_on = UnicodeAttribute()  # the due date these reminders are for
    done_through = UnicodeAttribute(null=True)  # every threshold on or before this day is sent (or skipped: booked)
    next_reminder_on = UnicodeAttribute(null=True)  # absent once the last reminder for due_on is sent
    updated_at = UTCDateTimeAttribute()

    by_next_reminder = RemindersDue()
