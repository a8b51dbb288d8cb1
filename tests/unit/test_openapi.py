"""The OpenAPI document and the app describe the same API."""
from __future__ import annotations

from pathlib import Path

import yaml
from openapi_spec_validator import validate

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"
METHODS = {"get", "put", "post", "patch", "delete"}


def _document() -> dict:
    return yaml.safe_load(DOCUMENT.read_text())


def _app_routes() -> set[tuple[str, str]]:
    from app import app

    return {(method, path) for path, methods in app.routes.items() for method in methods}


def _documented_routes() -> set[tuple[str, str]]:
    return {
        (method.upper(), path)
        for path, operations in _document()["paths"].items()
        for method in operations
        if method in METHODS
    }


def test_the_document_is_valid_openapi():
    validate(_document())


def test_every_app_route_is_documented():
    assert _app_routes() - _documented_routes() == set()


def test_the_document_names_no_route_the_app_lacks():
    assert _documented_routes() - _app_routes() == set()


def test_every_admin_operation_requires_the_bearer_key():
    for path, operations in _document()["paths"].items():
        for method, operation in operations.items():
            if method in METHODS and path.startswith("/api/admin/"):
                assert operation.get("security") != [], f"{method} {path} is documented as public"
