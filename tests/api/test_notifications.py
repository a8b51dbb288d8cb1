"""The notifications outbox: durable, branded, retried on outages, each message sent at most once."""
from __future__ import annotations

import email
import threading
import time
from email import policy

import pytest

from chalicelib import notify
from chalicelib.db.models import OutboxMessage
from chalicelib.notify import outbox
from tests.conftest import recipients, reset_caches, sent_emails, sent_texts


@pytest.fixture
def branded(admin):
    admin("PUT", "/api/admin/settings", {"branding": {"company_name": "Clearwater Septic", "phone": "+12175550142"}})


def _parsed(raw: str) -> email.message.EmailMessage:
    return email.message_from_string(raw, policy=policy.default)


def test_email_is_sent_once_with_text_and_html_and_the_companys_name(aws, branded):
    message_id = notify.email("jane@example.com", "test_message")

    first = outbox.deliver_due()
    second = outbox.deliver_due()

    assert (first.sent, second.sent) == (1, 0)
    [sent] = sent_emails()
    mime = _parsed(sent.raw_data)
    assert mime["To"] == "jane@example.com"
    assert mime["From"].addresses[0].display_name == "Clearwater Septic"
    assert "Clearwater Septic" in mime["Subject"]
    text = mime.get_body(("plain",)).get_content()
    html = mime.get_body(("html",)).get_content()
    assert "https://portal.test.example/" in text
    assert "Clearwater Septic" in html
    assert "(217) 555-0142" in text and 'href="tel:+12175550142"' in html  # readable, and tappable
    assert OutboxMessage.get(message_id).status == "sent"


def test_the_same_dedupe_key_queues_one_message(aws):
    first = notify.email("jane@example.com", "test_message", dedupe_key="reminder:prop-1:2027-01-01:30")
    again = notify.email("jane@example.com", "test_message", dedupe_key="reminder:prop-1:2027-01-01:30")

    outbox.deliver_due()

    assert first == again
    assert len(sent_emails()) == 1


def test_an_ses_outage_loses_nothing_and_the_message_goes_out_later(aws, monkeypatch):
    # Given SES cannot be reached
    monkeypatch.setenv("AWS_ENDPOINT_URL_SES", "http://127.0.0.1:9")
    reset_caches()
    message_id = notify.email("jane@example.com", "test_message")

    report = outbox.deliver_due()

    stored = OutboxMessage.get(message_id)
    assert (report.sent, report.retrying) == (0, 1)
    assert (stored.status, stored.attempts) == ("pending", 1)
    assert sent_emails() == []

    # When SES is back, a run before the backoff sends nothing, a run after it sends once
    monkeypatch.delenv("AWS_ENDPOINT_URL_SES")
    reset_caches()
    assert outbox.deliver_due().sent == 0
    assert outbox.deliver_due(now=time.time() + 31).sent == 1
    assert OutboxMessage.get(message_id).status == "sent"
    assert len(sent_emails()) == 1


def test_a_rejected_message_fails_without_being_retried(aws, monkeypatch, caplog):
    monkeypatch.setenv("PORTAL_MAIL_FROM", "unverified@elsewhere.example")
    reset_caches()
    message_id = notify.email("jane@example.com", "test_message")

    report = outbox.deliver_due()

    assert report.failed == 1
    assert OutboxMessage.get(message_id).status == "failed"
    assert outbox.deliver_due(now=time.time() + 7200).failed == 0
    assert sent_emails() == []


def test_concurrent_workers_send_each_message_exactly_once(aws):
    for n in range(12):
        notify.email(f"customer{n}@example.com", "test_message")

    threads = [threading.Thread(target=outbox.deliver_due) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(recipients(m)[0] for m in sent_emails()) == sorted(f"customer{n}@example.com" for n in range(12))


def test_a_send_interrupted_midway_is_not_repeated(aws):
    message_id = notify.email("jane@example.com", "test_message")
    now = time.time()
    assert outbox._claim(message_id, now) is not None  # a worker claimed it, then died  # noqa: SLF001

    report = outbox.deliver_due(now=now + 3600)

    assert (report.sent, report.unconfirmed) == (0, 1)
    assert OutboxMessage.get(message_id).status == "unconfirmed"
    assert sent_emails() == []


def test_text_messages_go_through_sns(aws):
    notify.sms("+12175550198", "test_message")

    assert outbox.deliver_due().sent == 1

    [(number, text, *_)] = sent_texts()
    assert number == "+12175550198"
    assert "test message" in text


def test_admin_test_message_validates_the_address(admin):
    bad_email = admin("POST", "/api/admin/test-message", {"to": "not-an-address"})
    bad_phone = admin("POST", "/api/admin/test-message", {"channel": "sms", "to": "12"})
    good = admin("POST", "/api/admin/test-message", {"channel": "sms", "to": "(217) 555-0198"})

    assert bad_email.status_code == 400 and bad_email.data["details"][0]["field"] == "to"
    assert bad_phone.status_code == 400
    assert good.status_code == 202
    assert OutboxMessage.get(good.data["message_id"]).recipient == "+12175550198"


def test_a_message_that_cannot_be_built_fails_and_the_next_one_is_still_sent(aws, caplog):
    from chalicelib.db.models import OutboxMessage as Message

    poisoned = notify.email("first@example.com", "test_message")
    item = Message.get(poisoned)  # stored by an older version: an attachment without its content
    item.update(actions=[Message.attachments.set([{"filename": "visit.ics", "content_type": "text/calendar"}])])
    healthy = notify.email("second@example.com", "test_message")

    report = outbox.deliver_due()

    assert (report.sent, report.failed) == (1, 1)
    assert Message.get(poisoned).status == "failed"
    assert "could not be built" in Message.get(poisoned).last_error
    assert Message.get(healthy).status == "sent"
    assert [recipients(m) for m in sent_emails()] == [["second@example.com"]]


def test_a_line_break_in_a_stored_company_name_does_not_stop_email(aws):
    from chalicelib import company

    # Stored before names were checked at the edge: the header must still be one line.
    document = company.load()
    document["branding"]["company_name"] = "Clearwater\r\nBcc: everyone@example.com"
    company.save(document)
    company.forget_cache()
    message_id = notify.email("jane@example.com", "test_message")

    outbox.deliver_due()

    assert OutboxMessage.get(message_id).status == "sent"
    sent = _parsed(sent_emails()[0].raw_data)
    assert sent["From"].addresses[0].display_name == "Clearwater Bcc: everyone@example.com"
    assert sent["Bcc"] is None
