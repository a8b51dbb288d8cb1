"""Rate limits answer 429 and send nothing more; texts have a portal-wide daily cap."""
from __future__ import annotations

from typing import Iterator

import pytest

from chalicelib import clock
from chalicelib.notify import outbox
from tests.api.signin_helpers import EMAIL
from tests.conftest import reset_caches, sent_emails, sent_texts


@pytest.fixture(autouse=True)
def one_moment() -> Iterator[None]:
    """Each test at one moment: limits count per fixed window, and a test crossing a window's end
    would start counting afresh."""
    with clock.frozen_at(clock.now()):
        yield


def _ask(api, **contact):
    return api("POST", "/api/auth/magic-link", contact)


def test_a_fourth_link_within_ten_minutes_is_refused_and_not_sent(browser_api, jane):
    answers = [_ask(browser_api, email=EMAIL) for _ in range(6)]

    assert [a.status_code for a in answers] == [202, 202, 202, 429, 429, 429]
    assert answers[3].data["code"] == "rate_limited"
    assert "try again" in answers[3].data["message"]
    assert 0 < int(answers[3].headers["Retry-After"]) <= 600
    outbox.deliver_due()
    assert len(sent_emails()) == 3


def test_unknown_addresses_are_limited_the_same_way(browser_api):
    answers = [_ask(browser_api, email="nobody@example.com").status_code for _ in range(4)]

    assert answers == [202, 202, 202, 429]


def test_one_client_address_cannot_ask_for_many_contacts(browser_api, monkeypatch):
    monkeypatch.setenv("PORTAL_LIMIT_IP", "5/3600")
    reset_caches()

    answers = [_ask(browser_api, email=f"person{n}@example.com").status_code for n in range(7)]

    assert answers == [202] * 5 + [429, 429]


def test_texts_stop_at_the_portal_wide_daily_cap(browser_api, admin, monkeypatch):
    from tests.api.factories import account

    monkeypatch.setenv("PORTAL_LIMIT_SMS_DAILY", "2/86400")
    reset_caches()
    for n in range(3):
        admin("PUT", f"/api/admin/accounts/acct-{n}", account(email=f"p{n}@example.com", phone=f"+1217555010{n}"))

    answers = [_ask(browser_api, phone=f"+1217555010{n}").status_code for n in range(3)]
    by_email = _ask(browser_api, email="p2@example.com").status_code

    assert answers == [202, 202, 429]
    assert by_email == 202  # email is not capped by the text budget
    outbox.deliver_due()
    assert len(sent_texts()) == 2


@pytest.mark.parametrize("setting", ["PORTAL_LIMIT_IP", "PORTAL_LIMIT_CONTACT_BURST"])
def test_limits_come_from_the_settings(browser_api, jane, monkeypatch, setting):
    monkeypatch.setenv(setting, "1/600")
    reset_caches()

    assert [_ask(browser_api, email=EMAIL).status_code for _ in range(2)] == [202, 429]
