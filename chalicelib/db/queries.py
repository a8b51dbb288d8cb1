"""Reads named by access pattern (docs/data-model.md). Every one is a Query on a key built for it; none scans,
except ``every_property_page``: the background re-stamp after a settings change, never a request path.

Services read through these functions and never build a Query themselves, so the table of access
patterns and the code that makes them are one file apart.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any, Iterator, TypeVar

from chalicelib.db.models import (
    Account,
    ApiKey,
    Appointment,
    BookingRequest,
    Document,
    IdempotentRequest,
    Invoice,
    OutboxMessage,
    Property,
    Reminder,
    ServiceRecord,
    Session,
    SlotCount,
    Undeliverable,
)
from chalicelib.errors import NotFound

MAX_PAGE = 50
_NOT_FOUND = partial(NotFound, "Not found.")  # a fresh instance per raise: a shared one keeps old tracebacks alive
T = TypeVar("T")


@dataclass(frozen=True)
class Page:
    """One bounded page of a list, and DynamoDB's key to continue from (None on the last page)."""

    items: list[Any]
    last_key: dict[str, Any] | None


def _page(query: Any) -> Page:
    items = list(query)
    return Page(items, query.last_evaluated_key)


# -- one item ---------------------------------------------------------------------------------

def get_or_none(model: type[T], *key: str) -> T | None:
    try:
        return model.get(*key)
    except model.DoesNotExist:
        return None


def owned_or_none(model: type[T], key: object, account_id: str) -> T | None:
    """The item if it belongs to the account; another account's item is as absent as a missing one."""
    item = get_or_none(model, key) if isinstance(key, str) and key else None
    return item if item is not None and item.account_id == account_id else None


def owned_or_404(model: type[T], key: object, account_id: str) -> T:
    """The account's own item, or ``NotFound``: another account's item answers exactly like a missing one."""
    item = owned_or_none(model, key, account_id)
    if item is None:
        raise _NOT_FOUND()
    return item


# -- accounts ---------------------------------------------------------------------------------

def account_by_email(email_lc: str) -> Account | None:
    ids = account_ids_with_email(email_lc, limit=1)
    return get_or_none(Account, ids[0]) if ids else None


def account_by_phone(phone: str) -> Account | None:
    ids = account_ids_with_phone(phone, limit=1)
    return get_or_none(Account, ids[0]) if ids else None


def account_ids_with_email(email_lc: str, limit: int) -> list[str]:
    return [key.account_id for key in Account.by_email.query(email_lc, limit=limit)]


def account_ids_with_phone(phone: str, limit: int) -> list[str]:
    return [key.account_id for key in Account.by_phone.query(phone, limit=limit)]


def accounts_by_email(email_lc: str, limit: int = 5) -> list[Account]:
    """Every account with this email (the company may give one contact several), at most ``limit``."""
    return _accounts(account_ids_with_email(email_lc, limit))


def accounts_by_phone(phone: str, limit: int = 5) -> list[Account]:
    return _accounts(account_ids_with_phone(phone, limit))


def accounts_by_id(account_ids: set[str]) -> dict[str, Account]:
    """The accounts among these ids that exist, by id: one BatchGetItem per 100."""
    return {item.account_id: item for item in Account.batch_get(account_ids)} if account_ids else {}


def _accounts(ids: list[str]) -> list[Account]:
    return sorted(Account.batch_get(ids), key=lambda item: item.account_id) if ids else []


def never_invited(limit: int) -> list[str]:
    """Ids of accounts with an email that were never invited (the sparse ``never_invited`` GSI)."""
    return [key.account_id for key in Account.never_invited_index.query("yes", limit=limit)]


def count_never_invited() -> int:
    """How many accounts ``never_invited`` lists (a counting Query, paged)."""
    return Account.never_invited_index.count("yes")


def count_without_email() -> int:
    """How many accounts have no email and never signed in (the sparse ``without_email`` index)."""
    return Account.without_email_index.count("yes")


def sessions_of_account(account_id: str) -> Iterator[str]:
    """Ids of every session the account ever started (revoked and expired ones too)."""
    return (key.session_id for key in Session.by_account.query(account_id, page_size=MAX_PAGE))


