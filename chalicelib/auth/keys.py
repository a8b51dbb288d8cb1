"""Where the session signing keys come from: the settings, or Secrets Manager in production."""
from __future__ import annotations

import json
from functools import cache

from chalicelib.auth.sessions import Keys
from chalicelib.settings import Settings


def session_keys(settings: Settings) -> Keys:
    if settings.session_keys:
        return _keys(tuple(sorted(settings.session_keys.items())), settings.session_signing_kid)
    if settings.session_keys_secret_id:
        return _from_secrets_manager(settings.session_keys_secret_id)
    raise RuntimeError("no session keys: set PORTAL_SESSION_KEYS or PORTAL_SESSION_KEYS_SECRET_ID")


@cache
def _keys(items: tuple[tuple[str, str], ...], signing_kid: str | None) -> Keys:
    by_kid = dict(items)
    kid = signing_kid or items[-1][0]
    if kid not in by_kid:
        raise RuntimeError(f"the session signing key id {kid!r} is not among the session keys")
    return Keys(by_kid=by_kid, signing_kid=kid)


@cache
def _from_secrets_manager(secret_id: str) -> Keys:
    """The secret holds {"keys": {kid: secret}, "signing_kid": kid}; read once per container."""
    from chalicelib.aws import client

    document = json.loads(client("secretsmanager").get_secret_value(SecretId=secret_id)["SecretString"])
    return _keys(tuple(sorted(document["keys"].items())), document.get("signing_kid"))
