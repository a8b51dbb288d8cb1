"""Customer sessions: a JWT in an HttpOnly cookie naming a server-side session.

``issue_token`` and ``read_token`` are pure (keys passed in). The JWT alone never suffices:
``authenticate`` also finds its session item, so logout and "sign out everywhere" end it
at once. Keys are chosen by ``kid``: add a key, make it the signing key, and sessions
signed with the old one keep working until they expire.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from http.cookies import SimpleCookie
from typing import Any
from functools import partial

from chalicelib.db.models import Account, Session
from chalicelib.db.queries import get_or_none, sessions_of_account
from chalicelib.errors import SignedOut
from chalicelib.settings import Settings
from chalicelib import clock

ALGORITHM = "HS256"
AUDIENCE = "septic-portal:customer"
ISSUER = "septic-portal"
REQUIRED_CLAIMS = ["exp", "iat", "aud", "iss", "sub", "sid"]
_SIGNED_OUT = partial(SignedOut, "Please sign in.")  # a fresh instance per raise: a shared one keeps old tracebacks alive


@dataclass(frozen=True)
class Keys:
    by_kid: dict[str, str]
    signing_kid: str


@dataclass(frozen=True)
class Principal:
    account_id: str
    session_id: str
    signed_in_at: datetime  # when this session was started by a link, invitation or password
    viewed_by: str | None = None  # a staff member viewing the portal as this customer: read-only


def issue_token(keys: Keys, account_id: str, session_id: str, now: datetime, lifetime: timedelta,
                audience: str = AUDIENCE) -> str:
    import jwt

    claims = {"iss": ISSUER, "aud": audience, "sub": account_id, "sid": session_id,
              "iat": int(now.timestamp()), "exp": int((now + lifetime).timestamp())}
    return jwt.encode(claims, keys.by_kid[keys.signing_kid], algorithm=ALGORITHM, headers={"kid": keys.signing_kid})


def read_token(keys: Keys, token: str, audience: str = AUDIENCE) -> dict[str, Any]:
    """The claims of a token we signed for ``audience`` and that is still valid, or ``SignedOut``.

    Customers and staff (``septic-portal:staff``) have their own audiences: neither token opens the other's routes.
    """
    import jwt

    try:
        kid = jwt.get_unverified_header(token).get("kid")
        key = keys.by_kid.get(kid) if isinstance(kid, str) else None
        if key is None:
            raise _SIGNED_OUT()
        return jwt.decode(token, key, algorithms=[ALGORITHM], audience=audience, issuer=ISSUER,
                          options={"require": REQUIRED_CLAIMS})
    except jwt.PyJWTError:
        raise _SIGNED_OUT() from None


def start(keys: Keys, account: Account, method: str, settings: Settings, *, lifetime: timedelta | None = None,
          viewed_by: str | None = None) -> tuple[Session, str]:
    """A new server-side session and the JWT that names it; ``viewed_by``: a staff member's
    read-only look at the portal as this customer (``current.customer`` refuses its writes)."""
    now = clock.now()
    lifetime = lifetime or timedelta(days=settings.session_days)
    session = Session(secrets.token_urlsafe(24), account_id=account.account_id, method=method,
                      created_at=now, expires_at=now + lifetime, viewed_by=viewed_by)
    session.save(condition=Session.session_id.does_not_exist())
    return session, issue_token(keys, account.account_id, session.session_id, now, lifetime)


def authenticate(keys: Keys, cookie_header: str | None, settings: Settings) -> Principal:
    """The signed-in customer behind a request's cookies: one GetItem (the session)."""
    token = cookie_value(cookie_header, cookie_name(settings))
    if not token:
        raise _SIGNED_OUT()
    claims = read_token(keys, token)
    session = get_or_none(Session, claims["sid"]) if isinstance(claims["sid"], str) else None
    now = clock.now()
    if session is None or session.revoked_at is not None or session.account_id != claims["sub"] or session.expires_at <= now:
        raise _SIGNED_OUT()
    return Principal(account_id=session.account_id, session_id=session.session_id, signed_in_at=session.created_at,
                     viewed_by=session.viewed_by)


def end(session_id: str) -> None:
    Session(session_id).update(actions=[Session.revoked_at.set(clock.now())],
                               condition=Session.session_id.exists())


def end_all(account_id: str) -> int:
    """Revoke every session of the account ("sign out on all devices")."""
    ended = 0
    for session_id in sessions_of_account(account_id):
        end(session_id)
        ended += 1
    return ended


# -- the cookie -------------------------------------------------------------------------------

def cookie_name(settings: Settings) -> str:
    # __Host- cookies must be Secure, Path=/ and host-only: browsers refuse them otherwise.
    return "portal_session" if settings.local_mode else "__Host-portal_session"


def set_cookie(token: str, settings: Settings, max_age: int | None = None) -> str:
    return cookie(cookie_name(settings), token, max_age or settings.session_days * 86400, settings)


def clear_cookie(settings: Settings) -> str:
    return cookie(cookie_name(settings), "", 0, settings)


def cookie(name: str, value: str, max_age: int, settings: Settings) -> str:
    parts = [f"{name}={value}", "Path=/", f"Max-Age={max_age}", "HttpOnly", "SameSite=Lax"]
    if not settings.local_mode:
        parts.append("Secure")
    return "; ".join(parts)


def cookie_value(header: str | None, name: str) -> str | None:
    if not header:
        return None
    jar = SimpleCookie()
    try:
        jar.load(header)
    except Exception:  # noqa: BLE001 - a malformed Cookie header is simply no session
        return None
    morsel = jar.get(name)
    return morsel.value if morsel else None
