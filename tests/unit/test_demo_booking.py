"""The demo's repair visit always lands inside the cutoff, whatever the hour the portal starts."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from chalicelib.booking.rules import Rules
from devserver.demo import SETTINGS, next_window_inside_cutoff

MONDAY = datetime(2026, 11, 23, 0, 17, tzinfo=timezone.utc)


def test_every_hour_of_a_week_has_a_visit_that_can_no_longer_be_changed():
    rules = Rules(SETTINGS["booking"])
    for hours in range(7 * 24):
        moment = MONDAY + timedelta(hours=hours)

        day, window = next_window_inside_cutoff(rules, moment)

        assert rules.change_deadline(day, window) <= moment < rules.starts_at(day, window), moment
