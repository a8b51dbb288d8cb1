"""When AWS is unreachable the API says so clearly and writes nothing half-way."""
from __future__ import annotations

import json

import pytest

from chalicelib.db.models import ALL_MODELS, Account
from tests.api.factories import account


def _reconnect() -> None:
    for model in ALL_MODELS:
        model._connection = None  # noqa: SLF001 - the next call connects with the current endpoint


@pytest.fixture
def dynamodb_down(monkeypatch):
    """DynamoDB unreachable (a closed port); calling the fixture's value brings it back."""
    monkeypatch.setenv("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9")
    _reconnect()

    def restore() -> None:
        monkeypatch.delenv("AWS_ENDPOINT_URL_DYNAMODB")
        _reconnect()

    yield restore
    _reconnect()


def test_an_unreachable_database_is_a_503_that_says_to_retry(admin, dynamodb_down):
    response = admin("PUT", "/api/admin/accounts/acct-1", account())

    assert response.status_code == 503
    assert response.data["code"] == "service_unavailable"
    assert "try again" in response.data["message"]
    assert "127.0.0.1" not in json.dumps(response.data)


def test_nothing_was_written_during_the_outage(admin, dynamodb_down):
    admin("PUT", "/api/admin/accounts/acct-1", account())

    dynamodb_down()

    assert Account.count("acct-1") == 0
    assert admin("PUT", "/api/admin/accounts/acct-1", account()).status_code == 201
