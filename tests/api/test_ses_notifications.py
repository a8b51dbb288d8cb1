"""SES bounces and complaints through SNS: signature-checked, they mark the address undeliverable, the
outbox stops writing to it, and the office sees the account (C4).

Messages are signed as SNS signs them, with a key and self-signed certificate made here and served
from a local HTTP server on 127.0.0.1; the test stage allows that one origin (never production).
"""
from __future__ import annotations

import base64
import json
import threading
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterator

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

from chalicelib.customer import messages
from chalicelib.db.models import Account, OutboxMessage
from chalicelib.notify import outbox, sns_signature
from tests.api.factories import account
from tests.conftest import recipients, reset_caches, sent_emails

TOPIC = "arn:aws:sns:us-east-1:123456789012:portal-ses-events"
FIELDS = {"Notification": ("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"),
          "SubscriptionConfirmation": ("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type")}


class CertServer:
    """Serves the signing certificate and records every path asked for (e.g. a SubscribeURL)."""

    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "sns.test")])
        now = datetime.now(timezone.utc)
        cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(self.key.public_key())
                .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
                .not_valid_after(now + timedelta(days=30)).sign(self.key, hashes.SHA256()))
        pem = cert.public_bytes(serialization.Encoding.PEM)
        self.paths: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                server.paths.append(self.path)
                body = pem if self.path.endswith(".pem") else b"<ConfirmSubscriptionResponse/>"
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def sign(self, message: dict[str, Any], version: str = "2", cert_url: str | None = None) -> dict[str, Any]:
        message = {**message, "SignatureVersion": version,
                   "SigningCertURL": cert_url or f"{self.origin}/SimpleNotificationService-test.pem"}
        text = "".join(f"{name}\n{message[name]}\n" for name in FIELDS[message["Type"]] if name in message)
        algorithm = hashes.SHA1() if version == "1" else hashes.SHA256()  # noqa: S303 - SNS version 1
        message["Signature"] = base64.b64encode(self.key.sign(text.encode(), padding.PKCS1v15(), algorithm)).decode()
        return message


@pytest.fixture(scope="module")
def cert_server() -> Iterator[CertServer]:
    server = CertServer()
    yield server
    server.httpd.shutdown()


@pytest.fixture
def sns(cert_server, monkeypatch):
    monkeypatch.setenv("PORTAL_SNS_TEST_CERT_ORIGIN", cert_server.origin)
    monkeypatch.setenv("PORTAL_SES_EVENTS_TOPIC_ARN", TOPIC)
    reset_caches()
    sns_signature._public_key.cache_clear()  # noqa: SLF001
    cert_server.paths.clear()
    yield cert_server
    sns_signature._public_key.cache_clear()  # noqa: SLF001


def _event(kind: str, address: str, bounce_type: str = "Permanent") -> dict[str, Any]:
    if kind == "Bounce":
        detail = {"bounce": {"bounceType": bounce_type, "bounceSubType": "General",
                             "bouncedRecipients": [{"emailAddress": address, "status": "5.1.1"}]}}
    else:
        detail = {"complaint": {"complainedRecipients": [{"emailAddress": address}], "complaintFeedbackType": "abuse"}}
    return {"Type": "Notification", "MessageId": "m-1", "TopicArn": TOPIC, "Timestamp": "2026-11-30T10:00:00.000Z",
            "Message": json.dumps({"notificationType": kind, "mail": {"destination": [address]}, **detail})}


def _post(anonymous, message: dict[str, Any]):
    return anonymous("POST", "/api/webhooks/ses", raw=json.dumps(message), headers={"Content-Type": "text/plain; charset=UTF-8"})


@pytest.fixture
def two_customers(admin):
    assert admin("PUT", "/api/admin/accounts/acct-a", account(name="Ann Bell", email="ann@example.com")).status_code == 201
    assert admin("PUT", "/api/admin/accounts/acct-b", account(name="Bo Chen", email="bo@example.com")).status_code == 201


def _receipt(account_id: str, key: str) -> str:
    [message_id] = messages.send(Account.get(account_id), "test_message", {}, kind="transactional", dedupe_key=key)
    outbox.deliver_due()
    return message_id


