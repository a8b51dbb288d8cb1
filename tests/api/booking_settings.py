"""The company's booking rules and the fixed "now" the booking tests stand at."""
from __future__ import annotations

from datetime import datetime, timezone

NOW = datetime(2026, 11, 23, 16, 0, tzinfo=timezone.utc)  # 10:00 in Chicago
WEEKDAYS = {"mon", "tue", "wed", "thu", "fri"}
BOOKING = {
    "service_types": [
        {"id": "pump_out", "name": "Septic pump-out", "mode": "instant",
         "capacity": {day: {"morning": 2, "afternoon": 1} for day in WEEKDAYS}},
        {"id": "inspection", "name": "Septic inspection", "mode": "request"},
        {"id": "maintenance", "name": "Maintenance visit", "mode": "off"},
    ],
    "blackout_dates": ["2026-11-26"],
    "lead_time_hours": 24,
    "horizon_days": 14,
    "cutoff_hours": 24,
    "dispatcher_email": "dispatch@example.com",
    "time_zone": "America/Chicago",
}
