"""Jinja2 rendering of branded messages: ``<name>.subject.txt``, ``<name>.html``, ``<name>.txt``, ``<name>.sms.txt``.

How to add a message (the blocks of the layout, ``button()``, the filters, the SMS budget):
``templates/README.md``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from chalicelib import company
from chalicelib.notify import segments
from chalicelib.settings import get_settings

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Email:
    subject: str
    text: str
    html: str


@cache
def _environment(autoescape: bool, undefined: Any = None) -> Any:
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=autoescape,
        undefined=undefined or jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["phone"] = display_phone
    environment.filters["dollars"] = dollars
    environment.filters["date_words"] = date_words
    environment.globals["button"] = jinja2.pass_context(_html_button if autoescape else _text_button)
    return environment


def _html_button(context: Any, url: str, label: str, big: bool = False) -> Any:
    """``{{ button(url, "Pay the invoice") }}``: a link styled as a button in the company's colour, at
    least 48 px tall; ``big=True`` for the one action of a sign-in or confirmation email."""
    from markupsafe import Markup, escape

    brand = context["brand"]
    padding, size = ("14px 24px", "18px") if big else ("12px 20px", "16px")
    return Markup(
        f'<a href="{escape(url)}" style="display:inline-block;background:{escape(brand["primary_color"])};'
        f'color:{escape(brand["on_primary"])};padding:{padding};border-radius:6px;text-decoration:none;'
        f'font-weight:bold;font-size:{size};line-height:24px;">{escape(label)}</a>'
    )


def _text_button(context: Any, url: str, label: str, big: bool = False) -> str:
    """The same call in a ``.txt`` template: "Pay the invoice: <link>"."""
    return f"{label}: {url}"


def date_words(value: dt.date | dt.datetime | str | None, year: bool = False) -> str:
    """A date as people say it: '2027-05-04' -> 'Tuesday, May 4' ('Tuesday, May 4, 2027' with ``year``)."""
    if not value:
        return ""
    day = dt.date.fromisoformat(value[:10]) if isinstance(value, str) else value
    words = f"{day:%A}, {day:%B} {day.day}"
    return f"{words}, {day.year}" if year else words


def clock_words(value: str) -> str:
    """A time of day as people write it: '10:40' -> '10:40 AM', '16:00' -> '4:00 PM'."""
    moment = dt.time.fromisoformat(value)
    return f"{moment.hour % 12 or 12}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"


def dollars(cents: int) -> str:
    """4550 -> '$45.50'."""
    return f"${int(cents) / 100:,.2f}"


def display_phone(e164: str | None) -> str:
    """'+12175550142' as people write it: '(217) 555-0142'."""
    if not e164:
        return ""
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, "US")
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def _context(extra: dict[str, Any]) -> dict[str, Any]:
    settings = get_settings()
    brand = company.public_branding(settings.local_mode)
    brand["email_logo"] = email_logo(brand.get("logo_url"), settings.site_url)
    return {"brand": brand, "site_url": settings.site_url, **extra}


def email_logo(logo_url: str | None, site_url: str) -> str | None:
    """The logo's address for an email, or None to show the company's name instead.

    A path on the portal is made absolute (a mail client has no page to resolve it against);
    an SVG is left out, since Gmail and Outlook do not show SVG images.
    """
    if not logo_url or logo_url.lower().split("?")[0].endswith(".svg"):
        return None
    if logo_url.startswith("https://"):
        return logo_url
    return f"{site_url}{logo_url}" if logo_url.startswith("/") and not logo_url.startswith("//") else None


def email(template: str, context: dict[str, Any], *, undefined: Any = None) -> Email:
    """The email's three parts. A missing variable is an error, unless ``undefined`` (a
    ``jinja2.Undefined`` class) says what it becomes: the layout tests fill every gap with long text."""
    values = _context(context)
    text_env, html_env = _environment(False, undefined), _environment(True, undefined)
    subject = " ".join(text_env.get_template(f"{template}.subject.txt").render(values).split())
    return Email(
        subject=subject,
        text=text_env.get_template(f"{template}.txt").render(values).strip() + "\n",
        html=html_env.get_template(f"{template}.html").render(values),
    )


def has_sms(template: str) -> bool:
    """Whether ``template`` has a text-message version (``<name>.sms.txt``)."""
    return (TEMPLATES / f"{template}.sms.txt").is_file()


def sms(template: str, context: dict[str, Any], *, undefined: Any = None) -> str:
    """The text, in one SMS segment where the company's name can be shortened to make it fit.

    Typographic punctuation is spelt in GSM-7 (one curly apostrophe would make the text UCS-2, 70
    characters a segment). If the text needs more than one segment, the company's name is cut
    word by word from the end (never below its first word) until it fits, and kept whole when no
    cut saves a segment; the link and the wording are never cut. ``templates/README.md`` has the budget.
    """
    values = _context(context)
    texts = [_sms_text(template, values, undefined)]
    words = values["brand"]["company_name"].split()
    for kept in range(len(words) - 1, 0, -1):
        if segments.count(texts[-1]) == 1:
            break
        short = " ".join(words[:kept]).rstrip(" &,;:-+/")
        texts.append(_sms_text(template, {**values, "brand": {**values["brand"], "company_name": short}}, undefined))
    fewest = min(segments.count(text) for text in texts)
    return next(text for text in texts if segments.count(text) == fewest)


def _sms_text(template: str, values: dict[str, Any], undefined: Any) -> str:
    rendered = _environment(False, undefined).get_template(f"{template}.sms.txt").render(values)
    return segments.plain(" ".join(rendered.split()))
