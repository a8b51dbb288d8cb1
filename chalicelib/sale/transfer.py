"""A property changes hands (F14): the office approves or declines a new owner's access request.

Approving moves the property to the new owner's account (found by email, or made for them) and
invites them. From the transfer date the property, its reminders and booking are theirs; every
record dated before stays the previous owner's (``account_id``) and the new owner sees it only as
the home's record (``holder_id``: no notes written for the previous owner, none of their invoices,
receipts or estimates). The property forgets the previous household's access notes and size, and
the sale in progress (``transaction``: the seller's closing date and agent), which the handover ends.

Each request has one outcome: the first decision moves it out of ``requested`` on a conditional
write; the same decision again answers the same and changes nothing (an approval left halfway by a
crash is finished), the other one is a 409.
"""
from __future__ import annotations

import secrets
from typing import Any

from chalicelib import clock, company, logs, search
from chalicelib.addresses import label
from chalicelib.auth import invitations
from chalicelib.customer import reminders
from chalicelib.db import conditional
from chalicelib.db.models import AccessRequest, Account, Document, Property, ServiceRecord, plain
from chalicelib.db.queries import accounts_by_email, everything_on_property, get_or_none
from chalicelib.errors import Conflict, NotFound, UnknownReference
from chalicelib.sale import owners

log = logs.get_logger("transfer")


def approve(request_id: str, property_id: str | None, decided_by: str) -> dict[str, Any]:
    request = _request(request_id)
    if request.status == "declined":
        raise Conflict(f"This request was already declined on {_day(request)}; it cannot be approved now. "
                       "Ask the new owner to send a new request.")
    if request.status == "approved":
        if property_id and property_id != request.property_id:
            raise Conflict(f"This request was already approved for property '{request.property_id}'.")
        _hand_on(request)  # finishes an approval a crash left halfway; changes nothing otherwise
        return view(request)
    prop = _property(property_id or request.property_id)
    account = _account_for(request)
    actions = [AccessRequest.status.set("approved"), AccessRequest.property_id.set(prop.property_id),
               AccessRequest.account_id.set(account.account_id), AccessRequest.previous_account_id.set(prop.account_id),
               AccessRequest.transferred_on.set(company.today().isoformat()),
               AccessRequest.decided_by.set(decided_by), AccessRequest.decided_at.set(clock.now())]
    if not conditional(lambda: request.update(actions=actions, condition=AccessRequest.status == "requested")):
        return approve(request_id, property_id, decided_by)  # decided a moment ago: answer as for that
    _hand_on(request)
    invitations.invite(account.account_id, "access_approved", {"property_label": label(plain(prop.address))})
    return view(request)


def decline(request_id: str, reason: str | None, decided_by: str) -> dict[str, Any]:
    request = _request(request_id)
    if request.status == "approved":
        raise Conflict(f"This request was already approved on {_day(request)}; the new owner has the property. "
                       "To undo it, put the property back on its account through PUT /api/admin/properties/{id}.")
    if request.status == "declined":
        return view(request)
    actions = [AccessRequest.status.set("declined"), AccessRequest.decline_reason.set(reason),
               AccessRequest.decided_by.set(decided_by), AccessRequest.decided_at.set(clock.now())]
    if not conditional(lambda: request.update(actions=actions, condition=AccessRequest.status == "requested")):
        return decline(request_id, reason, decided_by)
    from chalicelib import notify

    notify.email(request.email, "access_declined", {"name": request.name.split()[0], "address": request.address_line1},
                 dedupe_key=f"access-declined:{request.request_id}")
    return view(request)


def view(request: AccessRequest) -> dict[str, Any]:
    """The request as the office and the company's software see it (the approved one names the new account)."""
    iso = (lambda moment: moment.isoformat(timespec="seconds").replace("+00:00", "Z") if moment else None)
    return {
        "id": request.request_id,
        "status": request.status,
        "name": request.name,
        "email": request.email,
        "address": {"line1": request.address_line1, "zip": request.zip},
        "on_file": request.property_id is not None,
        "property_id": request.property_id,
        "account_id": request.account_id,
        "previous_account_id": request.previous_account_id,
        "transferred_on": request.transferred_on,
        "decided_by": request.decided_by,
        "decline_reason": request.decline_reason,
        "created_at": iso(request.created_at),
        "decided_at": iso(request.decided_at),
    }


