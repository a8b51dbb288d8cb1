"""No overbooking over HTTP (F11, SPEC §7): 40 simultaneous bookings of a slot of capacity 3 on the running portal."""
from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from chalicelib import clock
from datetime import date, timedelta

import requests

from tests.e2e.conftest import ADMIN, demo_api


def _next_saturday() -> date:
    day = clock.today("America/Chicago")  # the company's day, as the portal counts it + timedelta(days=3)
    return day + timedelta(days=(5 - day.weekday()) % 7)


def test_forty_simultaneous_bookings_of_a_slot_of_capacity_three_make_three(portal):
    settings = requests.get(f"{portal}/api/admin/settings", headers=ADMIN, timeout=5).json()["booking"]
    pump_out = next(s for s in settings["service_types"] if s["id"] == "pump_out")
    saturday = {**pump_out, "capacity": {**pump_out["capacity"], "sat": {"morning": 3, "afternoon": 0}}}
    changed = {**settings, "service_types": [saturday if s["id"] == "pump_out" else s for s in settings["service_types"]]}
    assert requests.put(f"{portal}/api/admin/settings", json={"booking": changed}, headers=ADMIN, timeout=5).ok
    customer = demo_api(portal)
    slot_id = f"pump_out:{_next_saturday().isoformat()}:morning"
    try:
        def book(_: int) -> int:
            return customer.post(f"{portal}/api/booking-requests", json={"property_id": "prop-home", "service_type": "pump_out", "slot_id": slot_id,
                                                                           "confirm_duplicate": True},
                                 headers={"Idempotency-Key": str(uuid.uuid4())}, timeout=60).status_code

        with ThreadPoolExecutor(max_workers=40) as pool:
            answers = list(pool.map(book, range(40)))

        assert sorted(answers) == [201] * 3 + [409] * 37, answers
        mine = [b for b in customer.get(f"{portal}/api/booking-requests", timeout=5).json()["items"]
                if b["status"] == "confirmed" and b["appointment"]["date"] == slot_id.split(":")[1]]
        assert len(mine) == 3
        slots = customer.get(f"{portal}/api/booking/slots?service_type=pump_out&from={slot_id.split(':')[1]}&to={slot_id.split(':')[1]}", timeout=5).json()["slots"]
        assert slots == []  # full: no longer offered
    finally:
        for booking in customer.get(f"{portal}/api/booking-requests", timeout=5).json()["items"]:
            if booking["status"] == "confirmed" and booking["appointment"]["date"] == slot_id.split(":")[1]:
                customer.post(f"{portal}/api/booking-requests/{booking['id']}/cancel", timeout=5)
        requests.put(f"{portal}/api/admin/settings", json={"booking": settings}, headers=ADMIN, timeout=5)
