"""Staff sign-in by magic link and staff sessions (SPEC C6; the customers' rules of SPEC §6).

The same token rules as customers (``chalicelib.auth.tokens``' ``Token`` items: 256 bits, only the
SHA-256 stored, single use by a conditional write, 10 minutes, a newer link voids the older),
the same rate limits and the same answer for a known and an unknown address; the link leaves
through the outbox. A staff session is a JWT for the audience ``septic-portal:staff`` in its own
cookie (``__Host-portal_staff``; ``portal_staff`` locally), naming a ``Session`` item whose
owner is ``staff:<id>``: a customer's session is never a staff session, and the reverse.
Every request also reads the staff member, so a disabled member is signed out at once.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import Any
from urllib.parse import quote

from pynamodb.exceptions import TransactWriteError

from chalicelib import clock, db, notify
from chalicelib.auth import contacts, digest, limits, sessions
from chalicelib.auth.destination import safe_next
from chalicelib.auth.keys import session_keys
from chalicelib.db.models import OutboxMessage, Session, StaffMember, Token
from chalicelib.db.office_queries import staff_by_email
from chalicelib.db.queries import get_or_none, sessions_of_account
from chalicelib.errors import LinkInvalid, SignedOut
from chalicelib.names import first_name
from chalicelib.notify import queue
from chalicelib.settings import Settings, get_settings

AUDIENCE = "septic-portal:staff"
PURPOSE = "staff_signin"
TASK = "staff-signin-link"
LINK_SENT = {"message": "If that address belongs to a staff member, a sign-in link is on its way. It works once, for 10 minutes."}
_SIGNED_OUT = partial(SignedOut, "Please sign in to the office console.")
_USED = partial(LinkInvalid, "link_used", "This link has already been used. Ask for a new sign-in link.")
_EXPIRED = partial(LinkInvalid, "link_expired", "This link has expired. Ask for a new sign-in link: it takes a minute.")
_INVALID = partial(LinkInvalid, "link_invalid", "This link is not valid. Ask for a new sign-in link.")


@dataclass(frozen=True)
class StaffPrincipal:
    staff_id: str
    name: str
    email: str
    role: str
    session_id: str


def owner_key(staff_id: str) -> str:
    """What a staff session's ``account_id`` holds: never an account id (those have no colon)."""
    return f"staff:{staff_id}"


# -- asking for a link ------------------------------------------------------------------------

def console_next(value: object) -> str | None:
    """value if it is a console page to return to after signing in (``safe_next`` and under
    ``/office/``, not the sign-in pages themselves), else None."""
    destination = safe_next(value)
    if destination is None or not destination.startswith("/office/"):
        return None
    path = destination.split("?", 1)[0]
    return None if path in ("/office/signin", "/office/signin-link") else destination


def request_link(email: str, client_ip: str, next_path: object = None) -> None:
    settings = get_settings()
    email_lc = contacts.normalise_email(email)
    limits.hit("ip", limits.subject(client_ip), settings.limit_ip)
    who = limits.subject("staff-email", email_lc)
    limits.hit("contact", who, settings.limit_contact_burst)
    limits.hit("contact-day", who, settings.limit_contact_daily)
    payload = {"email": email_lc}
    if destination := console_next(next_path):  # an unsafe one is dropped: sign-in still works
        payload["next"] = destination
    queue.enqueue_task(TASK, payload)  # the lookup happens in the worker: same answer either way


def send_link_task(payload: dict[str, Any], task_id: str) -> list[str]:
    member = staff_by_email(payload["email"])
    if member is None or member.disabled_at is not None:
        return []
    dedupe_key = f"task:{task_id}"
    existing = get_or_none(OutboxMessage, queue.message_id_for(dedupe_key))
    if existing is not None:
        return [existing.message_id]
    settings = get_settings()
    token = _issue(member, timedelta(minutes=settings.signin_link_minutes))
    context = {"name": first_name(member.name), "url": f"{settings.site_url}/office/signin-link{_back(payload.get('next'))}#token={token}",
               "minutes": settings.signin_link_minutes}
    return [notify.email(member.email, "staff_signin_link", context, dedupe_key=dedupe_key)]


def _back(next_path: object) -> str:
    """The link's ``?next=`` part (checked again: the task's payload is data like any other)."""
    destination = console_next(next_path)
    return f"?next={quote(destination, safe='')}" if destination else ""


