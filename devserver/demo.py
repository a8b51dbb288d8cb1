"""Demo data for local mode, fed in through the admin API exactly as the company's software would.

Dates are relative to today so the demo always has an upcoming appointment, a pump-out
coming due and invoices in the last 36 months.
"""
from __future__ import annotations

import json
import urllib.request
from datetime import date, datetime, timedelta
from typing import Any

from chalice.local import LocalGateway

from chalicelib.booking.rules import WINDOWS, Rules, company_rules
from devserver.pdf import make_pdf

DEMO_EMAIL = "demo@example.com"
DEMO_PHONE = "+12175550143"

SETTINGS = {
    "branding": {
        "company_name": "Clearwater Septic",
        "tagline": "Pumping, inspections and repairs since 1987",
        "logo_url": "/img/logo.svg",
        "primary_color": "#0b5d7a",
        "accent_color": "#2e7d32",
        "phone": "+12175550142",
        "email": "office@clearwater-septic.example",
        "website": "https://clearwater-septic.example",
        "address": "2200 Prairie Lane, Springfield, IL 62704",
        "hours": "Mon–Fri 7am–5pm",
    },
    "visibility_defaults": {
        "technician_notes": "customer",  # the notes below follow it: Settings → What customers see hides them
        "condition_ratings": "customer",
        "measurements": "customer",
        "photos": "customer",
        "documents": {
            "inspection_report": "customer",
            "receipt": "customer",
            "warranty": "customer",
            "estimate": "customer",
        },
    },
    "service_interval_months_default": 36,
    "service_due": {"household_table": True, "max_interval_months": 60, "mechanical_system_types": ["aerobic"],
                    "inspection_interval_months": 12},
    "reminders": {"days_before": [90, 30, 7], "overdue": True},
    "booking": {
        "service_types": [
            {"id": "pump_out", "name": "Septic pump-out", "mode": "instant", "capacity": {
                day: {"morning": 2, "afternoon": 1} for day in ("mon", "tue", "wed", "thu", "fri")
            }},
            {"id": "inspection", "name": "Septic inspection", "mode": "request"},
            {"id": "repair", "name": "Repair visit", "mode": "request"},
            {"id": "maintenance", "name": "Maintenance visit", "mode": "off"},
        ],
        "windows": {"morning": {"start": "08:00", "end": "12:00"}, "afternoon": {"start": "12:00", "end": "16:00"}},
        "blackout_dates": [f"{year}-{day}" for year in (date.today().year, date.today().year + 1) for day in ("12-24", "12-25", "01-01")],
        "lead_time_hours": 24,
        "horizon_days": 45,
        "cutoff_hours": 24,
        "dispatcher_email": "dispatch@example.com",
        "time_zone": "America/Chicago",
    },
}


def _months_ago(today: date, months: int, day: int = 12) -> str:
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return date(year, month + 1, min(day, 28)).isoformat()