@pytest.mark.parametrize("version", ["1", "2"])
def test_a_signed_permanent_bounce_stops_mail_to_that_address_only(sns, anonymous, admin, two_customers, version):
    response = _post(anonymous, sns.sign(_event("Bounce", "Ann@Example.com"), version))

    assert response.status_code == 200, response.data
    assert response.data == {"received": True, "result": "marked"}
    to_ann, to_bo = _receipt("acct-a", "r-1"), _receipt("acct-b", "r-2")
    assert [recipients(m) for m in sent_emails()] == [["bo@example.com"]]
    assert OutboxMessage.get(to_ann).status == "suppressed"
    assert OutboxMessage.get(to_bo).status == "sent"
    # the office sees who cannot be reached
    listed = admin("GET", "/api/admin/unreachable")
    assert listed.status_code == 200
    [item] = listed.data["items"]
    assert (item["account_id"], item["name"], item["address"], item["reason"]) == ("acct-a", "Ann Bell", "ann@example.com", "bounce")
    assert item["since"]


def test_a_complaint_marks_the_address_too(sns, anonymous, admin, two_customers):
    assert _post(anonymous, sns.sign(_event("Complaint", "bo@example.com"))).data["result"] == "marked"

    [item] = admin("GET", "/api/admin/unreachable").data["items"]
    assert (item["account_id"], item["reason"]) == ("acct-b", "complaint")


def test_a_transient_bounce_changes_nothing(sns, anonymous, admin, two_customers):
    response = _post(anonymous, sns.sign(_event("Bounce", "ann@example.com", bounce_type="Transient")))

    assert response.data["result"] == "ignored"
    _receipt("acct-a", "r-1")
    assert len(sent_emails()) == 1
    assert admin("GET", "/api/admin/unreachable").data["items"] == []


def test_a_new_email_makes_the_account_reachable_again(sns, anonymous, admin, two_customers):
    _post(anonymous, sns.sign(_event("Bounce", "ann@example.com")))

    assert admin("PUT", "/api/admin/accounts/acct-a", account(name="Ann Bell", email="ann.bell@example.com")).status_code == 200
    _receipt("acct-a", "r-1")

    assert [recipients(m) for m in sent_emails()] == [["ann.bell@example.com"]]
    assert admin("GET", "/api/admin/unreachable").data["items"] == []


@pytest.mark.parametrize("spoil", [
    lambda m: {**m, "Message": m["Message"].replace("ann@", "bo@")},  # altered after signing
    lambda m: {**m, "Signature": base64.b64encode(b"x" * 256).decode()},
    lambda m: {**m, "Signature": "not base64!"},
    lambda m: {**m, "SignatureVersion": "3"},
    lambda m: {**m, "TopicArn": "arn:aws:sns:us-east-1:999999999999:someone-else"},  # another topic
    lambda m: {k: v for k, v in m.items() if k != "Signature"},
])
def test_a_message_that_is_not_signed_for_our_topic_is_refused_and_changes_nothing(sns, anonymous, admin, two_customers,
                                                                                     spoil):
    response = _post(anonymous, spoil(sns.sign(_event("Bounce", "ann@example.com"))))

    assert response.status_code == 400
    assert "Nothing was changed" in response.data["message"]
    _receipt("acct-a", "r-1")
    assert len(sent_emails()) == 1
    assert admin("GET", "/api/admin/unreachable").data["items"] == []


def test_a_certificate_outside_sns_is_never_fetched(sns, anonymous):
    message = sns.sign(_event("Bounce", "ann@example.com"), cert_url="https://certs.attacker.example/sns.pem")

    response = _post(anonymous, message)

    assert response.status_code == 400
    assert "not on an Amazon SNS address" in response.data["message"]


def test_without_the_test_setting_the_local_certificate_host_is_refused(sns, anonymous, monkeypatch):
    monkeypatch.delenv("PORTAL_SNS_TEST_CERT_ORIGIN")
    reset_caches()

    response = _post(anonymous, sns.sign(_event("Bounce", "ann@example.com")))

    assert response.status_code == 400
    assert sns.paths == []


def test_the_certificate_is_fetched_once_per_container(sns, anonymous):
    for n in range(3):
        assert _post(anonymous, sns.sign(_event("Bounce", f"gone{n}@example.com"))).status_code == 200

    assert sns.paths == ["/SimpleNotificationService-test.pem"]


