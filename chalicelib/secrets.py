"""Values kept in Secrets Manager, read by the functions at run time (never in the template or the code).

Each is read once per container, like the session keys (chalicelib/auth/keys.py): a value changed
later reaches containers started after the change. Local mode and tests set the plain values instead.
"""
from __future__ import annotations

from functools import cache

from chalicelib.settings import Settings


def cloudfront_origin_secrets(settings: Settings) -> tuple[str, ...]:
    """The values of CloudFront's origin header the API accepts: the settings', or the secret's.

    From Secrets Manager, its current value and the one before it: after ``put-secret-value`` the
    API takes both, so CloudFront's edges may switch to the new header one by one without a 403.
    """
    if settings.cloudfront_origin_secret_id:
        return settings.cloudfront_origin_secrets + _versions(settings.cloudfront_origin_secret_id)
    return settings.cloudfront_origin_secrets


def admin_key(secret_id: str) -> str:
    """The bootstrap admin key the stack generated (its current value)."""
    return _versions(secret_id)[0]


@cache
def _versions(secret_id: str) -> tuple[str, ...]:
    """The secret's current value, then its previous one when there is one."""
    from chalicelib.aws import client

    secretsmanager = client("secretsmanager")
    values = [secretsmanager.get_secret_value(SecretId=secret_id)["SecretString"]]
    try:
        values.append(secretsmanager.get_secret_value(SecretId=secret_id, VersionStage="AWSPREVIOUS")["SecretString"])
    except secretsmanager.exceptions.ResourceNotFoundException:
        pass  # never changed since it was created
    return tuple(value.strip() for value in values if value.strip())


def forget() -> None:
    """Tests only: read the secrets again."""
    _versions.cache_clear()
