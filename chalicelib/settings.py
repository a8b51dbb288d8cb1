"""The one typed settings object, built from the environment on first use.

Nothing else in the code base reads ``os.environ``. ``get_settings()`` is cached per
container; tests call ``get_settings.cache_clear()`` after changing the environment.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

LOCAL_ADMIN_KEY = "local-admin-key"


@dataclass(frozen=True)
class Limit:
    """At most ``count`` events per ``seconds`` (written "count/seconds" in the environment)."""

    count: int
    seconds: int


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
    # Sign-in and sessions
    session_keys: dict[str, str]  # kid -> HMAC secret; empty when kept in Secrets Manager
    session_signing_kid: str | None
    session_keys_secret_id: str | None
    session_days: int
    signin_link_minutes: int
    fresh_signin_seconds: int  # SPEC §9: a password or email change needs a sign-in this recent
    invite_days: int
    extra_origins: tuple[str, ...]
    # Stripe
    stripe_secret_key: str | None
    stripe_publishable_key: str | None
    stripe_webhook_secret: str | None
    stripe_secret_id: str | None  # Secrets Manager: {"secret_key", "webhook_secret"}
    stripe_api_base: str | None  # local mode: the Stripe emulator
    # Rate limits
    limit_contact_burst: Limit
    limit_contact_daily: Limit
    limit_ip: Limit
    limit_share_create: Limit  # share links an account may make
    limit_shared_ip: Limit  # requests to shared pages from one address
    limit_sms_daily: Limit
    limit_login_failures: Limit
    limit_contact_change_account: Limit  # new emails and phones one account may have us write to
    limit_contact_change_target: Limit  # confirmations one address or number may receive
    limit_booking_account: Limit
    limit_booking_property: Limit
    limit_booking_dispatcher: Limit
    # CloudFront as the API's only caller: the secret values of the origin header it adds
    # (more than one while rotating). Empty: the connection's source address counts.
    cloudfront_origin_secrets: tuple[str, ...] = ()
    # ... or the Secrets Manager secret holding it (production: read at run time, chalicelib/secrets.py).
    cloudfront_origin_secret_id: str | None = None
    # The Secrets Manager secret holding the bootstrap admin key (production; the stack generates it).
    admin_key_secret_id: str | None = None
    # SES bounce and complaint notifications arrive through these SNS topics only (ARNs).
    ses_events_topic_arns: tuple[str, ...] = ()
    # Tests and local mode only: an origin ("http://127.0.0.1:8123") allowed to serve SNS signing
    # certificates besides SNS's own https hosts. Refused in any other stage.
    sns_test_cert_origin: str | None = None

    @property
    def trust_cloudfront(self) -> bool:
        return bool(self.cloudfront_origin_secrets or self.cloudfront_origin_secret_id)

    @property
    def local_mode(self) -> bool:
        return self.stage == "local"

    @property
    def allowed_origins(self) -> frozenset[str]:
        """Origins whose pages may change state through the customer API (the Origin check)."""
        origins = {_origin(self.site_url), *self.extra_origins} - {""}
        if self.local_mode:
            port = urlsplit(self.site_url).port or 80
            origins |= {f"http://localhost:{port}", f"http://127.0.0.1:{port}"}
        return frozenset(origins)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def _limit(env: dict[str, str], name: str, default: str) -> Limit:
    raw = env.get(name) or default
    try:
        count, seconds = (int(part) for part in raw.split("/"))
    except ValueError:
        raise RuntimeError(f"setting {name} must look like 'count/seconds', got {raw!r}") from None
    return Limit(count, seconds)


def _session_keys(env: dict[str, str]) -> dict[str, str]:
    raw = env.get("PORTAL_SESSION_KEYS")
    if not raw:
        return {}
    try:
        keys = json.loads(raw)
    except ValueError:
        raise RuntimeError("setting PORTAL_SESSION_KEYS must be a JSON object of key id to secret") from None
    if not isinstance(keys, dict) or not all(isinstance(v, str) and len(v) >= 32 for v in keys.values()):
        raise RuntimeError("setting PORTAL_SESSION_KEYS must map key ids to secrets of at least 32 characters")
    return keys


def _positive(env: dict[str, str], name: str, default: int) -> int:
    value = _int(env, name, default)
    if value <= 0:
        raise RuntimeError(f"setting {name} must be a positive number of seconds, got {value}")
    return value


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


def _trust_cloudfront(env: dict[str, str]) -> bool:
    return (env.get("PORTAL_TRUST_CLOUDFRONT") or "").lower() in ("1", "true", "yes")


def _origin_secrets(env: dict[str, str]) -> tuple[str, ...]:
    trust = _trust_cloudfront(env)
    secrets = tuple(s.strip() for s in (env.get("PORTAL_CLOUDFRONT_ORIGIN_SECRET") or "").split(",") if s.strip())
    if trust and not secrets and not env.get("PORTAL_CLOUDFRONT_ORIGIN_SECRET_ID"):
        raise RuntimeError("setting PORTAL_TRUST_CLOUDFRONT needs PORTAL_CLOUDFRONT_ORIGIN_SECRET (the header value "
                           "CloudFront adds) or PORTAL_CLOUDFRONT_ORIGIN_SECRET_ID (the Secrets Manager secret holding it)")
    if trust and any(len(secret) < 32 for secret in secrets):
        raise RuntimeError("setting PORTAL_CLOUDFRONT_ORIGIN_SECRET must be at least 32 characters")
    return secrets if trust else ()


def _sns_test_cert_origin(env: dict[str, str], stage: str) -> str | None:
    origin = (env.get("PORTAL_SNS_TEST_CERT_ORIGIN") or "").rstrip("/")
    if origin and stage not in ("local", "test"):
        raise RuntimeError("setting PORTAL_SNS_TEST_CERT_ORIGIN is for tests and local mode only; "
                           "elsewhere only SNS's own certificate hosts are trusted")
    return origin or None


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
        session_keys=_session_keys(env),
        session_signing_kid=env.get("PORTAL_SESSION_SIGNING_KID") or None,
        session_keys_secret_id=env.get("PORTAL_SESSION_KEYS_SECRET_ID") or None,
        session_days=_int(env, "PORTAL_SESSION_DAYS", 30),
        signin_link_minutes=_int(env, "PORTAL_SIGNIN_LINK_MINUTES", 10),
        fresh_signin_seconds=_positive(env, "PORTAL_FRESH_SIGNIN_SECONDS", 15 * 60),
        invite_days=_int(env, "PORTAL_INVITE_DAYS", 7),
        extra_origins=tuple(o.strip().rstrip("/") for o in env.get("PORTAL_EXTRA_ORIGINS", "").split(",") if o.strip()),
        stripe_secret_key=env.get("STRIPE_SECRET_KEY") or ("sk_test_local" if local else None),
        stripe_publishable_key=env.get("STRIPE_PUBLISHABLE_KEY") or ("pk_test_local" if local else None),
        stripe_webhook_secret=env.get("STRIPE_WEBHOOK_SECRET") or ("whsec_local" if local else None),
        stripe_secret_id=env.get("PORTAL_STRIPE_SECRET_ID") or None,
        stripe_api_base=env.get("PORTAL_STRIPE_API_BASE") or None,
        limit_contact_burst=_limit(env, "PORTAL_LIMIT_CONTACT_BURST", "3/600"),
        limit_contact_daily=_limit(env, "PORTAL_LIMIT_CONTACT_DAILY", "10/86400"),
        limit_ip=_limit(env, "PORTAL_LIMIT_IP", "30/3600"),
        limit_share_create=_limit(env, "PORTAL_LIMIT_SHARE_CREATE", "20/86400"),
        limit_shared_ip=_limit(env, "PORTAL_LIMIT_SHARED_IP", "120/3600"),
        limit_sms_daily=_limit(env, "PORTAL_LIMIT_SMS_DAILY", "300/86400"),
        limit_login_failures=_limit(env, "PORTAL_LIMIT_LOGIN_FAILURES", "5/900"),
        cloudfront_origin_secrets=_origin_secrets(env),
        cloudfront_origin_secret_id=(env.get("PORTAL_CLOUDFRONT_ORIGIN_SECRET_ID") or None) if _trust_cloudfront(env) else None,
        admin_key_secret_id=env.get("PORTAL_ADMIN_KEY_SECRET_ID") or None,
        ses_events_topic_arns=tuple(a.strip() for a in env.get("PORTAL_SES_EVENTS_TOPIC_ARN", "").split(",") if a.strip()),
        sns_test_cert_origin=_sns_test_cert_origin(env, stage),
        limit_contact_change_account=_limit(env, "PORTAL_LIMIT_CONTACT_CHANGE_ACCOUNT", "5/86400"),
        limit_contact_change_target=_limit(env, "PORTAL_LIMIT_CONTACT_CHANGE_TARGET", "3/86400"),
        limit_booking_account=_limit(env, "PORTAL_LIMIT_BOOKING_ACCOUNT", "10/86400"),
        limit_booking_property=_limit(env, "PORTAL_LIMIT_BOOKING_PROPERTY", "5/86400"),
        limit_booking_dispatcher=_limit(env, "PORTAL_LIMIT_BOOKING_DISPATCHER", "300/86400"),
    )


@cache
def get_settings() -> Settings:
    return settings_from(dict(os.environ))


def running_on_lambda() -> bool:
    """True inside a deployed Lambda function (its runtime sets ``AWS_LAMBDA_FUNCTION_NAME``).

    Read without building the settings, so that asking costs nothing at import in tests.
    """
    return bool(os.environ.get("AWS_LAMBDA_FUNCTION_NAME"))
