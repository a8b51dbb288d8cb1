"""Which staff role may call which admin route: the one table (SPEC C6, issue 16).

owner: everything, including settings, API keys and staff. office: customers, invitations,
bookings, messages. dispatcher: the booking queue only. A route missing from the table is
owner-only (``tests/unit/test_staff_roles.py`` fails while an admin route is unclassified).
An admin API key (the company's software) may call every route.
"""
from __future__ import annotations

from chalicelib.errors import Forbidden

OWNER = frozenset({"owner"})
OFFICE = frozenset({"owner", "office"})
BOOKINGS = frozenset({"owner", "office", "dispatcher"})
EVERY_ROLE = BOOKINGS

# (method, route as the app declares it) -> the roles allowed.
ROUTES: dict[tuple[str, str], frozenset[str]] = {
    # who am I: every signed-in staff member
    ("GET", "/api/admin/me"): EVERY_ROLE,
    # the booking queue
    ("GET", "/api/admin/booking-requests"): BOOKINGS,
    ("POST", "/api/admin/booking-requests/{booking_id}/confirm"): BOOKINGS,
    ("POST", "/api/admin/booking-requests/{booking_id}/decline"): BOOKINGS,
    ("GET", "/api/admin/bookings/week"): BOOKINGS,
    # customers and what is recorded for them
    ("GET", "/api/admin/customers"): OFFICE,
    ("GET", "/api/admin/customers/{account_id}"): OFFICE,
    ("POST", "/api/admin/customers/{account_id}/view-as"): OFFICE,
    ("PUT", "/api/admin/accounts/{account_id}"): OFFICE,
    ("PUT", "/api/admin/properties/{property_id}"): OFFICE,
    ("PUT", "/api/admin/service-records/{record_id}"): OFFICE,
    ("PUT", "/api/admin/appointments/{appointment_id}"): OFFICE,
    ("POST", "/api/admin/appointments/{appointment_id}/status"): OFFICE,
    ("PUT", "/api/admin/invoices/{invoice_id}"): OFFICE,
    ("POST", "/api/admin/documents"): OFFICE,
    ("PATCH", "/api/admin/documents/{document_id}"): OFFICE,
    ("GET", "/api/admin/properties/{property_id}"): OFFICE,
    # records for a home sale: the transaction status, new owners' access requests (F13, F14)
    ("PUT", "/api/admin/properties/{property_id}/transaction"): OFFICE,
    ("DELETE", "/api/admin/properties/{property_id}/transaction"): OFFICE,
    ("GET", "/api/admin/access-requests"): OFFICE,
    ("POST", "/api/admin/access-requests/{request_id}/approve"): OFFICE,
    ("POST", "/api/admin/access-requests/{request_id}/decline"): OFFICE,
    # invitations
    ("POST", "/api/admin/accounts/{account_id}/invite"): OFFICE,
    ("POST", "/api/admin/invitations"): OFFICE,
    ("GET", "/api/admin/invitations"): OFFICE,
    ("POST", "/api/admin/invitations/by-email"): OFFICE,
    # messages
    ("GET", "/api/admin/messages"): OFFICE,
    ("POST", "/api/admin/messages/{message_id}/retry"): OFFICE,
    ("GET", "/api/admin/unreachable"): OFFICE,
    # owner only: settings, test messages, API keys, staff, the audit trail, the launch checklist
    ("GET", "/api/admin/settings"): OWNER,
    ("PUT", "/api/admin/settings"): OWNER,
    ("POST", "/api/admin/settings/logo"): OWNER,
    ("POST", "/api/admin/test-message"): OWNER,
    ("GET", "/api/admin/api-keys"): OWNER,
    ("POST", "/api/admin/api-keys"): OWNER,
    ("DELETE", "/api/admin/api-keys/{key_id}"): OWNER,
    ("GET", "/api/admin/staff"): OWNER,
    ("POST", "/api/admin/staff"): OWNER,
    ("PATCH", "/api/admin/staff/{staff_id}"): OWNER,
    ("GET", "/api/admin/audit"): OWNER,
    ("GET", "/api/admin/launch-checklist"): OWNER,
    ("PUT", "/api/admin/launch-checklist/test-customers"): OWNER,
}

# What each part of the console needs (the console's navigation shows only what the role may open).
AREAS: dict[str, frozenset[str]] = {
    "bookings": BOOKINGS,
    "customers": OFFICE,
    "invitations": OFFICE,
    "messages": OFFICE,
    "checklist": OWNER,
    "settings": OWNER,
    "api_keys": OWNER,
    "staff": OWNER,
    "audit": OWNER,
}

_ROLE_WORDS = {"owner": "an owner", "office": "office staff", "dispatcher": "a dispatcher"}


def allowed(role: str, method: str, route: str) -> bool:
    if method in ("HEAD", "OPTIONS"):
        method = "GET"
    return role in ROUTES.get((method, route), OWNER)


def check(role: str, method: str, route: str) -> None:
    """``Forbidden`` with a sentence naming the limit, unless ``role`` may call the route."""
    if not allowed(role, method, route):
        who = _ROLE_WORDS.get(role, role)
        raise Forbidden(f"As {who} you cannot do this; ask an owner of the portal if you need it.")


def areas_for(role: str) -> list[str]:
    return [area for area, roles in AREAS.items() if role in roles]
