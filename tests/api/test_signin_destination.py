"""A sign-in link returns to the page asked for ("next"): same-site paths only, never another site."""
from __future__ import annotations

import pytest

from chalicelib.auth.destination import safe_next
from chalicelib.notify import outbox
from tests.api.factories import account
from tests.conftest import email_text, sent_emails, sent_texts


@pytest.fixture
def jane(admin):
    assert admin("PUT", "/api/admin/accounts/acct-1", account(email="jane@example.com", phone="(217) 555-0198")).status_code == 201


def test_the_emailed_link_carries_the_page_asked_for(browser_api, jane):
    response = browser_api("POST", "/api/auth/magic-link", {"email": "jane@example.com", "next": "/invoices/inv-1042/pay"})
    assert response.status_code == 202
    outbox.deliver_due()

    [message] = sent_emails()
    assert "https://portal.test.example/signin/link?next=%2Finvoices%2Finv-1042%2Fpay#token=" in email_text(message)


def test_the_texted_link_carries_the_page_asked_for(browser_api, jane):
    browser_api("POST", "/api/auth/magic-link", {"phone": "(217) 555-0198", "next": "/bookings?id=b-7"})
    outbox.deliver_due()

    [(_, text, *_)] = sent_texts()
    assert "/signin/link?next=%2Fbookings%3Fid%3Db-7#token=" in text


OTHER_SITES = ["//evil.example", "https://evil.example/", "http:/evil.example", "/\\evil.example", "\\\\evil.example",
               "/%2F/evil.example", "%2F%2Fevil.example", "/%5Cevil.example", "/%252F%252Fevil.example",
               "evil.example", "javascript:alert(1)", "/signin", "/signin/link", 42, "/" + "a" * 600]


@pytest.mark.parametrize("destination", OTHER_SITES)
def test_a_destination_off_this_site_is_dropped_and_the_link_still_sent(browser_api, jane, destination):
    response = browser_api("POST", "/api/auth/magic-link", {"email": "jane@example.com", "next": destination})
    assert response.status_code == 202
    outbox.deliver_due()

    [message] = sent_emails()
    text = email_text(message)
    assert "https://portal.test.example/signin/link#token=" in text
    assert "next=" not in text and "evil" not in text


@pytest.mark.parametrize("path", ["/dashboard", "/invoices/inv-1/pay", "/bookings?id=b-1&x=2", "/dispatch?a=confirm"])
def test_paths_on_this_site_are_kept(path):
    assert safe_next(path) == path


def test_a_destination_with_a_line_break_is_refused_and_nothing_is_sent(browser_api, jane):
    # Control characters are refused at the edge for every single-line field (a header injection try).
    response = browser_api("POST", "/api/auth/magic-link", {"email": "jane@example.com", "next": "/ok\nSet-Cookie: x"})
    assert response.status_code == 400
    outbox.deliver_due()
    assert sent_emails() == []


@pytest.mark.parametrize("destination", [*OTHER_SITES, "/ok\nSet-Cookie: x"])
def test_safe_next_refuses_other_sites(destination):
    assert safe_next(destination) is None
