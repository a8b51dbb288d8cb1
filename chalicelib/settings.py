"""The one typed settings object, built from the environment on first use.

Nothing else in the code base reads ``os.environ``. ``get_settings()`` is cached per
container; tests call ``get_settings.cache_clear()`` after changing the environment.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import cache

LOCAL_ADMIN_KEY = "local-admin-key"


@dataclass(frozen=True)
class Settings:
    stage: str
    region: str
    table_prefix: str
    documents_bucket: str
    site_url: str
    mail_from: str
    ses_configuration_set: str | None
    dispatcher_email: str
    admin_key_sha256: str | None
    max_body_bytes: int
    upload_url_ttl_seconds: int
    outbox_max_attempts: int
    outbox_lease_seconds: int
    log_level: str

    @property
    def local_mode(self) -> bool:
        return self.stage == "local"


def _int(env: dict[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise RuntimeError(f"setting {name} must be an integer, got {raw!r}") from None


def _admin_key_hash(env: dict[str, str], stage: str) -> str | None:
    """The bootstrap admin key is kept only as a SHA-256 hash.

    Production passes ``PORTAL_ADMIN_KEY_SHA256`` (the hash, which is not a secret);
    local mode takes the plain ``PORTAL_ADMIN_KEY`` with a well-known default.
    """
    if env.get("PORTAL_ADMIN_KEY_SHA256"):
        return env["PORTAL_ADMIN_KEY_SHA256"].strip().lower()
    plain = env.get("PORTAL_ADMIN_KEY") or (LOCAL_ADMIN_KEY if stage == "local" else "")
    return hashlib.sha256(plain.encode()).hexdigest() if plain else None


def settings_from(env: dict[str, str]) -> Settings:
    stage = env.get("PORTAL_STAGE", "prod")
    local = stage == "local"
    port = env.get("PORT", "8000")
    return Settings(
        stage=stage,
        region=env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or "us-east-1",
        table_prefix=env.get("PORTAL_TABLE_PREFIX", "portal-"),
        documents_bucket=env.get("PORTAL_DOCUMENTS_BUCKET", "portal-documents"),
        site_url=env.get("PORTAL_SITE_URL", f"http://localhost:{port}" if local else "").rstrip("/"),
        mail_from=env.get("PORTAL_MAIL_FROM", "portal@example.com"),
        ses_configuration_set=env.get("PORTAL_SES_CONFIGURATION_SET") or None,
        dispatcher_email=env.get("PORTAL_DISPATCHER_EMAIL", "dispatch@example.com"),
        admin_key_sha256=_admin_key_hash(env, stage),
        max_body_bytes=_int(env, "PORTAL_MAX_BODY_BYTES", 64 * 1024),
        upload_url_ttl_seconds=_int(env, "PORTAL_UPLOAD_URL_TTL_SECONDS", 15 * 60),
        outbox_max_attempts=_int(env, "PORTAL_OUTBOX_MAX_ATTEMPTS", 8),
        outbox_lease_seconds=_int(env, "PORTAL_OUTBOX_LEASE_SECONDS", 120),
        log_level=env.get("PORTAL_LOG_LEVEL", "INFO"),
    )


@cache
def get_settings() -> Settings:
    return settings_from(dict(os.environ))
