"""Invoices (F8) and paying them (F9) against a real Stripe emulator, with signed webhooks."""
from __future__ import annotations

import json
import time

import pytest

from chalicelib.db.models import Account, Invoice, WebhookEvent
from chalicelib.notify import outbox
from tests.api import stripe_helpers as stripe_sim
from tests.api.factories import account, invoice
from tests.conftest import email_text, recipients, sent_emails


# The tests here share Jane's and Sam's invoices, built once, and put them back after each.
pytestmark = pytest.mark.usefixtures("invoices", "put_back_world")


@pytest.fixture(scope="module")
def invoices(module_admin, shared_moto) -> None:
    """Jane's open, paid, void and too-old invoices and one of Sam's."""
    admin = module_admin
    admin("PUT", "/api/admin/accounts/acct-jane", account())
    admin("PUT", "/api/admin/accounts/acct-sam", account(name="Sam Lee", email="sam@example.com"))
    admin("PUT", "/api/admin/invoices/inv-open", invoice("acct-jane"))
    admin("PUT", "/api/admin/invoices/inv-paid", invoice("acct-jane", number="1001", status="paid", issued_on="2025-01-10", due_on="2025-02-10"))
    admin("PUT", "/api/admin/invoices/inv-void", invoice("acct-jane", number="1002", status="void", issued_on="2025-02-10", due_on="2025-03-10"))
    admin("PUT", "/api/admin/invoices/inv-ancient", invoice("acct-jane", number="0007", issued_on="2019-01-10", due_on="2019-02-10"))
    admin("PUT", "/api/admin/invoices/inv-sam", invoice("acct-sam", number="2001"))
    shared_moto.freeze()


@pytest.fixture
def jane(stripe_local, signed_in):
    stripe_sim.configure(stripe_local)
    return signed_in("acct-jane")


def _start(jane, invoice_id: str = "inv-open", method: str = "card"):
    return jane("POST", f"/api/invoices/{invoice_id}/payment-intent", {"method": method})


def _apply(client, kind: str, intent_id: str, event_id: str | None = None):
    return stripe_sim.post_event(client, stripe_sim.event(kind, {"id": intent_id, "object": "payment_intent"}, event_id))


# -- invoices --------------------------------------------------------------------------------

def test_invoices_cover_36_months_newest_first_with_their_status(jane):
    items = jane("GET", "/api/invoices").data["items"]

    assert [i["id"] for i in items] == ["inv-open", "inv-void", "inv-paid"]  # 2019's is older than 36 months
    assert [(i["status"], i["balance_cents"]) for i in items] == [("open", 45000), ("void", 0), ("paid", 0)]


def test_an_invoice_shows_its_lines_and_payments(jane, admin):
    detail = jane("GET", "/api/invoices/inv-paid").data

    assert detail["lines"] == [{"description": "Pump-out", "amount_cents": 38500}, {"description": "Riser lid", "amount_cents": 6500}]
    assert detail["total_cents"] == 45000


def test_a_company_that_offers_no_bank_payments_refuses_one_and_says_so(jane, admin):
    assert admin("PUT", "/api/admin/settings", {"payments": {"bank_account": False}}).status_code == 200

    refused = _start(jane, method="us_bank_account")

    assert refused.status_code == 400
    assert refused.data["details"] == [{"field": "method", "message": "Paying from a bank account is not offered. Please pay by card."}]
    assert jane("GET", "/api/branding").data["bank_account_payments"] is False
    assert _start(jane).status_code == 200  # cards still


def test_another_accounts_invoice_is_404(jane):
    assert jane("GET", "/api/invoices/inv-sam").status_code == 404
    assert _start(jane, "inv-sam").status_code == 404


# -- paying by card --------------------------------------------------------------------------

def test_a_card_payment_is_for_the_server_balance_and_a_double_click_makes_one_intent(jane):
    first = _start(jane)
    second = _start(jane)

    assert first.status_code == 200, first.data
    assert first.data["amount_cents"] == 45000
    assert first.data["publishable_key"] == "pk_test_local"
    assert first.data["client_secret"].startswith(first.data["payment_intent_id"])
    assert second.data["payment_intent_id"] == first.data["payment_intent_id"]
    by_bank = _start(jane, method="us_bank_account").data["payment_intent_id"]
    assert by_bank != first.data["payment_intent_id"]
    # Switching method cancels the card intent: a second tab can no longer pay with it
    assert stripe_sim.stripe.PaymentIntent.retrieve(first.data["payment_intent_id"]).status == "canceled"
    assert Account.get("acct-jane").stripe_customer_id.startswith("cus_")


