"""Contact details and preferences (F12). Only the fields named here can change.

A new email address takes effect only when the customer opens the confirmation link sent to
it. Ids, names, balances, statuses and visibility are the company's: sending them is refused,
never written.
"""
from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from chalicelib import notify
from chalicelib.auth import contacts, tokens
from chalicelib.customer.records import label
from chalicelib.db.models import Account, Property, plain
from chalicelib.db.queries import properties_of_account
from chalicelib.errors import Conflict, Invalid
from chalicelib.settings import get_settings

EDITABLE = {"phone", "mailing_address", "preferences", "access_notes", "email"}
PREFERENCES = {"email": True, "sms": False, "reminders": True}
EMAIL_CHANGE_HOURS = 24


def me(account_id: str) -> dict[str, Any]:
    """Two calls: the account, and its properties (for their labels and access notes)."""
    return _view(Account.get(account_id), properties_of_account(account_id))


def _view(account: Account, properties: list[Property]) -> dict[str, Any]:
    return {
        "name": account.name,
        "email": account.email,
        "phone": account.phone,
        "mailing_address": plain(account.mailing_address) or (plain(account.external) or {}).get("mailing_address"),
        "preferences": {**PREFERENCES, **(plain(account.preferences) or {})},
        "properties": [
            {"id": p.property_id, "label": label(plain(p.address)), "access_notes": p.access_notes} for p in properties
        ],
        "pending_email": account.pending_email,
    }


def update(account_id: str, body: dict[str, Any]) -> dict[str, Any]:
    refused = sorted(set(body) - EDITABLE)
    if refused:
        raise Invalid.field(refused[0], "cannot be changed here")
    account = Account.get(account_id)
    properties = {p.property_id: p for p in properties_of_account(account_id)}
    actions = []
    if "phone" in body:
        phone = contacts.normalise_phone(body["phone"]) if body["phone"] else None
        actions.append(Account.phone.set(phone) if phone else Account.phone.remove())
    if "mailing_address" in body:
        actions.append(Account.mailing_address.set(_address(body["mailing_address"])))
    if "preferences" in body:
        actions.append(Account.preferences.set(_preferences(body["preferences"], plain(account.preferences) or {})))
    notes = _access_notes(body["access_notes"], properties) if "access_notes" in body else {}
    new_email = contacts.normalise_email(body["email"]) if body.get("email") else None
    if actions:
        account.update(actions=actions)  # version-checked: a concurrent company sync is not lost
    for property_id, text in notes.items():
        prop = properties[property_id]
        prop.update(actions=[Property.access_notes.set(text) if text else Property.access_notes.remove()])
    if new_email and new_email != (account.email or "").lower():
        _start_email_change(account, new_email)
    return _view(account, list(properties.values()))  # each update above refreshed its item


def _address(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise Invalid.field("mailing_address", "must be an address with line1, city, state and zip")
    unknown = sorted(set(value) - {"line1", "line2", "city", "state", "zip"})
    if unknown:
        raise Invalid.field(f"mailing_address.{unknown[0]}", "is not a known field")
    address = {}
    for part, required, pattern, problem in (
        ("line1", True, r".{1,200}", "enter the street address"),
        ("line2", False, r".{0,200}", "is too long"),
        ("city", True, r".{1,100}", "enter the city"),
        ("state", True, r"[A-Za-z]{2}", "use the 2-letter state code, e.g. IL"),
        ("zip", True, r"\d{5}(-\d{4})?", "enter the 5-digit ZIP code"),
    ):
        text = value.get(part)
        text = text.strip() if isinstance(text, str) else text
        if not text and not required:
            address[part] = None
            continue
        if not isinstance(text, str) or not re.fullmatch(pattern, text):
            raise Invalid.field(f"mailing_address.{part}", problem)
        address[part] = text.upper() if part == "state" else text
    return address


def _preferences(value: Any, current: dict[str, Any]) -> dict[str, bool]:
    if not isinstance(value, dict):
        raise Invalid.field("preferences", "must be an object like {\"email\": true}")
    for name, flag in value.items():
        if name not in PREFERENCES:
            raise Invalid.field(f"preferences.{name}", "is not a known preference")
        if not isinstance(flag, bool):
            raise Invalid.field(f"preferences.{name}", "must be true or false")
    return {**PREFERENCES, **current, **value}


def _access_notes(value: Any, properties: dict[str, Property]) -> dict[str, str | None]:
    if not isinstance(value, dict):
        raise Invalid.field("access_notes", "must map each property to its notes")
    notes = {}
    for property_id, text in value.items():
        field = f"access_notes.{property_id}"
        if property_id not in properties:
            raise Invalid.field(field, "is not one of your properties")
        if text is not None and (not isinstance(text, str) or len(text) > 1000):
            raise Invalid.field(field, "must be text of at most 1000 characters")
        notes[property_id] = text.strip() if text else None
    return notes


def _start_email_change(account: Account, new_email: str) -> None:
    settings = get_settings()
    link = tokens.issue(account, "email_change", timedelta(hours=EMAIL_CHANGE_HOURS), "email",
                        contacts.mask_email(new_email), new_email=new_email)
    account.update(actions=[Account.pending_email.set(new_email)], add_version_condition=False)
    notify.email(new_email, "confirm_email", {
        "name": account.name.split()[0],
        "url": f"{settings.site_url}/profile/confirm-email#token={link.token}",
        "hours": EMAIL_CHANGE_HOURS,
    })


def confirm_email(body: dict[str, Any]) -> dict[str, Any]:
    """Apply a new email once its owner opened the link; refused if another account has it."""
    item = tokens.describe(body.get("token"), purposes=("email_change",))
    new_email = item.new_email
    taken = [key.account_id for key in Account.by_email.query(new_email.lower(), limit=2) if key.account_id != item.account_id]
    if taken:
        raise Conflict("That email address is already used by another account. Please call us and we will sort it out.")
    tokens.use(body.get("token"), purposes=("email_change",))
    account = Account.get(item.account_id)
    account.update(actions=[Account.email.set(new_email), Account.email_lc.set(new_email.lower()), Account.pending_email.remove()])
    return {"email": new_email}

