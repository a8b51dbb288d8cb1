"""The office's week (F11, issue 16): each day's arrival windows, the places taken there against
the capacity of each instant-booking service, and the visits booked on the portal. Pure: the
counters, bookings, properties and accounts are read by the caller and passed in.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Any

from chalicelib.booking import views
from chalicelib.booking.rules import WEEKDAYS, WINDOWS, Rules, Slot
from chalicelib.db.models import Account, BookingRequest, Property

DAYS = 7


def instant_services(current: Rules) -> list[dict[str, Any]]:
    """The service types customers book a slot of themselves: the ones with places to count."""
    return [s for s in current.booking["service_types"] if s["mode"] == "instant"]


def view(current: Rules, first: date, taken: dict[str, dict[str, int]], items: list[BookingRequest],
         properties: dict[str, Property], accounts: dict[str, Account], moment: datetime) -> dict[str, Any]:
    """``taken``: places taken per instant service type and slot key ("2026-11-24#morning")."""
    visits: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in items:
        shown = views.for_dispatcher(item, current, properties.get(item.property_id), accounts.get(item.account_id), moment)
        visits[shown["appointment"]["date"]].append(shown)
    days = [first + timedelta(days=offset) for offset in range(DAYS)]
    return {
        "start": first.isoformat(),
        "end": days[-1].isoformat(),
        "previous": (first - timedelta(days=DAYS)).isoformat(),
        "next": (first + timedelta(days=DAYS)).isoformat(),
        "today": current.today(moment).isoformat(),
        "days": [_day(current, day, taken, visits[day.isoformat()]) for day in days],
    }


def _day(current: Rules, day: date, taken: dict[str, dict[str, int]], visits: list[dict[str, Any]]) -> dict[str, Any]:
    windows = []
    for window in WINDOWS:
        places = []
        for service in instant_services(current):
            slot = Slot(service["id"], day, window)
            capacity, booked = current.capacity(slot), taken.get(service["id"], {}).get(slot.key, 0)
            if capacity or booked:
                places.append({"service_type": service["id"], "service_name": service["name"],
                               "booked": booked, "capacity": capacity})
        windows.append({"window": window, "label": window.capitalize(), **current.window(window), "places": places,
                        "visits": [v for v in visits if v["appointment"]["window"] == window]})
    return {"date": day.isoformat(), "weekday": WEEKDAYS[day.weekday()], "blacked_out": current.blacked_out(day),
            "windows": windows}