@pytest.mark.parametrize("body", [{"method": "card", "amount_cents": 1}, {"method": "cash"}, {}])
def test_a_client_cannot_choose_the_amount_or_an_unknown_method(jane, body):
    response = jane("POST", "/api/invoices/inv-open/payment-intent", body)

    assert response.status_code == 400


@pytest.mark.parametrize("invoice_id", ["inv-paid", "inv-void"])
def test_paying_a_paid_or_void_invoice_is_refused(jane, invoice_id):
    response = _start(jane, invoice_id)

    assert response.status_code == 409
    assert "nothing to pay" in response.data["message"]


def test_a_succeeded_card_payment_marks_the_invoice_paid_and_sends_one_receipt(jane, client):
    intent_id = _start(jane).data["payment_intent_id"]
    assert stripe_sim.pay_by_card(intent_id).status == "succeeded"

    applied = _apply(client, "payment_intent.succeeded", intent_id, "evt_paid_1")
    repeated = _apply(client, "payment_intent.succeeded", intent_id, "evt_paid_1")
    outbox.deliver_due()

    assert applied.status_code == 200 and json.loads(applied.body)["result"] == "applied"
    assert json.loads(repeated.body)["result"] == "duplicate"
    stored = Invoice.get("inv-open")
    assert (stored.status, stored.balance_cents) == ("paid", 0)
    assert Account.get("acct-jane").open_balance_cents == 45000  # only the 2019 invoice is left
    [receipt] = [m for m in sent_emails() if recipients(m) == ["jane@example.com"]]
    assert "$450.00" in email_text(receipt) and "1042" in email_text(receipt)
    assert _start(jane).status_code == 409  # nothing left to pay


def test_a_receipt_that_cannot_be_sent_at_first_is_sent_later_and_once(jane, client, monkeypatch):
    from chalicelib.customer import messages

    intent_id = _start(jane).data["payment_intent_id"]
    stripe_sim.pay_by_card(intent_id)
    real_send, tries = messages.send, []

    def send_failing_once(*args, **kwargs):
        tries.append(args[1])
        if len(tries) == 1:
            raise ConnectionError("the database is away")
        return real_send(*args, **kwargs)

    monkeypatch.setattr(messages, "send", send_failing_once)

    # The webhook records the payment; the receipt is queued with it, so a failure to write the
    # receipt right then (or Stripe sending the event again, which changes nothing more) loses nothing
    assert _apply(client, "payment_intent.succeeded", intent_id).status_code == 200
    outbox.deliver_due()
    assert Invoice.get("inv-open").status == "paid" and sent_emails() == []
    _apply(client, "payment_intent.succeeded", intent_id)
    outbox.deliver_due(now=time.time() + 31)
    outbox.deliver_due(now=time.time() + 300)

    assert tries == ["payment_receipt", "payment_receipt"]
    [receipt] = [m for m in sent_emails() if recipients(m) == ["jane@example.com"]]
    assert "$450.00" in email_text(receipt)


def test_a_declined_card_emails_a_pay_link_and_the_invoice_stays_open(jane, client):
    intent_id = _start(jane).data["payment_intent_id"]
    assert stripe_sim.pay_by_card(intent_id, stripe_sim.DECLINED_CARD).status == "requires_payment_method"

    _apply(client, "payment_intent.payment_failed", intent_id)
    outbox.deliver_due()

    stored = Invoice.get("inv-open")
    assert (stored.status, stored.balance_cents) == ("open", 45000)
    [message] = sent_emails()
    assert "did not go through" in email_text(message)
    assert "https://portal.test.example/invoices/inv-open" in email_text(message)

    # Trying again offers the same intent, to confirm with another card (as Stripe recommends;
    # the emulator cannot confirm a declined intent twice, so the retry stops here)
    assert _start(jane).data["payment_intent_id"] == intent_id


