"""PynamoDB models: one table per entity, keyed by the company's own ids.

Every customer list is a Query on a GSI whose range key is ``<date>#<id>`` so it reads newest
first with ``scan_index_forward=False`` and pages with ``Limit``. The dashboard reads summaries
kept on the account (open balance) and on each property (last service, last pump-out,
upcoming appointments), written when the company's software upserts the underlying records.
See docs/data-model.md for the access patterns.
"""
from __future__ import annotations

from typing import Any

from pynamodb.attributes import (
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
    VersionAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, KeysOnlyProjection
from pynamodb.models import Model


def plain(value: Any) -> Any:
    """A raw MapAttribute as a plain dict (lists already come back plain)."""
    if isinstance(value, MapAttribute):
        return value.as_dict()
    return value


class _Index(GlobalSecondaryIndex):
    class Meta:
        abstract = True
        projection = AllProjection()


class _Table(Model):
    """Base for every table: on-demand billing; name and region are bound by ``db.bind``."""

    base_name = ""

    class Meta:
        abstract = True
        billing_mode = "PAY_PER_REQUEST"
        region = "us-east-1"
        max_retry_attempts = 4


# -- accounts -------------------------------------------------------------------------------

class AccountsByEmail(GlobalSecondaryIndex):
    class Meta:
        index_name = "by_email"
        projection = KeysOnlyProjection()

    email_lc = UnicodeAttribute(hash_key=True)


class AccountsByPhone(GlobalSecondaryIndex):
    class Meta:
        index_name = "by_phone"
        projection = KeysOnlyProjection()

    phone = UnicodeAttribute(hash_key=True)


class AccountsNeverInvited(GlobalSecondaryIndex):
    """Sparse: accounts with an email that were never invited (the bulk invitation's list)."""

    class Meta:
        index_name = "never_invited"
        projection = KeysOnlyProjection()

    never_invited = UnicodeAttribute(hash_key=True)
    account_id = UnicodeAttribute(range_key=True)


class Account(_Table):
    base_name = "accounts"

    class Meta(_Table.Meta):
        table_name = "portal-accounts"

    account_id = UnicodeAttribute(hash_key=True)
    name = UnicodeAttribute()
    email = UnicodeAttribute(null=True)
    email_lc = UnicodeAttribute(null=True)
    phone = UnicodeAttribute(null=True)
    external = MapAttribute(null=True)  # extra fields the company's software sent
    open_balance_cents = NumberAttribute(default=0)
    open_invoice_count = NumberAttribute(default=0)
    stripe_customer_id = UnicodeAttribute(null=True)
    autopay = MapAttribute(null=True)  # {payment_method_id, type, brand, last4, enrolled_at} (F10)
    invited_at = UTCDateTimeAttribute(null=True)
    activated_at = UTCDateTimeAttribute(null=True)
    never_invited = UnicodeAttribute(null=True)  # "yes" while it has an email and no invitation
    # The newest link of each kind; an older link no longer matches and is void.
    signin_token_hash = UnicodeAttribute(null=True)
    invite_token_hash = UnicodeAttribute(null=True)
    password_hash = UnicodeAttribute(null=True)  # argon2id, only if the customer set one
    # Owned by the customer (F12); the company's upserts never touch these.
    preferences = MapAttribute(null=True)  # {email, sms, reminders}
    mailing_address = MapAttribute(null=True)
    pending_email = UnicodeAttribute(null=True)
    email_change_token_hash = UnicodeAttribute(null=True)
    pending_phone = UnicodeAttribute(null=True)  # used for nothing until confirmed from a text
    phone_change_token_hash = UnicodeAttribute(null=True)
    email_undo_token_hash = UnicodeAttribute(null=True)  # the "this wasn't me" link sent to the old email
    # What the customer changed on the portal: {"email": {"replaced": old}, "phone": {...}}. A company
    # upsert carrying the replaced value keeps the customer's (SPEC §9 "Who owns a contact").
    customer_contacts = MapAttribute(null=True)
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()
    version = VersionAttribute()

    by_email = AccountsByEmail()
    by_phone = AccountsByPhone()
    never_invited_index = AccountsNeverInvited()


# -- properties -----------------------------------------------------------------------------

class PropertiesByAccount(_Index):
    class Meta(_Index.Meta):
        index_name = "by_account"

    account_id = UnicodeAttribute(hash_key=True)
    property_id = UnicodeAttribute(range_key=True)


class PropertiesByAddress(GlobalSecondaryIndex):
    class Meta:
        index_name = "by_address"
        projection = KeysOnlyProjection()

    address_key = UnicodeAttribute(hash_key=True)


class Property(_Table):
    base_name = "properties"

    class Meta(_Table.Meta):
        table_name = "portal-properties"

    property_id = UnicodeAttribute(hash_key=True)
    account_id = UnicodeAttribute()
    address = MapAttribute()
    address_key = UnicodeAttribute()  # normalised "zip|line1" for finding an account by address
    system = MapAttribute(null=True)
    service_interval_months = NumberAttribute(null=True)
    # Summaries the dashboard reads instead of querying the records behind them.
    last_service = MapAttribute(null=True)  # {record_id, date, service_type}
    last_pump_out_on = UnicodeAttribute(null=True)
    upcoming = ListAttribute(null=True)  # next scheduled appointments, soonest first
    access_notes = UnicodeAttribute(null=True)  # the customer's: gate code, dogs, lids (F12)
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()

    by_account = PropertiesByAccount()
    by_address = PropertiesByAddress()


# -- records on a property: service records, appointments, documents ------------------------

class _ByAccount(_Index):
    class Meta(_Index.Meta):
        abstract = True
        index_name = "by_account"

    account_id = UnicodeAttribute(hash_key=True)
    sort_key = UnicodeAttribute(range_key=True)


class _ByProperty(_Index):
    class Meta(_Index.Meta):
        abstract = True
        index_name = "by_property"

    property_id = UnicodeAttribute(hash_key=True)
    sort_key = UnicodeAttribute(range_key=True)


def _index(base: type[_Index]) -> _Index:
    """A fresh index of ``base``'s shape: PynamoDB binds an index class to one model."""
    meta = type("Meta", (base.Meta,), {"abstract": False})
    return type(base.__name__.lstrip("_"), (base,), {"Meta": meta})()


class ServiceRecord(_Table):
    base_name = "service-records"

    class Meta(_Table.Meta):
        table_name = "portal-service-records"

    record_id = UnicodeAttribute(hash_key=True)
    account_id = UnicodeAttribute()
    property_id = UnicodeAttribute()
    sort_key = UnicodeAttribute()  # "<date>#<record_id>"
    date = UnicodeAttribute()
    service_type = UnicodeAttribute()
    status = UnicodeAttribute()
    technician_name = UnicodeAttribute(null=True)
    gallons_pumped = NumberAttribute(null=True)
    notes = ListAttribute(null=True)  # [{text, visibility}]
    condition_rating = UnicodeAttribute(null=True)
    measurements = MapAttribute(null=True)
    visibility = UnicodeAttribute(null=True)  # None: the company's default for the kind
    documents = ListAttribute(null=True)  # [{document_id, title, kind, status, visibility}]
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()

    by_account = _index(_ByAccount)
    by_property = _index(_ByProperty)




class Appointment(_Table):
    base_name = "appointments"

    class Meta(_Table.Meta):
        table_name = "portal-appointments"

    appointment_id = UnicodeAttribute(hash_key=True)
    account_id = UnicodeAttribute()
    property_id = UnicodeAttribute()
    sort_key = UnicodeAttribute()  # "<date>T<window_start>#<appointment_id>"
    date = UnicodeAttribute()
    window_start = UnicodeAttribute()
    window_end = UnicodeAttribute()
    technician_name = UnicodeAttribute(null=True)
    service_type = UnicodeAttribute()
    status = UnicodeAttribute(default="scheduled")
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()

    by_account = _index(_ByAccount)
    by_property = _index(_ByProperty)




class Document(_Table):
    base_name = "documents"

    class Meta(_Table.Meta):
        table_name = "portal-documents"

    document_id = UnicodeAttribute(hash_key=True)
    account_id = UnicodeAttribute()
    property_id = UnicodeAttribute()
    service_record_id = UnicodeAttribute(null=True)
    sort_key = UnicodeAttribute()  # "<date>#<document_id>"
    date = UnicodeAttribute()
    title = UnicodeAttribute()
    kind = UnicodeAttribute()
    content_type = UnicodeAttribute()
    s3_key = UnicodeAttribute()
    status = UnicodeAttribute(default="draft")
    visibility = UnicodeAttribute(null=True)
    size_bytes = NumberAttribute(null=True)
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()

    by_account = _index(_ByAccount)
    by_property = _index(_ByProperty)


# -- invoices -------------------------------------------------------------------------------


class InvoicesOpenByDueDate(GlobalSecondaryIndex):
    """Sparse: only invoices with something to pay, by due date (the autopay job's list)."""

    class Meta:
        index_name = "open_by_due"
        projection = KeysOnlyProjection()

    open_due_on = UnicodeAttribute(hash_key=True)
    invoice_id = UnicodeAttribute(range_key=True)


class Invoice(_Table):
    base_name = "invoices"

    class Meta(_Table.Meta):
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
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()
    version = VersionAttribute()

    by_account = _index(_ByAccount)
    open_by_due = InvoicesOpenByDueDate()


# -- company settings and admin keys ---------------------------------------------------------

class CompanySettings(_Table):
    base_name = "settings"

    class Meta(_Table.Meta):
        table_name = "portal-settings"

    key = UnicodeAttribute(hash_key=True)
    data = MapAttribute()
    updated_at = UTCDateTimeAttribute()
    version = VersionAttribute()


class ApiKey(_Table):
    """An admin API key, stored only as the SHA-256 of the key; all keys share one partition."""

    base_name = "api-keys"

    class Meta(_Table.Meta):
        table_name = "portal-api-keys"

    kind = UnicodeAttribute(hash_key=True, default="admin")
    key_id = UnicodeAttribute(range_key=True)
    key_hash = UnicodeAttribute()
    name = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()
    revoked_at = UTCDateTimeAttribute(null=True)


# -- sign-in: tokens, sessions, rate-limit counters ----------------------------------------

class Token(_Table):
    """A single-use link token (sign-in, invitation), stored only as its SHA-256."""

    base_name = "tokens"

    class Meta(_Table.Meta):
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


class Session(_Table):
    """A signed-in browser. The cookie's JWT names it; revoking it ends the session."""

    base_name = "sessions"

    class Meta(_Table.Meta):
        table_name = "portal-sessions"

    session_id = UnicodeAttribute(hash_key=True)
    account_id = UnicodeAttribute()
    method = UnicodeAttribute()  # link | invite | password
    created_at = UTCDateTimeAttribute()
    expires_at = TTLAttribute()
    revoked_at = UTCDateTimeAttribute(null=True)

    by_account = SessionsByAccount()


class Counter(_Table):
    """A rate-limit window: ``key`` is "<what>#<who>#<window number>"."""

    base_name = "counters"

    class Meta(_Table.Meta):
        table_name = "portal-counters"

    key = UnicodeAttribute(hash_key=True)
    count = NumberAttribute(default=0)
    expires_at = TTLAttribute()


class ContactClaim(_Table):
    """A contact a customer proved on the portal: "email#<address>" or "phone#<E.164>" -> its account.

    Written in the same transaction as the account's new contact, on the condition that no other
    account holds it: of two accounts confirming one contact at once, exactly one wins.
    """

    base_name = "contacts"

    class Meta(_Table.Meta):
        table_name = "portal-contacts"

    contact = UnicodeAttribute(hash_key=True)
    account_id = UnicodeAttribute()
    claimed_at = UTCDateTimeAttribute()


class WebhookEvent(_Table):
    """A Stripe event already applied (kept a week; Stripe retries for three days)."""

    base_name = "stripe-events"

    class Meta(_Table.Meta):
        table_name = "portal-stripe-events"

    event_id = UnicodeAttribute(hash_key=True)
    kind = UnicodeAttribute()
    received_at = UTCDateTimeAttribute()
    expires_at = TTLAttribute()


# -- notifications outbox --------------------------------------------------------------------

class OutboxByQueue(GlobalSecondaryIndex):
    """Sparse: only messages waiting to be sent (``pending``) or being sent (``sending``)."""

    class Meta:
        index_name = "by_queue"
        projection = KeysOnlyProjection()

    queue = UnicodeAttribute(hash_key=True)
    due_at = NumberAttribute(range_key=True)


class OutboxFeed(GlobalSecondaryIndex):
    """Every message, newest first (the local outbox page and support look-ups)."""

    class Meta:
        index_name = "feed"
        projection = AllProjection()

    feed = UnicodeAttribute(hash_key=True)
    created_key = UnicodeAttribute(range_key=True)


class OutboxMessage(_Table):
    base_name = "outbox"

    class Meta(_Table.Meta):
        table_name = "portal-outbox"

    message_id = UnicodeAttribute(hash_key=True)
    channel = UnicodeAttribute()  # email | sms
    recipient = UnicodeAttribute()
    template = UnicodeAttribute()
    subject = UnicodeAttribute(null=True)
    text = UnicodeAttribute()
    html = UnicodeAttribute(null=True)
    headers = MapAttribute(null=True)
    attachments = ListAttribute(null=True)  # [{filename, content_type, data}]: text files, 100 KB at most
    status = UnicodeAttribute()  # pending | sending | sent | failed
    queue = UnicodeAttribute(null=True)
    due_at = NumberAttribute(null=True)
    attempts = NumberAttribute(default=0)
    last_error = UnicodeAttribute(null=True)
    provider_id = UnicodeAttribute(null=True)
    feed = UnicodeAttribute(null=True)  # "outbox" for messages; tasks stay out of the feed
    created_key = UnicodeAttribute()  # "<iso created time>#<message_id>"
    created_at = UTCDateTimeAttribute()
    sent_at = UTCDateTimeAttribute(null=True)

    by_queue = OutboxByQueue()
    by_feed = OutboxFeed()


# -- booking service (F11) ----------------------------------------------------------------------

class BookingsByStatus(GlobalSecondaryIndex):
    """The dispatch board's queue: bookings of one status, oldest first."""

    class Meta:
        index_name = "by_status"
        projection = AllProjection()

    status = UnicodeAttribute(hash_key=True)
    sort_key = UnicodeAttribute(range_key=True)


class BookingRequest(_Table):
    """A customer's booking: a request for preferred dates, or an instant booking of a slot."""

    base_name = "booking-requests"

    class Meta(_Table.Meta):
        table_name = "portal-booking-requests"

    booking_id = UnicodeAttribute(hash_key=True)
    account_id = UnicodeAttribute()
    property_id = UnicodeAttribute()
    sort_key = UnicodeAttribute()  # "<created iso>#<booking_id>"
    mode = UnicodeAttribute()  # request | instant
    service_type = UnicodeAttribute()
    status = UnicodeAttribute()  # requested | confirmed | declined | cancelled
    preferred = ListAttribute(null=True)  # [{date, window}]
    notes = UnicodeAttribute(null=True)
    slot = UnicodeAttribute(null=True)  # "<date>#<window>" holding a place, instant bookings only
    appointment = MapAttribute(null=True)  # {date, window, window_start, window_end, technician_name}
    decline_reason = UnicodeAttribute(null=True)
    changes = NumberAttribute(default=0)  # the calendar invitation's SEQUENCE
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()

    by_account = _index(_ByAccount)
    by_status = BookingsByStatus()


class SlotCount(_Table):
    """Places taken in one arrival window: the counter every instant booking updates atomically."""

    base_name = "slot-counts"

    class Meta(_Table.Meta):
        table_name = "portal-slot-counts"

    service_type = UnicodeAttribute(hash_key=True)
    slot = UnicodeAttribute(range_key=True)  # "<date>#<window>": one Query reads a date range
    booked = NumberAttribute(default=0)


class IdempotentRequest(_Table):
    """The answer to a request sent with an ``Idempotency-Key``, replayed for a repeat (24 h)."""

    base_name = "idempotency"

    class Meta(_Table.Meta):
        table_name = "portal-idempotency"

    key = UnicodeAttribute(hash_key=True)  # "<account_id>#<Idempotency-Key>"
    fingerprint = UnicodeAttribute()
    status_code = NumberAttribute()
    body = UnicodeAttribute()
    expires_at = TTLAttribute()


ALL_MODELS: tuple[type[_Table], ...] = (
    Account,
    Property,
    ServiceRecord,
    Appointment,
    Document,
    Invoice,
    CompanySettings,
    ApiKey,
    OutboxMessage,
    Token,
    Session,
    Counter,
    ContactClaim,
    WebhookEvent,
    BookingRequest,
    SlotCount,
    IdempotentRequest,
)
