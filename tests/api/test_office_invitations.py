"""The office's invitations (C6, issue 16 item 4): the counts before inviting everyone (who will be
invited, who has no email, whose address is undeliverable), inviting everyone in batches that
leave undeliverable addresses out, and inviting one customer again by email."""
from __future__ import annotations

from chalicelib.auth import invitations
from chalicelib.db.models import Account
from chalicelib.notify import outbox, suppression
from tests.api.factories import account
from tests.api.signin_helpers import sign_in
from tests.conftest import recipients, sent_emails


def _customers(admin, count: int, *, start: int = 0) -> None:
    for n in range(start, start + count):
        admin("PUT", f"/api/admin/accounts/acct-{n:03}", account(name=f"Customer {n}", email=f"c{n}@example.com", phone=None))


def _summary(admin) -> dict:
    response = admin("GET", "/api/admin/invitations")
    assert response.status_code == 200, response.data
    return response.data


def test_the_counts_say_who_will_be_invited_who_has_no_email_and_whose_address_bounced(aws, admin):
    _customers(admin, 4)
    admin("PUT", "/api/admin/accounts/acct-nomail", account(email=None))
    admin("PUT", "/api/admin/accounts/acct-nomail-2", account(email=None, phone="(217) 555-0177"))
    suppression.mark("c1@example.com", "bounce", detail="550 user unknown", source="ses")
    admin("POST", "/api/admin/accounts/acct-003/invite")  # invited already

    assert _summary(admin) == {"will_invite": 2, "undeliverable": 1, "no_email": 2}


def test_a_customer_who_signed_in_is_no_longer_counted(aws, admin, browser_api):
    admin("PUT", "/api/admin/accounts/acct-nomail", account(email=None))
    _customers(admin, 1)
    before = _summary(admin)

    sign_in(browser_api, phone="(217) 555-0198")  # by text: needs no invitation
    sign_in(browser_api, email="c0@example.com")
    admin("PUT", "/api/admin/accounts/acct-000", account(name="Customer 0", email="c0@example.com", phone=None))  # a later sync

    assert before == {"will_invite": 1, "undeliverable": 0, "no_email": 1}
    assert _summary(admin) == {"will_invite": 0, "undeliverable": 0, "no_email": 0}


def test_inviting_everyone_goes_in_batches_and_leaves_undeliverable_addresses_out(aws, admin, monkeypatch):
    monkeypatch.setattr(invitations, "BATCH", 3)
    _customers(admin, 5)
    suppression.mark("c2@example.com", "complaint", detail=None, source="ses")

    answers = []
    while not answers or answers[-1]["more"]:
        response = admin("POST", "/api/admin/invitations")
        assert response.status_code == 200, response.data
        answers.append(response.data)

    assert answers == [{"invited": 2, "skipped": 1, "more": True}, {"invited": 2, "skipped": 0, "more": False}]
    outbox.deliver_due()
    assert sorted(recipients(m)[0] for m in sent_emails()) == ["c0@example.com", "c1@example.com", "c3@example.com", "c4@example.com"]
    assert Account.get("acct-002").invited_at is None
    assert _summary(admin) == {"will_invite": 0, "undeliverable": 0, "no_email": 0}


def test_one_customer_is_invited_again_by_email_with_a_new_link(aws, admin):
    _customers(admin, 1)
    first = admin("POST", "/api/admin/invitations/by-email", {"email": "C0@Example.com"})
    again = admin("POST", "/api/admin/invitations/by-email", {"email": "c0@example.com"})

    assert (first.status_code, again.status_code) == (202, 202)
    assert again.data["name"] == "Customer 0" and again.data["sent_to"] == "c•••@example.com"
    outbox.deliver_due()
    assert [recipients(m)[0] for m in sent_emails()] == ["c0@example.com", "c0@example.com"]


def test_inviting_an_unknown_or_undeliverable_address_is_refused_in_words(aws, admin):
    _customers(admin, 1)
    suppression.mark("c0@example.com", "bounce", detail=None, source="ses")

    unknown = admin("POST", "/api/admin/invitations/by-email", {"email": "nobody@example.com"})
    bounced = admin("POST", "/api/admin/invitations/by-email", {"email": "c0@example.com"})
    wrong = admin("POST", "/api/admin/invitations/by-email", {"email": "not an email"})

    assert (unknown.status_code, unknown.data["message"]) == (404, "No customer with the email nobody@example.com is on file.")
    assert bounced.status_code == 409 and bounced.data["message"].startswith("We cannot write to c0@example.com: it bounced on ")
    assert wrong.status_code == 400 and wrong.data["details"][0]["field"] == "email"
    assert Account.get("acct-000").invited_at is None
