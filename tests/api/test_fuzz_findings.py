"""What the API fuzzer (tests/e2e/test_api_fuzz.py) found, each pinned with a plain test."""
from __future__ import annotations

import pytest

from chalicelib.db.models import ServiceRecord
from tests.api.factories import account, property_, service_record


@pytest.fixture
def a_property(admin):
    assert admin("PUT", "/api/admin/accounts/acct-1", account()).status_code == 201
    assert admin("PUT", "/api/admin/properties/prop-1", property_()).status_code == 201


@pytest.mark.parametrize("measurements", [{"": 3}, {"   ": 3}, {"sludge_in": 1e300}])
def test_a_nameless_or_absurd_measurement_is_a_clear_400_and_stores_nothing(admin, a_property, measurements):
    response = admin("PUT", "/api/admin/service-records/svc-1", service_record(measurements=measurements))

    assert response.status_code == 400
    assert response.data["code"] == "validation_error"
    assert response.data["details"][0]["field"].startswith("measurements")
    assert ServiceRecord.count("svc-1") == 0


def test_not_a_number_measurement_is_a_clear_400(admin, a_property):
    body = '{"property_id": "prop-1", "date": "2025-06-14", "service_type": "pump_out", "status": "completed", "measurements": {"sludge_in": NaN}}'

    response = admin("PUT", "/api/admin/service-records/svc-1", raw=body)

    assert response.status_code == 400
    assert ServiceRecord.count("svc-1") == 0


def test_named_measurements_are_stored(admin, a_property):
    response = admin("PUT", "/api/admin/service-records/svc-1", service_record(measurements={"sludge_in": 14, "scum_in": 3.5}))

    assert response.status_code == 201


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("DELETE", "/api/health", "GET"),
        ("DELETE", "/api/admin/settings", "GET, PUT"),
        ("PUT", "/api/auth/magic-link", "POST"),
    ],
)
def test_a_wrong_method_on_a_known_route_is_a_json_405_naming_the_allowed_ones(anonymous, method, path, allowed):
    # Asked for before any key or Origin: the method is wrong whoever asks.
    response = anonymous(method, path)

    assert response.status_code == 405
    assert response.headers["Allow"] == allowed
    assert response.data["code"] == "method_not_allowed"
    assert response.data["message"] == f"This address does not accept that method; it accepts {allowed}."


def test_a_bank_account_stripe_refuses_for_autopay_is_a_clear_400(admin, stripe_local, signed_in):
    # Given a customer on a maintenance agreement, and a Stripe (the emulator) without US bank accounts
    admin("PUT", "/api/admin/accounts/acct-jane", account(maintenance_agreement=True))

    # When autopay is started with a bank account
    response = signed_in("acct-jane")("POST", "/api/autopay/setup-intent", {"method": "us_bank_account"})

    # Then the customer is told to use a card (it was a 500)
    assert response.status_code == 400
    assert response.data["details"] == [
        {"field": "method", "message": "Bank accounts cannot be used for autopay yet. Please use a card."}]


def test_stripe_out_of_reach_is_a_503_that_charged_nothing(admin, stripe_local, signed_in, monkeypatch):
    # Given a customer on a maintenance agreement, and Stripe at a closed port
    from devserver.stack import free_port
    from tests.conftest import reset_caches

    admin("PUT", "/api/admin/accounts/acct-jane", account(maintenance_agreement=True))
    monkeypatch.setenv("PORTAL_STRIPE_API_BASE", f"http://127.0.0.1:{free_port()}")
    reset_caches()

    # When autopay is started, a Stripe call no service guards for fails
    response = signed_in("acct-jane")("POST", "/api/autopay/setup-intent", {"method": "card"})

    # Then the answer says to try again later, from the one error mapping, instead of a bare 500
    assert response.status_code == 503
    assert response.data["message"] == "Payments are not available right now; nothing was charged. Please try again shortly."


@pytest.mark.parametrize("setup_id", ["seti_Lr}", "seti_../../v1/customers", "seti_"])
def test_a_setup_id_stripe_could_never_have_made_is_a_400_without_asking_stripe(admin, stripe_local, signed_in, setup_id):
    admin("PUT", "/api/admin/accounts/acct-jane", account(maintenance_agreement=True))

    response = signed_in("acct-jane")("POST", "/api/autopay/confirm", {"setup_intent_id": setup_id})

    assert response.status_code == 400
    assert response.data["details"][0]["field"] == "setup_intent_id"
