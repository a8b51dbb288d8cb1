"""Contacts a customer changes (SPEC §9): limited, proven through the contact, claimed once, and fresh-signed-in."""
from __future__ import annotations

import re
import threading
from datetime import datetime, timedelta, timezone

import pytest

from chalicelib.customer import profile
from chalicelib.db.models import Account, Session
from chalicelib.errors import Conflict
from chalicelib.notify import outbox
from tests.api.customer_world import as_
from tests.api.factories import account
from tests.conftest import email_text, recipients, sent_emails, sent_texts

# The tests here share one world, built once (tests/api/conftest.py), and put it back after each.
pytestmark = pytest.mark.usefixtures("one_world", "put_back_world")


def _stale(cookie: str) -> str:
    """The same session, as if signed in 20 minutes ago."""
    for session in Session.scan():
        if session.session_id in _sessions_of(cookie):
            session.update(actions=[Session.created_at.set(datetime.now(timezone.utc) - timedelta(minutes=20))])
    return cookie


def _sessions_of(cookie: str) -> set[str]:
    from chalicelib.auth import sessions
    from chalicelib.auth.keys import session_keys
    from chalicelib.settings import get_settings

    return {sessions.read_token(session_keys(get_settings()), cookie.split("=", 1)[1])["sid"]}


def _emails_to(address: str) -> list[str]:
    outbox.deliver_due()
    return [email_text(m) for m in sent_emails() if recipients(m) == [address]]


def _link(text: str, path: str) -> str:
    return re.search(rf"{path}#token=([\w-]+)", text).group(1)


# -- floods ----------------------------------------------------------------------------------

def test_one_address_gets_a_few_confirmations_then_429_and_nothing_more(browser_api, world):
    jane = as_(browser_api, world.jane)

    answers = [jane("PATCH", "/api/me", {"email": "victim@example.com"}) for _ in range(4)]

    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert answers[3].data["code"] == "rate_limited" and int(answers[3].headers["Retry-After"]) > 0
    assert len(_emails_to("victim@example.com")) == 3


def test_one_account_can_ask_for_only_a_few_new_addresses(browser_api, world):
    jane = as_(browser_api, world.jane)

    answers = [jane("PATCH", "/api/me", {"email": f"someone{i}@example.com"}) for i in range(6)]

    assert [a.status_code for a in answers] == [200] * 5 + [429]
    assert _emails_to("someone5@example.com") == []
    assert Account.get("acct-jane").pending_email == "someone4@example.com"


# -- fresh sign-in ---------------------------------------------------------------------------

def test_an_email_change_on_an_old_session_needs_a_fresh_sign_in_and_a_link_is_sent(browser_api, world):
    jane = as_(browser_api, _stale(world.jane))

    response = jane("PATCH", "/api/me", {"email": "jane.new@example.com", "phone": "217 555 0111"})

    assert response.status_code == 403 and response.data["code"] == "reauth_required"
    assert "j•••@example.com" in response.data["message"]
    stored = Account.get("acct-jane")
    assert (stored.pending_email, stored.pending_phone) == (None, None)  # nothing changed
    assert _emails_to("jane.new@example.com") == []
    [fresh] = _emails_to("jane@example.com")
    assert "/signin/link?next=%2Fprofile#token=" in fresh
    assert sent_texts() == []


def test_setting_a_password_on_an_old_session_needs_a_fresh_sign_in(browser_api, world):
    response = as_(browser_api, _stale(world.jane))("PUT", "/api/auth/password", {"password": "a long new passphrase"})

    assert response.status_code == 403 and response.data["code"] == "reauth_required"
    assert Account.get("acct-jane").password_hash is None


def test_a_fresh_session_may_change_email_and_password(browser_api, world):
    jane = as_(browser_api, world.jane)

    assert jane("PUT", "/api/auth/password", {"password": "a long new passphrase"}).status_code == 204
    assert jane("PATCH", "/api/me", {"email": "jane.new@example.com"}).status_code == 200


def test_the_old_address_can_undo_an_email_change_and_sign_out_everywhere(browser_api, world):
    jane = as_(browser_api, world.jane)
    jane("PATCH", "/api/me", {"email": "thief@example.com"})
    [confirm] = _emails_to("thief@example.com")
    assert browser_api("POST", "/api/me/email/confirm", {"token": _link(confirm, "confirm-email")}).status_code == 200

    [notice] = _emails_to("jane@example.com")
    assert "thief@example.com" in notice
    undone = browser_api("POST", "/api/me/email/undo", {"token": _link(notice, "undo-email")})

    assert undone.status_code == 200 and undone.data == {"email": "jane@example.com"}
    assert Account.get("acct-jane").email_lc == "jane@example.com"
    assert jane("GET", "/api/me").status_code == 401  # every session ended
    assert browser_api("POST", "/api/me/email/undo", {"token": _link(notice, "undo-email")}).data["code"] == "link_used"


# -- a phone is proven before it is used -----------------------------------------------------

