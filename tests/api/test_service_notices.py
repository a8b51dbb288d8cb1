"""What the customer hears when the company's software sends records (C4): the post-service summary,
"your report is ready", and the invoice, each once, through the outbox worker (moto SES and SNS)."""
from __future__ import annotations

from datetime import timedelta

import pytest

from chalicelib import clock, tasks
from chalicelib.admin import service_notices
from chalicelib.db.models import Account, OutboxMessage
from chalicelib.notify import outbox, queue
from tests.api.customer_world import add_document
from tests.api.factories import invoice, seed_property, service_record
from tests.conftest import email_text, recipients, sent_emails, sent_texts


@pytest.fixture
def today(admin) -> str:
    seed_property(admin)
    return clock.today("America/Chicago").isoformat()


def deliver() -> None:
    outbox.deliver_due(run_task=tasks.run)


def mails(subject_part: str = "") -> list[str]:
    return [email_text(m) for m in sent_emails() if recipients(m) == ["jane@example.com"] and subject_part in m.raw_data]


def put_record(admin, record_id: str = "svc-1", **fields):
    response = admin("PUT", f"/api/admin/service-records/{record_id}", service_record(**fields))
    assert response.status_code in (200, 201), response.data
    return response


# -- the post-service summary ---------------------------------------------------------------

def test_a_completed_visit_sends_one_summary_with_only_the_customer_visible_notes(admin, today):
    put_record(admin, date=today)
    deliver()

    [summary] = mails()
    assert "Luis Ortega finished your pump-out at 12 Oak St., Springfield" in summary
    assert "Gallons pumped: 1000" in summary
    assert "- Baffles intact." in summary
    assert "Dog on site" not in summary  # the internal note stays with the staff
    assert "https://portal.test.example/history?property=prop-1" in summary
    assert "report" not in summary.lower()  # none attached yet


def test_the_company_sending_the_record_again_sends_no_second_summary(admin, today):
    put_record(admin, date=today)
    deliver()

    put_record(admin, date=today)  # the same body
    put_record(admin, date=today, gallons_pumped=1100, technician_name="Luis O.")  # corrected fields
    put_record(admin, date=today, status="scheduled")
    put_record(admin, date=today)  # and completed once more
    deliver()

    assert len(mails()) == 1


def test_a_scheduled_record_sends_nothing_until_it_is_completed(admin, today):
    put_record(admin, date=today, status="scheduled")
    deliver()
    assert mails() == []

    put_record(admin, date=today)
    deliver()

    assert len(mails("Your pump-out")) == 1


def test_history_loaded_from_years_ago_sends_no_summary(admin, today):
    put_record(admin, "svc-old", date="2021-05-14")
    put_record(admin, "svc-last-month", date=(clock.today("America/Chicago") - timedelta(days=40)).isoformat())
    deliver()

    assert mails() == []


def test_the_summary_carries_the_report_published_before_it_went_out(admin, today):
    put_record(admin, date=today, status="scheduled")
    add_document(admin, "prop-1", "svc-1", "Septic inspection report", publish={"status": "final", "visibility": "customer"})
    add_document(admin, "prop-1", "svc-1", "Draft findings")  # a draft never shows
    put_record(admin, date=today)
    deliver()

    [summary] = mails()
    assert "Your report (Septic inspection report): https://portal.test.example/documents" in summary
    assert "Draft findings" not in summary
    deliver()
    assert len(mails()) == 1  # the published report sends no second message


def test_a_report_published_after_the_summary_sends_one_short_message(admin, today):
    put_record(admin, date=today)
    deliver()
    document = add_document(admin, "prop-1", "svc-1", "Pump-out report", kind="receipt",
                            publish={"status": "final", "visibility": "customer"})
    deliver()

    [ready] = mails("Your report is ready")
    assert "is ready: Pump-out report" in ready
    assert "https://portal.test.example/documents" in ready

    admin("PATCH", f"/api/admin/documents/{document}", {"title": "Pump-out report (corrected)"})
    admin("PATCH", f"/api/admin/documents/{document}", {"visibility": "internal"})
    admin("PATCH", f"/api/admin/documents/{document}", {"visibility": "customer"})
    deliver()
    assert len(mails()) == 2  # the summary and one "ready", however often the report changes


