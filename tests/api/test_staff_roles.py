"""Roles on the admin API: a staff session may call only what its role allows; writes are CSRF-checked."""
from __future__ import annotations

import pytest

from tests.api.factories import account
from tests.api.staff_helpers import add_staff, as_staff, staff_sign_in


@pytest.fixture
def team(admin, browser_api):
    add_staff(admin, "Olivia Owner", "owner@example.com", "owner")
    add_staff(admin, "Omar Office", "office@example.com", "office")
    add_staff(admin, "Dana Dispatch", "dispatch@example.com", "dispatcher")
    return {role: staff_sign_in(browser_api, f"{role}@example.com") for role in ("owner", "office", "dispatch")}


def test_a_dispatcher_opens_the_booking_queue_and_nothing_else(client, team):
    dispatcher = as_staff(client, team["dispatch"])

    assert dispatcher("GET", "/api/admin/booking-requests").status_code == 200
    assert dispatcher("GET", "/api/admin/bookings/week").status_code == 200
    refused = dispatcher("GET", "/api/admin/settings")
    assert refused.status_code == 403
    assert refused.data["message"] == "As a dispatcher you cannot do this; ask an owner of the portal if you need it."
    assert dispatcher("GET", "/api/admin/messages").status_code == 403
    assert dispatcher("GET", "/api/admin/staff").status_code == 403


def test_office_staff_manage_customers_but_not_settings_keys_or_staff(client, team):
    office = as_staff(client, team["office"])

    assert office("PUT", "/api/admin/accounts/acct-9", account()).status_code == 201
    assert office("GET", "/api/admin/messages").status_code == 200
    for method, path in (("GET", "/api/admin/settings"), ("GET", "/api/admin/api-keys"), ("GET", "/api/admin/staff"),
                         ("GET", "/api/admin/audit")):
        assert office(method, path).status_code == 403, path


def test_a_refused_write_changes_nothing(client, team):
    from chalicelib.db.models import Account

    assert as_staff(client, team["dispatch"])("PUT", "/api/admin/accounts/acct-9", account()).status_code == 403
    assert Account.count("acct-9") == 0


def test_an_owner_may_do_everything(client, team):
    owner = as_staff(client, team["owner"])
    for path in ("/api/admin/settings", "/api/admin/api-keys", "/api/admin/staff", "/api/admin/audit", "/api/admin/messages"):
        assert owner("GET", path).status_code == 200, path


def test_a_staff_write_from_another_site_is_refused(client, team):
    from chalicelib.db.models import Account

    for origin in ("https://evil.example", None):
        api = as_staff(client, team["owner"], origin=origin)
        refused = api("PUT", "/api/admin/accounts/acct-9", account())
        assert (refused.status_code, refused.data["code"]) == (403, "cross_site_request")
    assert Account.count("acct-9") == 0
    # reading needs no Origin
    assert as_staff(client, team["owner"], origin=None)("GET", "/api/admin/staff").status_code == 200


def test_the_api_key_still_does_everything_without_an_origin(admin):
    assert admin("PUT", "/api/admin/accounts/acct-9", account()).status_code == 201
    assert admin("GET", "/api/admin/staff").status_code == 200


def test_me_tells_the_console_what_the_role_may_open(client, team):
    me = as_staff(client, team["dispatch"])("GET", "/api/admin/me").data
    assert (me["name"], me["role"], me["areas"]) == ("Dana Dispatch", "dispatcher", ["bookings"])


def test_without_a_key_or_a_session_the_admin_api_is_401(anonymous):
    assert anonymous("GET", "/api/admin/me").status_code == 401
