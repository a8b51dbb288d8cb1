"""Autopay where it matters: the invoices list and each invoice say whether autopay is on, whether
the customer can have it, and the day the autopay job will really charge each open invoice."""
from __future__ import annotations

from datetime import timedelta

import pytest
import stripe

from chalicelib import clock
from chalicelib.billing import autopay
from chalicelib.db.models import Invoice
from tests.api import stripe_helpers as stripe_sim
from tests.api.factories import account, invoice

TODAY = clock.today("America/Chicago")  # the company's day, as the portal counts it


def _day(offset: int) -> str:
    return (TODAY + timedelta(days=offset)).isoformat()


@pytest.fixture
def jane(admin, stripe_local, signed_in):
    stripe_sim.configure(stripe_local)
    admin("PUT", "/api/admin/accounts/acct-jane", account(maintenance_agreement=True))
    admin("PUT", "/api/admin/invoices/inv-later", invoice("acct-jane", number="1050", issued_on=_day(-1), due_on=_day(10)))
    admin("PUT", "/api/admin/invoices/inv-late", invoice("acct-jane", number="1040", issued_on=_day(-40), due_on=_day(-1)))
    admin("PUT", "/api/admin/invoices/inv-old", invoice("acct-jane", number="1030", issued_on=_day(-60), due_on=_day(-30)))
    admin("PUT", "/api/admin/invoices/inv-paid", invoice("acct-jane", number="1020", issued_on=_day(-90), due_on=_day(-60), status="paid"))
    return signed_in("acct-jane")


def _charges(api) -> dict[str, str | None]:
    return {item["number"]: item["autopay_charges_on"] for item in api("GET", "/api/invoices").data["items"]}


def test_without_autopay_nothing_will_be_charged_and_autopay_is_offered(jane):
    listing = jane("GET", "/api/invoices").data

    assert listing["autopay"] == {"on": False, "eligible": True}
    assert set(_charges(jane).values()) == {None}
    assert jane("GET", "/api/invoices/inv-later").data["autopay"] == {"on": False, "eligible": True}
    assert jane("GET", "/api/auth/session").data["autopay"] == {"on": False, "eligible": True}


def test_with_autopay_on_each_open_invoice_says_the_day_the_job_will_charge_it(jane):
    stripe_sim.enrol_in_autopay(jane)

    assert jane("GET", "/api/invoices").data["autopay"] == {"on": True, "eligible": True}
    assert _charges(jane) == {
        "1050": _day(10),  # on its due date
        "1040": _day(0),   # due yesterday: the job catches up today
        "1030": None,      # past the days the job catches up: pay it yourself
        "1020": None,      # paid
    }
    detail = jane("GET", "/api/invoices/inv-later").data
    assert detail["autopay"] == {"on": True, "eligible": True} and detail["autopay_charges_on"] == _day(10)
    assert jane("GET", "/api/auth/session").data["autopay"]["on"] is True


def test_an_invoice_the_job_tried_today_says_tomorrow_and_the_charge_date_matches_the_job(jane):
    stripe_sim.enrol_in_autopay(jane, card=stripe.PaymentMethod.create(type="card", card={
        "number": stripe_sim.DECLINED_CARD, "exp_month": 12, "exp_year": 2034, "cvc": "123"}).id)

    assert autopay.charge_due()["failed"] == 1  # inv-late, caught up today, declined

    assert _charges(jane)["1040"] == _day(1)
    assert autopay.charge_due(today=TODAY + timedelta(days=1))["failed"] == 1  # and the job does try it then


def test_a_new_invoice_and_turning_autopay_off_are_said_at_once(jane, admin):
    stripe_sim.enrol_in_autopay(jane)
    admin("PUT", "/api/admin/invoices/inv-new", invoice("acct-jane", number="1060", issued_on=_day(0), due_on=_day(20)))
    assert _charges(jane)["1060"] == _day(20)

    assert jane("DELETE", "/api/autopay").status_code == 204

    assert jane("GET", "/api/invoices").data["autopay"] == {"on": False, "eligible": True}
    assert set(_charges(jane).values()) == {None}


def test_a_customer_without_an_agreement_is_not_offered_autopay(admin, stripe_local, signed_in):
    admin("PUT", "/api/admin/accounts/acct-sam", account(name="Sam Lee", email="sam@example.com"))
    admin("PUT", "/api/admin/invoices/inv-sam", invoice("acct-sam", number="2001", issued_on=_day(-1), due_on=_day(10)))
    sam = signed_in("acct-sam")

    assert sam("GET", "/api/invoices").data["autopay"] == {"on": False, "eligible": False}
    assert sam("GET", "/api/invoices/inv-sam").data["autopay"] == {"on": False, "eligible": False}
    assert sam("GET", "/api/auth/session").data["autopay"] == {"on": False, "eligible": False}

    admin("PUT", "/api/admin/accounts/acct-sam", account(name="Sam Lee", email="sam@example.com", maintenance_agreement=True))

    assert sam("GET", "/api/invoices").data["autopay"] == {"on": False, "eligible": True}
    assert sam("GET", "/api/invoices/inv-sam").data["autopay"] == {"on": False, "eligible": True}


def test_an_account_with_no_invoices_has_no_autopay_state_on_its_empty_list(admin, signed_in):
    admin("PUT", "/api/admin/accounts/acct-sam", account(name="Sam Lee", email="sam@example.com"))

    assert signed_in("acct-sam")("GET", "/api/invoices").data == {"items": [], "next_cursor": None, "autopay": None}


def test_an_invoice_stored_before_the_state_was_copied_says_nothing_rather_than_something_wrong(jane):
    stripe_sim.enrol_in_autopay(jane)
    Invoice.get("inv-later").update(actions=[Invoice.account_autopay.remove()], add_version_condition=False)

    detail = jane("GET", "/api/invoices/inv-later").data
    assert detail["autopay"] is None and detail["autopay_charges_on"] is None
    assert jane("GET", "/api/invoices").data["autopay"] is None  # the newest invoice: the page asks the session


def test_the_last_day_the_job_catches_up_is_the_last_day_said():
    from chalicelib.billing.autopay_state import charges_on

    def open_invoice(due_offset: int, tried: int | None = None) -> Invoice:
        return Invoice("inv-x", account_id="acct-x", status="open", balance_cents=100, due_on=_day(due_offset),
                       autopay_tried_on=_day(tried) if tried is not None else None, account_autopay={"on": True, "eligible": True})

    assert charges_on(open_invoice(-2), TODAY) == _day(0)  # the job's last catch-up day
    assert charges_on(open_invoice(-2, tried=0), TODAY) is None  # tried on it: no day left
    assert charges_on(open_invoice(-3), TODAY) is None
    assert charges_on(open_invoice(5, tried=0), TODAY) == _day(5)  # an earlier try does not move the due date
