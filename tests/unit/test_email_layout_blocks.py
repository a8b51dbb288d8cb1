"""The email layout's blocks, the button helper and the filters a new message is written with."""
from __future__ import annotations

import datetime as dt

import pytest

from chalicelib.notify import render
from tests import email_samples

NEW_HTML = """{% extends "base.html" %}
{% block heading %}Your pump-out is due{% endblock %}
{% block body %}<p>Hello {{ name }}, your tank is due {{ due_on | date_words }}.</p>{% endblock %}
{% block button %}{{ button(url, "Book service <now>") }}{% endblock %}
{% block footer %}<br>You get this because reminders are on.{% endblock %}
"""
NEW_TEXT = """{% extends "base.txt" %}
{% block heading %}Your pump-out is due{% endblock %}
{% block body %}Hello {{ name }}, your tank is due {{ due_on | date_words }}.{% endblock %}
{% block button %}{{ button(url, "Book service") }}{% endblock %}
{% block footer %}You get this because reminders are on.{% endblock %}
"""
CONTEXT = {"name": "Jane", "due_on": "2027-05-04", "url": "https://portal.test.example/book?x=1&y=2"}


@pytest.fixture(autouse=True)
def branded(monkeypatch: pytest.MonkeyPatch) -> None:
    email_samples.use_long_branding(monkeypatch, company_name="Clearwater Septic", primary_color="#1f5f8b")


def _render(source: str, html: bool) -> str:
    return render._environment(html).from_string(source).render(render._context(CONTEXT))  # noqa: SLF001


def test_a_new_html_message_fills_heading_body_button_and_footer_in_the_branded_layout() -> None:
    html = _render(NEW_HTML, html=True)

    assert '<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;color:#1d1d1f;">Your pump-out is due</h1>' in html
    assert "your tank is due Tuesday, May 4." in html
    assert 'href="https://portal.test.example/book?x=1&amp;y=2"' in html
    assert "background:#1f5f8b;color:#ffffff;" in html  # the company's colour, and readable text on it
    assert "Book service &lt;now&gt;</a>" in html
    assert html.index("(217) 555-0142") < html.index("You get this because reminders are on.")


def test_a_new_text_message_reads_top_to_bottom_with_the_link_after_its_label() -> None:
    text = _render(NEW_TEXT, html=False)

    lines = [line for line in text.splitlines() if line]
    assert lines[:3] == ["Your pump-out is due", "Hello Jane, your tank is due Tuesday, May 4.",
                         "Book service: https://portal.test.example/book?x=1&y=2"]
    assert lines[3:] == ["--", "Clearwater Septic", "(217) 555-0142", email_samples.BRANDING["email"],
                         email_samples.BRANDING["hours"], email_samples.BRANDING["address"],
                         email_samples.BRANDING["website"], "You get this because reminders are on."]


def test_a_message_without_the_optional_blocks_has_no_empty_heading_or_button() -> None:
    html = _render('{% extends "base.html" %}{% block body %}<p>Hi</p>{% endblock %}', html=True)

    assert "<h1" not in html
    assert "margin:16px 0 0" not in html  # the button's row


@pytest.mark.parametrize(("value", "year", "words"), [
    ("2027-05-04", False, "Tuesday, May 4"),
    ("2027-05-04T10:40:00-05:00", False, "Tuesday, May 4"),
    (dt.date(2026, 12, 25), True, "Friday, December 25, 2026"),
    (None, False, ""),
])
def test_dates_are_written_in_words(value: object, year: bool, words: str) -> None:
    assert render.date_words(value, year=year) == words  # type: ignore[arg-type]


@pytest.mark.parametrize(("logo", "shown"), [
    ("https://cdn.example.com/logo.png", "https://cdn.example.com/logo.png"),
    ("/img/logo.png", "https://portal.test.example/img/logo.png"),  # a path on the portal, made absolute
    ("/img/logo.svg", None),  # Gmail and Outlook show no SVG: the name instead
    ("//elsewhere.example/logo.png", None),
    (None, None),
])
def test_the_logo_in_an_email_is_an_absolute_address_mail_clients_can_show(logo: str | None, shown: str | None) -> None:
    assert render.email_logo(logo, "https://portal.test.example") == shown


def test_without_a_logo_the_header_shows_the_companys_name(monkeypatch: pytest.MonkeyPatch) -> None:
    email_samples.use_long_branding(monkeypatch, company_name="Clearwater Septic", logo_url="/img/logo.svg")

    html = render.email("test_message", {}).html

    assert "<img" not in html
    assert ">Clearwater Septic</span>" in html
