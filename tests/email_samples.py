"""Every message template rendered with long, realistic values: the worst case a phone has to show.

Values for the variables today's templates use are below; a variable a new template adds gets a
long word without spaces (``Filler``), so a new template is checked without anyone listing it.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import jinja2

from chalicelib import company
from chalicelib.notify import render

TEMPLATES = Path(render.TEMPLATES)
SITE = "https://portal.clearwater-septic-services.com"  # 45 characters: a long real host
TOKEN = "Xq3vJ9k2LmN8pR4sT6uW0yZ1aB5cD7eF9gH2iJ4kL6m"  # secrets.token_urlsafe(32): 43 characters
LONG_COMPANY = "Clearwater Septic & Drain Services of Sangamon County"

BRANDING = {
    "company_name": LONG_COMPANY,
    "phone": "+12175550142",
    "email": "customer.service@clearwater-septic-services.com",
    "hours": "Monday to Friday 7:00 AM to 5:30 PM, Saturday 8:00 AM to noon",
    "address": "12345 North Old Farm-to-Market Road 1960, Suite 200, Springfield, IL 62704",
    "website": "https://www.clearwater-septic-services.com",
}

CUSTOMER = {"name": "Maximiliana Worthington-Castellanos",
            "email": "maximiliana.worthington-castellanos@countryside-rentals.example.com",
            "phone": "+12175550199"}
PREFERRED = [
    {"label": "Wednesday, September 30 · afternoon (12:00–16:00)", "confirm_url": f"{SITE}/dispatch#token={TOKEN}"},
    {"label": "Thursday, October 1 · morning (8:00–12:00)", "confirm_url": f"{SITE}/dispatch#token={TOKEN[::-1]}"},
]

VALUES: dict[str, Any] = {
    "name": "Maximiliana",
    "url": f"{SITE}/signin/link#token={TOKEN}",
    "number": "INV-2026-000123456",
    "amount_cents": 1234567,
    "method": "us_bank_account",
    "service_name": "Septic tank pump-out and filter cleaning",
    "property_label": "12345 North Old Farm-to-Market Road 1960, Unit 14B, Springfield",
    "when": "Wednesday, September 30, 12:00 PM – 4:00 PM",
    "technician_name": "Luis Ortega-Delgado",
    "cancel_by": "Tuesday, September 29 at 12:00 PM",
    "reason": "We are fully booked that week; https://www.clearwater-septic-services.com/availability/2026-09",
    "preferred": PREFERRED,
    "notes": "Gate code 4512. Long driveway past the red barn: https://maps.example.com/?q=39.781721,-89.650148&z=19",
    "access_notes": "Lid behind the shed, 3 ft east of the porch steps; the dog is friendly",
    "hours": 48,
    "minutes": 10,
    "days": 7,
    "new_email": CUSTOMER["email"],
    "customer": CUSTOMER,
    "change": "moved",
    "was": "Tuesday, September 29, 8:00 AM – 12:00 PM",
    "now": "Wednesday, September 30, 12:00 PM – 4:00 PM",
    "booking_id": "bk_Zr7Qm2Lx9Wv4Ns8Kp3Jt6Hd",
    "mode": "request",
    "system": [{"label": "System type", "value": "Aerobic treatment unit with spray irrigation"},
               {"label": "Tank size", "value": "1,500 gallons (two compartments)"}],
    "decline_url": f"{SITE}/dispatch#token={TOKEN}",
    # the visit, summary, report and invoice notices (admin/service_notices.py)
    "technician": "Luis",
    "eta": "10:40 AM",
    "service": "pump-out",
    "day": "Tuesday, May 4",
    "due": "Tuesday, May 4",
    "title": "Septic inspection report",
    "report_url": f"{SITE}/documents",
    "balance_cents": 1234567,
    "total_cents": 1234567,
    "issued": "Tuesday, May 4",
    "lines": [{"description": "Septic tank pump-out and filter cleaning, 1,500 gallons, two compartments",
               "amount_cents": 1234567}],
    "more_lines": 2,
    "board_hint": "Booking bk_Zr7Qm2Lx9Wv4Ns8Kp3Jt6Hd is also in the list of booking requests on the dispatch board.",
}


class Filler(jinja2.ChainableUndefined):
    """What a variable no sample names becomes: a real-length link for a name ending in ``url``,
    else a long word without spaces; true, and one item long."""

    def __str__(self) -> str:
        name = self._undefined_name or "value"
        if name.endswith("url"):
            return f"{SITE}/{name.removesuffix('url').strip('_') or 'link'}#token={TOKEN}"
        return "Supercalifragilistic-" + name

    def __html__(self) -> str:
        return str(self)

    def __iter__(self) -> Iterator[Any]:
        return iter([Filler(name=self._undefined_name)])

    def __bool__(self) -> bool:
        return True

    def __int__(self) -> int:
        return 1234567

    def __len__(self) -> int:
        return 1


def use_long_branding(monkeypatch: Any, **more: Any) -> None:
    """The company's settings as the samples need them, without a database."""
    settings = company.merge(company.DEFAULTS, {"branding": {**BRANDING, **more}})
    monkeypatch.setattr(company, "current", lambda: settings)


def email_templates() -> list[str]:
    """Every email template (``<name>.html``), the layout excepted."""
    return sorted(path.stem for path in TEMPLATES.glob("*.html") if path.stem != "base")


def sms_templates() -> list[str]:
    return sorted(path.name.removesuffix(".sms.txt") for path in TEMPLATES.glob("*.sms.txt"))


def rendered_email(template: str, **overrides: Any) -> render.Email:
    return render.email(template, {**VALUES, **overrides}, undefined=Filler)


def rendered_sms(template: str, **overrides: Any) -> str:
    return render.sms(template, {**VALUES, **overrides}, undefined=Filler)
