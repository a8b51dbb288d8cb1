"""Jinja2 rendering of branded messages: ``<name>.subject.txt``, ``<name>.html``, ``<name>.txt``, ``<name>.sms.txt``."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from chalicelib import company
from chalicelib.settings import get_settings

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Email:
    subject: str
    text: str
    html: str


@cache
def _environment(autoescape: bool) -> Any:
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["phone"] = display_phone
    environment.filters["dollars"] = dollars
    return environment


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
    return {
        "brand": company.public_branding(settings.local_mode),
        "site_url": settings.site_url,
        **extra,
    }


def email(template: str, context: dict[str, Any]) -> Email:
    values = _context(context)
    text_env, html_env = _environment(False), _environment(True)
    subject = " ".join(text_env.get_template(f"{template}.subject.txt").render(values).split())
    return Email(
        subject=subject,
        text=text_env.get_template(f"{template}.txt").render(values).strip() + "\n",
        html=html_env.get_template(f"{template}.html").render(values),
    )


def has_sms(template: str) -> bool:
    """Whether ``template`` has a text-message version (``<name>.sms.txt``)."""
    return (TEMPLATES / f"{template}.sms.txt").is_file()


def sms(template: str, context: dict[str, Any]) -> str:
    return " ".join(_environment(False).get_template(f"{template}.sms.txt").render(_context(context)).split())
