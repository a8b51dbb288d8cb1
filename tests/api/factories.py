"""Bodies for the admin API, as the company's software would send them."""
from __future__ import annotations

from typing import Any


def account(**overrides: Any) -> dict[str, Any]:
    # Not a number ending in 99: moto keeps those on its opt-out list (they replied STOP)
    return {"name": "Jane Smith", "email": "jane@example.com", "phone": "(217) 555-0198", **overrides}


def property_(account_id: str = "acct-1", **overrides: Any) -> dict[str, Any]:
    return {
        "account_id": account_id,
        "address": {"line1": "12 Oak St.", "city": "Springfield", "state": "il", "zip": "62704"},
        "system": {"type": "Conventional", "tank_gallons": 1000, "tank_count": 1, "install_year": 1998,
                   "lid_location": "Under the flagstone by the porch"},
        "service_interval_months": 36,
        **overrides,
    }


def service_record(property_id: str = "prop-1", **overrides: Any) -> dict[str, Any]:
    return {
        "property_id": property_id,
        "date": "2024-05-14",
        "service_type": "pump_out",
        "status": "completed",
        "technician_name": "Luis Ortega",
        "gallons_pumped": 1000,
        "notes": [
            {"text": "Baffles intact.", "visibility": "customer"},
            {"text": "Dog on site; call ahead.", "visibility": "internal"},
        ],
        **overrides,
    }


def appointment(property_id: str = "prop-1", **overrides: Any) -> dict[str, Any]:
    return {
        "property_id": property_id,
        "date": "2099-06-01",
        "window_start": "08:00",
        "window_end": "12:00",
        "technician_name": "Luis Ortega",
        "service_type": "pump_out",
        **overrides,
    }


def invoice(account_id: str = "acct-1", **overrides: Any) -> dict[str, Any]:
    return {
        "account_id": account_id,
        "number": "1042",
        "issued_on": "2026-10-01",
        "due_on": "2026-10-31",
        "lines": [{"description": "Pump-out", "amount_cents": 38500}, {"description": "Riser lid", "amount_cents": 6500}],
        "status": "open",
        **overrides,
    }


def seed_property(admin: Any, account_id: str = "acct-1", property_id: str = "prop-1") -> None:
    assert admin("PUT", f"/api/admin/accounts/{account_id}", account()).status_code in (200, 201)
    assert admin("PUT", f"/api/admin/properties/{property_id}", property_(account_id)).status_code in (200, 201)
