"""Passwordless sign-in: links by email and text, single use, sessions that really end."""
from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest

from chalicelib.auth import signin
from chalicelib.db.models import Account, Session, Token
from chalicelib.errors import LinkInvalid
from chalicelib.notify import outbox
from tests.api.signin_helpers import EMAIL, PHONE, ask_for_link, session_cookie, sign_in
from tests.conftest import email_text, recipients, sent_emails, sent_texts


def test_known_and_unknown_emails_get_byte_identical_answers(browser_api, jane, client):
    known = client.http.post("/api/auth/magic-link", headers={"Origin": "https://portal.test.example", "Content-Type": "application/json"}, body='{"email": "jane@example.com"}')
    unknown = client.http.post("/api/auth/magic-link", headers={"Origin": "https://portal.test.example", "Content-Type": "application/json"}, body='{"email": "nobody@example.com"}')

    assert (known.status_code, known.body) == (unknown.status_code, unknown.body) == (202, known.body)
    outbox.deliver_due()
    assert [recipients(m) for m in sent_emails()] == [["Jane@example.com"]]


def test_the_email_link_opens_the_site_and_signs_in_only_when_posted(browser_api, jane):
    token = ask_for_link(browser_api, email="JANE@example.com ")
    [message] = sent_emails()
    assert f"https://portal.test.example/signin/link#token={token}" in email_text(message)

    # Opening (describing) the link twice uses nothing
    for _ in range(2):
        described = browser_api("POST", "/api/auth/link", {"token": token})
        assert described.status_code == 200
        assert described.data == {"purpose": "signin", "name": "Jane", "sent_to": "J•••@example.com"}

    verified = browser_api("POST", "/api/auth/verify", {"token": token})

    assert verified.status_code == 200
    assert verified.data["account"]["name"] == "Jane Smith"
    cookie = verified.headers["Set-Cookie"]
    assert cookie.startswith("__Host-portal_session=")
    for attribute in ("HttpOnly", "Secure", "SameSite=Lax", "Path=/"):
        assert attribute in cookie
    me = browser_api("GET", "/api/auth/session", headers={"Cookie": session_cookie(verified)})
    assert me.status_code == 200 and me.data["account_id"] == "acct-1"
    assert Account.get("acct-1").activated_at is not None


def test_a_text_message_link_signs_in_by_phone(browser_api, jane):
    cookie = sign_in(browser_api, phone="217.555.0198")

    [(number, text, *_)] = sent_texts()
    assert number == PHONE and "https://portal.test.example/signin/link#token=" in text
    assert browser_api("GET", "/api/auth/session", headers={"Cookie": cookie}).status_code == 200


def test_a_used_link_is_refused(browser_api, jane):
    token = ask_for_link(browser_api, email=EMAIL)
    assert browser_api("POST", "/api/auth/verify", {"token": token}).status_code == 200

    again = browser_api("POST", "/api/auth/verify", {"token": token})

    assert again.status_code == 400 and again.data["code"] == "link_used"
    assert browser_api("POST", "/api/auth/link", {"token": token}).data["code"] == "link_used"


def test_an_expired_link_is_refused_even_before_ttl_deletes_it(browser_api, jane):
    token = ask_for_link(browser_api, email=EMAIL)
    stored = Token.get(signin.tokens.digest(token))
    assert timedelta(minutes=9) < stored.expires_at - datetime.now(timezone.utc) <= timedelta(minutes=10)
    stored.update(actions=[Token.expires_at.set(datetime.now(timezone.utc) - timedelta(seconds=1))])

    response = browser_api("POST", "/api/auth/verify", {"token": token})

    assert response.status_code == 400 and response.data["code"] == "link_expired"
    assert Session.count() == 0


def test_a_newer_link_voids_the_older_one(browser_api, jane):
    older = ask_for_link(browser_api, email=EMAIL)
    newer = ask_for_link(browser_api, email=EMAIL)

    voided = browser_api("POST", "/api/auth/verify", {"token": older})

    assert voided.status_code == 400 and voided.data["code"] == "link_invalid"
    assert browser_api("POST", "/api/auth/verify", {"token": newer}).status_code == 200


@pytest.mark.parametrize("mangle", [lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"), lambda t: t[:20], lambda t: "", lambda t: 12345])
def test_tampered_or_malformed_tokens_are_refused(browser_api, jane, mangle):
    token = ask_for_link(browser_api, email=EMAIL)

    response = browser_api("POST", "/api/auth/verify", {"token": mangle(token)})

    assert response.status_code == 400 and response.data["code"] == "link_invalid"
    assert browser_api("POST", "/api/auth/verify", {"token": token}).status_code == 200


def test_two_concurrent_verifies_of_one_link_make_exactly_one_session(browser_api, jane):
    token = ask_for_link(browser_api, email=EMAIL)
    results: list[str] = []

    def verify() -> None:
        try:
            signin.verify_link({"token": token})
            results.append("signed in")
        except LinkInvalid as error:
            results.append(error.code)

    threads = [threading.Thread(target=verify) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == ["link_used"] * 5 + ["signed in"]
    assert Session.count() == 1


def test_a_sign_in_token_is_never_accepted_as_a_session(browser_api, jane):
    token = ask_for_link(browser_api, email=EMAIL)

    response = browser_api("GET", "/api/auth/session", headers={"Cookie": f"__Host-portal_session={token}"})

    assert response.status_code == 401 and response.data["code"] == "signed_out"


def test_logout_ends_the_session_server_side(browser_api, jane):
    cookie = sign_in(browser_api, email=EMAIL)

    out = browser_api("POST", "/api/auth/logout", {}, headers={"Cookie": cookie})

    assert out.status_code == 204
    assert "Max-Age=0" in out.headers["Set-Cookie"]
    assert browser_api("GET", "/api/auth/session", headers={"Cookie": cookie}).status_code == 401


def test_sign_out_on_all_devices_ends_every_session(browser_api, jane):
    phone_cookie = sign_in(browser_api, phone=PHONE)
    laptop_cookie = sign_in(browser_api, email=EMAIL)

    assert browser_api("POST", "/api/auth/logout-all", {}, headers={"Cookie": laptop_cookie}).status_code == 204

    for cookie in (phone_cookie, laptop_cookie):
        assert browser_api("GET", "/api/auth/session", headers={"Cookie": cookie}).status_code == 401


def test_requests_from_other_sites_are_refused_and_send_nothing(anonymous, jane):
    evil = anonymous("POST", "/api/auth/magic-link", {"email": EMAIL}, headers={"Origin": "https://evil.example"})
    no_origin = anonymous("POST", "/api/auth/magic-link", {"email": EMAIL})
    via_referer = anonymous("POST", "/api/auth/magic-link", {"email": EMAIL}, headers={"Referer": "https://portal.test.example/signin"})

    assert evil.status_code == 403 and evil.data["code"] == "cross_site_request"
    assert no_origin.status_code == 403
    assert via_referer.status_code == 202
    outbox.deliver_due()
    assert len(sent_emails()) == 1


@pytest.mark.parametrize("body", [{}, {"email": "jane@"}, {"phone": "12"}, {"email": EMAIL, "phone": PHONE}, {"email": EMAIL, "admin": True}])
def test_malformed_requests_get_a_clear_400(browser_api, body):
    response = browser_api("POST", "/api/auth/magic-link", body)

    assert response.status_code == 400
    assert response.data["details"][0]["field"]
