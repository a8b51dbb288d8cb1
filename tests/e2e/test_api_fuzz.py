"""Schemathesis fuzzes every documented operation of the running local portal against ``docs/openapi.yaml``.

Each operation gets its documented examples and ``FUZZ_MAX_EXAMPLES`` generated requests
(schema-valid and schema-breaking bodies, parameters and headers), sent signed in as the demo
customer (a real sign-in through the outbox) and with the admin key. Every answer must be no 5xx
and have a status code, a content type and a body the document gives for that operation.
Generation is seeded and deterministic and keeps no example database, so a run is repeatable.

``FUZZ_COVERAGE=1`` adds Schemathesis' coverage phase (every boundary value and wrong type of
every field, and undocumented methods such as TRACE, which must be a 405 with ``Allow``): some
3,000 more requests, too slow for every run; with ``FUZZ_MAX_EXAMPLES=60`` it is the long run
the README describes.

The fuzzer gets a portal of its own: it changes company settings and data that the other browser
tests rely on. Not fuzzed: signing out (``/api/auth/logout``, ``/api/auth/logout-all``), which
ends the very session the other operations are fuzzed with (tests/api/test_sessions.py and the
sign-in browser test cover both). The Stripe webhook is fuzzed, but without Stripe's signature
every request stops at the signature check (400), which is what this shows for it.
"""
from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Any, Iterator

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from tests.e2e.conftest import ADMIN, demo_api, running_portal

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"
MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "20"))
COVERAGE = os.environ.get("FUZZ_COVERAGE") == "1"
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# "Schema-valid data is accepted" holds only where a refusal depends on nothing but the body's
# shape; most of the API's 400s depend on state no schema can say (a used or forged link, a
# tampered page cursor, another account's property, Stripe's signature, a weak password, a
# service booked by request), so the long run reports it and the suite does not fail on it.
if os.environ.get("FUZZ_POSITIVE") == "1":
    CHECKS.append(positive_data_acceptance)
if COVERAGE:
    CHECKS.append(unsupported_method)

CONFIG = schemathesis.Config.from_dict({
    "seed": 20261201,
    "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True, "database": "none"},
    "phases": {"coverage": {"enabled": COVERAGE}, "stateful": {"enabled": False}},
    # What the document allows is answered, except what no schema can say: an id that names no
    # account (422), a declined card (402), a state that forbids it (409), a limit (429).
    "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "401", "402", "403", "404", "409", "422", "429"]}},
})
schema = schemathesis.openapi.from_path(DOCUMENT, config=CONFIG).exclude(path_regex=r"^/api/auth/logout(-all)?$")
_examples: Counter[tuple[str, str]] = Counter()


@pytest.fixture(scope="module")
def fuzz_portal(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator[str]:
    with running_portal(tmp_path_factory.mktemp("fuzz-portal")) as url:
        yield url
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None and _examples:
        operations = {operation for operation, _ in _examples}
        phases = Counter()
        for (_, phase), count in _examples.items():
            phases[phase] += count
        with capture.global_and_fixture_disabled():
            reporter.write_line(
                f"\nschemathesis: {sum(_examples.values())} requests over {len(operations)} operations "
                f"(by phase: {dict(sorted(phases.items()))}; at most {MAX_EXAMPLES} fuzzed examples each)"
            )


@pytest.fixture(scope="module")
def signed_in(fuzz_portal: str) -> requests.Session:
    """The demo customer's session (cookie from a link opened through the outbox), plus the admin key."""
    session = demo_api(fuzz_portal)
    session.headers.update(ADMIN)
    return session


@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_answers_as_documented(case: Any, fuzz_portal: str, signed_in: requests.Session) -> None:
    _examples[(case.operation.label, case.meta.phase.name.value if case.meta else "explicit")] += 1
    case.call_and_validate(base_url=fuzz_portal, session=signed_in, checks=CHECKS, timeout=30)
