"""Autopay (F10) against the Stripe emulator: enrol, charge on the due date once, tell on failure."""
from __future__ import annotations

from chalicelib import clock
from datetime import timedelta

import pytest
import stripe

from chalicelib.billing import autopay
from chalicelib.db.models import Invoice
from chalicelib.notify import outbox
from tests.api import stripe_helpers as stripe_sim
from tests.api.factories import account, invoice
from tests.conftest import email_text, recipients, sent_emails

TODAY = clock.today("America/Chicago")  # the company's day, as the portal counts it


@pytest.fixture
def jane(admin, stripe_local, signed_in):
    stripe_sim.configure(stripe_local)
    admin("PUT", "/api/admin/accounts/acct-jane", account(maintenance_agreement=True))
    admin("PUT", "/api/admin/accounts/acct-sam", account(name="Sam Lee", email="sam@example.com"))
    admin("PUT", "/api/admin/invoices/inv-due", invoice("acct-jane", issued_on=(TODAY - timedelta(days=30)).isoformat(), due_on=TODAY.isoformat()))
    admin("PUT", "/api/admin/invoices/inv-later", invoice("acct-jane", number="1050", issued_on=TODAY.isoformat(), due_on=(TODAY + timedelta(days=30)).isoformat()))
    return signed_in("acct-jane")


def test_a_customer_on_a_maintenance_agreement_enrols_a_card(jane):
    assert jane("GET", "/api/autopay").data == {"eligible": True, "enrolled": False, "method": None}

    enrolled = stripe_sim.enrol_in_autopay(jane)

    assert enrolled.status_code == 200
    assert enrolled.data["enrolled"] is True and enrolled.data["method"]["type"] == "card"
    assert enrolled.data["method"]["last4"] == "4242"


def test_customers_without_an_agreement_cannot_enrol(admin, stripe_local, signed_in):
    admin("PUT", "/api/admin/accounts/acct-sam", account(name="Sam Lee", email="sam@example.com"))
    sam = signed_in("acct-sam")

    response = sam("POST", "/api/autopay/setup-intent", {"method": "card"})

    assert response.status_code == 409 and "maintenance agreement" in response.data["message"]


def test_an_unfinished_or_foreign_setup_is_not_trusted(jane, admin):
    unfinished = jane("POST", "/api/autopay/setup-intent", {"method": "card"}).data["setup_intent_id"]
    stranger = stripe.Customer.create(email="stranger@example.com")
    foreign = stripe.SetupIntent.create(customer=stranger.id, usage="off_session", metadata={"account_id": "acct-jane"})
    stripe.SetupIntent.confirm(foreign.id, payment_method="pm_card_visa")

    for setup_id in (unfinished, foreign.id, "seti_made_up_123"):
        response = jane("POST", "/api/autopay/confirm", {"setup_intent_id": setup_id})
        assert response.status_code == 400, setup_id
    assert jane("GET", "/api/autopay").data["enrolled"] is False


def test_the_job_charges_an_invoice_due_today_once_however_often_it_runs(jane):
    stripe_sim.enrol_in_autopay(jane)

    first = autopay.charge_due()
    second = autopay.charge_due()
    outbox.deliver_due()

    assert (first["charged"], second["charged"]) == (1, 0)
    assert Invoice.get("inv-due").status == "paid"
    assert Invoice.get("inv-later").status == "open"  # not due yet
    assert len([p for p in Invoice.get("inv-due").payments if p["status"] == "succeeded"]) == 1
    [receipt] = [m for m in sent_emails() if "Receipt" in email_text(m) or "received your payment" in email_text(m)]
    assert recipients(receipt) == ["jane@example.com"]


def test_a_missed_day_is_still_charged(jane):
    stripe_sim.enrol_in_autopay(jane)

    report = autopay.charge_due(today=TODAY + timedelta(days=1))

    assert report["charged"] == 1 and Invoice.get("inv-due").status == "paid"


def test_a_failed_charge_emails_a_pay_link_once_a_day(jane):
    stripe_sim.enrol_in_autopay(jane, card=stripe.PaymentMethod.create(type="card", card={
        "number": stripe_sim.DECLINED_CARD, "exp_month": 12, "exp_year": 2034, "cvc": "123"}).id)

    first = autopay.charge_due()
    again = autopay.charge_due()
    outbox.deliver_due()

    assert (first["failed"], again["failed"]) == (1, 0)
    assert Invoice.get("inv-due").status == "open"
    [notice] = [m for m in sent_emails() if "did not go through" in email_text(m)]  # besides the invoices sent when issued
    assert "https://portal.test.example/invoices/inv-due" in email_text(notice)


def test_turning_autopay_off_stops_the_charges(jane):
    stripe_sim.enrol_in_autopay(jane)

    assert jane("DELETE", "/api/autopay").status_code == 204

    assert autopay.charge_due()["charged"] == 0
    assert Invoice.get("inv-due").status == "open"
    assert jane("GET", "/api/autopay").data["enrolled"] is False


def test_an_invoice_issued_while_autopay_is_on_says_autopay_will_charge_it(jane, admin):
    stripe_sim.enrol_in_autopay(jane)

    due = (TODAY + timedelta(days=20)).isoformat()
    admin("PUT", "/api/admin/invoices/inv-new", invoice("acct-jane", number="1060", issued_on=TODAY.isoformat(), due_on=due))
    outbox.deliver_due()

    [sent] = [email_text(m) for m in sent_emails() if "Invoice 1060" in m.raw_data]
    assert "Autopay will charge this on " in sent
    assert "To pay it yourself now: https://portal.test.example/invoices/inv-new/pay" in sent


def test_the_company_can_open_autopay_to_everyone_and_each_invoice_says_so(admin, signed_in):
    from chalicelib import jobs

    admin("PUT", "/api/admin/accounts/acct-open", {"name": "Olive Open", "email": "olive@example.com"})
    stored = admin("PUT", "/api/admin/invoices/inv-olive", invoice("acct-open", number="3001"))
    assert stored.status_code in (200, 201), stored.data
    olive = signed_in("acct-open")
    assert olive("GET", "/api/auth/session").data["autopay"]["eligible"] is False

    assert admin("PUT", "/api/admin/settings", {"payments": {"autopay": "everyone"}}).status_code == 200
    while jobs.deliver_notifications()["tasks"]:  # the restamp of every account's invoices, page by page
        pass

    assert olive("GET", "/api/auth/session").data["autopay"]["eligible"] is True
    shown = olive("GET", "/api/invoices/inv-olive")
    assert shown.status_code == 200, shown.data
    assert shown.data["autopay"]["eligible"] is True
    assert admin("PUT", "/api/admin/settings", {"payments": {"autopay": "nobody"}}).status_code == 400