def _issue(member: StaffMember, lifetime: timedelta) -> str:
    token = secrets.token_urlsafe(32)
    hashed = digest(token)
    now = clock.now()
    item = Token(hashed, purpose=PURPOSE, account_id=member.staff_id, channel="email",
                 sent_to=contacts.mask_email(member.email), expires_at=now + lifetime, created_at=now)
    with db.transact_write() as transaction:
        transaction.save(item, condition=Token.token_hash.does_not_exist())
        transaction.update(member, actions=[StaffMember.signin_token_hash.set(hashed)])
    return token


# -- using a link -----------------------------------------------------------------------------

def describe_link(token: object) -> dict[str, Any]:
    """What the landing page shows; reads only (opening a link uses nothing)."""
    item, member = _usable(token)
    return {"name": first_name(member.name), "sent_to": item.sent_to}


def verify_link(token: object) -> tuple[dict[str, Any], str]:
    """Use the link once and start a staff session: the member's view and the session JWT."""
    item, member = _usable(token)
    now = clock.now()
    try:
        with db.transact_write() as transaction:
            transaction.update(item, actions=[Token.used_at.set(now)],
                               condition=Token.used_at.does_not_exist() & (Token.expires_at > now))
            transaction.condition_check(StaffMember, "staff", member.staff_id,
                                        condition=(StaffMember.signin_token_hash == item.token_hash)
                                        & StaffMember.disabled_at.does_not_exist())
    except TransactWriteError as exc:
        if exc.cause_response_code in {"TransactionCanceledException", "TransactionConflictException"}:
            fresh = get_or_none(Token, item.token_hash)
            raise (_USED if fresh is not None and fresh.used_at else _INVALID)() from None
        raise
    return start(member)


def _usable(token: object) -> tuple[Token, StaffMember]:
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        raise _INVALID()
    item = get_or_none(Token, digest(token))
    if item is None or item.purpose != PURPOSE:
        raise _INVALID()
    if item.used_at is not None:
        raise _USED()
    if item.expires_at <= clock.now():
        raise _EXPIRED()
    member = get_or_none(StaffMember, "staff", item.account_id)
    if member is None or member.disabled_at is not None or member.signin_token_hash != item.token_hash:
        raise _INVALID()
    return item, member


# -- sessions ---------------------------------------------------------------------------------

def start(member: StaffMember) -> tuple[dict[str, Any], str]:
    settings = get_settings()
    now = clock.now()
    lifetime = timedelta(days=settings.session_days)
    session = Session(secrets.token_urlsafe(24), account_id=owner_key(member.staff_id), method="staff-link",
                      created_at=now, expires_at=now + lifetime)
    session.save(condition=Session.session_id.does_not_exist())
    jwt = sessions.issue_token(session_keys(settings), member.staff_id, session.session_id, now, lifetime, audience=AUDIENCE)
    return {"staff": {"id": member.staff_id, "name": member.name, "role": member.role}}, jwt


def authenticate(cookie_header: str | None) -> StaffPrincipal:
    """The signed-in, active staff member behind a request's cookies: two GetItems (session, member)."""
    settings = get_settings()
    token = sessions.cookie_value(cookie_header, cookie_name(settings))
    if not token:
        raise _SIGNED_OUT()
    claims = sessions.read_token(session_keys(settings), token, audience=AUDIENCE)
    session = get_or_none(Session, claims["sid"]) if isinstance(claims["sid"], str) else None
    if (session is None or session.revoked_at is not None or session.expires_at <= clock.now()
            or session.account_id != owner_key(str(claims["sub"]))):
        raise _SIGNED_OUT()
    member = get_or_none(StaffMember, "staff", str(claims["sub"]))
    if member is None or member.disabled_at is not None:
        raise _SIGNED_OUT()
    return StaffPrincipal(member.staff_id, member.name, member.email, member.role, session.session_id)


def has_cookie(cookie_header: str | None) -> bool:
    return bool(sessions.cookie_value(cookie_header, cookie_name(get_settings())))


def end(session_id: str) -> None:
    sessions.end(session_id)


def end_all(staff_id: str) -> None:
    for session_id in sessions_of_account(owner_key(staff_id)):
        sessions.end(session_id)


def cookie_name(settings: Settings) -> str:
    return "portal_staff" if settings.local_mode else "__Host-portal_staff"


def set_cookie(jwt: str) -> str:
    settings = get_settings()
    return sessions.cookie(cookie_name(settings), jwt, settings.session_days * 86400, settings)


def clear_cookie() -> str:
    settings = get_settings()
    return sessions.cookie(cookie_name(settings), "", 0, settings)
