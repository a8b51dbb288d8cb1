"""Visibility (SPEC C3): what of a record a customer may see. Pure functions, no I/O.

Staff-only by default: technician notes, condition ratings, measurements, photos and
documents reach customers only when the company enables that kind in the settings or marks
the item customer-visible. An item marked ``internal`` never does, whatever the settings;
drafts never do. A note without a mark follows its visit's mark, then the company's default.
Dates, service types, appointments and invoices are always visible to their account.
"""
from __future__ import annotations

from typing import Any

CUSTOMER, INTERNAL = "customer", "internal"
# What of a previous owner's documents goes with the home to its new owner (F14): what describes the
# system. Their receipts, estimates and photos were their dealings and stay theirs.
HANDED_ON = ("inspection_report", "warranty")


def _shown(own: str | None, fallback: str | None, default: str) -> bool:
    for mark in (own, fallback):
        if mark in (CUSTOMER, INTERNAL):
            return mark == CUSTOMER
    return default == CUSTOMER


def notes(record_notes: list[dict[str, Any]] | None, record_visibility: str | None, defaults: dict[str, Any]) -> list[str]:
    return [
        note["text"]
        for note in record_notes or []
        if _shown(note.get("visibility"), record_visibility, defaults["technician_notes"])
    ]


def detail(kind: str, record_visibility: str | None, defaults: dict[str, Any]) -> bool:
    """Condition ratings (``condition_ratings``) and measurements (``measurements``)."""
    return _shown(None, record_visibility, defaults[kind])


def document(status: str | None, kind: str, visibility: str | None, defaults: dict[str, Any]) -> bool:
    if status != "final":
        return False
    default = defaults["photos"] if kind == "photo" else defaults["documents"].get(kind, INTERNAL)  # photos: one switch
    return _shown(visibility, None, default)
