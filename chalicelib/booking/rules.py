"""The company's booking rules (F11), read from settings: pure, no I/O (``company_rules`` reads the
settings once and hands them over), easy to test at the edges.

A slot is one service type's arrival window on one date ("pump_out:2026-11-24:morning"). It can be
booked when the company gave that weekday's window room for the type, the date is not blacked
out, the window starts at least the lead time from now and the date is within the horizon. A
confirmed booking can be cancelled or moved until ``cutoff_hours`` before its window starts.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from chalicelib import company

WINDOWS = ("morning", "afternoon")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def monday_of(day: date) -> date:
    """The Monday of the day's week: the office's week view starts there."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class Slot:
    service_type: str
    date: date
    window: str

    @property
    def id(self) -> str:
        return f"{self.service_type}:{self.date.isoformat()}:{self.window}"

    @property
    def key(self) -> str:
        """The range key of its counter ("2026-11-24#morning"), so a date range is one Query."""
        return f"{self.date.isoformat()}#{self.window}"

    @classmethod
    def parse(cls, slot_id: object) -> "Slot | None":
        if not isinstance(slot_id, str) or slot_id.count(":") != 2:
            return None
        service_type, day, window = slot_id.split(":")
        try:
            return cls(service_type, date.fromisoformat(day), window) if window in WINDOWS else None
        except ValueError:
            return None


@dataclass(frozen=True)
class Rules:
    booking: dict[str, Any]  # the settings document's "booking" object

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.booking["time_zone"])

    def service(self, service_type: object) -> dict[str, Any] | None:
        return next((s for s in self.booking["service_types"] if s["id"] == service_type), None)

    def mode(self, service_type: object) -> str:
        found = self.service(service_type)
        return found["mode"] if found else "off"

    def window(self, window: str) -> dict[str, str]:
        return self.booking["windows"][window]

    def capacity(self, slot: Slot) -> int:
        service = self.service(slot.service_type) or {}
        return int(((service.get("capacity") or {}).get(WEEKDAYS[slot.date.weekday()]) or {}).get(slot.window, 0))

    def starts_at(self, day: date, window: str) -> datetime:
        return datetime.combine(day, time.fromisoformat(self.window(window)["start"]), tzinfo=self.zone)

    def today(self, now: datetime) -> date:
        return now.astimezone(self.zone).date()

    def first_day(self, now: datetime) -> date:
        """The first date a window can still start on, given the lead time."""
        return (now + timedelta(hours=self.booking["lead_time_hours"])).astimezone(self.zone).date()

    def last_day(self, now: datetime) -> date:
        return self.today(now) + timedelta(days=self.booking["horizon_days"])

    def blacked_out(self, day: date) -> bool:
        return day.isoformat() in {str(d) for d in self.booking["blackout_dates"]}

    def working_week(self, service_type: object) -> dict[str, list[str]]:
        """The weekdays and windows the company works for a type ({"mon": ["morning", ...]}).

        A type's own capacity says it; a type with none configured (a request-only type, say)
        follows the company's week: every weekday and window any type has capacity for. With no
        capacity configured anywhere, every day and window counts (nothing says otherwise).
        """
        own = (self.service(service_type) or {}).get("capacity") or {}
        sources = [own] if own else [s.get("capacity") or {} for s in self.booking["service_types"]]
        week: dict[str, list[str]] = {}
        for capacity in sources:
            for weekday, windows in capacity.items():
                for window in WINDOWS:
                    if int((windows or {}).get(window) or 0) > 0 and window not in week.get(weekday, []):
                        week.setdefault(weekday, []).append(window)
        if not week:
            return {weekday: list(WINDOWS) for weekday in WEEKDAYS}
        return {weekday: [w for w in WINDOWS if w in week[weekday]] for weekday in WEEKDAYS if weekday in week}

    def works(self, service_type: object, day: date, window: str) -> bool:
        """A day and window the company works for this type: not blacked out, and in its working week."""
        return not self.blacked_out(day) and window in self.working_week(service_type).get(WEEKDAYS[day.weekday()], [])

    def open_for_booking(self, day: date, window: str, now: datetime) -> bool:
        """A date and window a customer may ask for: after the lead time, within the horizon, not blacked out."""
        return (self.starts_at(day, window) >= now + timedelta(hours=self.booking["lead_time_hours"])
                and day <= self.last_day(now) and not self.blacked_out(day))

    def bookable(self, slot: Slot, now: datetime) -> bool:
        return (self.mode(slot.service_type) == "instant" and self.capacity(slot) > 0
                and self.open_for_booking(slot.date, slot.window, now))

    def slots(self, service_type: str, first: date, last: date, now: datetime) -> list[Slot]:
        """Every bookable slot of a type from first to last (both included), in time order."""
        first, last = max(first, self.first_day(now)), min(last, self.last_day(now))
        found = []
        day = first
        while day <= last:
            found += [s for s in (Slot(service_type, day, w) for w in WINDOWS) if self.bookable(s, now)]
            day += timedelta(days=1)
        return found

    def change_deadline(self, day: date, window: str) -> datetime:
        return self.starts_at(day, window) - timedelta(hours=self.booking["cutoff_hours"])

    def appointment(self, day: date, window: str, technician: str | None) -> dict[str, Any]:
        """The visit a booking holds, as stored on it and shown: date, window and its times, technician."""
        times = self.window(window)
        return {"date": day.isoformat(), "window": window, "window_start": times["start"], "window_end": times["end"],
                "technician_name": technician}


def company_rules() -> Rules:
    """The rules in force: the booking object of the company's settings (cached per container)."""
    return Rules(company.current()["booking"])
