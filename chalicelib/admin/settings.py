"""PUT /api/admin/settings: the fields named replace those fields; the whole result is validated."""
from __future__ import annotations

import json
from typing import Any

from chalicelib import company, jsonbody, notify
from chalicelib.admin import schemas
from chalicelib.errors import BadRequest


def update(raw: bytes | str) -> dict[str, Any]:
    patch = jsonbody.parse(raw, jsonbody.ANY_FIELD) if raw else None
    if not isinstance(patch, dict) or not patch:
        raise BadRequest("Send a JSON object with the settings to change, e.g. {\"branding\": {...}}.")
    merged = company.merge(company.load(), patch)
    document = schemas.parse(schemas.CompanySettingsDoc, json.dumps(merged))
    return company.save(document.model_dump(mode="json"))


def send_test_message(raw: bytes | str) -> str:
    body = schemas.parse(schemas.TestMessageIn, raw)
    send = notify.sms if body.channel == "sms" else notify.email
    return send(body.to, "test_message")
