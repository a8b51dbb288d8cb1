"""The real estate transaction on a property (SPEC F13): its status as the company's software sets it,
and, where the company configured its state's transfer rule, until when the last inspection is
valid for a transfer.

Interface used by the owner's dashboard, the shared page and the records pack; filled in by the
transaction-status work (``PUT /api/admin/properties/{id}/transaction``).
"""
from __future__ import annotations

from datetime import date
from typing import Any

from chalicelib.db.models import Property


def for_pages(prop: Property, settings: dict[str, Any], today: date) -> dict[str, Any] | None:
    """What the pages show of the property's transaction, or None when there is none to show.

    Shape: ``{"status": "inspection_ordered" | "scheduled" | "report_in_review" | "report_final"
    | "closed", "status_words": "Inspection report in review", "closing_date": "YYYY-MM-DD" | None,
    "agent_name": str | None, "updated_at": ISO time, "inspection_valid_until": "YYYY-MM-DD" | None,
    "inspection_valid_words": str | None}`` (the last two only where the company configured a
    transfer rule and the property has a completed inspection on file).
    """
    return None