def test_an_unconfirmed_phone_is_not_used_for_sign_in(browser_api, world):
    jane = as_(browser_api, world.jane)

    jane("PATCH", "/api/me", {"phone": "(217) 555-0123"})
    outbox.deliver_due()
    [(number, text, *_)] = sent_texts()
    assert number == "+12175550123" and "/profile/confirm-phone#token=" in text

    browser_api("POST", "/api/auth/magic-link", {"phone": "217 555 0123"})
    outbox.deliver_due()
    assert len(sent_texts()) == 1  # no sign-in text to a number nobody proved

    confirmed = browser_api("POST", "/api/me/phone/confirm", {"token": _link(text, "confirm-phone")})
    assert confirmed.status_code == 200 and confirmed.data == {"phone": "+12175550123"}
    browser_api("POST", "/api/auth/magic-link", {"phone": "217 555 0123"})
    outbox.deliver_due()
    assert "/signin/link#token=" in sent_texts()[-1][1]


def test_a_customer_cannot_take_another_customers_number(browser_api, admin, world):
    admin("PUT", "/api/admin/accounts/acct-sam", account(name="Sam Lee", email="sam@example.com", phone="217 555 0177"))
    as_(browser_api, world.jane)("PATCH", "/api/me", {"phone": "217 555 0177"})
    outbox.deliver_due()
    [(_, text, *_)] = [t for t in sent_texts() if "confirm-phone" in t[1]]

    response = browser_api("POST", "/api/me/phone/confirm", {"token": _link(text, "confirm-phone")})

    assert response.status_code == 409 and "Sam" not in response.data["message"]
    assert Account.get("acct-jane").phone == "+12175550198"


def test_two_accounts_confirming_one_email_at_once_exactly_one_wins(browser_api, world):
    for cookie in (world.jane, world.sam):
        as_(browser_api, cookie)("PATCH", "/api/me", {"email": "shared@example.com"})
    tokens = [_link(text, "confirm-email") for text in _emails_to("shared@example.com")]
    assert len(tokens) == 2
    results: list[str] = []
    start = threading.Barrier(2)

    def confirm(token: str) -> None:
        start.wait()
        try:
            profile.confirm_email({"token": token})
            results.append("confirmed")
        except Conflict as error:
            results.append(f"409: {error.message}")

    threads = [threading.Thread(target=confirm, args=(token,)) for token in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert results.count("confirmed") == 1
    [clash] = [r for r in results if r != "confirmed"]
    assert clash.startswith("409:") and "Jane" not in clash and "Sam" not in clash
    assert sorted(a.email_lc for a in Account.scan()).count("shared@example.com") == 1


# -- the company's upserts keep what the customer changed -------------------------------------

def test_a_company_upsert_with_the_old_email_keeps_the_customers_new_one(browser_api, admin, world):
    as_(browser_api, world.jane)("PATCH", "/api/me", {"email": "jane.new@example.com"})
    [confirm] = _emails_to("jane.new@example.com")
    browser_api("POST", "/api/me/email/confirm", {"token": _link(confirm, "confirm-email")})

    answer = admin("PUT", "/api/admin/accounts/acct-jane", account(name="Jane Q. Smith"))

    assert answer.status_code == 200 and answer.data["kept"] == ["email"]
    assert (answer.data["email"], answer.data["name"]) == ("jane.new@example.com", "Jane Q. Smith")
    assert Account.get("acct-jane").email_lc == "jane.new@example.com"


# -- one contact, several accounts (the company's choice) ------------------------------------

def test_a_contact_with_several_accounts_chooses_one_and_sees_only_labels(browser_api, admin, world):
    from tests.api.factories import property_

    for account_id, street in (("acct-home", "7 Elm Street"), ("acct-rental", "9 Birch Lane")):
        admin("PUT", f"/api/admin/accounts/{account_id}", account(name="Pat Manager", email="pat@example.com", phone=None))
        admin("PUT", f"/api/admin/properties/prop-{account_id}", property_(
            account_id, address={"line1": street, "city": "Springfield", "state": "IL", "zip": "62704"}))
    browser_api("POST", "/api/auth/magic-link", {"email": "pat@example.com"})
    [message] = _emails_to("pat@example.com")
    token = _link(message, "signin/link")

    described = browser_api("POST", "/api/auth/link", {"token": token}).data

    assert described["accounts"] == [{"id": "acct-home", "label": "7 Elm Street"}, {"id": "acct-rental", "label": "9 Birch Lane"}]
    assert described["name"] is None
    # Not an account the contact may open, nor none: refused, and the link still works
    for chosen in ("acct-jane", None):
        refused = browser_api("POST", "/api/auth/verify", {"token": token, "account_id": chosen})
        assert refused.status_code == 400 and refused.data["code"] == "link_invalid"
    signed_in = browser_api("POST", "/api/auth/verify", {"token": token, "account_id": "acct-rental"})
    assert signed_in.status_code == 200 and signed_in.data["account"]["account_id"] == "acct-rental"
    assert browser_api("POST", "/api/auth/verify", {"token": token, "account_id": "acct-home"}).data["code"] == "link_used"
