"""The real estate transaction on a property (SPEC F13): its status as the company's software sets it,
and, where the company configured its state's transfer rule, until when the last inspection is
valid for a transfer.

Used by the owner's dashboard and property page, the shared page and the records pack; set by
``PUT /api/admin/properties/{id}/transaction`` (``chalicelib.admin.transactions``).

"Pumped yearly" (the longer validity of a rule such as Massachusetts' Title 5): every completed
pump-out on file since the inspection came at most 12 months after the one before it (the first
at most 12 months after the inspection), and the last one is at most 12 months old today. One
gap longer than a year ends it for good; a pump-out the day of the inspection counts.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from chalicelib.customer.due import add_months
from chalicelib.db.models import Property, plain

STATUSES = ("inspection_ordered", "scheduled", "report_in_review", "report_final", "closed")
STATUS_WORDS = {
    "inspection_ordered": "Inspection ordered",
    "scheduled": "Inspection scheduled",
    "report_in_review": "Inspection report in review",
    "report_final": "Inspection report final",
    "closed": "Sale closed",
}


def for_pages(prop: Property, settings: dict[str, Any], today: date) -> dict[str, Any] | None:
    """What the pages show of the property's transaction, or None when there is none to show.

    Shape: ``{"status": "inspection_ordered" | "scheduled" | "report_in_review" | "report_final"
    | "closed" | None, "status_words": "Inspection report in review" | None, "closing_date":
    "YYYY-MM-DD" | None, "agent_name": str | None, "updated_at": ISO time | None,
    "inspection_valid_until": "YYYY-MM-DD" | None, "inspection_valid_words": str | None}`` (the
    last two only where the company configured a transfer rule and the property has a completed
    inspection on file). With a rule and an inspection but no sale in progress, the status fields
    are None: an owner getting ready to sell wants to know whether the inspection still counts.
    """
    sale = plain(prop.transaction) or {}
    validity = inspection_validity(settings.get("transfer_rule"), prop.last_inspection_on,
                                   prop.yearly_pumping_through, today)
    if not sale and validity is None:
        return None
    status = sale.get("status")
    return {
        "status": status,
        "status_words": STATUS_WORDS.get(status) if status else None,
        "closing_date": sale.get("closing_date"),
        "agent_name": sale.get("agent_name"),
        "updated_at": sale.get("updated_at"),
        "inspection_valid_until": validity["until"] if validity else None,
        "inspection_valid_words": validity["words"] if validity else None,
    }


def yearly_through(inspection_on: str, pump_out_dates: list[str]) -> str:
    """The last day of the unbroken yearly chain that starts at the inspection: the last pump-out
    that came at most 12 months after the one before it (or the inspection itself)."""
    through = date.fromisoformat(inspection_on)
    for day in sorted(date.fromisoformat(d) for d in pump_out_dates if d >= inspection_on):
        if day > add_months(through, 12):
            break
        through = day
    return through.isoformat()


def inspection_validity(rule: dict[str, Any] | None, inspection_on: str | None,
                        yearly_pumping_through: str | None, today: date) -> dict[str, str] | None:
    """``{"until": "YYYY-MM-DD", "words": ...}`` for the last completed inspection under ``rule``,
    or None without a rule or an inspection."""
    if not rule or not inspection_on:
        return None
    inspected = date.fromisoformat(inspection_on)
    state = rule["state"]
    base = add_months(inspected, rule["inspection_valid_months"])
    longer = rule.get("valid_months_if_pumped_yearly")
    since = f"The last inspection ({_day(inspected)})"
    if longer and longer > rule["inspection_valid_months"] and yearly_pumping_through:
        next_pump_by = add_months(date.fromisoformat(yearly_pumping_through), 12)
        extended = add_months(inspected, longer)
        if next_pump_by >= min(today, extended):  # pumped every year so far, or for the whole longer period
            if extended < today:
                words = (f"{since} was valid for a transfer under {state} rules until {_day(extended)}; "
                         "a sale now needs a new inspection.")
            elif next_pump_by >= extended:
                words = (f"{since} is valid for a transfer under {state} rules until {_day(extended)}, "
                         "since the system has been pumped every year since.")
            else:
                words = (f"{since} is valid for a transfer under {state} rules until {_day(extended)} "
                         f"if the system is pumped again by {_day(next_pump_by)} (yearly pumping extends it "
                         f"from {rule['inspection_valid_months']} to {longer} months).")
            return {"until": extended.isoformat(), "words": words}
    if base >= today:
        words = f"{since} is valid for a transfer under {state} rules until {_day(base)}."
    else:
        words = (f"{since} was valid for a transfer under {state} rules until {_day(base)}; "
                 f"a sale now needs a new inspection.")
    return {"until": base.isoformat(), "words": words}


def _day(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"
