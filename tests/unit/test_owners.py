"""Who held a home on a day (F14): the rule that keeps a record with the owner it was made for."""
from __future__ import annotations

from chalicelib.db.models import Property
from chalicelib.sale import owners


def _home(account_id: str, history=None) -> Property:
    return Property("prop-1", account_id=account_id, owners=history)


def test_a_home_that_never_changed_hands_is_its_holders_on_every_day():
    assert owners.owner_on(_home("acct-a"), "1999-01-01") == "acct-a"
    assert owners.previous_owners(_home("acct-a")) == set()


def test_after_a_transfer_each_day_belongs_to_who_held_it_then():
    history = owners.handed_on(_home("acct-a"), "acct-b", "2026-12-02")
    home = _home("acct-b", history)

    assert history == [{"account_id": "acct-a", "from": None, "to": "2026-12-02"},
                       {"account_id": "acct-b", "from": "2026-12-02", "to": None}]
    assert owners.owner_on(home, "2026-12-01") == "acct-a"
    assert owners.owner_on(home, "2026-12-02") == "acct-b"  # the transfer day is the new owner's
    assert owners.previous_owners(home) == {"acct-a"}


def test_a_second_sale_keeps_every_earlier_period():
    first = _home("acct-b", owners.handed_on(_home("acct-a"), "acct-b", "2020-05-01"))
    home = _home("acct-c", owners.handed_on(first, "acct-c", "2026-12-02"))

    assert [owners.owner_on(home, day) for day in ("2019-01-01", "2023-01-01", "2027-01-01")] == ["acct-a", "acct-b", "acct-c"]
    assert owners.previous_owners(home) == {"acct-a", "acct-b"}


def test_a_correction_replaces_the_current_holder_only():
    home = _home("acct-b", owners.handed_on(_home("acct-a"), "acct-b", "2026-12-02"))

    assert [entry["account_id"] for entry in owners.corrected(home, "acct-x")] == ["acct-a", "acct-x"]
    assert owners.corrected(_home("acct-a"), "acct-x") is None
