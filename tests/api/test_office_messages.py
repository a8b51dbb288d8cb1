"""The office's messages (C6, issue 16 item 6): what was sent to whom and when, with its delivery
status; a message kept back because its address is undeliverable says so and why. Bodies are
never listed (a sign-in email's link is the customer's alone)."""
from __future__ import annotations

from chalicelib import notify
from chalicelib.notify import outbox, queue, suppression


def _messages(admin, query: str = "") -> dict:
    response = admin("GET", f"/api/admin/messages{query}")
    assert response.status_code == 200, response.data
    return response.data


def test_every_message_is_listed_newest_first_with_its_delivery_and_no_body(aws, admin):
    first = notify.email("jane@example.com", "test_message")
    second = notify.email("sam@example.com", "test_message")
    text = notify.sms("+12175550198", "test_message")
    queue.enqueue_task("say-hello", {"to": "jane@example.com"})  # work, not a message: never listed
    outbox.deliver_due(run_task=lambda *_: [])

    items = _messages(admin, "?status=all")["items"]

    assert [item["id"] for item in items] == [text, second, first]
    assert {item["status"] for item in items} == {"sent"} and all(item["sent_at"] for item in items)
    assert [item["to"] for item in items] == ["+12175550198", "sam@example.com", "jane@example.com"]
    assert not any("text" in item or "html" in item for item in items)
    assert all(item["error"] is None and item["undeliverable"] is None for item in items)


def test_messages_to_one_customer_are_found_by_email_or_phone_however_typed(aws, admin):
    mine = notify.email("jane@example.com", "test_message")
    notify.email("sam@example.com", "test_message")
    texted = notify.sms("+12175550198", "test_message")
    outbox.deliver_due()

    assert [item["id"] for item in _messages(admin, "?to=Jane@Example.com")["items"]] == [mine]
    assert [item["id"] for item in _messages(admin, "?to=(217)%20555-0198")["items"]] == [texted]
    assert _messages(admin, "?to=jane@example.com&status=failed")["items"] == []
    assert [item["id"] for item in _messages(admin, "?to=jane@example.com&status=sent")["items"]] == [mine]


def test_a_message_to_an_undeliverable_address_says_it_was_not_sent_and_why(aws, admin):
    suppression.mark("jane@example.com", "bounce", detail="Permanent/General: 550 5.1.1 user unknown", source="ses")
    kept = notify.email("jane@example.com", "test_message")
    outbox.deliver_due()

    [item] = _messages(admin, "?to=jane@example.com")["items"]

    assert (item["id"], item["status"]) == (kept, "suppressed")
    assert item["error"].startswith("Not sent: this address bounced (permanently) on ")
    assert item["undeliverable"]["reason"] == "bounce"
    assert item["undeliverable"]["detail"] == "Permanent/General: 550 5.1.1 user unknown"


def test_one_customers_messages_are_one_query_and_one_batch_read(aws, admin, dynamodb_calls):
    for _ in range(3):
        notify.email("jane@example.com", "test_message")
    outbox.deliver_due()
    dynamodb_calls.clear()

    assert len(_messages(admin, "?to=jane@example.com")["items"]) == 3

    assert dynamodb_calls == [("Query", "outbox"), ("BatchGetItem", "")]  # the page, then its addresses on the undeliverable list


def test_a_recipient_that_is_neither_email_nor_phone_or_a_status_not_listed_is_a_400(aws, admin):
    wrong = admin("GET", "/api/admin/messages?to=next%20door")
    assert wrong.status_code == 400 and wrong.data["details"] == [{"field": "to", "message": "Enter an email address or a phone number."}]
    assert admin("GET", "/api/admin/messages?status=sent").status_code == 400  # the feed is listed whole, not by status
    assert admin("GET", "/api/admin/messages?to=jane@example.com&status=lost").status_code == 400