def _request(request_id: str) -> AccessRequest:
    request = get_or_none(AccessRequest, request_id) if request_id else None
    if request is None:
        raise NotFound(f"No access request '{request_id}'.")
    return request


def _day(request: AccessRequest) -> str:
    return request.decided_at.date().isoformat() if request.decided_at else "an earlier day"


def _property(property_id: str | None) -> Property:
    if not property_id:
        raise UnknownReference.field("property_id", "this address is not on file: name the property to hand on "
                                                    "(`property_id`), after checking the request by hand")
    prop = get_or_none(Property, property_id)
    if prop is None:
        raise UnknownReference.field("property_id", f"no property '{property_id}'")
    return prop


def _account_for(request: AccessRequest) -> Account:
    """The new owner's account: the one with their email (the first, if the company gave it several), or a new one."""
    found = accounts_by_email(request.email.lower(), limit=1)
    if found:
        return found[0]
    now = clock.now()
    account = Account(f"portal-{secrets.token_hex(6)}", name=request.name, email=request.email,
                      email_lc=request.email.lower(), external={"source": "access request", "request_id": request.request_id},
                      open_balance_cents=0, open_invoice_count=0, created_at=now, updated_at=now)
    try:
        account.search_key = search.index_account(account.account_id, None, account.name, account.email, None)
    except Exception:  # noqa: BLE001 - found by email through by_email meanwhile; the index catches up at a sync
        log.exception("search index not updated")
    account.save()
    return account


def _hand_on(request: AccessRequest) -> None:
    """Move the property to ``request.account_id`` from ``request.transferred_on``; nothing twice."""
    prop = Property.get(request.property_id)
    new, day = request.account_id, request.transferred_on
    if prop.account_id != new:
        if prop.account_id != request.previous_account_id:
            raise Conflict("The property was moved to another account while this request was being approved; "
                           "nothing more was changed. Check the property and approve again.")
        history = owners.handed_on(prop, new, day)
        found_under = _search_moved(prop, new)
        prop.update(actions=[Property.account_id.set(new), Property.owners.set(history), Property.owner_since.set(day),
                             Property.access_notes.remove(), Property.household_size.remove(),
                             Property.transaction.remove(), Property.updated_at.set(clock.now()), *found_under],
                    condition=Property.account_id == request.previous_account_id)
        prop.refresh()
    for record in everything_on_property(prop.property_id):
        model = type(record)
        actions = []
        if isinstance(record, (ServiceRecord, Document)) and record.holder_id != new:
            actions.append(model.holder_id.set(new))
        owner = owners.owner_on(prop, record.date)  # a visit booked for after the sale is the new owner's
        if record.account_id != owner:
            actions.append(model.account_id.set(owner))
        if actions:
            record.update(actions=actions)
    _remember_former(request.previous_account_id, prop, day)
    reminders.stamp(prop)  # the household size went: the due date may change


def _search_moved(prop: Property, new: str) -> list[Any]:
    """The office's search finds the address under its new owner: best effort (a failure is logged,
    and the company's next sync of the property, whose ``search_key`` is then stale, heals it)."""
    try:
        return [Property.search_key.set(search.index_property(prop.property_id, prop, new, plain(prop.address)))]
    except Exception:  # noqa: BLE001 - the home changes hands whatever the search index says
        log.exception("search index not updated")
        return []


def _remember_former(account_id: str | None, prop: Property, day: str) -> None:
    account = get_or_none(Account, account_id) if account_id else None
    if account is None or any(f["property_id"] == prop.property_id for f in account.former_properties or []):
        return
    entry = {"property_id": prop.property_id, "label": label(plain(prop.address)), "until": day}
    account.update(actions=[Account.former_properties.set((account.former_properties or []) + [entry])],
                   add_version_condition=False)