def test_a_report_published_on_old_history_sends_nothing(admin, today):
    put_record(admin, "svc-old", date="2021-05-14")
    add_document(admin, "prop-1", "svc-old", "2021 inspection", publish={"status": "final", "visibility": "customer"})
    deliver()

    assert mails() == []


def test_a_staff_only_report_sends_nothing(admin, today):
    put_record(admin, date=today)
    deliver()
    add_document(admin, "prop-1", "svc-1", "Internal report", publish={"status": "final", "visibility": "internal"})
    deliver()

    assert mails("ready") == []


def test_the_summary_goes_by_text_too_only_when_the_customer_chose_texts(admin, today):
    put_record(admin, "svc-1", date=today)
    deliver()
    assert sent_texts() == []  # texts are off unless chosen

    Account.get("acct-1").update(actions=[Account.preferences.set({"email": False, "sms": True})])
    put_record(admin, "svc-2", date=today, service_type="inspection", gallons_pumped=None)
    deliver()

    [text] = sent_texts()
    assert text[0] == "+12175550198"
    assert "your inspection is done" in text[1]
    assert len(mails()) == 1  # only the first visit's, by email


def test_the_summary_task_is_stored_with_the_record(admin, today):
    """Durable: the task is in the outbox the moment the record is, before any worker runs."""
    put_record(admin, date=today)

    task = OutboxMessage.get(queue.message_id_for(f"{service_notices.SUMMARY}:svc-1"))
    assert (task.channel, task.status) == ("task", "pending")


# -- invoice delivery -----------------------------------------------------------------------

def put_invoice(admin, invoice_id: str = "inv-1", **fields):
    response = admin("PUT", f"/api/admin/invoices/{invoice_id}", invoice(**{"due_on": "2099-01-31", **fields}))
    assert response.status_code in (200, 201), response.data
    return response


def test_a_new_invoice_is_sent_once_with_its_lines_due_date_and_pay_link(admin, today):
    put_invoice(admin, issued_on=today)
    put_invoice(admin, issued_on=today)  # sent again by the company's software
    deliver()
    deliver()

    [sent] = mails("Invoice 1042")
    assert "Pump-out: $385.00" in sent and "Riser lid: $65.00" in sent
    assert "Total: $450.00" in sent
    assert "Due: Saturday, January 31, 2099" in sent
    assert "Pay it online: https://portal.test.example/invoices/inv-1/pay" in sent


def test_a_reissued_invoice_is_sent_again_once(admin, today):
    put_invoice(admin, issued_on=today)
    deliver()

    lines = [{"description": "Pump-out", "amount_cents": 40000}]
    put_invoice(admin, issued_on=today, lines=lines)  # a new total: re-issued
    put_invoice(admin, issued_on=today, lines=lines)
    put_invoice(admin, issued_on=today, lines=[{"description": "Pump-out, 1000 gal", "amount_cents": 40000}])  # wording only
    deliver()

    assert [("$400.00" in m, "$450.00" in m) for m in mails("Invoice 1042")] == [(False, True), (True, False)]


def test_paid_and_void_invoices_are_not_sent(admin, today):
    put_invoice(admin, "inv-paid", number="2001", issued_on=today, status="paid")
    put_invoice(admin, "inv-void", number="2002", issued_on=today, status="void")
    put_invoice(admin, "inv-old", number="2003", issued_on="2024-01-05", due_on="2024-02-04")  # history being loaded
    deliver()

    assert mails() == []


def test_an_invoice_paid_before_the_worker_ran_is_not_sent(admin, today):
    put_invoice(admin, issued_on=today)
    put_invoice(admin, issued_on=today, status="paid")
    deliver()

    assert mails() == []
