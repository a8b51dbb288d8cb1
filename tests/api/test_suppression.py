"""The outbox refuses addresses that bounced or complained and numbers that replied STOP, for every
kind of message, and keeps each refused message with its reason (C4)."""
from __future__ import annotations

from chalicelib import notify
from chalicelib.customer import messages
from chalicelib.db.models import Account, OutboxMessage
from chalicelib.notify import outbox, suppression
from tests.conftest import recipients, sent_emails, sent_texts

OPTED_OUT = "+12175550199"  # moto's opt-out list: every number ending in 99 replied STOP
TEXTABLE = "+12175550142"


def test_a_number_that_replied_stop_gets_no_text_and_the_message_says_why(aws):
    stopped = notify.sms(OPTED_OUT, "signin_link", {"name": "Jane", "url": "https://x.example/l", "minutes": 10})
    other = notify.sms(TEXTABLE, "test_message")

    report = outbox.deliver_due()

    assert (report.sent, report.suppressed) == (1, 1)
    assert [number for number, *_ in sent_texts()] == [TEXTABLE]
    refused = OutboxMessage.get(stopped)
    assert refused.status == "suppressed"
    assert "replied STOP" in refused.last_error
    assert OutboxMessage.get(other).status == "sent"
    # a refused message is final: later runs do not try it again
    assert outbox.deliver_due().suppressed == 0


def test_each_text_costs_one_opt_out_check(aws):
    from chalicelib.aws import client

    calls = []
    sns = client("sns")
    sns.meta.events.register("before-call.sns.*", lambda model, **_: calls.append(model.name))
    notify.sms(TEXTABLE, "test_message")
    notify.sms(OPTED_OUT, "test_message")

    outbox.deliver_due()

    assert sorted(calls) == ["CheckIfPhoneNumberIsOptedOut", "CheckIfPhoneNumberIsOptedOut", "Publish"]


def test_an_undeliverable_address_gets_nothing_while_another_still_does(aws):
    suppression.mark("Gone@Example.com", "bounce", detail="Permanent/General", source="ses")
    refused = notify.email("gone@example.com", "test_message")
    receipt = notify.email("GONE@example.com", "test_message", dedupe_key="receipt")
    fine = notify.email("here@example.com", "test_message")

    report = outbox.deliver_due()

    assert (report.sent, report.suppressed) == (1, 2)
    assert [recipients(m) for m in sent_emails()] == [["here@example.com"]]
    stored = OutboxMessage.get(refused)
    assert stored.status == "suppressed"
    assert stored.last_error.startswith("Not sent: this address bounced (permanently) on ")
    assert OutboxMessage.get(receipt).status == "suppressed"
    assert OutboxMessage.get(fine).status == "sent"


def test_a_complaint_stops_transactional_messages_too(aws, admin):
    assert admin("PUT", "/api/admin/accounts/acct-5", {"name": "Lee Park", "email": "lee@example.com"}).status_code == 201
    suppression.mark("lee@example.com", "complaint", detail=None, source="ses")

    [message_id] = messages.send(Account.get("acct-5"), "payment_receipt", {
        "name": "Lee", "number": "1001", "amount_cents": 100, "method": "card", "url": "https://x.example/i"},
        kind="transactional", dedupe_key="receipt:pi_1")
    outbox.deliver_due()

    assert sent_emails() == []
    assert "reported as spam" in OutboxMessage.get(message_id).last_error


def test_marking_twice_keeps_the_first_time(aws):
    assert suppression.mark("gone@example.com", "bounce", detail=None, source="ses") is True
    assert suppression.mark("gone@example.com", "complaint", detail=None, source="ses") is False
