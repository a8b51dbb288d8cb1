"""Contact details and preferences (F12): only the customer's own fields change."""
from __future__ import annotations

import re

import pytest

from chalicelib.db.models import Account, Property
from chalicelib.notify import outbox
from tests.api.customer_world import as_
from tests.conftest import email_text, recipients, sent_emails

# The tests here share one world, built once (tests/api/conftest.py), and put it back after each.
pytestmark = pytest.mark.usefixtures("one_world", "put_back_world")


def test_profile_shows_contact_details_properties_and_preferences(browser_api, world):
    me = as_(browser_api, world.jane)("GET", "/api/me").data

    assert (me["name"], me["email"], me["phone"]) == ("Jane Smith", "jane@example.com", "+12175550198")
    assert me["preferences"] == {"email": True, "sms": False, "reminders": True}
    assert sorted(p["id"] for p in me["properties"]) == ["prop-cabin", "prop-home"]


def test_phone_address_preferences_and_access_notes_can_be_changed(browser_api, world):
    jane = as_(browser_api, world.jane)

    updated = jane("PATCH", "/api/me", {
        "phone": "217 555 0111",
        "mailing_address": {"line1": "PO Box 12", "city": "Springfield", "state": "il", "zip": "62705"},
        "preferences": {"sms": True, "reminders": False},
        "access_notes": {"prop-home": "Gate code 4411. Friendly dog."},
    })

    assert updated.status_code == 200, updated.data
    assert (updated.data["phone"], updated.data["pending_phone"]) == ("+12175550198", "+12175550111")  # until confirmed
    assert updated.data["mailing_address"]["state"] == "IL"
    assert updated.data["preferences"] == {"email": True, "sms": True, "reminders": False}
    assert Property.get("prop-home").access_notes == "Gate code 4411. Friendly dog."
    assert jane("GET", "/api/properties/prop-home").data["access_notes"] == "Gate code 4411. Friendly dog."


def test_a_company_sync_keeps_the_customers_access_notes(admin, browser_api, world):
    as_(browser_api, world.jane)("PATCH", "/api/me", {"access_notes": {"prop-home": "Gate code 4411"}})

    from tests.api.factories import property_

    admin("PUT", "/api/admin/properties/prop-home", property_("acct-jane", service_interval_months=24))

    assert Property.get("prop-home").access_notes == "Gate code 4411"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "Mallory"}, "name"),
        ({"account_id": "acct-sam"}, "account_id"),
        ({"open_balance_cents": 0}, "open_balance_cents"),
        ({"visibility": "customer"}, "visibility"),
        ({"phone": "12"}, "phone"),
        ({"mailing_address": {"line1": "1 Main", "city": "X", "state": "Illinois", "zip": "62704"}}, "mailing_address.state"),
        ({"preferences": {"sms": "yes"}}, "preferences.sms"),
        ({"preferences": {"marketing": True}}, "preferences.marketing"),
        ({"access_notes": {"prop-sam": "I am not Sam"}}, "access_notes.prop-sam"),
    ],
)
def test_fields_a_customer_cannot_change_are_refused_and_nothing_is_written(browser_api, world, body, field):
    jane = as_(browser_api, world.jane)
    before = Account.get("acct-jane").serialize()

    response = jane("PATCH", "/api/me", {"phone": "217 555 0111", **body})

    assert response.status_code == 400
    assert response.data["details"][0]["field"] == field
    assert Account.get("acct-jane").serialize() == before
    assert Property.get("prop-sam").access_notes is None


def test_a_new_email_takes_effect_only_when_confirmed_from_the_new_address(browser_api, world):
    jane = as_(browser_api, world.jane)

    pending = jane("PATCH", "/api/me", {"email": "jane.new@example.com"}).data

    assert pending["email"] == "jane@example.com" and pending["pending_email"] == "jane.new@example.com"
    outbox.deliver_due()
    [message] = [m for m in sent_emails() if recipients(m) == ["jane.new@example.com"]]
    token = re.search(r"confirm-email#token=([\w-]+)", email_text(message)).group(1)

    confirmed = browser_api("POST", "/api/me/email/confirm", {"token": token})

    assert confirmed.status_code == 200 and confirmed.data == {"email": "jane.new@example.com"}
    stored = Account.get("acct-jane")
    assert (stored.email, stored.email_lc, stored.pending_email) == ("jane.new@example.com", "jane.new@example.com", None)
    assert browser_api("POST", "/api/me/email/confirm", {"token": token}).data["code"] == "link_used"


def test_an_email_already_used_by_another_account_is_not_taken_over(browser_api, world):
    as_(browser_api, world.jane)("PATCH", "/api/me", {"email": "sam@example.com"})
    outbox.deliver_due()
    [message] = [m for m in sent_emails() if recipients(m) == ["sam@example.com"]]
    token = re.search(r"confirm-email#token=([\w-]+)", email_text(message)).group(1)

    response = browser_api("POST", "/api/me/email/confirm", {"token": token})

    assert response.status_code == 409
    assert Account.get("acct-jane").email == "jane@example.com"


def test_an_email_change_link_is_not_a_sign_in_link(browser_api, world):
    as_(browser_api, world.jane)("PATCH", "/api/me", {"email": "jane.new@example.com"})
    outbox.deliver_due()
    token = re.search(r"confirm-email#token=([\w-]+)", email_text(sent_emails()[-1])).group(1)

    assert browser_api("POST", "/api/auth/verify", {"token": token}).status_code == 400


def test_profile_changes_need_the_portals_origin(anonymous, world):
    response = anonymous("PATCH", "/api/me", {"phone": "217 555 0111"}, headers={"Cookie": world.jane, "Origin": "https://evil.example"})

    assert response.status_code == 403
    assert Account.get("acct-jane").phone == "+12175550198"
