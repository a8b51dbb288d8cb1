"""Invitations (F2), finding an account by service address (F3), optional passwords (F1)."""
from __future__ import annotations

import email
import secrets
from datetime import datetime, timedelta, timezone
from email import policy

import pytest

from chalicelib import clock
from chalicelib.auth import tokens
from chalicelib.db.models import Account, Token
from chalicelib.notify import outbox
from tests.api.factories import account, property_, seed_property
from tests.api.signin_helpers import EMAIL, links_sent, session_cookie, sign_in
from tests.conftest import email_text, recipients, sent_emails


# -- invitations ------------------------------------------------------------------------------

def test_an_invitation_activates_the_account_with_one_click(admin, browser_api):
    admin("PUT", "/api/admin/accounts/acct-1", account())

    invited = admin("POST", "/api/admin/accounts/acct-1/invite")

    assert invited.status_code == 202 and invited.data["sent_to"] == "j•••@example.com"
    outbox.deliver_due()
    [message] = sent_emails()
    html = email.message_from_string(message.raw_data, policy=policy.default).get_body(("html",)).get_content()
    assert "Activate my account</a>" in html  # decoded: the raw MIME may wrap a long line anywhere
    token = links_sent()[-1]
    stored = Token.get(tokens.digest(token))
    assert timedelta(days=6, hours=23) < stored.expires_at - datetime.now(timezone.utc) <= timedelta(days=7)
    assert browser_api("POST", "/api/auth/link", {"token": token}).data["purpose"] == "invite"

    verified = browser_api("POST", "/api/auth/verify", {"token": token})

    assert verified.status_code == 200
    stored_account = Account.get("acct-1")
    assert stored_account.invited_at is not None and stored_account.activated_at is not None
    assert browser_api("POST", "/api/auth/verify", {"token": token}).data["code"] == "link_used"


def test_invite_everyone_reaches_only_accounts_with_an_email_never_invited(admin):
    admin("PUT", "/api/admin/accounts/acct-1", account(email="one@example.com"))
    admin("PUT", "/api/admin/accounts/acct-2", account(email="two@example.com"))
    admin("PUT", "/api/admin/accounts/acct-3", account(email=None))
    admin("POST", "/api/admin/accounts/acct-1/invite")

    first = admin("POST", "/api/admin/invitations")
    again = admin("POST", "/api/admin/invitations")

    assert first.data == {"invited": 1, "skipped": 0, "more": False}
    assert again.data == {"invited": 0, "skipped": 0, "more": False}
    outbox.deliver_due()
    assert sorted(recipients(m)[0] for m in sent_emails()) == ["one@example.com", "two@example.com"]
    # A later sync of an invited account does not put it back on the list
    admin("PUT", "/api/admin/accounts/acct-2", account(email="two@example.com", name="Renamed"))
    assert admin("POST", "/api/admin/invitations").data["invited"] == 0


def test_inviting_an_unknown_account_or_one_without_email_is_refused(admin):
    admin("PUT", "/api/admin/accounts/acct-3", account(email=None))

    assert admin("POST", "/api/admin/accounts/acct-nobody/invite").status_code == 404
    assert admin("POST", "/api/admin/accounts/acct-3/invite").status_code == 409


# -- find my account by address -----------------------------------------------------------------

def _lookup(api, address: str, zip_code: str = "62704"):
    return api("POST", "/api/auth/lookup", {"address": address, "zip": zip_code})


@pytest.mark.parametrize("written", ["12 Oak St.", "12 oak street", "12 OAK ST"])
def test_a_known_address_sends_a_link_to_the_contact_on_file(admin, browser_api, written):
    seed_property(admin)
    response = _lookup(browser_api, written)
    assert response.status_code == 202

    outbox.deliver_due()

    [message] = sent_emails()
    assert recipients(message) == ["jane@example.com"] and "/signin/link#token=" in email_text(message)


