"""When a property's next service is due (F4): the one rule for the dashboard, the property page and
the reminders job.

A pump-out is due the property's interval after the last completed pump-out. The interval is, in
order: the property's own (``service_interval_months``, from the company's software); else one from
the tank size and the household size when both are on file (the table below), capped at the company's
maximum, unless the company turned the table off; else the company's default. A system of a type the
company marks as having mechanical parts (an aerobic unit, a pump) is also due for an inspection every
``inspection_interval_months`` after the last completed inspection.

A service already on the calendar (an upcoming appointment of its type) is ``booked`` instead.
Pure functions of the property's summaries, the settings and today: no DynamoDB call.
"""
from __future__ import annotations

import calendar
from bisect import bisect_left
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

DUE_SOON_DAYS = 60

# Estimated years between pump-outs of a year-round home, by the size of the (first) tank in gallons
# and the number of people living there: Table 1 of K. Mancl, "Estimating Septic Tank Pumping
# Frequency", Journal of Environmental Engineering 110(1), 1984, as published by Penn State Extension
# ("Septic Tank Pumping") and cited by the US EPA's SepticSmart material. Columns: 1 to 10 people.
# The table gives no figure for a 500 gal tank and 10 people; 0.1 (its smallest) stands in.
PUMPING_YEARS: dict[int, tuple[float, ...]] = {
    500: (5.8, 2.6, 1.5, 1.0, 0.7, 0.4, 0.3, 0.2, 0.1, 0.1),
    750: (9.1, 4.2, 2.6, 1.8, 1.3, 1.0, 0.7, 0.6, 0.4, 0.3),
    900: (11.0, 5.2, 3.3, 2.3, 1.7, 1.3, 1.0, 0.8, 0.7, 0.5),
    1000: (12.4, 5.9, 3.7, 2.6, 2.0, 1.5, 1.2, 1.0, 0.8, 0.7),
    1250: (15.6, 7.5, 4.8, 3.4, 2.6, 2.0, 1.7, 1.4, 1.2, 1.0),
    1500: (18.9, 9.1, 5.9, 4.2, 3.3, 2.6, 2.1, 1.8, 1.5, 1.3),
    1750: (22.1, 10.7, 6.9, 5.0, 3.9, 3.1, 2.6, 2.2, 1.9, 1.6),
    2000: (25.4, 12.4, 8.0, 5.9, 4.5, 3.7, 3.1, 2.6, 2.2, 2.0),
    2250: (28.6, 14.0, 9.1, 6.7, 5.2, 4.2, 3.5, 3.0, 2.6, 2.3),
    2500: (31.9, 15.6, 10.2, 7.5, 5.9, 4.8, 4.0, 3.5, 3.0, 2.6),
}
_SIZES = sorted(PUMPING_YEARS)
TABLE_PEOPLE = 10

SERVICES = ("pump_out", "inspection")
_NAMES = {"pump_out": "pump-out", "inspection": "inspection"}


def table_years(tank_gallons: int, people: int) -> float | None:
    """Years between pump-outs by the table, interpolated linearly between its tank sizes.

    Outside the table: a tank under 500 gal (an aerobic unit's trash tank, say) gets no figure (the
    company's default applies); one over 2,500 gal reads as 2,500 gal, so the table never promises a
    longer interval than it shows. Above 10 people, solids build up in proportion to the people: the
    10-person figure times 10 / people.
    """
    if tank_gallons < _SIZES[0] or people < 1:
        return None
    column = min(people, TABLE_PEOPLE) - 1
    gallons = min(tank_gallons, _SIZES[-1])
    upper = bisect_left(_SIZES, gallons)
    high = _SIZES[upper]
    if high == gallons:
        years = PUMPING_YEARS[high][column]
    else:
        low = _SIZES[upper - 1]
        share = (gallons - low) / (high - low)
        years = PUMPING_YEARS[low][column] + share * (PUMPING_YEARS[high][column] - PUMPING_YEARS[low][column])
    return years * TABLE_PEOPLE / people if people > TABLE_PEOPLE else years


@dataclass(frozen=True)
class Interval:
    months: int
    basis: str  # property | household | household_capped | company_default | mechanical
    explanation: str


def pump_out_interval(prop: Any, settings: dict[str, Any]) -> Interval:
    """The months between pump-outs of ``prop`` and where that figure comes from."""
    rule = settings["service_due"]
    if prop.service_interval_months:
        months = int(prop.service_interval_months)
        return Interval(months, "property", f"{every(months)} (your property's schedule)")
    system = _plain(prop.system)
    gallons, people = system.get("tank_gallons"), prop.household_size
    years = table_years(int(gallons), int(people)) if rule["household_table"] and gallons and people else None
    if years is not None:
        months = max(1, round(years * 12))
        cap = int(rule["max_interval_months"])
        household = f"for a {int(gallons):,} gal tank and {_people(int(people))}"
        if months > cap:
            return Interval(cap, "household_capped", f"{every(cap)} (our longest interval) {household}")
        return Interval(months, "household", f"{every(months)} {household}")
    months = int(settings["service_interval_months_default"])
    return Interval(months, "company_default", f"{every(months)} (our standard schedule)")


def has_mechanical_parts(prop: Any, settings: dict[str, Any]) -> bool:
    """Whether the system type names one the company marks as mechanical (case-insensitive, a word in it)."""
    kind = (_plain(prop.system).get("type") or "").lower()
    return bool(kind) and any(marked.lower() in kind for marked in settings["service_due"]["mechanical_system_types"])


def due_for(prop: Any, service: str, settings: dict[str, Any], today: date) -> dict[str, Any] | None:
    """The due figure of one service of ``prop``; None for an inspection of a system without mechanical parts."""
    if service == "pump_out":
        interval, last = pump_out_interval(prop, settings), prop.last_pump_out_on
    elif has_mechanical_parts(prop, settings):
        months = int(settings["service_due"]["inspection_interval_months"])
        interval = Interval(months, "mechanical", f"{every(months)} (systems with mechanical parts)")
        last = prop.last_inspection_on
    else:
        return None
    due = add_months(date.fromisoformat(last), interval.months) if last else None
    booked = sorted(a["date"] for a in prop.upcoming or [] if a.get("service_type") == service and a["date"] >= today.isoformat())
    if booked:
        status = "booked"
    elif due is None:
        status = "unknown"
    else:
        status = "overdue" if due < today else "due_soon" if due <= today + timedelta(days=DUE_SOON_DAYS) else "ok"
    return {
        "service": service,
        "date": due.isoformat() if due else None,
        "status": status,
        "booked_on": booked[0] if booked else None,
        "interval_months": interval.months,
        **{k: v for k, v in asdict(interval).items() if k != "months"},
    }


def every(months: int) -> str:
    """"Every 3 years", "Every 18 months", "Every 2 years and 7 months"."""
    if months % 12 == 0:
        years = months // 12
        return "Every year" if years == 1 else f"Every {years} years"
    if months < 24:
        return "Every month" if months == 1 else f"Every {months} months"
    years, rest = divmod(months, 12)
    return f"Every {years} years and {rest} month{'s' if rest > 1 else ''}"


def service_name(service: str) -> str:
    return _NAMES[service]


def add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


def _plain(value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    return value.as_dict() if hasattr(value, "as_dict") else dict(value)
