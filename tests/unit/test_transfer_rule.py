"""The state's transfer rule (SPEC F13): until when the last inspection counts for a sale."""
from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from chalicelib.customer.due import add_months
from chalicelib.sale.transaction import inspection_validity, yearly_through

MA = {"state": "MA", "inspection_valid_months": 24, "valid_months_if_pumped_yearly": 36}


def test_no_rule_or_no_inspection_says_nothing() -> None:
    assert inspection_validity(None, "2025-01-10", None, date(2026, 1, 1)) is None
    assert inspection_validity(MA, None, None, date(2026, 1, 1)) is None


def test_without_yearly_pumping_the_inspection_counts_24_months() -> None:
    through = yearly_through("2024-03-01", [])  # never pumped since
    result = inspection_validity(MA, "2024-03-01", through, date(2025, 6, 1))
    assert result["until"] == "2026-03-01"
    assert "valid for a transfer under MA rules until March 1, 2026." in result["words"]


def test_pumped_every_year_extends_it_to_36_months() -> None:
    through = yearly_through("2023-03-01", ["2024-02-20", "2025-02-15"])
    result = inspection_validity(MA, "2023-03-01", through, date(2025, 12, 1))
    assert result["until"] == "2026-03-01"
    assert "if the system is pumped again by February 15, 2026" in result["words"]


def test_a_gap_longer_than_a_year_ends_the_extension_for_good() -> None:
    through = yearly_through("2023-03-01", ["2024-02-20", "2025-03-01"])  # 12 months and 9 days
    assert through == "2024-02-20"
    result = inspection_validity(MA, "2023-03-01", through, date(2025, 6, 1))
    assert result["until"] == "2025-03-01" and "a sale now needs a new inspection" in result["words"]


def test_exactly_twelve_months_later_still_counts_as_yearly() -> None:
    assert yearly_through("2023-03-01", ["2024-03-01", "2025-03-01"]) == "2025-03-01"


def test_pumped_on_the_day_of_the_inspection_counts() -> None:
    assert yearly_through("2023-03-01", ["2023-03-01"]) == "2023-03-01"


def test_pumping_before_the_inspection_does_not_count() -> None:
    assert yearly_through("2023-03-01", ["2022-12-01"]) == "2023-03-01"


def test_yearly_until_the_end_keeps_the_longer_date_after_it_passed() -> None:
    through = yearly_through("2021-01-10", ["2022-01-05", "2023-01-02", "2024-01-01"])
    result = inspection_validity(MA, "2021-01-10", through, date(2025, 5, 1))
    assert result["until"] == "2024-01-10" and result["words"].startswith("The last inspection (January 10, 2021) was valid")


def test_a_rule_without_the_extension() -> None:
    rule = {"state": "RI", "inspection_valid_months": 12, "valid_months_if_pumped_yearly": None}
    result = inspection_validity(rule, "2025-02-28", "2025-10-01", date(2025, 6, 1))
    assert result["until"] == "2026-02-28"


DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))


@given(inspected=DAYS, gaps=st.lists(st.integers(min_value=1, max_value=500), max_size=8),
       ahead=st.integers(min_value=0, max_value=2000))
def test_validity_is_always_one_of_the_two_periods(inspected: date, gaps: list[int], ahead: int) -> None:
    pumps, day = [], inspected
    for gap in gaps:
        day += timedelta(days=gap)
        pumps.append(day.isoformat())
    today = inspected + timedelta(days=ahead)
    through = yearly_through(inspected.isoformat(), pumps)
    result = inspection_validity(MA, inspected.isoformat(), through, today)
    base, extended = add_months(inspected, 24).isoformat(), add_months(inspected, 36).isoformat()
    assert result["until"] in (base, extended)
    # The longer period only when no gap in the chain (from the inspection) went past 12 months up to then
    if result["until"] == extended:
        chain = [inspected] + [date.fromisoformat(p) for p in pumps if date.fromisoformat(p) <= min(today, add_months(inspected, 36))]
        assert all(b <= add_months(a, 12) for a, b in zip(chain, chain[1:]))
        assert add_months(chain[-1], 12) >= min(today, add_months(inspected, 36))
    assert ("was valid" in result["words"]) == (result["until"] < today.isoformat())