def _subscription(sns, subscribe_url: str) -> dict[str, Any]:
    return {"Type": "SubscriptionConfirmation", "MessageId": "m-2", "TopicArn": TOPIC, "Token": "tok",
            "Timestamp": "2026-11-30T10:00:00.000Z", "Message": "You have chosen to subscribe.",
            "SubscribeURL": subscribe_url}


def test_a_signed_subscription_confirmation_is_confirmed(sns, anonymous):
    url = f"{sns.origin}/?Action=ConfirmSubscription&TopicArn={TOPIC}&Token=tok"

    response = _post(anonymous, sns.sign(_subscription(sns, url)))

    assert response.data == {"received": True, "result": "subscribed"}
    assert url.removeprefix(sns.origin) in sns.paths


def test_a_subscription_elsewhere_or_unsigned_is_not_visited(sns, anonymous):
    elsewhere = sns.sign(_subscription(sns, "https://attacker.example/?Action=ConfirmSubscription"))
    unsigned = {**_subscription(sns, f"{sns.origin}/?Action=ConfirmSubscription"), "SignatureVersion": "2",
                "SigningCertURL": f"{sns.origin}/SimpleNotificationService-test.pem", "Signature": "AAAA"}

    assert _post(anonymous, elsewhere).status_code == 400
    assert _post(anonymous, unsigned).status_code == 400
    assert not [path for path in sns.paths if "Action=" in path]


def test_a_body_that_is_not_json_is_refused(sns, anonymous):
    response = anonymous("POST", "/api/webhooks/ses", raw="hello", headers={"Content-Type": "text/plain"})

    assert response.status_code == 400
    assert response.data["code"] == "bad_request"


# -- local mode: a simulated bounce --------------------------------------------------------------

def test_local_mode_simulates_a_bounce_through_the_same_marking(anonymous, admin, two_customers, monkeypatch):
    monkeypatch.setenv("PORTAL_STAGE", "local")
    reset_caches()

    response = anonymous("POST", "/api/dev/bounce", {"email": "Ann@Example.com"})

    assert response.status_code == 200
    assert response.data == {"email": "ann@example.com", "marked": True}
    message_id = _receipt("acct-a", "r-1")
    assert OutboxMessage.get(message_id).status == "suppressed"
    [item] = admin("GET", "/api/admin/unreachable").data["items"]
    assert (item["account_id"], item["detail"]) == ("acct-a", "Simulated in local mode")
    assert anonymous("POST", "/api/dev/bounce", {"email": "not an address"}).status_code == 400


def test_there_is_no_simulated_bounce_outside_local_mode(anonymous):
    assert anonymous("POST", "/api/dev/bounce", {"email": "ann@example.com"}).status_code == 404


def test_the_office_list_pages_newest_first_and_needs_the_key(admin, anonymous):
    from chalicelib.notify import suppression

    for n in range(3):
        admin("PUT", f"/api/admin/accounts/acct-{n}", account(name=f"Customer {n}", email=f"c{n}@example.com"))
        suppression.mark(f"c{n}@example.com", "bounce", detail=None, source="ses")

    first = admin("GET", "/api/admin/unreachable?limit=2")
    second = admin("GET", f"/api/admin/unreachable?limit=2&cursor={first.data['next_cursor']}")

    assert [i["account_id"] for i in first.data["items"] + second.data["items"]] == ["acct-2", "acct-1", "acct-0"]
    assert second.data["next_cursor"] is None
    assert admin("GET", "/api/admin/unreachable?cursor=forged").status_code == 400
    assert anonymous("GET", "/api/admin/unreachable").status_code == 401


def test_a_certificate_that_cannot_be_fetched_asks_sns_to_retry(sns, anonymous, two_customers, admin, monkeypatch):
    from devserver.stack import free_port

    message = sns.sign(_event("Bounce", "ann@example.com"))
    not_a_certificate = _post(anonymous, {**message, "SigningCertURL": f"{sns.origin}/not-a-cert"})
    closed = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    monkeypatch.setenv("PORTAL_SNS_TEST_CERT_ORIGIN", closed)
    reset_caches()
    unreachable = _post(anonymous, {**message, "SigningCertURL": f"{closed}/SimpleNotificationService-test.pem"})

    assert not_a_certificate.status_code == 400  # retrying would not help
    assert unreachable.status_code == 503  # SNS delivers it again later
    assert admin("GET", "/api/admin/unreachable").data["items"] == []
