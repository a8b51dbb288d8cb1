"""A new owner asks for a property's records (F14), and the office's email links that decide it.

Asking does the same work whatever the address: rate limits (per client, per address, per email),
then one durable task in the outbox; the worker matches the address (``addresses``' index), stores
the request and emails the office. So the answer, its timing and what survives an outage say
nothing about whether the address is on file. An address not on file still reaches the office,
marked so, with no approve link: someone there matches it by hand and approves through the admin
API, naming the property.

The office's links are signed (``auth.signed``, their own purpose) and expire; opening one shows a
confirmation page (``preview`` changes nothing, so mail scanners decide nothing) whose button calls
``act``, which acts once: a second use is told what was decided.
"""
from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any

from chalicelib import clock, company, notify
from chalicelib.addresses import address_key, label
from chalicelib.auth import contacts, limits, signed
from chalicelib.customer import cursors
from chalicelib.db import conditional
from chalicelib.db.models import AccessRequest, Account, Property, plain
from chalicelib.db.queries import get_or_none, properties_at_address
from chalicelib.db.sale_queries import access_requests_by_status
from chalicelib.errors import Conflict, Invalid, LinkInvalid
from chalicelib.notify import queue
from chalicelib.sale import transfer
from chalicelib.settings import get_settings

RECEIVED = {"message": "Thank you. We have your request. Our office checks each one by hand and will email you "
                       "once it is decided, usually within one business day."}
TASK = "access-request"
STATUSES = ("requested", "approved", "declined")
LINK_LIFETIME = timedelta(days=14)
_PURPOSE = b"access-request-link"


# -- the new owner's request (public) ---------------------------------------------------------

def request_access(body: dict[str, Any], client_ip: str) -> None:
    settings = get_settings()
    email = contacts.normalise_email(body["email"])  # the shape bounded it; this judges it
    key = address_key(body["address"], body["zip"])  # checked by bodies.ACCESS_REQUEST
    limits.hit("ip", limits.subject(client_ip), settings.limit_ip)
    limits.hit("access-address", limits.subject("address", key), settings.limit_contact_burst)
    limits.hit("access-address-day", limits.subject("address", key), settings.limit_contact_daily)
    limits.hit("access-email", limits.subject("email", email.lower()), settings.limit_contact_burst)
    queue.enqueue_task(TASK, {"name": body["name"], "email": email, "line1": body["address"], "zip": body["zip"]})


def request_task(payload: dict[str, Any], task_id: str) -> list[str]:
    """The worker's side: store the request once, and email the office once."""
    request_id = f"ar_{hashlib.sha256(task_id.encode()).hexdigest()[:20]}"
    request = get_or_none(AccessRequest, request_id) or _stored(request_id, payload)
    return [_tell_office(request)]


def _stored(request_id: str, payload: dict[str, Any]) -> AccessRequest:
    key = address_key(payload["line1"], payload["zip"])
    matches = properties_at_address(key, limit=2)
    created = clock.now()
    request = AccessRequest(
        request_id, status="requested", sort_key=f"{created.isoformat()}#{request_id}", name=payload["name"],
        email=payload["email"], address_line1=payload["line1"], zip=payload["zip"], address_key=key,
        property_id=matches[0] if len(matches) == 1 else None,  # two homes at one address: matched by hand
        created_at=created,
    )
    if not conditional(lambda: request.save(condition=AccessRequest.request_id.does_not_exist())):
        return AccessRequest.get(request_id)
    return request


def _tell_office(request: AccessRequest) -> str:
    prop = get_or_none(Property, request.property_id) if request.property_id else None
    owner = get_or_none(Account, prop.account_id) if prop else None
    settings = company.current()
    to = settings["booking"].get("dispatcher_email") or settings["branding"].get("email") or get_settings().dispatcher_email
    return notify.email(to, "access_request", {
        "requester": {"name": request.name, "email": request.email},
        "typed_address": f"{request.address_line1}, {request.zip}",
        "on_file": prop is not None,
        "property_label": label(plain(prop.address)) if prop else None,
        "property_id": prop.property_id if prop else None,
        "owner_name": owner.name if owner else None,
        "approve_url": link(request.request_id, "approve") if prop else None,
        "decline_url": link(request.request_id, "decline"),
        "days": LINK_LIFETIME.days,
    }, dedupe_key=f"access-request:{request.request_id}")


# -- the office's email links -------------------------------------------------------------------

def link(request_id: str, action: str) -> str:
    token = signed.seal({"r": request_id, "a": action, "x": int(clock.timestamp() + LINK_LIFETIME.total_seconds())},
                        _PURPOSE)
    return f"{get_settings().site_url}/access-decision#token={token}"


def _open(token: object) -> tuple[str, AccessRequest]:
    payload = signed.unseal(token, _PURPOSE)
    if payload is None or payload.get("a") not in ("approve", "decline"):
        raise LinkInvalid("link_invalid", "This link is not complete. Open it again from the email.")
    if payload["x"] < clock.timestamp():
        raise LinkInvalid("link_expired", "This link has expired. Decide the request through the office's software.")
    request = get_or_none(AccessRequest, payload["r"])
    if request is None:
        raise LinkInvalid("link_invalid", "This request no longer exists.")
    return payload["a"], request


def preview(body: dict[str, Any]) -> dict[str, Any]:
    """What the link would do, and whether it still can (never writes)."""
    action, request = _open(body.get("token"))
    return {"action": action, "state": "ready" if request.status == "requested" else "used", "request": _for_page(request)}


def _for_page(request: AccessRequest) -> dict[str, Any]:
    """What the office's page shows of a request: who asked, for which home."""
    prop = get_or_none(Property, request.property_id) if request.property_id else None
    shown = ("id", "status", "name", "email", "address", "on_file", "created_at", "decided_at")
    return {**{k: v for k, v in transfer.view(request).items() if k in shown},
            "property_label": label(plain(prop.address)) if prop else None}


def act(body: dict[str, Any]) -> dict[str, Any]:
    """The confirmation page's button: decides the request once."""
    action, request = _open(body.get("token"))
    if request.status != "requested":
        raise Conflict(f"This request was already {request.status}; nothing was changed.")
    if action == "approve":
        transfer.approve(request.request_id, None, "office link")
    else:
        transfer.decline(request.request_id, body.get("reason"), "office link")
    return {"request": _for_page(AccessRequest.get(request.request_id))}


# -- the admin API ----------------------------------------------------------------------------

def listing(status: str | None, cursor: str | None) -> dict[str, Any]:
    """``GET /api/admin/access-requests?status=requested|approved|declined&cursor=``: newest first."""
    status = status or "requested"
    if status not in STATUSES:
        raise Invalid.field("status", f"`status` must be one of {', '.join(f'`{s}`' for s in STATUSES)}.")
    scope = f"admin-access-requests:{status}"
    page = access_requests_by_status(status, cursors.decode(cursor, scope))
    return {"items": [transfer.view(r) for r in page.items], "next_cursor": cursors.encode(page.last_key, scope)}
