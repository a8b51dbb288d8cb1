"""Contact details and preferences (F12). Only the fields ``bodies.PROFILE_CHANGE`` names can change.

A new email address takes effect only when the customer opens the confirmation link sent to
it. Ids, names, balances, statuses and visibility are the company's: sending them is refused,
never written.
"""
from __future__ import annotations

from datetime import timedelta
from typing import Any

from chalicelib import clock, logs, notify, search
from chalicelib.auth import contacts, limits, sessions, tokens
from chalicelib.auth.sessions import Principal
from chalicelib.addresses import label
from chalicelib.auth.signin import require_recent_signin
from chalicelib.customer import messages, reminders
from chalicelib.db.models import Account, ContactClaim, Property, Token, plain
from chalicelib.db.queries import account_ids_with_email, account_ids_with_phone, get_or_none, properties_of_account
from chalicelib.errors import Conflict, Invalid, LinkInvalid
from chalicelib.names import first_name
from chalicelib.settings import get_settings

log = logs.get_logger("profile")

EMAIL_CHANGE_HOURS = 24
PHONE_CHANGE_MINUTES = 30
EMAIL_UNDO_DAYS = 7


def _taken() -> Conflict:
    """A fresh error each time (a shared instance would keep every raise's traceback alive); names nobody."""
    return Conflict("That contact is already used by another account, so we could not add it to yours. "
                    "Please call us and we will sort it out.")


def me(account_id: str) -> dict[str, Any]:
    """Two calls: the account, and its properties (for their labels and access notes)."""
    return _view(Account.get(account_id), properties_of_account(account_id))


def _view(account: Account, properties: list[Property]) -> dict[str, Any]:
    return {
        "name": account.name,
        "email": account.email,
        "phone": account.phone,
        "mailing_address": plain(account.mailing_address) or (plain(account.external) or {}).get("mailing_address"),
        "preferences": messages.preferences(account),
        "properties": [
            {"id": p.property_id, "label": label(plain(p.address)), "access_notes": p.access_notes,
             "household_size": int(p.household_size) if p.household_size else None} for p in properties
        ],
        "pending_email": account.pending_email,
        "pending_phone": account.pending_phone,
        # homes handed on to a new owner (F14): their own visits there stay in the history
        "former_properties": [dict(f) for f in account.former_properties or []],
    }


def update(principal: Principal, body: dict[str, Any]) -> dict[str, Any]:
    """``body`` as ``bodies.PROFILE_CHANGE`` reads it; check what it means, then write.

    A new email or phone is only pending until confirmed through it.
    """
    account_id = principal.account_id
    account = Account.get(account_id)
    properties = {p.property_id: p for p in properties_of_account(account_id)}
    actions = []
    new_phone = None
    if "phone" in body:
        phone = contacts.normalise_phone(body["phone"]) if body["phone"] else None  # empty: None (bodies)
        if phone is None:
            actions += [Account.phone.remove(), Account.pending_phone.remove()]  # forgetting a number needs no proof
        elif phone != account.phone:
            new_phone = phone
    if "mailing_address" in body:
        actions.append(Account.mailing_address.set(body["mailing_address"]))
    if "preferences" in body:
        actions.append(Account.preferences.set({**messages.preferences(account), **body["preferences"]}))
    notes = _per_property("access_notes", body["access_notes"], properties) if "access_notes" in body else {}
    people = _per_property("household_size", body["household_size"], properties) if "household_size" in body else {}
    new_email = contacts.normalise_email(body["email"]) if body.get("email") else None
    if new_email == (account.email or "").lower():
        new_email = None
    if new_email:
        require_recent_signin(principal)  # SPEC §9: 403 reauth_required, and a fresh link is on its way
    _limit_contact_changes(account_id, [("email", new_email), ("phone", new_phone)])
    if actions:
        account.update(actions=actions)  # version-checked: a concurrent company sync is not lost
    for property_id, text in notes.items():
        prop = properties[property_id]
        prop.update(actions=[Property.access_notes.set(text) if text else Property.access_notes.remove()])
    for property_id, size in people.items():
        prop = properties[property_id]
        prop.update(actions=[Property.household_size.set(size) if size else Property.household_size.remove()])
        reminders.stamp(prop)  # the household table may give the property another due date
    if new_email:
        _start_email_change(account, new_email)
    if new_phone:
        _start_phone_change(account, new_phone)
    return _view(account, list(properties.values()))  # each update above refreshed its item


def _limit_contact_changes(account_id: str, changes: list[tuple[str, str | None]]) -> None:
    """Confirmations are messages to addresses the customer typed: limited per account and per address."""
    settings = get_settings()
    for kind, value in changes:
        if value:
            limits.hit("contact-change", limits.subject("account", account_id), settings.limit_contact_change_account)
            limits.hit("contact-change-to", limits.subject(kind, value.lower()), settings.limit_contact_change_target)


def _per_property(name: str, value: dict[str, Any], properties: dict[str, Property]) -> dict[str, Any]:
    """Each value is checked by ``bodies.PROFILE_CHANGE``; each property must be the customer's."""
    for property_id in value:
        if property_id not in properties:
            raise Invalid.field(f"{name}.{property_id}", "This property is not one of yours.")
    return value


