"""The dispatcher's email links (F11, C4): signed, expiring, and acting only from the page's button.

A link names one booking and one action (confirm a window, or decline) and carries an HMAC, so
it cannot be altered. Opening it shows a confirmation page (``preview``), which changes nothing,
so mail scanners that follow links consume nothing; the page's button calls ``act``. A link
works once: the booking moves out of ``requested`` exactly once, and every later click is told
what happened.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from chalicelib.addresses import label
from chalicelib.booking import links, notices, service, validation, views
from chalicelib.booking.bodies import DISPATCHER_ANSWER
from chalicelib.booking.rules import company_rules
from chalicelib.db.models import Account, BookingRequest, Property, plain
from chalicelib.db.queries import get_or_none
from chalicelib.errors import Conflict, LinkInvalid
from chalicelib import clock


def _open(token: object) -> tuple[dict[str, Any], BookingRequest]:
    payload = links.payload(token)
    if payload is None or payload.get("a") not in ("confirm", "decline"):
        raise LinkInvalid("link_invalid", "This link is not complete. Open it again from the email.")
    if payload["x"] < clock.timestamp():
        raise LinkInvalid("link_expired", "This link has expired. Use the dispatch board, or call the customer.")
    booking = get_or_none(BookingRequest, payload["b"])
    if booking is None:
        raise LinkInvalid("link_invalid", "This booking no longer exists.")
    return payload, booking


def preview(body: dict[str, Any]) -> dict[str, Any]:
    payload, booking = _open(body.get("token"))
    current = company_rules()
    account = get_or_none(Account, booking.account_id)
    prop = get_or_none(Property, booking.property_id)
    ready = booking.status == "requested"
    # once answered, the link no longer shows how to reach the customer or get onto the property
    answer: dict[str, Any] = {
        "action": payload["a"],
        "state": "ready" if ready else "used",
        "booking": views.booking(booking, current, prop, service.now()),
        "customer": {"name": account.name if account else None,
                     "email": account.email if account and ready else None,
                     "phone": account.phone if account and ready else None},
        "property": {"label": label(plain(prop.address)) if prop else None, "system": notices.system_facts(prop),
                     "access_notes": prop.access_notes if prop and ready else None},
    }
    if payload.get("d"):
        answer |= {"date": payload["d"], "window": payload["w"], **current.window(payload["w"])}
        answer["window_start"], answer["window_end"] = answer.pop("start"), answer.pop("end")
        closed = validation.not_working(current, booking.service_type, date.fromisoformat(payload["d"]), payload["w"])
        # a day the company does not work (e.g. blacked out after the request): the page warns first
        answer["closed_day"] = validation.office_words(closed) if closed else None
    return answer


def act(body: dict[str, Any]) -> dict[str, Any]:
    body = DISPATCHER_ANSWER.read(body)  # the fields the answer passes on are checked by confirm / decline
    payload, booking = _open(body.get("token"))
    if booking.status != "requested":
        raise Conflict(f"This request was already {booking.status}; nothing was changed.")
    given = {key: body[key] for key in ("technician_name", "allow_closed_day", "reason") if key in body}
    if payload["a"] == "confirm":
        given.pop("reason", None)
        done = service.confirm(booking.booking_id, {**given, "date": payload["d"], "window": payload["w"]})
    else:
        done = service.decline(booking.booking_id, {k: v for k, v in given.items() if k == "reason"})
    return {"booking": done}
