"""Customers for the office (C6, issue 16 item 3): search by name, email, phone or address; one
customer's page (properties, recent visits, invoices, bookings, the messages sent to them with
their delivery); and "view the portal as this customer", read-only.

A customer's page is a handful of Queries, each of one partition: the account (GetItem), its
properties, its ten newest visits, invoices and bookings, and the messages to its email address
and phone number (the outbox's ``by_recipient``). Never a Scan.
"""
from __future__ import annotations

from datetime import timedelta
from typing import Any

from chalicelib import search
from chalicelib.addresses import label
from chalicelib.admin.accounts import account_view
from chalicelib.admin.messages import with_undeliverable
from chalicelib.auth import sessions
from chalicelib.auth.keys import session_keys
from chalicelib.db.models import Account, plain
from chalicelib.db.office_queries import outbox_to
from chalicelib.db.queries import accounts_by_id, bookings_of_account, get_or_none, history_page, invoices_since, properties_of_account, undeliverable
from chalicelib.errors import Forbidden, Invalid, NotFound
from chalicelib.notify import problems
from chalicelib.settings import get_settings

LISTED = 10
FOUND = 20
VIEW_AS_MINUTES = 60


def find(q: str | None) -> dict[str, Any]:
    """``GET /api/admin/customers?q=``: at most 20 customers matching every typed word, by name."""
    text = (q or "").strip()
    if len(text) < search.MIN_WORD:
        raise Invalid.field("q", "Type at least two letters or digits of a name, email, phone number or address.")
    if len(text) > 200:
        raise Invalid.field("q", "Type at most 200 characters.")
    found = accounts_by_id(set(search.find(text, FOUND)))
    items = sorted(found.values(), key=lambda a: (a.name.lower(), a.account_id))
    return {"items": [{"account_id": a.account_id, "name": a.name, "email": a.email, "phone": a.phone} for a in items]}


def overview(account_id: str) -> dict[str, Any]:
    account = get_or_none(Account, account_id)
    if account is None:
        raise NotFound("No customer with that id.")
    bounced = undeliverable(account.email) if account.email else None
    properties = properties_of_account(account_id)
    labels = {p.property_id: label(plain(p.address)) for p in properties}
    return {
        "account": {**account_view(account), "autopay": bool(account.autopay),
                    "undeliverable": {"reason": bounced.reason, "since": bounced.since.isoformat()} if bounced else None},
        "properties": [{"id": p.property_id, "label": labels[p.property_id], "system": plain(p.system),
                        "last_service": plain(p.last_service)} for p in properties],
        "visits": [{"id": r.record_id, "date": r.date, "service_type": r.service_type, "status": r.status,
                    "technician_name": r.technician_name, "property_label": labels.get(r.property_id)}
                   for r in history_page(account_id, None, LISTED, None).items],
        "invoices": [{"id": i.invoice_id, "number": i.number, "issued_on": i.issued_on, "status": i.status,
                      "total_cents": int(i.total_cents), "balance_cents": int(i.balance_cents)}
                     for i in invoices_since(account_id, "0", LISTED, None).items],  # every issue date sorts after "0"
        "bookings": [{"id": b.booking_id, "status": b.status, "service_type": b.service_type, "created_at": b.created_at.isoformat(),
                      "appointment": plain(b.appointment), "preferred": list(b.preferred or []), "property_label": labels.get(b.property_id)}
                     for b in bookings_of_account(account_id)[:LISTED]],
        "messages": _messages(account),
    }


def _messages(account: Account) -> list[dict[str, Any]]:
    found = []
    for to in {account.email_lc, account.phone} - {None}:
        found += [problems.view(item) for item in outbox_to(to, LISTED, None).items]
    return with_undeliverable(sorted(found, key=lambda m: m["created_at"], reverse=True)[:LISTED])


def view_as(account_id: str, caller: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """A read-only customer session for the staff member (an hour), and its cookie. The admin
    write is recorded in the audit trail, as every one; the session names who is viewing."""
    if caller.get("kind") != "staff":
        raise Forbidden("Only a staff member signed in to the office console can view the portal as a customer.")
    account = get_or_none(Account, account_id)
    if account is None:
        raise NotFound("No customer with that id.")
    settings = get_settings()
    session, token = sessions.start(session_keys(settings), account, "view_as", settings,
                                    lifetime=timedelta(minutes=VIEW_AS_MINUTES), viewed_by=caller["name"])
    answer = {"account_id": account_id, "name": account.name, "url": "/dashboard", "expires_at": session.expires_at.isoformat()}
    return answer, sessions.set_cookie(token, settings, max_age=VIEW_AS_MINUTES * 60)