class _Admin:
    def __init__(self, gateway: LocalGateway, key: str) -> None:
        self._gateway = gateway
        self._headers = {"authorization": f"Bearer {key}", "content-type": "application/json"}

    def __call__(self, method: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
        response = self._gateway.handle_request(method, f"/api/admin{path}", self._headers, json.dumps(body).encode())
        if response["statusCode"] >= 300:
            raise RuntimeError(f"demo seed {method} {path}: {response['statusCode']} {response['body']}")
        return json.loads(response["body"])


def _upload(url: str, content_type: str, data: bytes) -> None:
    request = urllib.request.Request(url, data=data, method="PUT", headers={"Content-Type": content_type})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - local moto endpoint
        response.read()


def _document(admin: _Admin, body: dict[str, Any], pdf_lines: list[str], publish: bool) -> str:
    created = admin("POST", "/documents", {**body, "content_type": "application/pdf"})
    _upload(created["upload_url"], "application/pdf", make_pdf(body["title"], pdf_lines))
    if publish:
        admin("PATCH", f"/documents/{created['document_id']}", {"status": "final", "visibility": "customer"})
    return created["document_id"]


DEMO_STAFF = [
    {"name": "Olivia Owner", "email": "owner@example.com", "role": "owner"},
    {"name": "Dana Dispatch", "email": "dispatch@example.com", "role": "dispatcher"},
]


def seed(gateway: LocalGateway, admin_key: str, today: date | None = None) -> None:
    today = today or date.today()
    admin = _Admin(gateway, admin_key)
    admin("PUT", "/settings", SETTINGS)
    for member in DEMO_STAFF:  # the office console's demo staff (sign in at /office/signin)
        admin("POST", "/staff", member)

    admin("PUT", "/accounts/demo-1001", {
        "name": "Alex Morgan", "email": DEMO_EMAIL, "phone": DEMO_PHONE, "maintenance_agreement": True,
        "mailing_address": {"line1": "12 Oak Street", "city": "Springfield", "state": "IL", "zip": "62704"},
    })
    admin("PUT", "/accounts/acct-1002", {"name": "Sam Lee", "email": "sam.lee@example.com", "phone": "+12175550188"})

    admin("PUT", "/properties/prop-home", {
        "account_id": "demo-1001",
        "address": {"line1": "12 Oak Street", "city": "Springfield", "state": "IL", "zip": "62704"},
        "system": {"type": "Conventional gravity", "tank_gallons": 1000, "tank_count": 1, "install_year": 1998,
                   "lid_location": "3 ft east of the back porch steps, under the flagstone"},
        "service_interval_months": 36,
    })
    admin("PUT", "/properties/prop-rental", {
        "account_id": "demo-1001",
        "address": {"line1": "480 County Road 9", "line2": "Rear house", "city": "Chatham", "state": "IL", "zip": "62629"},
        "system": {"type": "Mound system", "tank_gallons": 1500, "tank_count": 2, "install_year": 2011,
                   "lid_location": "Two green risers north of the driveway"},
        # No interval of its own: the company's standard schedule, or the household table once the
        # customer enters how many people live there. README: move its last pump-out to make it fall due.
    })
    admin("PUT", "/properties/prop-lee", {
        "account_id": "acct-1002",
        "address": {"line1": "77 Maple Avenue", "city": "Springfield", "state": "IL", "zip": "62702"},
        "system": {"type": "Conventional gravity", "tank_gallons": 1250, "tank_count": 1, "install_year": 2004},
    })

    visits = [
        ("svc-0901", "prop-home", 107, "pump_out", "Luis Ortega", 1000),
        ("svc-1101", "prop-home", 71, "pump_out", "Luis Ortega", 950),
        ("svc-1201", "prop-home", 70, "inspection", "Maria Chen", None),
        ("svc-1401", "prop-home", 35, "pump_out", "Luis Ortega", 1000),
        ("svc-1402", "prop-home", 35, "inspection", "Maria Chen", None),
        ("svc-1501", "prop-home", 14, "repair", "Dev Patel", None),
        ("svc-2201", "prop-rental", 40, "pump_out", "Luis Ortega", 1450),
        ("svc-2301", "prop-rental", 16, "pump_out", "Luis Ortega", 1500),
        ("svc-2302", "prop-rental", 5, "maintenance", "Dev Patel", None),
        ("svc-3001", "prop-lee", 20, "pump_out", "Luis Ortega", 1200),
    ]
    for record_id, property_id, months, kind, technician, gallons in visits:
        notes = [{"text": "Tank in good condition; baffles intact."}]
        if record_id == "svc-1402":
            notes.append({"text": "INTERNAL: customer's dog is aggressive, call ahead. Quote a riser next visit.",
                          "visibility": "internal"})
        admin("PUT", f"/service-records/{record_id}", {
            "property_id": property_id, "date": _months_ago(today, months), "service_type": kind,
            "status": "completed", "technician_name": technician, "gallons_pumped": gallons, "notes": notes,
        })

    _document(admin, {"property_id": "prop-home", "service_record_id": "svc-1402", "title": "Septic inspection report",
                      "kind": "inspection_report"},
              ["Property: 12 Oak Street, Springfield, IL 62704", "System: conventional gravity, 1000 gal, 1 tank",
               "Result: satisfactory. Baffles intact; no signs of surfacing effluent.", "Inspector: Maria Chen"],
              publish=True)
    _document(admin, {"property_id": "prop-home", "service_record_id": "svc-1401", "title": "Pump-out receipt",
                      "kind": "receipt"},
              ["12 Oak Street: 1000 gallons pumped.", "Technician: Luis Ortega"], publish=True)
    _document(admin, {"property_id": "prop-home", "service_record_id": "svc-1501", "title": "DRAFT repair report",
                      "kind": "inspection_report"},
              ["Draft: outlet baffle replacement. Not yet reviewed."], publish=False)

    admin("PUT", "/appointments/appt-7001", {
        "property_id": "prop-home", "date": (today + timedelta(days=9)).isoformat(), "window_start": "08:00",
        "window_end": "12:00", "technician_name": "Luis Ortega", "service_type": "pump_out",
    })

    invoices = [
        ("inv-5001", "demo-1001", "prop-home", "2301", 35, "paid", [("Septic pump-out, 1000 gal", 38500), ("Inspection", 17500)]),
        ("inv-5002", "demo-1001", "prop-rental", "2388", 16, "paid", [("Septic pump-out, 1500 gal", 52500)]),
        ("inv-5003", "demo-1001", "prop-home", "2415", 1, "open", [("Outlet baffle replacement", 24000), ("Service call", 9500)]),
        ("inv-5004", "demo-1001", "prop-rental", "2421", 0, "open", [("Filter maintenance", 12500)]),
        ("inv-6001", "acct-1002", "prop-lee", "2390", 1, "open", [("Septic pump-out, 1250 gal", 44500)]),
    ]
    for invoice_id, account_id, property_id, number, months, status, lines in invoices:
        issued = _months_ago(today, months, day=3)
        admin("PUT", f"/invoices/{invoice_id}", {
            "account_id": account_id, "property_id": property_id, "number": number, "issued_on": issued,
            "due_on": (date.fromisoformat(issued) + timedelta(days=30)).isoformat(), "status": status,
            "lines": [{"description": text, "amount_cents": cents} for text, cents in lines],
            "payments": [{"payment_id": f"pay-{invoice_id}", "amount_cents": sum(c for _, c in lines),
                          "paid_on": (date.fromisoformat(issued) + timedelta(days=12)).isoformat(), "method": "check"}]
            if status == "paid" else [],
        })

    _repair_inside_the_cutoff(admin)
    _request_waiting_for_the_office()


def next_window_inside_cutoff(current: Rules, moment: datetime) -> tuple[date, str]:
    """The next arrival window that has not started but can no longer be changed online."""
    days = [current.today(moment) + timedelta(days=n) for n in range(3)]
    return next((day, window) for day in days for window in WINDOWS
                if current.change_deadline(day, window) <= moment < current.starts_at(day, window))


def _repair_inside_the_cutoff(admin: _Admin) -> None:
    """A repair visit the customer asked for and the office has booked so soon that the customer can
    no longer change it online: My bookings shows "call us", and a cancel is refused (409).

    The request goes through the booking service as the book page sends it; the office confirms it
    through the admin API for the next arrival window that starts inside the cutoff.
    """
    from chalicelib.booking import service

    current, moment = company_rules(), service.now()
    today = current.today(moment)
    days = [today + timedelta(days=n) for n in range(60)]
    asked_day, asked_window = next((day, window) for day in days for window in WINDOWS
                                   if day.weekday() < 5 and current.open_for_booking(day, window, moment))
    _, request = service.create("demo-1001", {
        "property_id": "prop-rental", "service_type": "repair", "notes": "The alarm on the pump chamber keeps going off.",
        "preferred": [{"date": asked_day.isoformat(), "window": asked_window}],
    }, None)
    visit_day, visit_window = next_window_inside_cutoff(current, moment)
    admin("POST", f"/booking-requests/{request['id']}/confirm",
          {"date": visit_day.isoformat(), "window": visit_window, "technician_name": "Dev Patel"})


def _request_waiting_for_the_office() -> None:
    """Sam Lee's inspection request, not answered yet: the office console's booking queue has one
    to confirm or decline (and the dispatcher's email has its links)."""
    from chalicelib.booking import service

    current, moment = company_rules(), service.now()
    days = [current.today(moment) + timedelta(days=n) for n in range(7, 60)]
    mornings = [day for day in days if day.weekday() < 5 and current.open_for_booking(day, "morning", moment)][:2]
    service.create("acct-1002", {
        "property_id": "prop-lee", "service_type": "inspection", "notes": "Selling the house in the spring; the buyer's lender wants an inspection.",
        "preferred": [{"date": day.isoformat(), "window": "morning"} for day in mornings],
    }, None)
