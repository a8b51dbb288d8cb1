"""The customer bodies in docs/openapi.yaml name the fields, and only the fields, that
``chalicelib/bodies.py`` accepts, and require at least what it requires: the hand-written document
cannot drift from the one declaration the routes read their bodies through. (The document may
require more: a link without its token is refused by the sign-in rules, not by the body's shape.)"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from chalicelib import bodies

DOCUMENT = yaml.safe_load((Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml").read_text())

ROUTES = [
    ("post", "/api/auth/magic-link", bodies.SIGNIN_REQUEST),
    ("post", "/api/auth/lookup", bodies.ADDRESS_LOOKUP),
    ("post", "/api/auth/link", bodies.LINK),
    ("post", "/api/auth/verify", bodies.VERIFY),
    ("post", "/api/auth/login", bodies.LOGIN),
    ("put", "/api/auth/password", bodies.NEW_PASSWORD),
    ("patch", "/api/me", bodies.PROFILE_CHANGE),
    ("post", "/api/me/email/confirm", bodies.CONTACT_CONFIRMATION),
    ("post", "/api/me/phone/confirm", bodies.CONTACT_CONFIRMATION),
    ("post", "/api/me/email/undo", bodies.CONTACT_CONFIRMATION),
    ("post", "/api/unsubscribe", bodies.UNSUBSCRIBE),
    ("post", "/api/invoices/{invoice_id}/payment-intent", bodies.PAYMENT),
    ("post", "/api/invoices/{invoice_id}/pay", bodies.CARD_PAYMENT),
    ("post", "/api/autopay/setup-intent", bodies.AUTOPAY_SETUP),
    ("post", "/api/autopay/confirm", bodies.AUTOPAY_CONFIRMATION),
]


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = DOCUMENT["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _documented_body(method: str, path: str) -> dict[str, Any]:
    operation = DOCUMENT["paths"][path][method]
    return _resolve(operation["requestBody"]["content"]["application/json"]["schema"])


@pytest.mark.parametrize(("method", "path", "shape"), ROUTES, ids=[f"{m} {p}" for m, p, _ in ROUTES])
def test_the_document_names_the_fields_the_route_accepts(method, path, shape):
    documented = _documented_body(method, path)
    branches = [_resolve(branch) for branch in documented.get("oneOf", [documented])]  # e.g. by email / by text

    assert set().union(*(branch.get("properties", {}) for branch in branches)) == set(shape.fields)
    for branch in branches:
        assert set(branch.get("required", [])) >= set(shape.required)
        assert branch.get("additionalProperties") is False, "the route refuses fields it does not name"


def test_the_nested_profile_parts_are_documented_as_strictly():
    documented = _documented_body("patch", "/api/me")["properties"]
    for name in ("mailing_address", "preferences"):
        part = _resolve(documented[name])
        part = next((option for option in part.get("anyOf", [part]) if option.get("type") == "object"), part)
        assert set(part["properties"]) == set(bodies.PROFILE_CHANGE.fields[name].fields), name
        assert part.get("additionalProperties") is False, name
