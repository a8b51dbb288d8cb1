"""Fixtures shared by the API suites (the environment, moto and the client are in tests/conftest.py).

A module opts into one world, built once for the module:

    pytestmark = pytest.mark.usefixtures("one_world")

or builds its own with a module-scoped fixture that uses ``module_admin`` and then calls
``shared_moto.freeze()``. Every test in such a module runs in the module's moto (``aws`` below).
A test there that writes says so with ``put_back_world`` (or the module lists it next to its
world): after it, every table, email and text is put back as built. At the module's end the
world must be as it was built, or the last test errors. Other modules get a fresh moto, and a
fresh ``world`` if they ask for one, per test.
"""
from __future__ import annotations

from typing import Iterator

import pytest

from tests.api import shared_world
from tests.api.customer_world import World, build
from tests.api.factories import account
from tests.conftest import ADMIN_KEY, Api, moto_portal, reset_caches, use_test_environment


class SharedMoto:
    """A module's one moto; ``freeze()`` once its world is built, to compare and put back against."""

    snapshot: shared_world.Snapshot | None = None

    def freeze(self) -> None:
        self.snapshot = shared_world.take()


@pytest.fixture(scope="module")
def shared_moto() -> Iterator[SharedMoto]:
    """moto with the portal's resources for as long as the module runs (its ``aws``, see below)."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        use_test_environment(monkeypatch)
        with moto_portal():
            shared = SharedMoto()
            yield shared
            if shared.snapshot is not None:
                assert shared_world.changes(shared.snapshot) == [], "a test sharing the world changed it without putting it back"
        reset_caches()


@pytest.fixture(scope="module")
def module_admin(shared_moto: SharedMoto) -> Iterator[Api]:
    """The admin API, for building a module's shared world."""
    from chalice.test import Client

    from app import app

    with Client(app) as client:
        yield Api(client, {"Authorization": f"Bearer {ADMIN_KEY}"})


@pytest.fixture(scope="module")
def one_world(shared_moto: SharedMoto, module_admin: Api) -> World:
    """The two customers of ``customer_world``, built once for the module."""
    built = build(module_admin)
    shared_moto.freeze()
    return built


@pytest.fixture
def put_back_world(shared_moto: SharedMoto) -> Iterator[None]:
    """For a test that writes in a shared world: afterwards the world is put back as it was built."""
    assert shared_moto.snapshot is not None, "put_back_world needs the module's world built (and frozen) first"
    yield
    shared_world.put_back(shared_moto.snapshot)


@pytest.fixture
def aws(request: pytest.FixtureRequest, environment: None) -> Iterator[None]:
    """The module's moto if it shares one, else a fresh one for this test."""
    if "shared_moto" in request.fixturenames:
        yield
        return
    with moto_portal():
        yield


@pytest.fixture
def world(request: pytest.FixtureRequest, admin: Api) -> World:
    """Jane (two properties, history, documents, invoices, an appointment) and Sam, with session cookies."""
    if "one_world" in request.fixturenames:
        return request.getfixturevalue("one_world")
    return build(admin)


@pytest.fixture
def jane(admin: Api) -> None:
    """One customer who can sign in, by email (any case) or by phone (``tests.api.signin_helpers``)."""
    assert admin("PUT", "/api/admin/accounts/acct-1", account(email="Jane@Example.com", phone="(217) 555-0198")).status_code == 201


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
