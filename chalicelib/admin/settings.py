"""PUT /api/admin/settings: the fields named replace those fields; the whole result is validated."""
from __future__ import annotations

import json
from typing import Any

from chalicelib import company, jsonbody, notify
from chalicelib.admin import schemas
from chalicelib.customer import reminders
from chalicelib.errors import BadRequest

# The settings the due dates and reminder days are computed from (customer.due, customer.reminders).
_DUE_INPUTS = ("service_interval_months_default", "service_due", "reminders")


def update(raw: bytes | str) -> tuple[dict[str, Any], list[str]]:
    """The saved settings, and the fields that changed ("branding.company_name", "booking.service_types")."""
    patch = jsonbody.parse(raw, jsonbody.ANY_FIELD) if raw else None
    if not isinstance(patch, dict) or not patch:
        raise BadRequest("Send a JSON object with the settings to change, e.g. {\"branding\": {...}}.")
    before = company.load()
    merged = company.merge(before, patch)
    document = schemas.parse(schemas.CompanySettingsDoc, json.dumps(merged))
    saved = company.save(document.model_dump(mode="json"))
    if any(before.get(name) != saved.get(name) for name in _DUE_INPUTS):
        reminders.restamp_everything()  # a background task, page by page: every due date may have moved
    return saved, changed_fields(before, saved)


def changed_fields(before: dict[str, Any], after: dict[str, Any], prefix: str = "") -> list[str]:
    """Dotted names of the values that differ; objects are compared field by field, lists whole."""
    changed = []
    for key in sorted(set(before) | set(after)):
        old, new, name = before.get(key), after.get(key), f"{prefix}{key}"
        if isinstance(old, dict) and isinstance(new, dict):
            changed += changed_fields(old, new, f"{name}.")
        elif old != new:
            changed.append(name)
    return changed


def send_test_message(raw: bytes | str) -> str:
    body = schemas.parse(schemas.TestMessageIn, raw)
    send = notify.sms if body.channel == "sms" else notify.email
    return send(body.to, "test_message")
