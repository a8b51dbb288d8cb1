"""What the booking routes answer (F11): a booking as the customer and the office see it, the
options of the booking page, the free slots. Pure: everything is read by the caller and passed in,
"now" too.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from chalicelib.booking.rules import WINDOWS, Rules, Slot
from chalicelib.addresses import label
from chalicelib.db.models import Account, BookingRequest, Property, plain


def options(current: Rules, properties: list[Property], moment: datetime) -> dict[str, Any]:
    return {
        "service_types": [{"id": s["id"], "name": s["name"], "mode": s["mode"],
                           "working_week": current.working_week(s["id"])} for s in current.booking["service_types"]],
        "blackout_dates": sorted(str(d) for d in current.booking["blackout_dates"]),
        "properties": [{"id": p.property_id, "label": label(plain(p.address))} for p in properties],
        "windows": [{"id": w, "label": w.capitalize(), **current.window(w)} for w in WINDOWS],
        "earliest_date": current.first_day(moment).isoformat(),
        "latest_date": current.last_day(moment).isoformat(),
        "cutoff_hours": current.booking["cutoff_hours"],
    }


def free_slots(current: Rules, wanted: list[Slot], taken: dict[str, int]) -> dict[str, Any]:
    """The slots with a place left, and how many."""
    found = []
    for slot in wanted:
        remaining = current.capacity(slot) - taken.get(slot.key, 0)
        if remaining > 0:
            found.append({"id": slot.id, "date": slot.date.isoformat(), "window": slot.window,
                          "window_start": current.window(slot.window)["start"],
                          "window_end": current.window(slot.window)["end"], "remaining": remaining})
    return {"slots": found}


def booking(item: BookingRequest, current: Rules, prop: Property | None, moment: datetime,
            visit: dict[str, Any] | None = None) -> dict[str, Any]:
    """``visit``: the booking's appointment as the property's summary has it (the technician's progress)."""
    service = current.service(item.service_type) or {}
    appointment = plain(item.appointment)
    deadline = None
    if item.status == "confirmed" and appointment:
        deadline = current.change_deadline(date.fromisoformat(appointment["date"]), appointment["window"])
    open_ = item.status == "requested" or (deadline is not None and moment < deadline)
    return {
        "id": item.booking_id,
        "source": "portal",
        "status": item.status,
        "mode": item.mode,
        "service_type": item.service_type,
        "service_name": service.get("name", item.service_type.replace("_", " ").capitalize()),
        "property_id": item.property_id,
        "property_label": label(plain(prop.address)) if prop else None,
        "preferred": list(item.preferred or []),
        "notes": item.notes,
        "appointment": appointment,
        "decline_reason": item.decline_reason,
        "created_at": item.created_at.isoformat(),
        "change_deadline": deadline.isoformat() if deadline else None,
        "can_cancel": item.status in ("requested", "confirmed") and open_,
        "can_reschedule": item.status == "confirmed" and bool(item.slot) and open_,
        **_progress(visit if item.status == "confirmed" else None),
    }


def office_visit(visit: dict[str, Any], current: Rules, prop: Property) -> dict[str, Any]:
    """An appointment the company's software put in, as a read-only booking: changed by phone only."""
    service = current.service(visit["service_type"]) or {}
    times = {"start": visit["window_start"], "end": visit["window_end"]}
    return {
        "id": visit["id"],
        "source": "company",
        "status": "confirmed",
        "mode": None,
        "service_type": visit["service_type"],
        "service_name": service.get("name", visit["service_type"].replace("_", " ").capitalize()),
        "property_id": prop.property_id,
        "property_label": label(plain(prop.address)),
        "preferred": [],
        "notes": None,
        "appointment": {"date": visit["date"], "window": next((w for w in WINDOWS if current.window(w) == times), None),
                        "window_start": visit["window_start"], "window_end": visit["window_end"],
                        "technician_name": visit["technician_name"]},
        "decline_reason": None,
        "created_at": None,
        "change_deadline": None,
        "can_cancel": False,
        "can_reschedule": False,
        **_progress(visit),
    }


def _progress(visit: dict[str, Any] | None) -> dict[str, Any]:
    """The technician's progress on the visit's day: ``visit_status`` en_route (with ``eta``) or arrived."""
    return {"visit_status": (visit or {}).get("visit_status"), "eta": (visit or {}).get("eta")}


def for_dispatcher(item: BookingRequest, current: Rules, prop: Property | None, account: Account | None,
                   moment: datetime) -> dict[str, Any]:
    """A booking as the office sees it: with the property and whom to call about it."""
    customer = {"name": account.name, "email": account.email, "phone": account.phone} if account else None
    return {**booking(item, current, prop, moment), "account_id": item.account_id, "customer": customer}


def in_order(items: list[dict[str, Any]], today: str) -> list[dict[str, Any]]:
    """Active first, soonest first (requests, and confirmed visits still to come); then the rest
    (past, cancelled, declined), most recent first."""
    active = [i for i in items if i["status"] == "requested" or (i["status"] == "confirmed" and _when(i) >= today)]
    rest = [i for i in items if i not in active]
    return sorted(active, key=_when) + sorted(rest, key=_when, reverse=True)


def _when(item: dict[str, Any]) -> str:
    """When a booking is: its appointment's date and start, else the first date asked for."""
    visit = item["appointment"] or {}
    if visit.get("date"):
        return f"{visit['date']}T{visit.get('window_start') or ''}"
    return min((p["date"] for p in item["preferred"]), default="")
