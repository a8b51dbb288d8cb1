"""Passwordless sign-in (F1), finding an account by service address (F3), optional passwords.

Asking for a link does the same work whether or not the contact is on file: rate limits,
then one durable task in the outbox. The worker looks the contact up, issues the token and
sends the message. So the answer, its timing, and what survives an outage do not depend
on whether an account exists.
"""
from __future__ import annotations

from datetime import timedelta
from typing import Any
from functools import partial
from urllib.parse import quote

from chalicelib import notify
from chalicelib.addresses import address_key
from chalicelib.auth import contacts, limits, passwords, sessions, tokens
from chalicelib.auth.destination import safe_next
from chalicelib.auth.keys import session_keys
from chalicelib.billing import autopay_state
from chalicelib.db.models import Account, OutboxMessage, Property, plain
from chalicelib.db.queries import (
    account_by_email,
    accounts_by_email,
    accounts_by_phone,
    first_property_of_account,
    get_or_none,
    properties_at_address,
)
from chalicelib.names import first_name
from chalicelib.errors import Invalid, RateLimited, ReauthRequired, WrongPassword
from chalicelib.notify import queue
from chalicelib.settings import get_settings
from chalicelib import clock

LINK_SENT = {"message": "If that is on file with us, a sign-in link is on its way. It works once, for 10 minutes."}
LOOKUP_SENT = {"message": "If that service address is on file with us, a sign-in link is on its way to the email or phone we have for it."}
_MAX_ACCOUNTS_PER_ADDRESS = 3
SIGNIN_PURPOSES = ("signin", "invite")
_WRONG_PASSWORD = partial(WrongPassword, "That email and password do not match. You can also sign in with a link instead.")  # a fresh instance per raise: a shared one keeps old tracebacks alive


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
    queue.enqueue_task("signin-link", payload)


def request_lookup(body: dict[str, Any], client_ip: str) -> None:
    settings = get_settings()
    address, zip_code = body["address"], body["zip"]  # checked by bodies.ADDRESS_LOOKUP
    limits.hit("ip", limits.subject(client_ip), settings.limit_ip)
    limits.hit("lookup", limits.subject("address", address_key(address, zip_code)), settings.limit_contact_burst)
    # Where the link went is told only in the message itself (SPEC §9: the answer discloses nothing).
    queue.enqueue_task("address-lookup", {"address_key": address_key(address, zip_code)})


def _one_contact(body: dict[str, Any]) -> tuple[str | None, str | None]:
    has_email, has_phone = bool(body.get("email")), bool(body.get("phone"))
    if has_email == has_phone:
        raise Invalid.field("email", "Enter your email address or your mobile phone number, not both.")
    if has_email:
        return contacts.normalise_email(body["email"]), None
    return None, contacts.normalise_phone(body["phone"])


# -- the worker's side: tasks run from the outbox ---------------------------------------------

def send_link_task(payload: dict[str, Any], task_id: str) -> list[str]:
    email, phone = payload.get("email"), payload.get("phone")
    if payload.get("account_id"):  # a fresh sign-in for a signed-in customer, to their confirmed contact
        account = get_or_none(Account, payload["account_id"])
        email = account.email if account else None
        accounts = [account] if account else []
    else:
        accounts = accounts_by_email(email) if email else accounts_by_phone(phone)
    accounts = [a for a in accounts if a.email or a.phone]
    if not accounts:
        return []
    channel = "email" if email else "sms"
    if len(accounts) > 1:
        return [_send_choice_link(accounts, channel, email or phone, task_id, safe_next(payload.get("next")))]
    return [_send_signin_link(accounts[0], channel, task_id, safe_next(payload.get("next")))]


