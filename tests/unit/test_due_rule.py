"""The one due rule (customer.due): which interval applies, what it says, and the published table."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from chalicelib import company
from chalicelib.customer import due

TODAY = date(2026, 12, 2)


def _property(**values):
    base = {"service_interval_months": None, "system": {"type": "Conventional", "tank_gallons": 1000}, "household_size": None,
            "last_pump_out_on": "2025-06-10", "last_inspection_on": None, "upcoming": []}
    return SimpleNamespace(**{**base, **values})


def _settings(**service_due):
    return company.merge(company.DEFAULTS, {"service_due": service_due})


@pytest.mark.parametrize(("people", "years"), [(1, 12.4), (2, 5.9), (3, 3.7), (4, 2.6), (5, 2.0), (6, 1.5)])
def test_the_table_gives_the_published_years_for_a_1000_gallon_tank(people, years):
    assert due.table_years(1000, people) == years


def test_the_table_is_interpolated_between_tank_sizes():
    # halfway between 1,000 gal (2.6 years for 4 people) and 1,250 gal (3.4)
    assert due.table_years(1125, 4) == pytest.approx(3.0)


def test_outside_the_table_small_tanks_get_no_figure_and_big_ones_read_as_the_biggest_row():
    assert due.table_years(300, 2) is None
    assert due.table_years(4000, 2) == due.table_years(2500, 2) == 15.6


def test_above_ten_people_the_ten_person_figure_shrinks_in_proportion():
    assert due.table_years(1000, 20) == pytest.approx(0.35)


def test_the_household_interval_says_tank_and_people():
    figure = due.due_for(_property(household_size=4), "pump_out", _settings(), TODAY)

    assert figure["basis"] == "household"
    assert figure["interval_months"] == 31  # 2.6 years
    assert figure["explanation"] == "Every 2 years and 7 months for a 1,000 gal tank and 4 people"
    assert figure["date"] == "2028-01-10"


def test_the_household_interval_is_capped_at_the_companys_maximum():
    figure = due.due_for(_property(household_size=1), "pump_out", _settings(max_interval_months=60), TODAY)

    assert (figure["interval_months"], figure["basis"]) == (60, "household_capped")
    assert figure["explanation"] == "Every 5 years (our longest interval) for a 1,000 gal tank and 1 person"


def test_the_propertys_own_interval_wins_over_the_table():
    figure = due.due_for(_property(household_size=4, service_interval_months=36), "pump_out", _settings(), TODAY)

    assert (figure["interval_months"], figure["basis"]) == (36, "property")
    assert figure["explanation"] == "Every 3 years (your property's schedule)"


def test_with_the_table_turned_off_or_no_household_size_the_company_default_applies():
    for prop, settings in ((_property(household_size=4), _settings(household_table=False)), (_property(), _settings())):
        figure = due.due_for(prop, "pump_out", settings, TODAY)
        assert (figure["interval_months"], figure["basis"]) == (36, "company_default")
        assert figure["explanation"] == "Every 3 years (our standard schedule)"


def test_an_aerobic_system_is_due_for_a_yearly_inspection_and_others_are_not():
    aerobic = _property(system={"type": "Aerobic treatment unit"}, last_inspection_on="2026-01-05")

    figure = due.due_for(aerobic, "inspection", _settings(), TODAY)

    assert (figure["date"], figure["status"], figure["basis"]) == ("2027-01-05", "due_soon", "mechanical")
    assert figure["explanation"] == "Every year (systems with mechanical parts)"
    assert due.due_for(_property(), "inspection", _settings(), TODAY) is None


def test_a_booked_service_reads_booked_with_its_date():
    prop = _property(upcoming=[{"date": "2026-12-20", "service_type": "pump_out"}, {"date": "2026-12-10", "service_type": "repair"}])

    figure = due.due_for(prop, "pump_out", _settings(), TODAY)

    assert (figure["status"], figure["booked_on"]) == ("booked", "2026-12-20")


@pytest.mark.parametrize(("months", "words"), [(12, "Every year"), (36, "Every 3 years"), (18, "Every 18 months"),
                                                (1, "Every month"), (25, "Every 2 years and 1 month")])
def test_intervals_read_as_people_say_them(months, words):
    assert due.every(months) == words
