"""Production reads the CloudFront origin secret and the bootstrap admin key from Secrets Manager
at run time (moto's secretsmanager), once per container; the template holds only their ARNs."""
from __future__ import annotations

import pytest

from tests.conftest import reset_caches

ORIGIN_SECRET = "generated-by-the-stack-0123456789abcdefABCDEF"
ADMIN_KEY = "the-stacks-generated-admin-key-0123456789abcdefXYZ"


def _secret(value: str, name: str) -> str:
    from chalicelib.aws import client

    return client("secretsmanager").create_secret(Name=name, SecretString=value)["ARN"]


def _put(arn: str, value: str) -> None:
    from chalicelib.aws import client

    client("secretsmanager").put_secret_value(SecretId=arn, SecretString=value)


@pytest.fixture
def behind_cloudfront(client, monkeypatch):
    """The settings the stack gives every function: trust CloudFront, its secret by ARN only."""
    arn = _secret(ORIGIN_SECRET, "portal/origin-secret")
    monkeypatch.setenv("PORTAL_TRUST_CLOUDFRONT", "true")
    monkeypatch.delenv("PORTAL_CLOUDFRONT_ORIGIN_SECRET", raising=False)
    monkeypatch.setenv("PORTAL_CLOUDFRONT_ORIGIN_SECRET_ID", arn)
    reset_caches()
    return arn


def _health(api, secret: str | None):
    return api("GET", "/api/health", headers={"X-Portal-Origin-Secret": secret} if secret else {})


def test_the_origin_header_is_checked_against_the_secret_read_from_secrets_manager(anonymous, behind_cloudfront):
    assert _health(anonymous, ORIGIN_SECRET).status_code == 200
    for sent in (None, "wrong", ORIGIN_SECRET[:-1]):
        refused = _health(anonymous, sent)
        assert refused.status_code == 403 and refused.data["code"] == "forbidden"


def test_after_a_new_value_both_the_new_and_the_previous_value_pass_in_new_containers(anonymous, behind_cloudfront):
    new = "the-rotated-origin-secret-0123456789abcdef-new"
    assert _health(anonymous, ORIGIN_SECRET).status_code == 200
    _put(behind_cloudfront, new)

    assert _health(anonymous, new).status_code == 403  # this container read the secret once, before
    reset_caches()  # a container started after the change
    assert _health(anonymous, new).status_code == 200
    assert _health(anonymous, ORIGIN_SECRET).status_code == 200  # edges still sending the old header
    _put(behind_cloudfront, "a-third-value-0123456789abcdef-0123456789")
    reset_caches()
    assert _health(anonymous, ORIGIN_SECRET).status_code == 403  # two values back: refused


def test_trusting_cloudfront_with_only_the_secrets_arn_is_a_valid_configuration():
    from chalicelib.settings import settings_from

    settings = settings_from({"PORTAL_TRUST_CLOUDFRONT": "true", "PORTAL_CLOUDFRONT_ORIGIN_SECRET_ID": "arn:x"})
    assert settings.trust_cloudfront and settings.cloudfront_origin_secrets == ()
    assert not settings_from({"PORTAL_CLOUDFRONT_ORIGIN_SECRET_ID": "arn:x"}).trust_cloudfront


@pytest.fixture
def generated_admin_key(client, monkeypatch):
    arn = _secret(ADMIN_KEY, "portal/admin-key")
    monkeypatch.delenv("PORTAL_ADMIN_KEY")
    monkeypatch.setenv("PORTAL_ADMIN_KEY_SECRET_ID", arn)
    reset_caches()
    return arn


def _settings(anonymous, key: str):
    return anonymous("GET", "/api/admin/settings", headers={"Authorization": f"Bearer {key}"})


def test_the_bootstrap_admin_key_is_the_one_in_secrets_manager(anonymous, generated_admin_key):
    from tests.conftest import ADMIN_KEY as TEST_KEY

    assert _settings(anonymous, ADMIN_KEY).status_code == 200
    refused = _settings(anonymous, TEST_KEY)
    assert refused.status_code == 401 and refused.data["message"] == "The admin API key is not valid."


def test_a_new_admin_key_value_replaces_the_old_one_in_new_containers(anonymous, generated_admin_key):
    new = "a-new-admin-key-after-rotation-0123456789abcdef"
    _put(generated_admin_key, new)
    reset_caches()

    assert _settings(anonymous, new).status_code == 200
    assert _settings(anonymous, ADMIN_KEY).status_code == 401  # unlike the origin header, no overlap
