"""Reads of the office console's tables (staff, audit), named by access pattern; none scans.

Kept apart from ``queries`` so each module stays readable in one sitting.
"""
from __future__ import annotations

from typing import Any

from chalicelib.db.models import AuditEntry, StaffMember
from chalicelib.db.queries import Page, _page


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
