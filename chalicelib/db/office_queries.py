"""Reads for the office console (staff, audit, what was sent to whom), named by access pattern; none scans.

Kept apart from ``queries`` so each module stays readable in one sitting.
"""
from __future__ import annotations

from typing import Any, Iterator

from chalicelib.db.models import Account, AuditEntry, OutboxMessage, StaffMember, Undeliverable
from chalicelib.db.queries import MAX_PAGE, Page, _page


def staff_members() -> list[StaffMember]:
    """Every staff member (one partition: an office has a handful, 500 at most here)."""
    return list(StaffMember.query("staff", limit=500))


def staff_by_email(email_lc: str) -> StaffMember | None:
    for key in StaffMember.by_email.query(email_lc, limit=1):
        return StaffMember.get("staff", key.staff_id)
    return None


def audit_page(size: int, start: dict[str, Any] | None) -> Page:
    """The audit trail, newest first."""
    return _page(AuditEntry.query("audit", scan_index_forward=False, limit=size, last_evaluated_key=start))


def outbox_to(to_key: str, size: int, start: dict[str, Any] | None, status: str | None = None) -> Page:
    """A page of the messages to one recipient (lower case), newest first (sparse ``by_recipient``),
    only those in ``status`` if given (filtered: a page may hold fewer)."""
    return _page(OutboxMessage.by_recipient.query(
        to_key, scan_index_forward=False, limit=size, page_size=size, last_evaluated_key=start,
        filter_condition=(OutboxMessage.status == status) if status else None))


def outbox_feed_page(size: int, start: dict[str, Any] | None, status: str | None = None) -> Page:
    """A page of every message, newest first (the ``feed`` index), only those in ``status`` if given."""
    return _page(OutboxMessage.by_feed.query(
        "outbox", scan_index_forward=False, limit=size, page_size=size, last_evaluated_key=start,
        filter_condition=(OutboxMessage.status == status) if status else None))


def undeliverable_addresses(addresses: set[str]) -> dict[str, Undeliverable]:
    """Which of these addresses (lower case) are undeliverable now: one BatchGetItem."""
    return {item.address: item for item in Undeliverable.batch_get(addresses)} if addresses else {}


def every_undeliverable() -> Iterator[Undeliverable]:
    """Every undeliverable address, newest first (bounces are rare: a few pages at most)."""
    return Undeliverable.by_time.query("yes", scan_index_forward=False, page_size=MAX_PAGE)


def every_account_page(size: int, start: dict[str, Any] | None) -> Page:
    """One page of every account (a Scan): only the background task that copies the autopay state
    onto every account's invoices after the company changed who may have autopay."""
    return _page(Account.scan(limit=size, page_size=size, last_evaluated_key=start))
