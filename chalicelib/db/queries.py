"""Query functions named by access pattern. Every one is a Query on a key built for it; none scans."""
from __future__ import annotations

from datetime import date
from typing import Iterator

from chalicelib.db.models import (Account, Appointment, BookingRequest, Document, IdempotentRequest, Property,
                                  ServiceRecord, SlotCount)

MAX_PAGE = 50


def get_or_none(model: type, *key: str):
    try:
        return model.get(*key)
    except model.DoesNotExist:
        return None


def owned_or_none(model: type, key: object, account_id: str):
    """The item if it belongs to the account; another account's item is as absent as a missing one."""
    item = get_or_none(model, key) if isinstance(key, str) and key else None
    return item if item is not None and item.account_id == account_id else None


def properties_of_account(account_id: str) -> list[Property]:
    return list(Property.by_account.query(account_id, limit=MAX_PAGE))


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


def account_by_email(email_lc: str) -> Account | None:
    keys = list(Account.by_email.query(email_lc, limit=1))
    return get_or_none(Account, keys[0].account_id) if keys else None


def account_by_phone(phone: str) -> Account | None:
    keys = list(Account.by_phone.query(phone, limit=1))
    return get_or_none(Account, keys[0].account_id) if keys else None


def accounts_by_email(email_lc: str, limit: int = 5) -> list[Account]:
    """Every account with this email (the company may give one contact several), at most ``limit``."""
    return _accounts([key.account_id for key in Account.by_email.query(email_lc, limit=limit)])


def accounts_by_phone(phone: str, limit: int = 5) -> list[Account]:
    return _accounts([key.account_id for key in Account.by_phone.query(phone, limit=limit)])


def _accounts(ids: list[str]) -> list[Account]:
    return sorted(Account.batch_get(ids), key=lambda item: item.account_id) if ids else []


# -- booking ----------------------------------------------------------------------------------

BOOKINGS_LISTED, REQUESTS_LISTED = 50, 100


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


def properties_by_id(property_ids: set[str]) -> dict[str, Property]:
    """The properties among these ids that exist, by id: one BatchGetItem."""
    return {prop.property_id: prop for prop in Property.batch_get(property_ids)}


def remembered_answer(key: str) -> IdempotentRequest | None:
    """The stored answer to an Idempotency-Key ("account#key"), expired or not."""
    return get_or_none(IdempotentRequest, key)