def admin_api_keys() -> list[ApiKey]:
    return list(ApiKey.query("admin", limit=200))


# -- properties and what is recorded on them --------------------------------------------------

def properties_of_account(account_id: str) -> list[Property]:
    return list(Property.by_account.query(account_id, limit=MAX_PAGE))


def first_property_of_account(account_id: str) -> Property | None:
    return next(iter(Property.by_account.query(account_id, limit=1)), None)


def properties_at_address(address_key: str, limit: int) -> list[str]:
    """Ids of the properties at a normalised address (``addresses``' "zip|line1"), at most ``limit``."""
    return [key.property_id for key in Property.by_address.query(address_key, limit=limit)]


def history_page(account_id: str, property_id: str | None, size: int, start: dict[str, Any] | None,
                 held: bool = True) -> Page:
    """A page of service records newest first, of one property if ``property_id``.

    ``held``: the records of the homes the account holds now, the previous owners' visits there
    included (``by_holder``); otherwise the account's own records (``by_account``: a home it sold).
    Always the caller's own partition: another account's property reads as an empty list.
    """
    index = ServiceRecord.by_holder if held else ServiceRecord.by_account
    return _page(index.query(
        account_id, scan_index_forward=False, limit=size, page_size=size, last_evaluated_key=start,
        filter_condition=(ServiceRecord.property_id == property_id) if property_id else None,
    ))


def documents_page(account_id: str, property_id: str | None, size: int, start: dict[str, Any] | None,
                   held: bool = True) -> Page:
    """A page of documents newest first, chosen as ``history_page`` (drafts too: the caller decides what shows)."""
    index = Document.by_holder if held else Document.by_account
    return _page(index.query(account_id, scan_index_forward=False, limit=size, page_size=size, last_evaluated_key=start,
                             filter_condition=(Document.property_id == property_id) if property_id else None))


def records_of_property_newest_first(property_id: str) -> Iterator[ServiceRecord]:
    """Pages through a property's history newest first, ``MAX_PAGE`` items per Query."""
    return ServiceRecord.by_property.query(property_id, scan_index_forward=False, page_size=MAX_PAGE)


def appointments_of_property_from(property_id: str, first_day: str) -> Iterator[Appointment]:
    """A property's appointments on or after ``first_day``, soonest first."""
    return Appointment.by_property.query(
        property_id, Appointment.sort_key >= first_day, page_size=MAX_PAGE
    )


def everything_on_property(property_id: str) -> Iterator[ServiceRecord | Appointment | Document]:
    """Every record hung on a property (used when a property changes hands)."""
    for model in (ServiceRecord, Appointment, Document):
        yield from model.by_property.query(property_id, page_size=MAX_PAGE)


def every_property_page(size: int, start: dict[str, Any] | None) -> Page:
    """One page of every property (a Scan): only the background task that re-stamps the reminders of
    every property after the company changed the due rule or the reminder thresholds."""
    return _page(Property.scan(limit=size, page_size=size, last_evaluated_key=start))


# -- service-due reminders --------------------------------------------------------------------

def reminders_due(shard: str, day: str) -> Iterator[Reminder]:
    """The reminders of one shard whose next reminder is due on or before ``day`` (the sparse
    ``by_next_reminder`` GSI), soonest first, ``MAX_PAGE`` a Query."""
    return Reminder.by_next_reminder.query(shard, Reminder.next_reminder_on <= day, page_size=MAX_PAGE)


def reminders_of_property(property_id: str, services: tuple[str, ...]) -> dict[str, Reminder]:
    """The property's reminder items by service (one BatchGetItem)."""
    items = Reminder.batch_get([f"{property_id}#{service}" for service in services])
    return {item.service: item for item in items}


# -- invoices ---------------------------------------------------------------------------------

def invoices_since(account_id: str, since: str, size: int, start: dict[str, Any] | None) -> Page:
    """A page of the account's invoices issued on or after ``since``, newest first."""
    return _page(Invoice.by_account.query(account_id, Invoice.sort_key >= since, scan_index_forward=False, limit=size,
                                          page_size=size, last_evaluated_key=start))


