"""Shared fixtures: a clean environment per test, moto for AWS, the Chalice test client."""
from __future__ import annotations

import contextlib
import json
import os
from typing import Any, Iterator

import pytest

ADMIN_KEY = "test-admin-key"
MAIL_FROM = "portal@test.example"

TEST_ENV = {
    "PORTAL_STAGE": "test",
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SECURITY_TOKEN": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_REGION": "us-east-1",
    "AWS_DEFAULT_REGION": "us-east-1",
    "PORTAL_TABLE_PREFIX": "test-",
    "PORTAL_DOCUMENTS_BUCKET": "test-documents",
    "PORTAL_MAIL_FROM": MAIL_FROM,
    "PORTAL_ADMIN_KEY": ADMIN_KEY,
    "PORTAL_SITE_URL": "https://portal.test.example",
    "PORTAL_SESSION_KEYS": '{"k1": "test-session-key-one-0123456789abcdef", "k2": "test-session-key-two-0123456789abcdef"}',
    "PORTAL_SESSION_SIGNING_KID": "k2",
}
ORIGIN = "https://portal.test.example"


def reset_caches() -> None:
    from chalicelib import aws, company, db
    from chalicelib.notify import render
    from chalicelib.settings import get_settings

    get_settings.cache_clear()
    aws.client.cache_clear()
    render._environment.cache_clear()  # noqa: SLF001
    company.forget_cache()
    db._bound = None  # noqa: SLF001
    from chalicelib.auth import keys

    keys._keys.cache_clear()  # noqa: SLF001
    keys._from_secrets_manager.cache_clear()  # noqa: SLF001
    from chalicelib import secrets
    from chalicelib.billing import stripe_api

    secrets.forget()
    stripe_api._from_secrets_manager.cache_clear()  # noqa: SLF001


def use_test_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the test stage's settings (``TEST_ENV``) in the environment, until ``monkeypatch`` undoes it."""
    for name in list(os.environ):
        if name.startswith(("PORTAL_", "AWS_")):
            monkeypatch.delenv(name)
    for name, value in TEST_ENV.items():
        monkeypatch.setenv(name, value)
    reset_caches()


@pytest.fixture(autouse=True)
def environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    use_test_environment(monkeypatch)
    yield
    reset_caches()


_EMPTY_TABLES: dict[str, Any] = {}  # moto's tables as the portal created them, before any item


@contextlib.contextmanager
def moto_portal() -> Iterator[None]:
    """moto for DynamoDB, S3, SES and SNS, with the portal's tables, bucket and sender created.

    The first time, the portal creates its tables (``db.create_tables``, some seventy calls);
    after that each fresh moto gets copies of those empty tables, which takes milliseconds.
    """
    import copy

    from moto import mock_aws
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.dynamodb.models import dynamodb_backends

    from chalicelib import db
    from chalicelib.aws import client
    from chalicelib.settings import get_settings

    from devserver import atomic_moto

    atomic_moto.install()
    with mock_aws():
        settings = get_settings()
        tables = dynamodb_backends[DEFAULT_ACCOUNT_ID][settings.region].tables
        if _EMPTY_TABLES.get("prefix") == settings.table_prefix:
            tables.update(copy.deepcopy(_EMPTY_TABLES["tables"]))
            db.bind(settings)
        else:
            db.create_tables(settings)
            _EMPTY_TABLES.update(prefix=settings.table_prefix, tables=copy.deepcopy(dict(tables)))
        client("s3").create_bucket(Bucket=settings.documents_bucket)
        client("ses").verify_email_identity(EmailAddress=settings.mail_from)
        yield


@pytest.fixture
def aws(environment: None) -> Iterator[None]:
    """A fresh moto for the test (tests/api/conftest.py lets a module share one)."""
    with moto_portal():
        yield


@pytest.fixture
def client(aws: None) -> Iterator[Any]:
    from chalice.test import Client

    from app import app

    with Client(app) as test_client:
        yield test_client


class Api:
    """Small JSON helper around the Chalice test client."""

    def __init__(self, client: Any, headers: dict[str, str] | None = None) -> None:
        self._client = client
        self._headers = headers or {}

    def __call__(self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None, raw: bytes | str | None = None) -> Any:
        all_headers = {"Content-Type": "application/json", **self._headers, **(headers or {})}
        payload = raw if raw is not None else (json.dumps(body) if body is not None else None)
        response = getattr(self._client.http, method.lower())(path, headers=all_headers, body=payload)
        response.data = json.loads(response.body) if response.body else None
        return response


@pytest.fixture
def admin(client: Any) -> Api:
    return Api(client, {"Authorization": f"Bearer {ADMIN_KEY}"})


@pytest.fixture
def anonymous(client: Any) -> Api:
    return Api(client)


@pytest.fixture
def browser_api(client: Any) -> Api:
    """Calls as the portal's own pages make them: with the portal's Origin."""
    return Api(client, {"Origin": ORIGIN})


@pytest.fixture
def signed_in(client: Any) -> Any:
    """``signed_in(account_id)``: calls as the portal's pages make them, with that account's session."""

    def as_account(account_id: str) -> Api:
        from tests.api.customer_world import cookie_for

        return Api(client, {"Origin": ORIGIN, "Cookie": cookie_for(account_id)})

    return as_account


def sent_emails() -> list[Any]:
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.ses.models import ses_backends

    return list(ses_backends[DEFAULT_ACCOUNT_ID]["us-east-1"].sent_messages)


def recipients(message: Any) -> list[str]:
    destinations = message.destinations
    return list(destinations["ToAddresses"] if isinstance(destinations, dict) else destinations)


def email_text(message: Any) -> str:
    """The plain-text part of a sent email, decoded."""
    import email
    from email import policy

    return email.message_from_string(message.raw_data, policy=policy.default).get_body(("plain",)).get_content()


def sent_texts() -> list[Any]:
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.sns.models import sns_backends

    return list(sns_backends[DEFAULT_ACCOUNT_ID]["us-east-1"].sms_messages.values())


@pytest.fixture(scope="session")
def stripe_emulator() -> Iterator[str]:
    """A real localstripe process on 127.0.0.1 for the whole session."""
    import subprocess
    import sys
    import time

    import requests

    from devserver.stack import free_port

    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "devserver.stripe_emulator", str(port), "--bank-settle-seconds", "2"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            requests.get(f"{url}/v1/customers", auth=("sk_test_local", ""), timeout=1)
            break
        except requests.ConnectionError:
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def stripe_local(stripe_emulator: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """Point the portal at the emulator, emptied for this test."""
    import requests

    requests.delete(f"{stripe_emulator}/_config/data", timeout=5)
    monkeypatch.setenv("PORTAL_STRIPE_API_BASE", stripe_emulator)
    monkeypatch.setenv("STRIPE_SECRET_KEY", "sk_test_local")
    monkeypatch.setenv("STRIPE_PUBLISHABLE_KEY", "pk_test_local")
    monkeypatch.setenv("STRIPE_WEBHOOK_SECRET", "whsec_test")
    reset_caches()
    return stripe_emulator
