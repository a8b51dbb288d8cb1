"""Invoices and the Stripe events already applied."""
from __future__ import annotations

from pynamodb.attributes import (
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
    VersionAttribute,
)
from pynamodb.indexes import GlobalSecondaryIndex, KeysOnlyProjection

from chalicelib.db.models.base import ByAccount, Table, index_like


class InvoicesOpenByDueDate(GlobalSecondaryIndex):
    """Sparse: only invoices with something to pay, by due date (the autopay job's list)."""

    class Meta:
        index_name = "open_by_due"
        projection = KeysOnlyProjection()

    open_due_on = UnicodeAttribute(hash_key=True)
    invoice_id = UnicodeAttribute(range_key=True)


class Invoice(Table):
    base_name = "invoices"

    class Meta(Table.Meta):
        table_name = "portal-invoices"

    invoice_id = UnicodeAttribute(hash_key=True)
    account_id = UnicodeAttribute()
    property_id = UnicodeAttribute(null=True)
    sort_key = UnicodeAttribute()  # "<issued_on>#<invoice_id>"
    number = UnicodeAttribute()
    issued_on = UnicodeAttribute()
    due_on = UnicodeAttribute(null=True)
    lines = ListAttribute()  # [{description, amount_cents}]
    payments = ListAttribute(null=True)  # [{payment_id, amount_cents, paid_on, method, source, status, refunded_cents}]
    company_status = UnicodeAttribute(null=True)  # open | paid | void, as the company's software sent it
    open_intent = MapAttribute(null=True)  # {id, amount_cents, method}: the payment in progress
    open_due_on = UnicodeAttribute(null=True)  # due_on while there is a balance (see open_by_due)
    autopay_tried_on = UnicodeAttribute(null=True)  # the day autopay last tried: once a day at most
    account_autopay = MapAttribute(null=True)  # {on, eligible}: the account's autopay state, copied (billing.autopay_state)
    status = UnicodeAttribute()  # derived by billing.ledger
    total_cents = NumberAttribute()
    balance_cents = NumberAttribute()
    issue_key = UnicodeAttribute(null=True)  # number, dates and total as last sent: a change is a re-issue
    delivered_issue = UnicodeAttribute(null=True)  # the issue_key the customer was sent (invoice delivery)
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()
    version = VersionAttribute()

    by_account = index_like(ByAccount)
    open_by_due = InvoicesOpenByDueDate()


class WebhookEvent(Table):
    """A Stripe event already applied (kept a week; Stripe retries for three days)."""

    base_name = "stripe-events"

    class Meta(Table.Meta):
        table_name = "portal-stripe-events"

    event_id = UnicodeAttribute(hash_key=True)
    kind = UnicodeAttribute()
    received_at = UTCDateTimeAttribute()
    expires_at = TTLAttribute()
