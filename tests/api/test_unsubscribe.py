"""Preferences honoured per kind, and unsubscribing from reminders by link (C4, F12, RFC 8058).

Messages are queued through ``customer.messages.send`` and read back from moto's SES and SNS after
the outbox delivered them. The reminder job and its templates are another feature's: a probe
template here renders ``unsubscribe_url`` the way a reminder does.
"""
from __future__ import annotations

import email
import shutil
from email import policy
from urllib.parse import urlsplit

import pytest

from chalicelib.customer import messages
from chalicelib.db.models import Account, OutboxMessage
from chalicelib.notify import outbox, render
from tests.api.factories import account
from tests.conftest import email_text, recipients, sent_emails, sent_texts

PHONE = "+12175550142"  # not on moto's opt-out list (numbers ending in 99 are)


@pytest.fixture
def dana(admin):
    body = account(name="Dana Reyes", email="dana@example.com", phone="(217) 555-0142")
    assert admin("PUT", "/api/admin/accounts/acct-9", body).status_code == 201
    return "acct-9"


@pytest.fixture
def probe_template(tmp_path, monkeypatch):
    """The real templates plus ``probe``, which shows the unsubscribe link when there is one."""
    folder = tmp_path / "templates"
    shutil.copytree(render.TEMPLATES, folder)
    (folder / "probe.subject.txt").write_text("Your service is due")
    (folder / "probe.txt").write_text(
        '{% extends "base.txt" %}{% block body %}Your pump-out is due.\n'
        "{% if unsubscribe_url is defined %}Stop these reminders: {{ unsubscribe_url }}{% endif %}\n{% endblock %}")
    (folder / "probe.html").write_text(
        '{% extends "base.html" %}{% block body %}<p>Your pump-out is due.</p>'
        '{% if unsubscribe_url is defined %}<a href="{{ unsubscribe_url }}">Stop these reminders</a>{% endif %}'
        "{% endblock %}")
    (folder / "probe.sms.txt").write_text("Your pump-out is due.")
    monkeypatch.setattr(render, "TEMPLATES", folder)
    render._environment.cache_clear()  # noqa: SLF001
    yield "probe"
    render._environment.cache_clear()  # noqa: SLF001


def _send(account_id, template, kind, key="event-1"):
    ids = messages.send(Account.get(account_id), template, {}, kind=kind, dedupe_key=key)
    outbox.deliver_due()
    return ids


def _mime(sent):
    return email.message_from_string(sent.raw_data, policy=policy.default)


def _reminder_links(sent):
    header = _mime(sent)["List-Unsubscribe"]
    assert header.startswith("<") and header.endswith(">")
    one_click = header[1:-1]
    [page] = [word for word in email_text(sent).split() if "/unsubscribe#token=" in word]
    return one_click, page


def _preferences(signed_in, account_id):
    return signed_in(account_id)("GET", "/api/me").data["preferences"]


def _one_click(anonymous, url, body="List-Unsubscribe=One-Click"):
    parts = urlsplit(url)
    return anonymous("POST", f"{parts.path}?{parts.query}", raw=body,
                     headers={"Content-Type": "application/x-www-form-urlencoded"})


# -- preferences, per kind ----------------------------------------------------------------------

def test_a_customer_who_turned_email_off_still_gets_transactional_email_but_service_news_by_text(
        dana, signed_in, probe_template):
    assert signed_in(dana)("PATCH", "/api/me", {"preferences": {"email": False, "sms": True}}).status_code == 200
    # the phone was the company's, so it is on file and needs no confirmation
    Account.get(dana).update(actions=[Account.phone.set(PHONE)], add_version_condition=False)

    _send(dana, "probe", "transactional", key="receipt")
    _send(dana, "probe", "service", key="summary")

    assert [recipients(m) for m in sent_emails()] == [["dana@example.com"]]
    assert [number for number, *_ in sent_texts()] == [PHONE]


def test_reminders_off_queue_no_reminder_on_any_channel(dana, signed_in, probe_template):
    signed_in(dana)("PATCH", "/api/me", {"preferences": {"reminders": False, "sms": True}})

    assert _send(dana, "probe", "reminder") == []
    assert sent_emails() == [] and sent_texts() == []


def test_only_reminders_carry_an_unsubscribe_link(dana, probe_template):
    _send(dana, "probe", "service")

    [sent] = sent_emails()
    assert _mime(sent)["List-Unsubscribe"] is None
    assert "unsubscribe" not in email_text(sent).lower()


# -- the links a reminder carries ----------------------------------------------------------------

