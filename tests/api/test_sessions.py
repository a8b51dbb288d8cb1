"""Session cookies: only JWTs we signed, with every claim, naming a live server-side session."""
from __future__ import annotations

import base64
import json
import time

import jwt
import pytest

from tests.api.signin_helpers import EMAIL, sign_in

K1 = "test-session-key-one-0123456789abcdef"
K2 = "test-session-key-two-0123456789abcdef"
COOKIE = "__Host-portal_session"


def _claims_of(cookie: str) -> dict:
    return jwt.decode(cookie.split("=", 1)[1], options={"verify_signature": False})


def _forge(claims: dict, key: str = K2, kid: str = "k2", algorithm: str = "HS256") -> str:
    return jwt.encode(claims, key, algorithm=algorithm, headers={"kid": kid})


def _session_with(api, token: str):
    return api("GET", "/api/auth/session", headers={"Cookie": f"{COOKIE}={token}"})


@pytest.fixture
def real_claims(browser_api, jane):
    return _claims_of(sign_in(browser_api, email=EMAIL))


def test_a_genuine_session_cookie_works(browser_api, real_claims):
    assert _session_with(browser_api, _forge(real_claims)).status_code == 200


def _unsigned(claims: dict) -> str:
    def part(data: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'none', 'typ': 'JWT', 'kid': 'k2'})}.{part(claims)}."


@pytest.mark.parametrize(
    "forge",
    [
        pytest.param(lambda c: _unsigned(c), id="alg-none"),
        pytest.param(lambda c: _forge(c, key="someone-elses-key-0123456789abcdef"), id="wrong-key"),
        pytest.param(lambda c: _forge({**c, "aud": "septic-portal:admin"}), id="wrong-aud"),
        pytest.param(lambda c: _forge({**c, "iss": "evil"}), id="wrong-iss"),
        pytest.param(lambda c: _forge({k: v for k, v in c.items() if k != "exp"}), id="no-exp"),
        pytest.param(lambda c: _forge({k: v for k, v in c.items() if k != "sub"}), id="no-sub"),
        pytest.param(lambda c: _forge({k: v for k, v in c.items() if k != "iat"}), id="no-iat"),
        pytest.param(lambda c: _forge({**c, "exp": int(time.time()) - 10}), id="expired"),
        pytest.param(lambda c: _forge(c, key=K2, kid="k9"), id="unknown-kid"),
        pytest.param(lambda c: _forge({**c, "sid": "made-up-session"}), id="unknown-session"),
        pytest.param(lambda c: _forge({**c, "sub": "acct-someone-else"}), id="other-account"),
        pytest.param(lambda c: _forge(c)[:-3] + "abc", id="tampered-signature"),
        pytest.param(lambda c: "not-a-jwt", id="garbage"),
    ],
)
def test_forged_and_broken_session_cookies_are_refused(browser_api, real_claims, forge):
    response = _session_with(browser_api, forge(real_claims))

    assert response.status_code == 401
    assert response.data["code"] == "signed_out"


def test_rotating_the_signing_key_keeps_existing_sessions(browser_api, real_claims, monkeypatch):
    from tests.conftest import reset_caches

    signed_with_old_key = _forge(real_claims, key=K1, kid="k1")
    monkeypatch.setenv("PORTAL_SESSION_SIGNING_KID", "k1")
    reset_caches()

    assert _session_with(browser_api, signed_with_old_key).status_code == 200
    new_cookie = sign_in(browser_api, email=EMAIL)
    assert jwt.get_unverified_header(new_cookie.split("=", 1)[1])["kid"] == "k1"


def test_no_cookie_is_a_401_without_a_bearer_challenge(browser_api):
    response = browser_api("GET", "/api/auth/session")

    assert response.status_code == 401
    assert "WWW-Authenticate" not in response.headers


def test_production_reads_the_session_keys_from_secrets_manager(browser_api, jane, monkeypatch):
    from chalicelib.aws import client
    from tests.conftest import reset_caches

    secret = client("secretsmanager").create_secret(
        Name="portal/session-keys",
        SecretString='{"keys": {"2026-11": "a-secret-only-secrets-manager-knows-0123456789"}, "signing_kid": "2026-11"}',
    )
    monkeypatch.delenv("PORTAL_SESSION_KEYS")
    monkeypatch.delenv("PORTAL_SESSION_SIGNING_KID")
    monkeypatch.setenv("PORTAL_SESSION_KEYS_SECRET_ID", secret["ARN"])
    reset_caches()

    cookie = sign_in(browser_api, email=EMAIL)

    assert jwt.get_unverified_header(cookie.split("=", 1)[1])["kid"] == "2026-11"
    assert _session_with(browser_api, cookie.split("=", 1)[1]).status_code == 200
    assert _session_with(browser_api, _forge(_claims_of(cookie))).status_code == 401  # the old test key no longer signs
