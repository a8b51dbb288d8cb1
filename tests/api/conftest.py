"""Fixtures shared by the API suites (the environment, moto and the client are in tests/conftest.py)."""
from __future__ import annotations

from typing import Iterator

import pytest

from tests.api.factories import account
from tests.conftest import Api


@pytest.fixture
def jane(admin: Api) -> None:
    """One customer who can sign in, by email (any case) or by phone (``tests.api.signin_helpers``)."""
    assert admin("PUT", "/api/admin/accounts/acct-1", account(email="Jane@Example.com", phone="(217) 555-0199")).status_code == 201


@pytest.fixture
def dynamodb_calls() -> Iterator[list[tuple[str, str]]]:
    """Every DynamoDB call the portal makes while the test runs, as (operation, table without prefix)."""
    from chalicelib.db.models import ALL_MODELS

    calls: list[tuple[str, str]] = []

    def record(model, params, **_):
        calls.append((model.name, params.get("TableName", "").removeprefix("test-")))

    clients = {id(m._get_connection().connection.client): m._get_connection().connection.client for m in ALL_MODELS}  # noqa: SLF001
    for client in clients.values():
        client.meta.events.register("provide-client-params.dynamodb", record)
    yield calls
    for client in clients.values():
        client.meta.events.unregister("provide-client-params.dynamodb", record)