# -- the pay page's flow: the card is set up in the browser, the server charges it -------------

def _pay_with_card(jane, number: str = stripe_sim.GOOD_CARD, invoice_id: str = "inv-open"):
    setup = jane("POST", f"/api/invoices/{invoice_id}/card-setup")
    assert setup.status_code == 200, setup.data
    assert setup.data["amount_cents"] == 45000 and setup.data["client_secret"].startswith(setup.data["setup_intent_id"])
    stripe_sim.set_up_card(setup.data["setup_intent_id"], number)
    return jane("POST", f"/api/invoices/{invoice_id}/pay", {"setup_intent_id": setup.data["setup_intent_id"]})


def test_paying_with_a_card_from_the_page_marks_the_invoice_paid_at_once(jane, client):
    paid = _pay_with_card(jane)

    assert paid.status_code == 200, paid.data
    assert paid.data["status"] == "succeeded" and paid.data["amount_cents"] == 45000
    detail = jane("GET", "/api/invoices/inv-open").data
    assert (detail["status"], detail["balance_cents"]) == ("paid", 0)
    assert [(p["method"], p["amount_cents"]) for p in detail["payments"]] == [("card", 45000)]
    # Stripe's own event arrives afterwards and changes nothing: still one receipt
    _apply(client, "payment_intent.succeeded", paid.data["payment_intent_id"])
    outbox.deliver_due()
    assert len([m for m in sent_emails() if "$450.00" in email_text(m)]) == 1
    assert jane("POST", "/api/invoices/inv-open/card-setup").status_code == 409  # nothing left to pay
    assert jane("POST", "/api/invoices/inv-open/pay", {"setup_intent_id": "seti_x"}).status_code == 409


def test_a_declined_card_is_a_402_and_another_card_then_pays(jane):
    declined = _pay_with_card(jane, stripe_sim.DECLINED_CARD)

    assert declined.status_code == 402
    assert declined.data["code"] == "payment_declined" and "Nothing was charged" in declined.data["message"]
    assert jane("GET", "/api/invoices/inv-open").data["status"] == "open"
    assert jane("GET", "/api/invoices/inv-open").data["last_attempt"]["status"] == "failed"

    paid = _pay_with_card(jane)

    assert paid.data["status"] == "succeeded"
    detail = jane("GET", "/api/invoices/inv-open").data
    assert (detail["status"], detail["last_attempt"]) == ("paid", None)
    assert [p["amount_cents"] for p in detail["payments"]] == [45000]  # the declined try is not a payment


def test_a_card_that_needs_3d_secure_is_finished_in_the_browser(jane, client):
    started = _pay_with_card(jane, stripe_sim.SECURE_CARD)

    assert started.status_code == 200 and started.data["status"] == "requires_action"
    assert jane("GET", "/api/invoices/inv-open").data["status"] == "open"
    intent = stripe_sim.authenticate(started.data["payment_intent_id"], started.data["client_secret"])
    assert intent["status"] == "succeeded"
    _apply(client, "payment_intent.succeeded", started.data["payment_intent_id"])

    assert jane("GET", "/api/invoices/inv-open").data["status"] == "paid"


def test_a_card_set_up_for_another_invoice_or_account_is_not_charged(jane, admin, signed_in):
    admin("PUT", "/api/admin/invoices/inv-second", invoice("acct-jane", number="1043"))
    other_invoice = jane("POST", "/api/invoices/inv-second/card-setup").data["setup_intent_id"]
    stripe_sim.set_up_card(other_invoice)
    unfinished = jane("POST", "/api/invoices/inv-open/card-setup").data["setup_intent_id"]
    sam = signed_in("acct-sam")
    sams = sam("POST", "/api/invoices/inv-sam/card-setup").data["setup_intent_id"]
    stripe_sim.set_up_card(sams)

    for setup_id in (other_invoice, unfinished, sams, "seti_unknown"):
        refused = jane("POST", "/api/invoices/inv-open/pay", {"setup_intent_id": setup_id})
        assert refused.status_code == 400, (setup_id, refused.data)
        assert refused.data["details"][0]["field"] == "setup_intent_id"
    assert jane("POST", "/api/invoices/inv-open/pay", {"setup_intent_id": other_invoice, "amount_cents": 1}).status_code == 400
    assert jane("POST", "/api/invoices/inv-sam/card-setup").status_code == 404
    assert jane("POST", "/api/invoices/inv-paid/card-setup").status_code == 409
    assert jane("GET", "/api/invoices/inv-open").data["status"] == "open"
    assert Invoice.get("inv-open").payments in (None, [])


