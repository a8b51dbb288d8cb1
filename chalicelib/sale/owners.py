"""Who held a property when (F14): the owners history a transfer writes on the property.

A record belongs for good to the account that held the property on the record's date
(``account_id``); whoever holds the property now sees it too (``holder_id``), but only as the home's
record. So a company upsert of an old visit after a transfer gives it back to the owner it was made
for, never to the new one.
"""
from __future__ import annotations

from typing import Any

from chalicelib.db.models import Property


def owner_on(prop: Property, day: str) -> str:
    """The account that held ``prop`` on ``day`` ("YYYY-MM-DD"); the current one on and after its transfer date."""
    for entry in reversed(prop.owners or []):
        if entry.get("from") is None or day >= entry["from"]:
            return entry["account_id"]
    return prop.account_id


def previous_owners(prop: Property) -> set[str]:
    """Accounts that held ``prop`` before its current owner."""
    return {entry["account_id"] for entry in (prop.owners or [])[:-1]} - {prop.account_id}


def handed_on(prop: Property, new_account_id: str, day: str) -> list[dict[str, Any]]:
    """The owners history once ``new_account_id`` holds ``prop`` from ``day``."""
    history = [dict(entry) for entry in prop.owners or []] or [{"account_id": prop.account_id, "from": None, "to": None}]
    history[-1]["to"] = day
    return history + [{"account_id": new_account_id, "from": day, "to": None}]


def corrected(prop: Property, account_id: str) -> list[dict[str, Any]] | None:
    """The owners history when the company's software says the current owner is another account
    (a correction: the same period, another holder); None while there is no history."""
    if not prop.owners:
        return None
    history = [dict(entry) for entry in prop.owners]
    history[-1]["account_id"] = account_id
    return history
