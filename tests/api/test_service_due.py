"""When the next service is due, as the customer sees it (F4): where the figure comes from, the household
size they enter, and the yearly inspection of systems with mechanical parts."""
from __future__ import annotations

from datetime import timedelta

import pytest

from chalicelib import clock
from chalicelib.customer.due import add_months
from tests.api.factories import account, appointment, property_, service_record

TANK_ONLY = {"type": "Conventional", "tank_gallons": 1000, "tank_count": 1}


@pytest.fixture
def jane(admin, signed_in):
    today = clock.today("America/Chicago")
    admin("PUT", "/api/admin/accounts/acct-1", account())
    admin("PUT", "/api/admin/properties/prop-1", property_("acct-1", system=TANK_ONLY, service_interval_months=None))
    admin("PUT", "/api/admin/service-records/svc-1", service_record("prop-1", date=(today - timedelta(days=400)).isoformat()))
    return signed_in("acct-1")


def _due(jane) -> dict:
    [card] = jane("GET", "/api/dashboard").data["properties"]
    return card["next_service_due"]


def test_without_a_household_size_the_companys_standard_schedule_applies(jane):
    due = _due(jane)

    assert (due["basis"], due["interval_months"]) == ("company_default", 36)
    assert due["explanation"] == "Every 3 years (our standard schedule)"


def test_the_household_size_the_customer_enters_sets_the_interval_by_the_table(jane):
    # When the customer says four people live there
    answer = jane("PATCH", "/api/me", {"household_size": {"prop-1": 4}})

    # Then the profile, the dashboard and the property page all say so
    assert answer.status_code == 200, answer.data
    assert answer.data["properties"][0]["household_size"] == 4
    due = _due(jane)
    assert (due["basis"], due["interval_months"]) == ("household", 31)
    assert due["explanation"] == "Every 2 years and 7 months for a 1,000 gal tank and 4 people"
    details = jane("GET", "/api/properties/prop-1").data
    assert details["next_service_due"] == due
    assert (details["household_size"], details["service_interval_months"]) == (4, 31)


def test_clearing_the_household_size_goes_back_to_the_standard_schedule(jane):
    jane("PATCH", "/api/me", {"household_size": {"prop-1": 4}})

    assert jane("PATCH", "/api/me", {"household_size": {"prop-1": None}}).data["properties"][0]["household_size"] is None

    assert _due(jane)["basis"] == "company_default"


def test_a_company_upsert_keeps_the_customers_household_size(admin, jane):
    jane("PATCH", "/api/me", {"household_size": {"prop-1": 4}})

    admin("PUT", "/api/admin/properties/prop-1", property_("acct-1", system={**TANK_ONLY, "install_year": 1999}, service_interval_months=None))

    assert jane("GET", "/api/me").data["properties"][0]["household_size"] == 4
    assert _due(jane)["basis"] == "household"


@pytest.mark.parametrize("size", [0, 21, 2.5, "four", True])
def test_a_household_size_outside_1_to_20_is_refused_and_nothing_changes(jane, size):
    answer = jane("PATCH", "/api/me", {"household_size": {"prop-1": size}})

    assert answer.status_code == 400
    assert answer.data["details"][0]["field"] == "household_size.prop-1"
    assert "from 1 to 20" in answer.data["details"][0]["message"]
    assert jane("GET", "/api/me").data["properties"][0]["household_size"] is None


def test_another_accounts_property_cannot_get_a_household_size(admin, jane):
    admin("PUT", "/api/admin/accounts/acct-2", account(email="sam@example.com", phone=None))
    admin("PUT", "/api/admin/properties/prop-2", property_("acct-2"))

    answer = jane("PATCH", "/api/me", {"household_size": {"prop-2": 3}})

    assert answer.status_code == 400 and answer.data["details"][0]["field"] == "household_size.prop-2"


def test_the_company_can_turn_the_table_off(admin, jane):
    jane("PATCH", "/api/me", {"household_size": {"prop-1": 4}})

    admin("PUT", "/api/admin/settings", {"service_due": {"household_table": False}})

    from chalicelib import company

    company.forget_cache()
    assert _due(jane)["basis"] == "company_default"


def test_an_aerobic_system_shows_its_yearly_inspection_and_booked_when_on_the_calendar(admin, jane):
    today = clock.today("America/Chicago")
    admin("PUT", "/api/admin/properties/prop-1", property_("acct-1", system={"type": "Aerobic treatment unit", "tank_gallons": 500}))
    inspected = today - timedelta(days=330)
    admin("PUT", "/api/admin/service-records/svc-insp", service_record("prop-1", service_type="inspection", date=inspected.isoformat()))

    [card] = jane("GET", "/api/dashboard").data["properties"]
    inspection = card["next_inspection_due"]
    assert (inspection["service"], inspection["status"], inspection["basis"]) == ("inspection", "due_soon", "mechanical")
    assert inspection["date"] == add_months(inspected, 12).isoformat()
    assert inspection["explanation"] == "Every year (systems with mechanical parts)"
    assert jane("GET", "/api/properties/prop-1").data["last_inspection_on"] == inspected.isoformat()

    booked_on = (today + timedelta(days=10)).isoformat()
    admin("PUT", "/api/admin/appointments/appt-insp", appointment("prop-1", service_type="inspection", date=booked_on))
    [card] = jane("GET", "/api/dashboard").data["properties"]
    assert (card["next_inspection_due"]["status"], card["next_inspection_due"]["booked_on"]) == ("booked", booked_on)
    assert card["next_service_due"]["status"] != "booked"  # the pump-out is not on the calendar
