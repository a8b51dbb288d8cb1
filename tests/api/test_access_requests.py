"""F14: a new owner asks for a home's records; the office decides from its email or through the admin API.

The answer is the same whether or not the address is on file; the office's links are signed, open
a page that changes nothing, and decide the request once.
"""
from __future__ import annotations

import re

import pytest

from chalicelib.notify import outbox
from tests.conftest import email_text, recipients, reset_caches, sent_emails

BUYER = {"address": "12 Oak Street", "zip": "62704", "name": "Alex Rivera", "email": "alex.rivera@example.com"}
NOWHERE = {**BUYER, "address": "999 Nowhere Road"}


def _ask(api, body=BUYER):
    return api("POST", "/api/access-requests", body)


def _subject(message) -> str:
    import email
    from email import policy

    return str(email.message_from_string(message.raw_data, policy=policy.default)["Subject"])


def _office_emails():
    return [m for m in sent_emails() if "dispatch@example.com" in recipients(m) and "Records request" in _subject(m)]


def _links(message) -> dict[str, str]:
    """The office email's tokens by action ("approve", "decline"), read from the plain text."""
    text = email_text(message)
    found = {}
    for action, token in re.findall(r"(Approve access|Decline):\s*\n\S*/access-decision#token=([A-Za-z0-9_.-]+)", text):
        found["approve" if action.startswith("Approve") else "decline"] = token
    return found


def _request_id(admin, status="requested") -> str:
    return admin("GET", f"/api/admin/access-requests?status={status}").data["items"][0]["id"]


def test_the_answer_is_the_same_whether_or_not_the_address_is_on_file(browser_api, world, admin):
    known, unknown = _ask(browser_api), _ask(browser_api, NOWHERE)

    assert (known.status_code, known.data) == (unknown.status_code, unknown.data)
    assert known.status_code == 202 and "Thank you" in known.data["message"]
    assert sent_emails() == []  # nothing is looked up or sent while the page waits
    outbox.deliver_due()
    on_file, not_on_file = sorted(_office_emails(), key=lambda m: "not on file" in _subject(m))
    assert "12 Oak St., Springfield" in _subject(on_file) and set(_links(on_file)) == {"approve", "decline"}
    assert "not on file" in _subject(not_on_file) and set(_links(not_on_file)) == {"decline"}
    listed = {item["address"]["line1"]: item for item in admin("GET", "/api/admin/access-requests").data["items"]}
    assert listed["12 Oak Street"]["property_id"] == "prop-home" and listed["12 Oak Street"]["on_file"]
    assert listed["999 Nowhere Road"]["property_id"] is None and not listed["999 Nowhere Road"]["on_file"]


def test_a_bad_request_says_what_is_wrong_and_stores_nothing(browser_api, world):
    bad_email = _ask(browser_api, {**BUYER, "email": "not-an-email"})
    missing = browser_api("POST", "/api/access-requests", {"address": "12 Oak Street", "zip": "62704"})
    bad_zip = _ask(browser_api, {**BUYER, "zip": "6270"})

    assert bad_email.status_code == missing.status_code == bad_zip.status_code == 400
    assert bad_email.data["details"][0]["field"] == "email"
    assert {d["field"] for d in missing.data["details"]} >= {"name"}
    assert bad_zip.data["details"][0]["field"] == "zip"
    outbox.deliver_due()
    assert _office_emails() == []


def test_requests_for_one_address_are_limited_known_or_not(browser_api, world):
    for body in (BUYER, NOWHERE):
        answers = [_ask(browser_api, {**body, "email": f"buyer{n}@example.com"}).status_code for n in range(4)]
        assert answers == [202, 202, 202, 429]


def test_one_client_cannot_ask_about_many_addresses(browser_api, world, monkeypatch):
    monkeypatch.setenv("PORTAL_LIMIT_IP", "3/3600")
    reset_caches()

    answers = [_ask(browser_api, {**BUYER, "address": f"{n} Elm Street"}).status_code for n in range(5)]

    assert answers == [202, 202, 202, 429, 429]
    assert answers[3] == 429 and "Too many tries" in _ask(browser_api).data["message"]


def test_the_approve_link_opens_a_page_that_changes_nothing_and_acts_once(browser_api, world, admin):
    _ask(browser_api)
    outbox.deliver_due()
    links = _links(_office_emails()[0])

    preview = browser_api("POST", "/api/access-decision/preview", {"token": links["approve"]})
    assert preview.status_code == 200 and preview.data["state"] == "ready"
    assert preview.data["request"]["name"] == "Alex Rivera" and preview.data["request"]["property_label"] == "12 Oak St., Springfield"
    assert admin("GET", "/api/admin/properties/prop-home").data["account_id"] == "acct-jane"  # opening changed nothing

    first = browser_api("POST", "/api/access-decision/act", {"token": links["approve"]})
    again = browser_api("POST", "/api/access-decision/act", {"token": links["approve"]})
    decline = browser_api("POST", "/api/access-decision/act", {"token": links["decline"]})

    assert first.status_code == 200 and first.data["request"]["status"] == "approved"
    assert again.status_code == decline.status_code == 409 and "already approved" in again.data["message"]
    assert browser_api("POST", "/api/access-decision/preview", {"token": links["decline"]}).data["state"] == "used"
    assert first.data["request"]["property_label"] == "12 Oak St., Springfield"
    approved = admin("GET", "/api/admin/access-requests?status=approved").data["items"][0]
    assert admin("GET", "/api/admin/properties/prop-home").data["account_id"] == approved["account_id"]


