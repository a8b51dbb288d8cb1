"""Two customers with real histories, fed in through the admin API, and their session cookies."""
from __future__ import annotations

from dataclasses import dataclass
from chalicelib import clock
from datetime import date, timedelta
from typing import Any

import requests

from chalicelib.auth import sessions
from chalicelib.auth.keys import session_keys
from chalicelib.customer.due import add_months
from chalicelib.db.models import Account
from chalicelib.settings import get_settings
from tests.api.factories import account, appointment, invoice, property_

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def cookie_for(account_id: str) -> str:
    settings = get_settings()
    _, jwt = sessions.start(session_keys(settings), Account.get(account_id), "link", settings)
    return f"{sessions.cookie_name(settings)}={jwt}"


def as_(api: Any, cookie: str) -> Any:
    """``api`` with that session's cookie on every call."""
    return lambda method, path, body=None: api(method, path, body, headers={"Cookie": cookie})


def add_document(admin: Any, property_id: str, record_id: str | None, title: str, kind: str = "inspection_report",
                 publish: dict[str, Any] | None = None) -> str:
    created = admin("POST", "/api/admin/documents", {"property_id": property_id, "service_record_id": record_id,
                                                      "title": title, "kind": kind, "content_type": "application/pdf"})
    assert created.status_code == 201, created.data
    assert requests.put(created.data["upload_url"], data=PDF, headers=created.data["upload_headers"], timeout=10).ok
    if publish is not None:
        assert admin("PATCH", f"/api/admin/documents/{created.data['document_id']}", publish).status_code == 200
    return created.data["document_id"]


def visit(admin: Any, record_id: str, property_id: str, day: date, kind: str = "pump_out", notes: list | None = None,
          **extra: Any) -> None:
    body = {"property_id": property_id, "date": day.isoformat(), "service_type": kind, "status": "completed",
            "technician_name": "Luis Ortega", "gallons_pumped": 1000 if kind == "pump_out" else None,
            "notes": notes or [], **extra}
    response = admin("PUT", f"/api/admin/service-records/{record_id}", body)
    assert response.status_code in (200, 201), response.data


@dataclass
class World:
    jane: str  # session cookies
    sam: str
    today: date
    final_report: str
    draft_report: str
    staff_only_report: str
    sams_report: str


def build(admin: Any) -> World:
    today = clock.today("America/Chicago")  # the company's day, as the portal counts it
    admin("PUT", "/api/admin/settings", {"visibility_defaults": {"documents": {"inspection_report": "customer"}}})
    admin("PUT", "/api/admin/accounts/acct-jane", account())
    admin("PUT", "/api/admin/accounts/acct-sam", account(name="Sam Lee", email="sam@example.com", phone=None))
    admin("PUT", "/api/admin/properties/prop-home", property_("acct-jane"))
    admin("PUT", "/api/admin/properties/prop-cabin", property_("acct-jane", address={
        "line1": "7 Lake Road", "city": "Chatham", "state": "IL", "zip": "62629"}, service_interval_months=None))
    admin("PUT", "/api/admin/properties/prop-sam", property_("acct-sam", address={
        "line1": "77 Maple Avenue", "city": "Springfield", "state": "IL", "zip": "62702"}))

    last_pump_out = add_months(today, -35)
    for n, months in enumerate((107, 71, 35)):
        visit(admin, f"svc-home-{n}", "prop-home", add_months(today, -months),
              notes=[{"text": f"Pump-out {n}: baffles intact.", "visibility": "customer"}])
    visit(admin, "svc-home-insp", "prop-home", last_pump_out + timedelta(days=1), "inspection", notes=[
        {"text": "Customer-visible: tank sound.", "visibility": "customer"},
        {"text": "INTERNAL: dog bites, call ahead.", "visibility": "internal"},
        {"text": "Unmarked technician note.", "visibility": None},
    ], condition_rating="good", measurements={"sludge_inches": 14})
    visit(admin, "svc-cabin-1", "prop-cabin", add_months(today, -40))
    visit(admin, "svc-sam-1", "prop-sam", add_months(today, -10), notes=[{"text": "Sam's note.", "visibility": "customer"}])
    visit(admin, "svc-sam-0", "prop-sam", add_months(today, -50))

    final_report = add_document(admin, "prop-home", "svc-home-insp", "Inspection report", publish={"status": "final"})
    draft_report = add_document(admin, "prop-home", "svc-home-insp", "DRAFT report")
    staff_only = add_document(admin, "prop-home", "svc-home-insp", "Staff-only estimate", kind="estimate",
                              publish={"status": "final"})
    sams_report = add_document(admin, "prop-sam", "svc-sam-1", "Sam's report", publish={"status": "final"})

    admin("PUT", "/api/admin/appointments/appt-1", appointment("prop-home", date=(today + timedelta(days=9)).isoformat()))
    admin("PUT", "/api/admin/invoices/inv-1", invoice("acct-jane"))
    admin("PUT", "/api/admin/invoices/inv-2", invoice("acct-jane", number="1043", lines=[{"description": "Call", "amount_cents": 9500}]))
    admin("PUT", "/api/admin/invoices/inv-sam", invoice("acct-sam", number="2001"))
    return World(cookie_for("acct-jane"), cookie_for("acct-sam"), today, final_report, draft_report, staff_only, sams_report)