def invoices_of_account(account_id: str) -> Iterator[Invoice]:
    """Every invoice of the account, all time, ``MAX_PAGE`` a Query."""
    return Invoice.by_account.query(account_id, page_size=MAX_PAGE)


def open_invoices_due_on(day: str) -> Iterator[str]:
    """Ids of the invoices with a balance due on ``day`` (the sparse ``open_by_due`` GSI)."""
    return (key.invoice_id for key in Invoice.open_by_due.query(day, page_size=MAX_PAGE))


# -- the outbox -------------------------------------------------------------------------------

def due_outbox(queue: str, now: float, limit: int) -> list[str]:
    """Ids of the messages and tasks in ``queue`` (``pending`` or ``sending``) due by ``now``, soonest first."""
    return [key.message_id for key in OutboxMessage.by_queue.query(queue, OutboxMessage.due_at <= int(now), limit=limit)]


def outbox_problems(status: str, size: int, start: dict[str, Any] | None) -> Page:
    """A page of the messages in ``status`` (``failed`` or ``unconfirmed``), newest first: the
    sparse ``by_problem`` index holds only those, with what the office's list shows."""
    return _page(OutboxMessage.by_problem.query(status, scan_index_forward=False, limit=size, page_size=size,
                                                 last_evaluated_key=start))


def outbox_feed(limit: int) -> Iterator[OutboxMessage]:
    """The newest messages first (tasks stay out of the feed)."""
    return OutboxMessage.by_feed.query("outbox", scan_index_forward=False, limit=limit)


# -- booking ----------------------------------------------------------------------------------

BOOKINGS_LISTED, REQUESTS_LISTED, WEEK_LISTED = 50, 100, 1000


def taken_slots(service_type: str, start: date, end: date) -> dict[str, int]:
    """Places taken per slot of a type from ``start`` to ``end`` (both included): one Query on the counters."""
    query = SlotCount.query(service_type, SlotCount.slot.between(f"{start.isoformat()}#", f"{end.isoformat()}#~"))
    return {item.slot: int(item.booked) for item in query}


def bookings_of_account(account_id: str) -> list[BookingRequest]:
    """An account's bookings, newest first, at most ``BOOKINGS_LISTED``."""
    return list(BookingRequest.by_account.query(account_id, scan_index_forward=False, limit=BOOKINGS_LISTED))


def requests_by_status(status: str) -> list[BookingRequest]:
    """Bookings in one status, at most ``REQUESTS_LISTED``: the open queue oldest first (first come,
    first served), answered ones newest first."""
    return list(BookingRequest.by_status.query(status, scan_index_forward=status == "requested", limit=REQUESTS_LISTED))


def bookings_in_week(monday: str) -> list[BookingRequest]:
    """The confirmed bookings whose visit is in the week starting ``monday``, in date and window
    order: one Query on the sparse ``by_week`` index (paged by PynamoDB), at most ``WEEK_LISTED``."""
    return list(BookingRequest.by_week.query(monday, limit=WEEK_LISTED))


def properties_by_id(property_ids: set[str]) -> dict[str, Property]:
    """The properties among these ids that exist, by id: one BatchGetItem."""
    return {prop.property_id: prop for prop in Property.batch_get(property_ids)}


def remembered_answer(key: str) -> IdempotentRequest | None:
    """The stored answer to an Idempotency-Key ("account#key"), expired or not."""
    return get_or_none(IdempotentRequest, key)


# -- addresses that bounced or complained -----------------------------------------------------

def undeliverable(address: str) -> Undeliverable | None:
    """One GetItem: whether the outbox may write to this email address."""
    return get_or_none(Undeliverable, address.lower())


def undeliverable_page(size: int, start: dict[str, Any] | None) -> Page:
    """Undeliverable addresses, newest first (``by_time``: all under one key; bounces are rare writes)."""
    return _page(Undeliverable.by_time.query("yes", scan_index_forward=False, limit=min(size, MAX_PAGE),
                                            last_evaluated_key=start))
