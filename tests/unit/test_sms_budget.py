"""Every text message fits one SMS segment where it can: 160 GSM-7 characters, or 70 with any other.

Each ``*.sms.txt`` is rendered with a long company name and real-length links on a long host
(``tests.email_samples``). Where two segments cannot be avoided, ``TWO_SEGMENTS`` says why.
"""
from __future__ import annotations

import pytest

from chalicelib.notify import segments
from tests import email_samples
from tests.conftest import reset_caches
from tests.email_samples import SITE, TOKEN

# The link each text really carries, where it is not the samples' sign-in link.
LINKS = {
    "confirm_phone": f"{SITE}/profile/confirm-phone#token={TOKEN}",
    "invoice_issued": f"{SITE}/invoices/inv-2026-000123456/pay",
    "report_ready": f"{SITE}/documents",
    "service_summary": f"{SITE}/history?property=prop-12345-north-old-farm",
    "visit_arrived": f"{SITE}/dashboard",
    "visit_en_route": f"{SITE}/dashboard",
}
# The summary links the report when there is one, else the history: the history link is the longer.
OVERRIDES = {
    "service_summary": {"report_url": None},
    "service_due_reminder": {"service_name": "pump-out", "due_on": "September 30, 2027",
                             "property_street": "12345 North Old Farm Road",
                             "book_url": f"{SITE}/book?property=prop-12345-north-old-farm&service=pump_out"},
}
TWO_SEGMENTS = {
    "service_due_reminder": (
        "a recurring text names the property (a customer may have several) and says how to stop it (Reply STOP), "
        "and its book link carries the property and service: about 190 characters with the name's first word on a "
        "long host; it is sent a few times per due date, so the second segment costs little"
    ),
    "confirm_phone": (
        "the link alone is 110 characters (host, path and a 43-character single-use token) and the text must say "
        "what the link does, that it works once for 10 minutes and to ignore it if unasked: 221 characters "
        "with no company name at all"
    ),
}


@pytest.fixture(autouse=True)
def long_host_and_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTAL_SITE_URL", SITE)
    reset_caches()
    email_samples.use_long_branding(monkeypatch)


@pytest.mark.parametrize("template", email_samples.sms_templates())
def test_each_text_fits_its_segment_budget_with_a_long_name_and_a_real_link(template: str) -> None:
    link = LINKS.get(template, email_samples.VALUES["url"])

    text = email_samples.rendered_sms(template, url=link, **OVERRIDES.get(template, {}))

    assert segments.count(text) == (2 if template in TWO_SEGMENTS else 1), (len(text), text)
    assert segments.is_gsm(text)
    if "{{ url" in (email_samples.TEMPLATES / f"{template}.sms.txt").read_text():
        assert link in text  # the link is never what gets cut


def test_a_long_company_name_is_cut_by_words_to_keep_one_segment() -> None:
    text = email_samples.rendered_sms("signin_link")

    # "Clearwater Septic & Drain Services of Sangamon County": a 107-character link leaves room for one word
    assert text.startswith("Clearwater: your sign-in link (works once, 10 min): ")
    assert segments.count(text) == 1


def test_a_name_is_cut_after_a_whole_word_never_after_a_dangling_and(monkeypatch: pytest.MonkeyPatch) -> None:
    email_samples.use_long_branding(monkeypatch, company_name=email_samples.LONG_COMPANY + " & Neighbouring Counties Inc")

    text = email_samples.rendered_sms("test_message")

    assert text.startswith(email_samples.LONG_COMPANY + ": this is a test message")
    assert segments.count(text) == 1


def test_the_name_is_kept_whole_where_no_cut_would_save_a_segment() -> None:
    text = email_samples.rendered_sms("confirm_phone", url=LINKS["confirm_phone"])

    assert text.startswith(email_samples.LONG_COMPANY + ": ")
    assert segments.count(text) == 2


def test_a_short_company_name_is_kept_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    email_samples.use_long_branding(monkeypatch, company_name="Clearwater Septic")

    assert email_samples.rendered_sms("test_message").startswith("Clearwater Septic: this is a test message")


def test_a_curly_apostrophe_in_the_name_does_not_turn_the_text_into_three_segments(monkeypatch: pytest.MonkeyPatch) -> None:
    # One character outside GSM-7 makes the whole text UCS-2: 70 characters a segment, not 160.
    email_samples.use_long_branding(monkeypatch, company_name="O’Brien & Sons – Septic")

    text = email_samples.rendered_sms("test_message")

    assert text.startswith("O'Brien & Sons - Septic: ")
    assert segments.count(text) == 1


def test_a_sign_in_link_that_returns_to_a_page_needs_two_segments() -> None:
    # Unavoidable: "?next=%2Finvoices%2F<id>%2Fpay" adds some 40 characters to a 107-character link.
    link = f"{SITE}/signin/link?next=%2Finvoices%2Finv-2026-000123%2Fpay#token={TOKEN}"

    text = email_samples.rendered_sms("signin_link", url=link)

    assert link in text
    assert segments.count(text) == 2


@pytest.mark.parametrize(("text", "expected"), [
    ("a" * 160, 1), ("a" * 161, 2), ("a" * 306, 2), ("a" * 307, 3),
    ("€" * 80, 1), ("€" * 81, 2),  # an extension character costs two
    ("é" * 160, 1),  # é is in GSM-7
    ("ë" * 70, 1), ("ë" * 71, 2), ("ë" * 134, 2), ("ë" * 135, 3),  # ë is not: UCS-2
    ("😀" * 35, 1), ("😀" * 36, 2),  # an emoji is two UTF-16 units
])
def test_segments_are_counted_as_phone_networks_count_them(text: str, expected: int) -> None:
    assert segments.count(text) == expected
