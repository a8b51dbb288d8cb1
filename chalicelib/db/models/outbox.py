"""The notifications outbox: messages and tasks waiting, being sent, sent or failed."""
from __future__ import annotations

from pynamodb.attributes import (
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, IncludeProjection, KeysOnlyProjection

from chalicelib.db.models.base import Table


class OutboxByQueue(GlobalSecondaryIndex):
    """Sparse: only messages waiting to be sent (``pending``) or being sent (``sending``)."""

    class Meta:
        index_name = "by_queue"
        projection = KeysOnlyProjection()

    queue = UnicodeAttribute(hash_key=True)
    due_at = NumberAttribute(range_key=True)


class OutboxProblems(GlobalSecondaryIndex):
    """Sparse: only messages the office must look at (``failed``, ``unconfirmed``), newest first.

    Holds what the office's list shows, not the bodies: a page of it is one Query."""

    class Meta:
        index_name = "by_problem"
        projection = IncludeProjection([
            "channel", "recipient", "template", "subject", "status", "attempts", "last_error", "created_at", "updated_at",
        ])

    problem = UnicodeAttribute(hash_key=True)
    problem_key = UnicodeAttribute(range_key=True)


class OutboxFeed(GlobalSecondaryIndex):
    """Every message, newest first (the local outbox page and support look-ups)."""

    class Meta:
        index_name = "feed"
        projection = AllProjection()

    feed = UnicodeAttribute(hash_key=True)
    created_key = UnicodeAttribute(range_key=True)


class OutboxByRecipient(GlobalSecondaryIndex):
    """Sparse: messages (not tasks) by their recipient, newest first: what was sent to whom, for the
    office. Holds what the office's list shows, not the bodies."""

    class Meta:
        index_name = "by_recipient"
        projection = IncludeProjection([
            "channel", "recipient", "template", "subject", "status", "attempts", "last_error", "created_at", "updated_at",
            "sent_at",
        ])

    to_key = UnicodeAttribute(hash_key=True)
    created_key = UnicodeAttribute(range_key=True)


class OutboxMessage(Table):
    base_name = "outbox"

    class Meta(Table.Meta):
        table_name = "portal-outbox"
        # The stream that sends a queued message at once (app.py's deliver_on_outbox_change);
        # infra/ builds the table's stream from this.
        stream_view_type = "NEW_IMAGE"

    message_id = UnicodeAttribute(hash_key=True)
    channel = UnicodeAttribute()  # email | sms
    recipient = UnicodeAttribute()
    template = UnicodeAttribute()
    subject = UnicodeAttribute(null=True)
    text = UnicodeAttribute()
    html = UnicodeAttribute(null=True)
    headers = MapAttribute(null=True)
    attachments = ListAttribute(null=True)  # [{filename, content_type, data}]: text files, 100 KB at most
    status = UnicodeAttribute()  # pending | sending | sent | done (a task) | failed | unconfirmed | suppressed
    queue = UnicodeAttribute(null=True)
    due_at = NumberAttribute(null=True)
    attempts = NumberAttribute(default=0)
    last_error = UnicodeAttribute(null=True)
    provider_id = UnicodeAttribute(null=True)
    feed = UnicodeAttribute(null=True)  # "outbox" for messages; tasks stay out of the feed
    to_key = UnicodeAttribute(null=True)  # messages only: the recipient in lower case (by_recipient)
    created_key = UnicodeAttribute()  # "<iso created time>#<message_id>"
    created_at = UTCDateTimeAttribute()
    sent_at = UTCDateTimeAttribute(null=True)
    updated_at = UTCDateTimeAttribute(null=True)  # the last status change
    problem = UnicodeAttribute(null=True)  # the status, while failed or unconfirmed: the office's list
    problem_key = UnicodeAttribute(null=True)  # "<iso time it failed>#<message_id>"

    by_queue = OutboxByQueue()
    by_problem = OutboxProblems()
    by_feed = OutboxFeed()
    by_recipient = OutboxByRecipient()
