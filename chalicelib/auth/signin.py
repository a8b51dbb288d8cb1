"""Passwordless sign-in (F1), finding an account by service address (F3), optional passwords.

Asking for a link does the same work whether or not the contact is on file: rate limits,
then one durable task in the outbox. The worker looks the contact up, issues the token and
sends the message. So the answer, its timing, and what survives an outage do not depend
on whether an account exists.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import quote

from chalicelib import notify
from chalicelib.addresses import address_key
from chalicelib.auth import contacts, limits, passwords, sessions, tokens
from chalicelib.auth.destination import safe_next
from chalicelib.auth.keys import session_keys
from chalicelib.db.models import Account, OutboxMessage, Property, Token
from chalicelib.db.queries import account_by_email, account_by_phone, get_or_none
from chalicelib.errors import Invalid, RateLimited, WrongPassword
from chalicelib.notify import outbox
from chalicelib.settings import get_settings

LINK_SENT = {"message": "If that is on file with us, a sign-in link is on its way. It works once, for 10 minutes."}
LOOKUP_SENT = {"message": "If that service address is on file with us, a sign-in link is on its way to the email or phone we have for it."}
_MAX_ACCOUNTS_PER_ADDRESS = 3
SIGNIN_PURPOSES = ("signin", "invite")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9_-]{22,64}$")
_WRONG_PASSWORD = WrongPassword("That email and password do not match. You can also sign in with a link instead.")


# -- asking for a link ------------------------------------------------------------------------

def request_link(body: dict[str, Any], client_ip: str) -> None:
    settings = get_settings()
    email, phone = _one_contact(body)
    limits.hit("ip", limits.subject(client_ip), settings.limit_ip)
    who = limits.subject("email", email) if email else limits.subject("phone", phone)
    limits.hit("contact", who, settings.limit_contact_burst)
    limits.hit("contact-day", who, settings.limit_contact_daily)
    if phone:
        limits.hit("sms-day", "portal", settings.limit_sms_daily)  # SMS pumping: a cap on every text
    payload: dict[str, Any] = {"email": email} if email else {"phone": phone}
    if destination := safe_next(body.get("next")):  # an unsafe one is dropped: sign-in still works
        payload["next"] = destination
    outbox.enqueue_task("signin-link", payload)


def request_lookup(body: dict[str, Any], client_ip: str) -> None:
    settings = get_settings()
    address, zip_code, request_id = body.get("address"), body.get("zip"), body.get("request_id")
    if not isinstance(address, str) or not 3 <= len(address.strip()) <= 200:
        raise Invalid.field("address", "enter the street address of the property, e.g. 12 Oak Street")
    if not isinstance(zip_code, str) or not re.fullmatch(r"\d{5}(-\d{4})?", zip_code.strip()):
        raise Invalid.field("zip", "enter the 5-digit ZIP code")
    if request_id is not None and (not isinstance(request_id, str) or not _REQUEST_ID.match(request_id)):
        raise Invalid.field("request_id", "must be 22-64 URL-safe random characters")
    limits.hit("ip", limits.subject(client_ip), settings.limit_ip)
    limits.hit("lookup", limits.subject("address", address_key(address, zip_code)), settings.limit_contact_burst)
    outbox.enqueue_task("address-lookup", {"address_key": address_key(address, zip_code), "request_id": request_id})


def lookup_status(request_id: str) -> dict[str, Any]:
    """``sent`` with the masked contact once a link went out; ``pending`` otherwise, match or not."""
    if _REQUEST_ID.match(request_id or ""):
        item = get_or_none(Token, tokens.digest(request_id))
        if item is not None and item.purpose == "lookup" and item.expires_at > datetime.now(timezone.utc):
            return {"status": "sent", "sent_to": item.sent_to}
    return {"status": "pending"}


def _one_contact(body: dict[str, Any]) -> tuple[str | None, str | None]:
    has_email, has_phone = bool(body.get("email")), bool(body.get("phone"))
    if has_email == has_phone:
        raise Invalid.field("email", "enter your email address or your mobile phone number (one of them)")
    unknown = set(body) - {"email", "phone", "next"}
    if unknown:
        raise Invalid.field(sorted(unknown)[0], "is not a known field")
    if has_email:
        return contacts.normalise_email(body["email"]), None
    return None, contacts.normalise_phone(body["phone"])


# -- the worker's side: tasks run from the outbox ---------------------------------------------

def send_link_task(payload: dict[str, Any], task_id: str) -> list[str]:
    email, phone = payload.get("email"), payload.get("phone")
    account = account_by_email(email) if email else account_by_phone(phone)
    if account is None:
        return []
    channel = "email" if email else "sms"
    return [_send_signin_link(account, channel, task_id, safe_next(payload.get("next")))]


def lookup_task(payload: dict[str, Any], task_id: str) -> list[str]:
    """Each account with a property at the address gets a link to its own account.

    Two accounts share an address when a house changed hands; both owners' contacts on
    file get a link, each to their own records, and the page shows both masked.
    """
    sent: list[tuple[str, str]] = []
    for account in _accounts_at(payload["address_key"]):
        channel = "email" if account.email else "sms"
        sent.append((_send_signin_link(account, channel, f"{task_id}:{account.account_id}"), _masked(account, channel)))
    if sent and payload.get("request_id"):
        now = datetime.now(timezone.utc)
        Token(tokens.digest(payload["request_id"]), purpose="lookup", sent_to=", ".join(masked for _, masked in sent),
              expires_at=now + timedelta(minutes=15), created_at=now).save()
    return [message_id for message_id, _ in sent]


def _accounts_at(key: str) -> list[Account]:
    accounts: dict[str, Account] = {}
    for found in Property.by_address.query(key, limit=_MAX_ACCOUNTS_PER_ADDRESS):
        prop = get_or_none(Property, found.property_id)
        account = get_or_none(Account, prop.account_id) if prop else None
        if account is not None and (account.email or account.phone):
            accounts[account.account_id] = account
    return list(accounts.values())


def _send_signin_link(account: Account, channel: str, task_id: str, destination: str | None = None) -> str:
    """Issue a link and queue its message once per task, even if the task runs twice."""
    dedupe_key = f"task:{task_id}"
    existing = get_or_none(OutboxMessage, outbox.message_id_for(dedupe_key))
    if existing is not None:
        return existing.message_id
    settings = get_settings()
    link = tokens.issue(account, "signin", timedelta(minutes=settings.signin_link_minutes), channel, _masked(account, channel))
    back = f"?next={quote(destination, safe='')}" if destination else ""
    context = {"name": first_name(account.name), "url": f"{settings.site_url}/signin/link{back}#token={link.token}",
               "minutes": settings.signin_link_minutes}
    if channel == "email":
        return notify.email(account.email, "signin_link", context, dedupe_key=dedupe_key)
    return notify.sms(account.phone, "signin_link", context, dedupe_key=dedupe_key)


def _masked(account: Account, channel: str) -> str:
    return contacts.mask_email(account.email) if channel == "email" else contacts.mask_phone(account.phone)


def first_name(name: str) -> str:
    return name.split()[0] if name.split() else name


# -- using a link -----------------------------------------------------------------------------

def describe_link(body: dict[str, Any]) -> dict[str, Any]:
    item = tokens.describe(body.get("token"), purposes=SIGNIN_PURPOSES)
    account = get_or_none(Account, item.account_id)
    return {"purpose": item.purpose, "name": first_name(account.name), "sent_to": item.sent_to}


def verify_link(body: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """Use the link and start a session; answers the account and the session JWT."""
    item = tokens.use(body.get("token"), purposes=SIGNIN_PURPOSES)
    account = Account.get(item.account_id)
    _mark_activated(account)
    method = "invite" if item.purpose == "invite" else "link"
    return _signed_in(account, method)


def login(body: dict[str, Any], client_ip: str) -> tuple[dict[str, Any], str]:
    settings = get_settings()
    email = contacts.normalise_email(body.get("email"))
    password = body.get("password")
    if not isinstance(password, str) or not password:
        raise Invalid.field("password", "enter your password")
    limits.hit("ip", limits.subject(client_ip), settings.limit_ip)
    who = limits.subject("login", email)
    if limits.count("login-fail", who, settings.limit_login_failures) >= settings.limit_login_failures.count:
        raise RateLimited("Too many wrong passwords, so password sign-in is paused for a while. "
                          "You can sign in with a link instead.", retry_after=limits.seconds_left(settings.limit_login_failures))
    account = account_by_email(email)
    if not passwords.verify(account.password_hash if account else None, password[: passwords.MAX_LENGTH]):
        limits.hit("login-fail", who, settings.limit_login_failures)
        raise _WRONG_PASSWORD
    _mark_activated(account)
    return _signed_in(account, "password")


def _signed_in(account: Account, method: str) -> tuple[dict[str, Any], str]:
    settings = get_settings()
    _, jwt = sessions.start(session_keys(settings), account, method, settings)
    return {"account": session_view(account)}, jwt


def _mark_activated(account: Account) -> None:
    if account.activated_at is None:
        account.update(actions=[Account.activated_at.set(datetime.now(timezone.utc))], add_version_condition=False)


# -- a signed-in customer ---------------------------------------------------------------------

def session_view(account: Account) -> dict[str, Any]:
    return {
        "account_id": account.account_id,
        "name": account.name,
        "email_masked": contacts.mask_email(account.email) if account.email else None,
        "has_password": account.password_hash is not None,
    }


def set_password(account_id: str, body: dict[str, Any]) -> None:
    password = passwords.check_new(body.get("password"))
    Account.get(account_id).update(actions=[Account.password_hash.set(passwords.hash_password(password))])
