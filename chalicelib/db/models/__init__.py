"""PynamoDB models: one table per entity, keyed by the company's own ids, in a module per area.

Every customer list is a Query on a GSI whose range key is ``<date>#<id>`` so it reads newest
first with ``scan_index_forward=False`` and pages with ``Limit``. The dashboard reads summaries
kept on the account (open balance) and on each property (last service, last pump-out,
upcoming appointments), written when the company's software upserts the underlying records.
See docs/data-model.md for the access patterns and ``chalicelib.db.queries`` for the reads.
"""
from __future__ import annotations

from chalicelib.db.models.access import AccessRequest
from chalicelib.db.models.accounts import Account, ContactClaim
from chalicelib.db.models.auth import ApiKey, Counter, Session, Token
from chalicelib.db.models.base import Table, plain
from chalicelib.db.models.billing import Invoice, WebhookEvent
from chalicelib.db.models.booking import BookingRequest, IdempotentRequest, SlotCount
from chalicelib.db.models.company import CompanySettings
from chalicelib.db.models.outbox import OutboxMessage
from chalicelib.db.models.records import PORTAL_BOOKING_APPOINTMENT, Appointment, Document, Property, ServiceRecord
from chalicelib.db.models.staff import STAFF_ROLES, AuditEntry, StaffEmail, StaffMember
from chalicelib.db.models.suppression import Undeliverable
from chalicelib.db.models.reminders import REMINDER_SHARDS, Reminder
from chalicelib.db.models.sale import SHARE_LOG_KEPT, Share
from chalicelib.db.models.search import SearchEntry

__all__ = [
    "ALL_MODELS",
    "AccessRequest",
    "Account",
    "ApiKey",
    "AuditEntry",
    "Appointment",
    "PORTAL_BOOKING_APPOINTMENT",
    "BookingRequest",
    "CompanySettings",
    "ContactClaim",
    "Counter",
    "Document",
    "IdempotentRequest",
    "Invoice",
    "OutboxMessage",
    "Property",
    "REMINDER_SHARDS",
    "Reminder",
    "SHARE_LOG_KEPT",
    "ServiceRecord",
    "Session",
    "Share",
    "SlotCount",
    "STAFF_ROLES",
    "SearchEntry",
    "StaffEmail",
    "StaffMember",
    "Token",
    "Undeliverable",
    "WebhookEvent",
    "plain",
]

ALL_MODELS: tuple[type[Table], ...] = (
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
    Undeliverable,
    Reminder,
    AccessRequest,
    Share,
    StaffMember,
    StaffEmail,
    AuditEntry,
    SearchEntry,
)