def test_an_altered_link_is_refused(browser_api, world, admin):
    _ask(browser_api, NOWHERE)
    outbox.deliver_due()
    token = _links(_office_emails()[0])["decline"]
    body, mac = token.split(".")
    approve_instead = body[:-2] + ("A" if body[-2] != "A" else "B") + body[-1] + "." + mac

    for forged in (approve_instead, token[:-3], "nonsense"):
        answer = browser_api("POST", "/api/access-decision/act", {"token": forged})
        assert answer.status_code == 400 and answer.data["code"] == "link_invalid"
    assert admin("GET", "/api/admin/access-requests?status=requested").data["items"][0]["status"] == "requested"


def test_the_admin_api_approves_once_and_refuses_the_other_outcome(browser_api, world, admin):
    _ask(browser_api)
    outbox.deliver_due()
    request_id = _request_id(admin)

    approved = admin("POST", f"/api/admin/access-requests/{request_id}/approve")
    again = admin("POST", f"/api/admin/access-requests/{request_id}/approve")
    declined = admin("POST", f"/api/admin/access-requests/{request_id}/decline", {"reason": "changed my mind"})

    assert approved.status_code == again.status_code == 200 and approved.data == again.data
    assert approved.data["previous_account_id"] == "acct-jane" and approved.data["property_id"] == "prop-home"
    assert declined.status_code == 409 and "already approved" in declined.data["message"]
    invitations = [m for m in sent_emails() if "alex.rivera@example.com" in recipients(m)]
    outbox.deliver_due()
    invitations = [m for m in sent_emails() if "alex.rivera@example.com" in recipients(m)]
    assert len(invitations) == 1 and "/signin/link#token=" in email_text(invitations[0])
    prop = admin("GET", "/api/admin/properties/prop-home").data
    assert prop["owner"] == {"account_id": approved.data["account_id"], "since": approved.data["transferred_on"]}
    assert [o["account_id"] for o in prop["owners"]] == ["acct-jane", approved.data["account_id"]]
    assert admin("GET", "/api/admin/access-requests?status=approved").data["items"][0]["id"] == request_id


def test_a_declined_request_cannot_be_approved(browser_api, world, admin):
    _ask(browser_api)
    outbox.deliver_due()
    request_id = _request_id(admin)

    declined = admin("POST", f"/api/admin/access-requests/{request_id}/decline", {"reason": "Seller says no sale"})
    approve = admin("POST", f"/api/admin/access-requests/{request_id}/approve")

    assert declined.status_code == 200 and declined.data["decline_reason"] == "Seller says no sale"
    assert approve.status_code == 409 and "already declined" in approve.data["message"]
    assert admin("GET", "/api/admin/properties/prop-home").data["account_id"] == "acct-jane"
    outbox.deliver_due()
    told = [m for m in sent_emails() if "alex.rivera@example.com" in recipients(m)]
    assert len(told) == 1 and "could not approve" in email_text(told[0]) and "Seller says" not in email_text(told[0])


def test_an_address_not_on_file_is_approved_only_naming_the_property(browser_api, world, admin):
    _ask(browser_api, {**NOWHERE, "email": "jane@example.com"})  # an existing customer buys another home
    outbox.deliver_due()
    request_id = _request_id(admin)

    unnamed = admin("POST", f"/api/admin/access-requests/{request_id}/approve")
    named = admin("POST", f"/api/admin/access-requests/{request_id}/approve", {"property_id": "prop-sam"})

    assert unnamed.status_code == 422 and unnamed.data["details"][0]["field"] == "property_id"
    assert named.status_code == 200 and named.data["account_id"] == "acct-jane"  # found by email: no new account
    assert admin("GET", "/api/admin/properties/prop-sam").data["account_id"] == "acct-jane"


def test_unknown_request_and_bad_status_are_clear(admin, world):
    assert admin("POST", "/api/admin/access-requests/ar_nope/approve").status_code == 404
    bad = admin("GET", "/api/admin/access-requests?status=maybe")
    assert bad.status_code == 400 and bad.data["details"][0]["field"] == "status"
    extra = admin("POST", "/api/admin/access-requests/ar_nope/decline", {"reason": "x", "force": True})
    assert extra.status_code == 400


@pytest.mark.parametrize("path", ["/api/access-decision/preview", "/api/access-decision/act"])
def test_a_link_body_without_a_token_is_refused(browser_api, path):
    answer = browser_api("POST", path, {})
    assert answer.status_code == 400 and answer.data["code"] == "link_invalid"


def test_asking_costs_the_same_calls_whether_or_not_the_address_is_on_file(browser_api, world, dynamodb_calls):
    browser_api("GET", "/api/branding")
    answers = []
    for body in (BUYER, NOWHERE):
        dynamodb_calls.clear()
        _ask(browser_api, body)
        answers.append(list(dynamodb_calls))

    assert answers[0] == answers[1]
    assert ("PutItem", "outbox") in answers[0] and not any(table == "properties" for _, table in answers[0])
