"""Staff sign-in for the office console: magic links, a separate audience and cookie, sign out, disabling."""
from __future__ import annotations

import jwt

from tests.api.signin_helpers import EMAIL, sign_in
from tests.api.staff_helpers import STAFF_COOKIE, add_staff, as_staff, ask_for_staff_link, staff_links, staff_sign_in
from tests.conftest import email_text, recipients, sent_emails


def test_owner_signs_in_with_a_link_and_is_known_by_me(admin, browser_api, client):
    add_staff(admin, "Olivia Owner", "owner@example.com", "owner")

    cookie = staff_sign_in(browser_api, "Owner@Example.com")

    assert cookie.startswith(f"{STAFF_COOKIE}=")
    me = as_staff(client, cookie)("GET", "/api/admin/me")
    assert me.status_code == 200
    assert me.data["name"] == "Olivia Owner" and me.data["role"] == "owner" and "staff" in me.data["areas"]
    assert any("owner@example.com" in recipients(m) for m in sent_emails())
    assert "office console" in email_text(sent_emails()[-1])


def test_the_answer_is_the_same_for_an_unknown_address_and_nothing_is_sent(admin, browser_api):
    add_staff(admin, "Olivia Owner", "owner@example.com", "owner")
    known = browser_api("POST", "/api/office/auth/magic-link", {"email": "owner@example.com"})
    unknown = browser_api("POST", "/api/office/auth/magic-link", {"email": "nobody@example.com"})

    assert (known.status_code, known.data) == (unknown.status_code, unknown.data) == (202, known.data)
    from chalicelib.notify import outbox

    outbox.deliver_due()
    assert len(staff_links()) == 1


def test_a_link_works_once_and_a_newer_link_voids_the_older(admin, browser_api):
    add_staff(admin, "Olivia Owner", "owner@example.com", "owner")
    older = ask_for_staff_link(browser_api, "owner@example.com")
    newer = ask_for_staff_link(browser_api, "owner@example.com")

    assert browser_api("POST", "/api/office/auth/verify", {"token": older}).data["code"] == "link_invalid"
    assert browser_api("POST", "/api/office/auth/verify", {"token": newer}).status_code == 200
    again = browser_api("POST", "/api/office/auth/verify", {"token": newer})
    assert (again.status_code, again.data["code"]) == (400, "link_used")


def test_opening_the_link_page_uses_nothing(admin, browser_api):
    add_staff(admin, "Olivia Owner", "owner@example.com", "owner")
    token = ask_for_staff_link(browser_api, "owner@example.com")

    described = browser_api("POST", "/api/office/auth/link", {"token": token})

    assert described.status_code == 200 and described.data["name"] == "Olivia"
    assert browser_api("POST", "/api/office/auth/verify", {"token": token}).status_code == 200


def test_too_many_link_requests_are_refused(admin, browser_api):
    add_staff(admin, "Olivia Owner", "owner@example.com", "owner")
    answers = [browser_api("POST", "/api/office/auth/magic-link", {"email": "owner@example.com"}).status_code for _ in range(4)]
    assert answers == [202, 202, 202, 429]


def test_a_customer_link_is_not_a_staff_link_and_the_reverse(admin, browser_api, jane):
    add_staff(admin, "Olivia Owner", "owner@example.com", "owner")
    staff_token = ask_for_staff_link(browser_api, "owner@example.com")
    from tests.api.signin_helpers import ask_for_link

    customer_token = ask_for_link(browser_api, email=EMAIL)

    assert browser_api("POST", "/api/auth/verify", {"token": staff_token}).data["code"] == "link_invalid"
    assert browser_api("POST", "/api/office/auth/verify", {"token": customer_token}).data["code"] == "link_invalid"


def test_a_customer_session_is_never_a_staff_session(admin, browser_api, client, jane):
    customer_cookie = sign_in(browser_api, email=EMAIL)
    value = customer_cookie.split("=", 1)[1]

    # Neither the customer's cookie, nor its JWT put in the staff cookie, opens the admin API
    assert as_staff(client, customer_cookie)("GET", "/api/admin/booking-requests").status_code == 401
    assert as_staff(client, f"{STAFF_COOKIE}={value}")("GET", "/api/admin/booking-requests").status_code == 401


def test_a_staff_session_is_never_a_customer_session(admin, browser_api, client):
    add_staff(admin, "Olivia Owner", "owner@example.com", "owner")
    staff_cookie = staff_sign_in(browser_api, "owner@example.com")
    value = staff_cookie.split("=", 1)[1]
    assert jwt.decode(value, options={"verify_signature": False})["aud"] == "septic-portal:staff"

    for cookie in (staff_cookie, f"__Host-portal_session={value}"):
        assert as_staff(client, cookie)("GET", "/api/auth/session").status_code == 401
        assert as_staff(client, cookie)("GET", "/api/dashboard").status_code == 401


def test_signing_out_ends_the_session_at_once(admin, browser_api, client):
    add_staff(admin, "Olivia Owner", "owner@example.com", "owner")
    cookie = staff_sign_in(browser_api, "owner@example.com")
    api = as_staff(client, cookie)

    out = api("POST", "/api/office/auth/logout")

    assert out.status_code == 204 and "Max-Age=0" in out.headers["Set-Cookie"]
    assert api("GET", "/api/admin/me").status_code == 401


def test_a_disabled_member_loses_the_session_at_once_and_gets_no_more_links(admin, browser_api, client):
    add_staff(admin, "Olivia Owner", "owner@example.com", "owner")
    dana = add_staff(admin, "Dana Dispatch", "dispatch@example.com", "dispatcher")
    cookie = staff_sign_in(browser_api, "dispatch@example.com")
    assert as_staff(client, cookie)("GET", "/api/admin/booking-requests").status_code == 200

    assert admin("PATCH", f"/api/admin/staff/{dana['id']}", {"disabled": True}).status_code == 200

    assert as_staff(client, cookie)("GET", "/api/admin/booking-requests").status_code == 401
    before = len(staff_links())
    browser_api("POST", "/api/office/auth/magic-link", {"email": "dispatch@example.com"})
    from chalicelib.notify import outbox

    outbox.deliver_due()
    assert len(staff_links()) == before


def test_the_link_returns_to_the_console_page_asked_for_and_nowhere_else(admin, browser_api):
    from chalicelib.notify import outbox

    asked = {"/office/api-keys": "?next=%2Foffice%2Fapi-keys#token=", "/office/customers?q=smith": "?next=%2Foffice%2Fcustomers%3Fq%3Dsmith#token=",
             "//evil.example/office/": "#token=", "/dashboard": "#token=", "/office/signin": "#token=", "https://evil.example/office/x": "#token="}
    for number, (next_path, expected) in enumerate(asked.items()):
        email = f"owner{number}@example.com"  # one member each: a member's links are rate-limited
        add_staff(admin, f"Owner {number}", email, "owner")
        response = browser_api("POST", "/api/office/auth/magic-link", {"email": email, "next": next_path})
        assert response.status_code == 202, response.data
        outbox.deliver_due()
        text = outbox.recent()[0]["text"]
        assert f"/office/signin-link{expected}" in text, (next_path, text)