def _start_email_change(account: Account, new_email: str) -> None:
    _send_confirmation(account, "email_change", new_email, timedelta(hours=EMAIL_CHANGE_HOURS), {"hours": EMAIL_CHANGE_HOURS})


def _start_phone_change(account: Account, new_phone: str) -> None:
    """The number is used for nothing (texts, sign-in) until its owner opens the link we text to it."""
    _send_confirmation(account, "phone_change", new_phone, timedelta(minutes=PHONE_CHANGE_MINUTES),
                       {"minutes": PHONE_CHANGE_MINUTES})


def _send_confirmation(account: Account, purpose: str, contact: str, lifetime: timedelta, extra: dict[str, Any]) -> None:
    """Keep ``contact`` pending and send the link that proves it, through the contact itself."""
    email = purpose == "email_change"
    masked = contacts.mask_email(contact) if email else contacts.mask_phone(contact)
    link = tokens.issue(account, purpose, lifetime, "email" if email else "sms", masked,
                        **({"new_email": contact} if email else {"new_phone": contact}))
    pending = Account.pending_email if email else Account.pending_phone
    account.update(actions=[pending.set(contact)], add_version_condition=False)
    page = "confirm-email" if email else "confirm-phone"
    context = {"name": first_name(account.name), "url": f"{get_settings().site_url}/profile/{page}#token={link.token}", **extra}
    send = notify.email if email else notify.sms
    send(contact, "confirm_email" if email else "confirm_phone", context)


def confirm_email(body: dict[str, Any]) -> dict[str, Any]:
    """Apply a new email once its owner opened the link; refused if another account has it.

    The old address is told, with a link that puts it back and signs out everywhere.
    """
    account, old = _confirm_contact(body.get("token"), "email")
    if old and old.lower() != account.email_lc:
        settings = get_settings()
        link = tokens.issue(account, "email_undo", timedelta(days=EMAIL_UNDO_DAYS), "email", contacts.mask_email(old),
                            new_email=old)
        notify.email(old, "email_changed", {
            "name": first_name(account.name),
            "new_email": account.email,
            "url": f"{settings.site_url}/profile/undo-email#token={link.token}",
            "days": EMAIL_UNDO_DAYS,
        })
    return {"email": account.email}


def confirm_phone(body: dict[str, Any]) -> dict[str, Any]:
    account, _ = _confirm_contact(body.get("token"), "phone")
    return {"phone": account.phone}


def undo_email(body: dict[str, Any]) -> dict[str, Any]:
    """"This wasn't me": the old email comes back and every session of the account ends."""
    account, _ = _confirm_contact(body.get("token"), "email", purpose="email_undo")
    sessions.end_all(account.account_id)
    return {"email": account.email}


def _confirm_contact(token: object, kind: str, purpose: str | None = None) -> tuple[Account, str | None]:
    """Use the link and switch the account to its contact, claiming it in the same transaction.

    Answers the account as now stored and the contact it replaced.
    """
    purpose = purpose or f"{kind}_change"
    item = tokens.describe(token, purposes=(purpose,))
    value = item.new_email if kind == "email" else item.new_phone
    key = value.lower() if kind == "email" else value
    holders = account_ids_with_email if kind == "email" else account_ids_with_phone
    if any(holder != item.account_id for holder in holders(key, limit=2)):
        raise _taken()
    account = Account.get(item.account_id)
    old = account.email if kind == "email" else account.phone
    owned = plain(account.customer_contacts) or {}
    owned[kind] = {"value": key, "replaced": (old.lower() if kind == "email" and old else old)}
    now = clock.now()
    claim = ContactClaim(f"{kind}#{key}", account_id=account.account_id, claimed_at=now)

    def writes(_token: Token, transaction: Any, still_newest: Any) -> None:
        transaction.save(claim, condition=ContactClaim.account_id.does_not_exist() | (ContactClaim.account_id == account.account_id))
        if old and (old.lower() if kind == "email" else old) != key:
            transaction.delete(ContactClaim(f"{kind}#{old.lower() if kind == 'email' else old}"),
                               condition=ContactClaim.account_id.does_not_exist() | (ContactClaim.account_id == account.account_id))
        if kind == "email":
            actions = [Account.email.set(value), Account.email_lc.set(key), Account.pending_email.remove(),
                       Account.without_email.remove()]
        else:
            actions = [Account.phone.set(value), Account.pending_phone.remove()]
        transaction.update(account, actions=[*actions, Account.customer_contacts.set(owned)], condition=still_newest)

    try:
        tokens.use(token, purposes=(purpose,), also=writes)
    except LinkInvalid:
        holder = get_or_none(ContactClaim, claim.contact)
        if holder is not None and holder.account_id != account.account_id:
            raise _taken() from None
        raise
    changed = Account.get(account.account_id)
    _reindex(account, changed)
    return changed, old


def _reindex(before: Account, after: Account) -> None:
    """The office's search finds the customer by the new contact: a failure here is logged and healed
    by the next sync of the account (its ``search_key`` is then stale)."""
    try:
        key = search.index_account(after.account_id, before, after.name, after.email, after.phone)
        if key != after.search_key:
            after.update(actions=[Account.search_key.set(key)], add_version_condition=False)
    except Exception:  # noqa: BLE001 - the contact is changed; the index catches up at the next sync
        log.exception("search index not updated")
