"""PUT /api/admin/settings: the fields named replace those fields; the whole result is validated."""
from __future__ import annotations

import json
from typing import Any

from chalicelib import company, jsonbody, notify
from chalicelib.admin import schemas
from chalicelib.billing import autopay_state
from chalicelib.customer import reminders
from chalicelib.errors import BadRequest, Invalid

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
    if before["payments"].get("autopay") != saved["payments"]["autopay"]:
        autopay_state.restamp_everything()  # each invoice carries its account's autopay state: copy it anew
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


MAX_LOGO_BYTES = 256 * 1024
_MAGIC = {"image/png": (b"\x89PNG\r\n\x1a\n",), "image/jpeg": (b"\xff\xd8\xff",), "image/webp": (b"RIFF",)}


def upload_logo(raw: bytes | str) -> tuple[dict[str, Any], list[str]]:
    """Store the owner's logo and make it the branding's: the saved settings and what changed."""
    import base64
    import binascii
    import secrets

    from chalicelib.storage import documents

    body = schemas.parse(schemas.LogoIn, raw)
    try:
        image = base64.b64decode(body.data, validate=True)
    except (binascii.Error, ValueError):
        raise Invalid.field("data", "The image could not be read. Please choose the file again.") from None
    if len(image) > MAX_LOGO_BYTES:
        raise Invalid.field("data", f"The image is {len(image) // 1024} KB; a logo can be at most {MAX_LOGO_BYTES // 1024} KB. Please choose a smaller file.")
    if not image.startswith(_MAGIC[body.content_type]) or (body.content_type == "image/webp" and image[8:12] != b"WEBP"):
        raise Invalid.field("data", "This file is not a PNG, JPEG or WebP image. Please choose one of those.")
    logo_id = secrets.token_hex(8)
    documents.put_logo(logo_id, image, body.content_type)
    return update(json.dumps({"branding": {"logo_url": f"/api/branding/logo/{logo_id}"}}))


def send_test_message(raw: bytes | str) -> str:
    body = schemas.parse(schemas.TestMessageIn, raw)
    send = notify.sms if body.channel == "sms" else notify.email
    return send(body.to, "test_message")