# -- bank payments (ACH): processing until settled --------------------------------------------

def test_a_bank_payment_on_its_way_holds_the_invoice_then_a_return_reopens_it(jane, client):
    intent_id = _start(jane, method="us_bank_account").data["payment_intent_id"]
    assert stripe_sim.pay_by_bank(intent_id, stripe_sim.RETURNED_BANK).status == "processing"

    _apply(client, "payment_intent.processing", intent_id)
    assert (Invoice.get("inv-open").status, Invoice.get("inv-open").balance_cents) == ("processing", 0)
    assert jane("GET", "/api/invoices/inv-open").data["payments"][0]["status"] == "processing"
    assert _start(jane).status_code == 409  # no second payment while the first is on its way

    assert stripe_sim.wait_until_settled(intent_id).status == "requires_payment_method"  # the bank returned it
    _apply(client, "payment_intent.payment_failed", intent_id)
    outbox.deliver_due()

    stored = Invoice.get("inv-open")
    assert (stored.status, stored.balance_cents) == ("open", 45000)
    assert Account.get("acct-jane").open_balance_cents == 45000 + 45000  # inv-open and the 2019 one
    assert "your bank returned it" in email_text(sent_emails()[-1])


def test_a_settled_bank_payment_pays_the_invoice(jane, client):
    intent_id = _start(jane, method="us_bank_account").data["payment_intent_id"]
    assert stripe_sim.pay_by_bank(intent_id).status == "succeeded"

    _apply(client, "payment_intent.succeeded", intent_id)

    detail = jane("GET", "/api/invoices/inv-open").data
    assert detail["status"] == "paid"
    assert detail["payments"] == [{"id": intent_id, "amount_cents": 45000, "paid_on": detail["payments"][0]["paid_on"],
                                   "method": "us_bank_account", "status": "succeeded", "through_portal": True}]


def test_events_in_any_order_end_in_the_same_state(jane, client):
    intent_id = _start(jane, method="us_bank_account").data["payment_intent_id"]
    stripe_sim.pay_by_bank(intent_id)

    # Stripe delivers "succeeded" before the older "processing": the portal re-reads the intent
    _apply(client, "payment_intent.succeeded", intent_id)
    _apply(client, "payment_intent.processing", intent_id)

    assert Invoice.get("inv-open").status == "paid"


# -- refunds ---------------------------------------------------------------------------------

def test_partial_then_full_refunds(jane, client):
    intent_id = _start(jane).data["payment_intent_id"]
    stripe_sim.pay_by_card(intent_id)
    _apply(client, "payment_intent.succeeded", intent_id)
    charge = stripe_sim.stripe.PaymentIntent.retrieve(intent_id).latest_charge
    charge_id = charge if isinstance(charge, str) else charge.id

    stripe_sim.stripe.Refund.create(payment_intent=intent_id, amount=10000)
    stripe_sim.post_event(client, stripe_sim.event("charge.refunded", {"id": charge_id, "object": "charge", "payment_intent": intent_id}))
    partly = jane("GET", "/api/invoices/inv-open").data

    stripe_sim.stripe.Refund.create(payment_intent=intent_id, amount=35000)
    stripe_sim.post_event(client, stripe_sim.event("charge.refunded", {"id": charge_id, "object": "charge", "payment_intent": intent_id}))
    fully = jane("GET", "/api/invoices/inv-open").data

    assert partly["status"] == "partially_refunded" and partly["refunds"] == [{"payment_id": intent_id, "amount_cents": 10000}]
    assert fully["status"] == "refunded" and fully["refunds"][0]["amount_cents"] == 45000


# -- webhook signatures ----------------------------------------------------------------------