def _send_choice_link(accounts: list[Account], channel: str, contact: str, task_id: str, next_path: str | None) -> str:
    """A contact the company gave several accounts: one link, and the landing page asks which to open."""
    dedupe_key = f"task:{task_id}"
    existing = get_or_none(OutboxMessage, queue.message_id_for(dedupe_key))
    if existing is not None:
        return existing.message_id
    settings = get_settings()
    masked = contacts.mask_email(contact) if channel == "email" else contacts.mask_phone(contact)
    link = tokens.issue_choice(accounts, timedelta(minutes=settings.signin_link_minutes), channel, masked)
    context = {"name": first_name(accounts[0].name), "url": f"{settings.site_url}/signin/link{_back(next_path)}#token={link.token}",
               "minutes": settings.signin_link_minutes}
    if channel == "email":
        return notify.email(contact, "signin_link", context, dedupe_key=dedupe_key)
    return notify.sms(contact, "signin_link", context, dedupe_key=dedupe_key)


def lookup_task(payload: dict[str, Any], task_id: str) -> list[str]:
    """Each account with a property at the address gets a link to its own account.

    Two accounts share an address when a house changed hands; both owners' contacts on
    file get a link, each to their own records. The page only says a link is on its way if the
    address is on file.
    """
    return [_send_signin_link(account, "email" if account.email else "sms", f"{task_id}:{account.account_id}")
            for account in _accounts_at(payload["address_key"])]


def _accounts_at(key: str) -> list[Account]:
    accounts: dict[str, Account] = {}
    for property_id in properties_at_address(key, limit=_MAX_ACCOUNTS_PER_ADDRESS):
        prop = get_or_none(Property, property_id)
        account = get_or_none(Account, prop.account_id) if prop else None
        if account is not None and (account.email or account.phone):
            accounts[account.account_id] = account
    return list(accounts.values())


def _back(destination: str | None) -> str:
    """The link's ``?next=`` part: the page to open after signing in (already checked by ``safe_next``)."""
    return f"?next={quote(destination, safe='')}" if destination else ""


def _send_signin_link(account: Account, channel: str, task_id: str, destination: str | None = None) -> str:
    """Issue a link and queue its message once per task, even if the task runs twice."""
    dedupe_key = f"task:{task_id}"
    existing = get_or_none(OutboxMessage, queue.message_id_for(dedupe_key))
    if existing is not None:
        return existing.message_id
    settings = get_settings()
    link = tokens.issue(account, "signin", timedelta(minutes=settings.signin_link_minutes), channel, _masked(account, channel))
    context = {"name": first_name(account.name), "url": f"{settings.site_url}/signin/link{_back(destination)}#token={link.token}",
               "minutes": settings.signin_link_minutes}
    if channel == "email":
        return notify.email(account.email, "signin_link", context, dedupe_key=dedupe_key)
    return notify.sms(account.phone, "signin_link", context, dedupe_key=dedupe_key)


def _masked(account: Account, channel: str) -> str:
    return contacts.mask_email(account.email) if channel == "email" else contacts.mask_phone(account.phone)


# -- using a link -----------------------------------------------------------------------------

def describe_link(body: dict[str, Any]) -> dict[str, Any]:
    """What the landing page shows; for a link to several accounts, one label each and nothing else."""
    item = tokens.describe(body.get("token"), purposes=SIGNIN_PURPOSES)
    if item.choices:
        return {"purpose": item.purpose, "name": None, "sent_to": item.sent_to,
                "accounts": [{"id": account_id, "label": _choice_label(account_id)} for account_id in item.choices]}
    account = get_or_none(Account, item.account_id)
    return {"purpose": item.purpose, "name": first_name(account.name), "sent_to": item.sent_to}


def _choice_label(account_id: str) -> str:
    """The street of the account's first property: enough to choose, nothing more about the account."""
    found = first_property_of_account(account_id)
    street = (plain(found.address) or {}).get("line1") if found else None
    return street or f"Account {account_id[-4:]}"