def test_an_unknown_address_answers_the_same_and_discloses_nothing(admin, browser_api, client):
    seed_property(admin)
    headers = {"Origin": "https://portal.test.example", "Content-Type": "application/json"}
    known = client.http.post("/api/auth/lookup", headers=headers, body='{"address": "12 Oak St", "zip": "62704"}')
    unknown = client.http.post("/api/auth/lookup", headers=headers, body='{"address": "99 Nowhere Rd", "zip": "62704"}')
    outbox.deliver_due()
    # Nothing else to ask: there is no status to poll, so nothing can tell the two apart later.
    asked_after = [client.http.get(f"/api/auth/lookup/{ident}", headers=headers).status_code for ident in ("a" * 32, "b" * 32)]

    assert (known.status_code, known.headers, known.body) == (unknown.status_code, unknown.headers, unknown.body)
    assert known.status_code == 202
    assert asked_after[0] == asked_after[1] and asked_after[0] >= 400  # no such route, for either
    assert len(sent_emails()) == 1


def test_a_lookup_needs_an_address_and_a_zip(browser_api):
    response = _lookup(browser_api, "12 Oak St", zip_code="Springfield")

    assert response.status_code == 400 and response.data["details"][0]["field"] == "zip"


# -- optional password ---------------------------------------------------------------------------

def _login(api, email: str, password: str):
    return api("POST", "/api/auth/login", {"email": email, "password": password})


def test_a_signed_in_customer_can_set_a_password_and_then_use_it(browser_api, jane):
    cookie = sign_in(browser_api, email=EMAIL)
    assert browser_api("PUT", "/api/auth/password", {"password": "short"}, headers={"Cookie": cookie}).status_code == 400

    assert browser_api("PUT", "/api/auth/password", {"password": "correct horse battery"}, headers={"Cookie": cookie}).status_code == 204

    assert Account.get("acct-1").password_hash.startswith("$argon2id$")
    logged_in = _login(browser_api, "JANE@example.com", "correct horse battery")
    assert logged_in.status_code == 200
    assert browser_api("GET", "/api/auth/session", headers={"Cookie": session_cookie(logged_in)}).data["has_password"] is True


def test_setting_a_password_needs_a_session(browser_api):
    assert browser_api("PUT", "/api/auth/password", {"password": "correct horse battery"}).status_code == 401


def test_wrong_password_and_unknown_email_get_the_same_answer(browser_api, jane):
    cookie = sign_in(browser_api, email=EMAIL)
    browser_api("PUT", "/api/auth/password", {"password": "correct horse battery"}, headers={"Cookie": cookie})

    wrong = _login(browser_api, EMAIL, "incorrect horse")
    unknown = _login(browser_api, "nobody@example.com", "incorrect horse")
    no_password_set = _login(browser_api, "jane@example.com", "")

    assert (wrong.status_code, wrong.data) == (unknown.status_code, unknown.data)
    assert wrong.status_code == 401
    assert no_password_set.status_code == 400


def test_repeated_failures_lock_password_sign_in_for_a_while(browser_api, jane):
    cookie = sign_in(browser_api, email=EMAIL)
    browser_api("PUT", "/api/auth/password", {"password": "correct horse battery"}, headers={"Cookie": cookie})

    # one moment for all six: the failures are counted per 15-minute window, and a run crossing
    # a window's end would start counting afresh
    with clock.frozen_at(clock.now()):
        failures = [_login(browser_api, EMAIL, f"guess number {n}").status_code for n in range(5)]
        locked = _login(browser_api, EMAIL, "correct horse battery")

    assert failures == [401] * 5
    assert locked.status_code == 429 and "link" in locked.data["message"]


def test_an_address_two_owners_share_sends_each_a_link_to_their_own_account(admin, browser_api):
    seed_property(admin)  # Jane's
    admin("PUT", "/api/admin/accounts/acct-2", account(name="New Owner", email="owner@example.com", phone=None))
    admin("PUT", "/api/admin/properties/prop-2", property_("acct-2"))
    _lookup(browser_api, "12 Oak Street")

    outbox.deliver_due()

    assert sorted(recipients(m)[0] for m in sent_emails()) == ["jane@example.com", "owner@example.com"]


def test_a_request_id_from_an_older_page_is_ignored_and_the_link_still_sent(admin, browser_api):
    seed_property(admin)

    response = browser_api("POST", "/api/auth/lookup", {"address": "12 Oak St", "zip": "62704", "request_id": secrets.token_urlsafe(24)})

    assert response.status_code == 202
    outbox.deliver_due()
    assert len(sent_emails()) == 1


def test_a_wrong_password_answer_carries_no_bearer_challenge(browser_api):
    response = _login(browser_api, "nobody@example.com", "whatever it is")

    assert response.status_code == 401 and response.data["code"] == "wrong_password"
    assert "WWW-Authenticate" not in response.headers