def test_a_reminder_carries_one_click_headers_and_a_landing_page_link(dana, probe_template):
    _send(dana, "probe", "reminder")

    [sent] = sent_emails()
    mime = _mime(sent)
    one_click, page = _reminder_links(sent)
    assert mime["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert one_click.startswith("https://portal.test.example/api/unsubscribe/one-click?token=")
    assert page.startswith("https://portal.test.example/unsubscribe#token=")
    assert f'href="{page}"' in mime.get_body(("html",)).get_content()
    # as mailbox providers read it: the URL itself on the header line, not RFC 2047-encoded
    assert f"List-Unsubscribe: <{one_click}>" in sent.raw_data.replace("\r\n", "\n").splitlines()


def test_the_one_click_post_turns_reminders_off_without_a_session(dana, anonymous, signed_in, probe_template):
    _send(dana, "probe", "reminder")
    one_click, _ = _reminder_links(sent_emails()[0])

    response = _one_click(anonymous, one_click)

    assert response.status_code == 200, response.data
    assert _preferences(signed_in, dana) == {"email": True, "sms": False, "reminders": False}
    # the next reminder is not sent; a receipt still is
    assert _send(dana, "probe", "reminder", key="event-2") == []
    _send(dana, "probe", "transactional", key="receipt")
    assert len(sent_emails()) == 2
    # a second POST (the provider retrying) is answered the same and changes nothing more
    assert _one_click(anonymous, one_click).status_code == 200


def test_a_get_of_the_one_click_url_unsubscribes_nobody(dana, anonymous, signed_in, probe_template):
    _send(dana, "probe", "reminder")
    one_click, _ = _reminder_links(sent_emails()[0])
    parts = urlsplit(one_click)

    response = anonymous("GET", f"{parts.path}?{parts.query}")

    assert response.status_code == 405
    assert _preferences(signed_in, dana)["reminders"] is True


def test_a_one_click_post_without_its_form_field_changes_nothing(dana, anonymous, signed_in, probe_template):
    _send(dana, "probe", "reminder")
    one_click, _ = _reminder_links(sent_emails()[0])

    response = _one_click(anonymous, one_click, body="List-Unsubscribe=Maybe")

    assert response.status_code == 400
    assert response.data["code"] == "one_click_body_missing"
    assert _preferences(signed_in, dana)["reminders"] is True


def test_the_landing_page_button_unsubscribes_without_a_session(dana, browser_api, signed_in, probe_template):
    _send(dana, "probe", "reminder")
    _, page = _reminder_links(sent_emails()[0])

    response = browser_api("POST", "/api/unsubscribe", {"token": page.split("#token=")[1]})

    assert response.status_code == 200
    assert response.data == {"unsubscribed": "reminders"}
    assert _preferences(signed_in, dana)["reminders"] is False


@pytest.mark.parametrize("tamper", [
    lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),  # the signature
    lambda token: "eyJhY2NvdW50X2lkIjoiYWNjdC0xIiwic3RvcHMiOiJyZW1pbmRlcnMifQ." + token.split(".")[1],  # another account
    lambda token: "not-a-token",
])
def test_a_tampered_link_is_refused_and_changes_nothing(dana, browser_api, anonymous, signed_in, probe_template,
                                                        tamper):
    _send(dana, "probe", "reminder")
    one_click, page = _reminder_links(sent_emails()[0])
    bad = tamper(page.split("#token=")[1])

    by_page = browser_api("POST", "/api/unsubscribe", {"token": bad})
    by_header = _one_click(anonymous, one_click.split("?token=")[0] + "?token=" + bad)

    for response in (by_page, by_header):
        assert response.status_code == 400
        assert response.data["code"] == "unsubscribe_link_invalid"
        assert "Nothing was changed" in response.data["message"]
    assert _preferences(signed_in, dana)["reminders"] is True


def test_a_value_sealed_for_another_purpose_is_no_unsubscribe_link(dana, browser_api, signed_in):
    from chalicelib.auth import signed

    cursor = signed.seal({"account_id": dana, "stops": "reminders"}, b"history-cursor")

    assert browser_api("POST", "/api/unsubscribe", {"token": cursor}).status_code == 400
    assert _preferences(signed_in, dana)["reminders"] is True


def test_the_reminder_in_the_outbox_keeps_its_headers(dana, probe_template):
    [message_id] = _send(dana, "probe", "reminder")

    stored = OutboxMessage.get(message_id)
    assert stored.status == "sent"
    assert set(stored.headers.as_dict()) == {"List-Unsubscribe", "List-Unsubscribe-Post"}


def test_a_multipart_one_click_post_unsubscribes_too(dana, anonymous, signed_in, probe_template):
    _send(dana, "probe", "reminder")
    one_click, _ = _reminder_links(sent_emails()[0])
    parts = urlsplit(one_click)
    body = ('--b1\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--b1--\r\n')

    response = anonymous("POST", f"{parts.path}?{parts.query}", raw=body,
                         headers={"Content-Type": "multipart/form-data; boundary=b1"})

    assert response.status_code == 200, response.data
    assert _preferences(signed_in, dana)["reminders"] is False


def test_a_one_click_post_as_json_is_told_the_form_it_takes_and_changes_nothing(dana, anonymous, signed_in,
                                                                                 probe_template):
    _send(dana, "probe", "reminder")
    one_click, _ = _reminder_links(sent_emails()[0])
    parts = urlsplit(one_click)

    response = anonymous("POST", f"{parts.path}?{parts.query}", raw='{"List-Unsubscribe": "One-Click"}',
                         headers={"Content-Type": "application/json"})

    assert response.status_code == 415
    assert response.data["message"] == ("Send the body with the header 'Content-Type' set to one of: "
                                        "application/x-www-form-urlencoded, multipart/form-data.")
    assert _preferences(signed_in, dana)["reminders"] is True
