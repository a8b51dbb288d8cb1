"""One clock: "today" is the company's date (its booking time zone), not the server's UTC date."""
from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from chalicelib import clock
from tests.api.factories import account, property_

# 20:00 on New Year's Eve in Chicago (the demo company's zone) is already 02:00 on Jan 1 in UTC.
EVENING_DEC_31 = datetime(2025, 12, 31, 20, 0, tzinfo=ZoneInfo("America/Chicago"))


def test_today_is_the_date_where_the_company_is():
    with clock.frozen_at(EVENING_DEC_31):
        assert clock.now() == datetime(2026, 1, 1, 2, 0, tzinfo=timezone.utc)
        assert clock.today("America/Chicago") == date(2025, 12, 31)
        assert clock.today("UTC") == date(2026, 1, 1)
        assert clock.timestamp() == EVENING_DEC_31.timestamp()


def test_a_pump_out_due_today_is_not_overdue_at_the_companys_evening(admin, signed_in):
    # Given a pump-out due on Dec 31 (three years after the last one) and an appointment that day
    admin("PUT", "/api/admin/accounts/acct-1", account())
    admin("PUT", "/api/admin/properties/prop-1", property_("acct-1", service_interval_months=36))
    admin("PUT", "/api/admin/service-records/svc-1", {
        "property_id": "prop-1", "date": "2022-12-31", "service_type": "pump_out", "status": "completed"})
    jane = signed_in("acct-1")

    # When the customer looks at 20:00 in Chicago (already Jan 1 in UTC), as the office books a visit
    with clock.frozen_at(EVENING_DEC_31):
        admin("PUT", "/api/admin/appointments/appt-1", {
            "property_id": "prop-1", "date": "2025-12-31", "window_start": "18:00", "window_end": "21:00",
            "service_type": "inspection"})
        board = jane("GET", "/api/dashboard")

    # Then it is still Dec 31 for them: due today, and today's visit still upcoming
    assert board.status_code == 200, board.data
    [card] = board.data["properties"]
    assert card["next_service_due"]["date"] == "2025-12-31"
    assert card["next_service_due"]["status"] == "due_soon"
    assert [a["date"] for a in card["upcoming_appointments"]] == ["2025-12-31"]


def test_each_refusal_raises_a_fresh_error(aws):
    """A shared exception object grows its traceback on every raise and keeps old requests alive."""
    import pytest

    from chalicelib.auth import tokens
    from chalicelib.errors import LinkInvalid

    seen = []
    for _ in range(2):
        with pytest.raises(LinkInvalid) as caught:
            tokens.describe("not-a-real-token-0123456789", purposes=("signin",))
        seen.append(caught.value)

    assert seen[0] is not seen[1]
    assert len(list(_frames(seen[1]))) == len(list(_frames(seen[0])))  # the second did not pile onto the first


def _frames(exc):
    tb = exc.__traceback__
    while tb is not None:
        yield tb
        tb = tb.tb_next
