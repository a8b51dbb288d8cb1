"""The customer bodies in docs/openapi.yaml are the schemas their shapes in ``chalicelib/bodies.py``
and ``chalicelib/booking/bodies.py`` write (``make openapi``): each route documents, as its request
body, exactly what the shape it reads its body through accepts (fields, types, lengths, patterns,
required, nothing else), so the document cannot drift from the one declaration the route checks."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from chalicelib import bodies
from chalicelib.booking import bodies as booking
from scripts import openapi_schemas

DOCUMENT = yaml.safe_load((Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml").read_text())

# (method, path, the shapes the route reads its body through): written out here, apart from the
# generator's own table, so a route pointed at the wrong schema is caught.
ROUTES = [
    ("post", "/api/auth/magic-link", [bodies.SIGNIN_REQUEST]),
    ("post", "/api/auth/lookup", [bodies.ADDRESS_LOOKUP]),
    ("post", "/api/auth/link", [bodies.LINK]),
    ("post", "/api/auth/verify", [bodies.VERIFY]),
    ("post", "/api/office/auth/magic-link", [bodies.STAFF_SIGNIN_REQUEST]),
    ("post", "/api/office/auth/link", [bodies.LINK]),
    ("post", "/api/office/auth/verify", [bodies.LINK]),
    ("post", "/api/auth/login", [bodies.LOGIN]),
    ("put", "/api/auth/password", [bodies.NEW_PASSWORD]),
    ("patch", "/api/me", [bodies.PROFILE_CHANGE]),
    ("post", "/api/me/email/confirm", [bodies.CONTACT_CONFIRMATION]),
    ("post", "/api/me/phone/confirm", [bodies.CONTACT_CONFIRMATION]),
    ("post", "/api/me/email/undo", [bodies.CONTACT_CONFIRMATION]),
    ("post", "/api/unsubscribe", [bodies.UNSUBSCRIBE]),
    ("post", "/api/invoices/{invoice_id}/payment-intent", [bodies.PAYMENT]),
    ("post", "/api/invoices/{invoice_id}/pay", [bodies.CARD_PAYMENT]),
    ("post", "/api/autopay/setup-intent", [bodies.AUTOPAY_SETUP]),
    ("post", "/api/autopay/confirm", [bodies.AUTOPAY_CONFIRMATION]),
    ("post", "/api/booking-requests", [booking.INSTANT_BOOKING, booking.REQUEST_BOOKING]),  # by the type's mode
    ("post", "/api/booking-requests/{booking_id}/reschedule", [booking.RESCHEDULE]),
    ("post", "/api/dispatch/act", [booking.DISPATCHER_ANSWER]),
    ("post", "/api/shares", [bodies.NEW_SHARE]),
    ("post", "/api/admin/booking-requests/{booking_id}/confirm", [booking.CONFIRMATION]),
    ("post", "/api/admin/booking-requests/{booking_id}/decline", [booking.DECLINE]),
    ("post", "/api/access-requests", [bodies.ACCESS_REQUEST]),
    ("post", "/api/access-decision/preview", [bodies.ACCESS_DECISION]),
    ("post", "/api/access-decision/act", [bodies.ACCESS_DECISION]),
]
# Bodies no shape reads: Stripe's signed events, and the dispatcher's preview (its token only; other
# fields are ignored, not refused).
# Bodies in other parties' formats (Stripe's and SNS's events, RFC 8058's one-click form), the
# dispatcher's preview (which ignores what it does not read) and local mode's bounce simulator and owner maker.
HAND_WRITTEN = {("post", "/api/webhooks/stripe"), ("post", "/api/webhooks/ses"), ("post", "/api/unsubscribe/one-click"),
                ("post", "/api/dispatch/preview"), ("post", "/api/dev/bounce"), ("post", "/api/dev/owner")}


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = DOCUMENT["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _documented_bodies(method: str, path: str) -> list[dict[str, Any]]:
    schema = DOCUMENT["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"]
    return [_resolve(branch) for branch in schema.get("oneOf", [schema])]


@pytest.mark.parametrize(("method", "path", "shapes"), ROUTES, ids=[f"{m} {p}" for m, p, _ in ROUTES])
def test_each_route_documents_the_schema_of_the_shape_it_reads(method, path, shapes):
    documented = _documented_bodies(method, path)

    assert documented == [shape.schema() for shape in shapes]
    assert all(body["additionalProperties"] is False for body in documented), "the route refuses fields it does not name"


def test_every_customer_body_in_the_document_is_generated_from_a_shape():
    generated = set(openapi_schemas.generated_customer_schemas())
    taking_a_body = {
        (method, path): operation["requestBody"]["content"].get("application/json", {})
        for path, operations in DOCUMENT["paths"].items() if not path.startswith("/api/admin/")
        for method, operation in operations.items() if isinstance(operation, dict) and "requestBody" in operation
    }

    for route, schema in taking_a_body.items():
        if route not in HAND_WRITTEN:
            schema = schema["schema"]
            refs = [branch.get("$ref", "") for branch in schema.get("oneOf", [schema])]
            assert {ref.removeprefix(openapi_schemas.COMPONENTS) for ref in refs} <= generated, route
    assert set(taking_a_body) - HAND_WRITTEN == {(m, p) for m, p, _ in ROUTES if not p.startswith("/api/admin/")}


def test_the_generators_table_names_the_routes_that_read_each_shape():
    table = {operation for _, operations in openapi_schemas.customer_bodies().values() for operation in operations}

    assert table == {(method, path) for method, path, _ in ROUTES}
