"""Settings come from the environment once, typed, with safe defaults."""
from __future__ import annotations

import hashlib

import pytest

from chalicelib.settings import settings_from


def test_local_mode_has_the_well_known_admin_key_and_a_localhost_site():
    settings = settings_from({"PORTAL_STAGE": "local", "PORT": "8123"})

    assert settings.local_mode
    assert settings.admin_key_sha256 == hashlib.sha256(b"local-admin-key").hexdigest()
    assert settings.site_url == "http://localhost:8123"


def test_production_has_no_admin_key_unless_its_hash_is_configured():
    assert settings_from({}).admin_key_sha256 is None
    assert not settings_from({}).local_mode
    digest = hashlib.sha256(b"s3cret").hexdigest()
    assert settings_from({"PORTAL_ADMIN_KEY_SHA256": digest.upper()}).admin_key_sha256 == digest


def test_a_malformed_number_is_a_clear_error():
    with pytest.raises(RuntimeError, match="PORTAL_MAX_BODY_BYTES"):
        settings_from({"PORTAL_MAX_BODY_BYTES": "lots"})


def test_the_fresh_sign_in_window_is_fifteen_minutes_unless_set_and_never_zero():
    assert settings_from({}).fresh_signin_seconds == 900
    assert settings_from({"PORTAL_FRESH_SIGNIN_SECONDS": "20"}).fresh_signin_seconds == 20
    with pytest.raises(RuntimeError, match="PORTAL_FRESH_SIGNIN_SECONDS"):
        settings_from({"PORTAL_FRESH_SIGNIN_SECONDS": "0"})