@pytest.mark.parametrize(
    "header",
    [
        pytest.param(lambda p: stripe_sim.signature(p, secret="whsec_someone_else"), id="wrong-secret"),
        pytest.param(lambda p: stripe_sim.signature(p, at=int(time.time()) - 3600), id="stale"),
        pytest.param(lambda p: stripe_sim.signature(p + b" "), id="tampered-body"),
        pytest.param(lambda p: "t=1,v1=00", id="garbage"),
        pytest.param(lambda p: "", id="missing"),
    ],
)
def test_a_bad_signature_is_a_400_with_no_side_effect(jane, client, header):
    intent_id = _start(jane).data["payment_intent_id"]
    stripe_sim.pay_by_card(intent_id)
    payload = stripe_sim.event("payment_intent.succeeded", {"id": intent_id, "object": "payment_intent"}, "evt_forged")

    response = client.http.post("/api/webhooks/stripe", headers={"Content-Type": "application/json", "Stripe-Signature": header(payload)}, body=payload)

    assert response.status_code == 400
    assert Invoice.get("inv-open").status == "open"
    assert WebhookEvent.count("evt_forged") == 0


def test_unknown_events_are_acknowledged_and_ignored(client, stripe_local):
    response = stripe_sim.post_event(client, stripe_sim.event("customer.created", {"id": "cus_1", "object": "customer"}))
    orphan_refund = stripe_sim.post_event(client, stripe_sim.event("charge.refunded", {"id": "ch_1", "object": "charge", "payment_intent": None}))

    assert response.status_code == 200 and json.loads(response.body)["result"] == "ignored"
    assert orphan_refund.status_code == 200 and json.loads(orphan_refund.body)["result"] == "ignored"


# -- a payment must fit the invoice it names ---------------------------------------------------

def _foreign_intent(jane, **changes):
    """A PaymentIntent made with the secret key (not by the portal) whose metadata names Jane's open invoice."""
    _start(jane)  # gives Jane her Stripe customer
    jane_customer = Account.get("acct-jane").stripe_customer_id
    fields = {"amount": 45000, "currency": "usd", "customer": jane_customer, "payment_method_types": ["card"],
              "metadata": {"invoice_id": "inv-open", "account_id": "acct-jane", "method": "card"}}
    for key, value in changes.items():
        if key == "account_id":
            fields["metadata"] = {**fields["metadata"], "account_id": value}
        elif key == "customer" and value == "another":
            fields["customer"] = stripe_sim.stripe.Customer.create(name="Sam Lee").id
        else:
            fields[key] = value
    intent = stripe_sim.stripe.PaymentIntent.create(**fields)
    assert stripe_sim.pay_by_card(intent.id).status == "succeeded"
    return intent.id


@pytest.mark.parametrize("changes", [
    pytest.param({"account_id": "acct-sam"}, id="another-account"),
    pytest.param({"customer": "another"}, id="another-stripe-customer"),
    pytest.param({"currency": "eur"}, id="another-currency"),
    pytest.param({"amount": 45001}, id="above-the-balance"),
])
def test_a_payment_that_does_not_fit_its_invoice_is_logged_and_not_applied(jane, client, caplog, changes):
    intent_id = _foreign_intent(jane, **changes)

    response = _apply(client, "payment_intent.succeeded", intent_id, "evt_misfit")
    outbox.deliver_due()

    # 200, so Stripe does not retry an event whose answer cannot change; the event is kept as seen
    assert response.status_code == 200 and json.loads(response.body)["result"] == "rejected"
    stored = Invoice.get("inv-open")
    assert (stored.status, stored.balance_cents, list(stored.payments or [])) == ("open", 45000, [])
    assert Account.get("acct-jane").open_balance_cents == 90000  # this invoice and the 2019 one
    assert [m for m in sent_emails() if recipients(m) == ["jane@example.com"]] == []  # no receipt
    assert any("does not match its invoice" in r.getMessage() and r.levelname == "ERROR" for r in caplog.records)
    assert WebhookEvent.count("evt_misfit") == 1


def test_a_payment_that_fits_its_invoice_is_applied_even_when_made_outside_the_portal(jane, client):
    intent_id = _foreign_intent(jane, amount=20000)

    response = _apply(client, "payment_intent.succeeded", intent_id)

    assert json.loads(response.body)["result"] == "applied"
    assert (Invoice.get("inv-open").status, Invoice.get("inv-open").balance_cents) == ("open", 25000)