def verify_link(body: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """Use the link and start a session; answers the account and the session JWT.

    A link for several accounts opens the one named in ``account_id``, and only one of those.
    """
    item = tokens.use(body.get("token"), purposes=SIGNIN_PURPOSES, chosen=body.get("account_id"))
    account = Account.get(item.account_id)
    _mark_activated(account)
    method = "invite" if item.purpose == "invite" else "link"
    return _signed_in(account, method)


def login(body: dict[str, Any], client_ip: str) -> tuple[dict[str, Any], str]:
    settings = get_settings()
    email = contacts.normalise_email(body.get("email"))
    password = body["password"]  # checked by bodies.LOGIN
    limits.hit("ip", limits.subject(client_ip), settings.limit_ip)
    who = limits.subject("login", email)
    if limits.count("login-fail", who, settings.limit_login_failures) >= settings.limit_login_failures.count:
        raise RateLimited("Too many wrong passwords, so password sign-in is paused for a while. "
                          "You can sign in with a link instead.", retry_after=limits.seconds_left(settings.limit_login_failures))
    account = account_by_email(email)
    if not passwords.verify(account.password_hash if account else None, password[: passwords.MAX_LENGTH]):
        limits.hit("login-fail", who, settings.limit_login_failures)
        raise _WRONG_PASSWORD()
    _mark_activated(account)
    return _signed_in(account, "password")


def _signed_in(account: Account, method: str) -> tuple[dict[str, Any], str]:
    settings = get_settings()
    _, jwt = sessions.start(session_keys(settings), account, method, settings)
    return {"account": session_view(account)}, jwt


def _mark_activated(account: Account) -> None:
    """The first sign-in: the account leaves the invitations' lists (it needs no invitation now)."""
    if account.activated_at is None:
        account.update(actions=[Account.activated_at.set(clock.now()), Account.never_invited.remove(),
                                Account.without_email.remove()], add_version_condition=False)


# -- a signed-in customer ---------------------------------------------------------------------

def session_view(account: Account) -> dict[str, Any]:
    return {
        "account_id": account.account_id,
        "name": account.name,
        "email_masked": contacts.mask_email(account.email) if account.email else None,
        "has_password": account.password_hash is not None,
        "autopay": autopay_state.state(account),  # the menu offers autopay only where it can be had
    }


def set_password(principal: sessions.Principal, body: dict[str, Any]) -> None:
    password = passwords.check_new(body.get("password"))
    require_recent_signin(principal)
    Account.get(principal.account_id).update(actions=[Account.password_hash.set(passwords.hash_password(password))])


def require_recent_signin(principal: sessions.Principal) -> None:
    """``ReauthRequired`` unless the session signed in within ``fresh_signin_seconds`` (15 minutes, SPEC §9);
    then a fresh link is on its way.

    The link goes to the contact already on file (never to one the request names) and brings
    the customer back to the profile. The contact's usual limit applies, so retrying does not
    flood the inbox: over it, the link sent a moment ago is the one to use.
    """
    settings = get_settings()
    if clock.now() - principal.signed_in_at <= timedelta(seconds=settings.fresh_signin_seconds):
        return
    account = Account.get(principal.account_id)
    if not (account.email or account.phone):
        raise ReauthRequired("For your security, please sign out and sign in again, then make this change.")
    channel = "email" if account.email else "sms"
    where = _masked(account, channel)
    who = limits.subject("email", account.email_lc or account.email.lower()) if account.email else limits.subject("phone", account.phone)
    try:
        limits.hit("contact", who, settings.limit_contact_burst)
    except RateLimited:
        raise ReauthRequired(f"For your security, please sign in again first: use the sign-in link we sent to {where} "
                             "a few minutes ago. It brings you back to your profile.") from None
    queue.enqueue_task("signin-link", {"account_id": account.account_id, "next": "/profile"})
    raise ReauthRequired(f"For your security, please sign in again first. We’ve sent a fresh sign-in link to {where}: "
                         "open it and you’ll be back on your profile to make the change.")
