"""The local server in front of the app: every method answered in the API's JSON error shape (never
http.server's HTML page), and paths decoded as API Gateway decodes them."""
from __future__ import annotations

import re
import socket
from urllib.parse import urlsplit

import pytest
import requests


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [("TRACE", "/api/health", "GET"), ("PROPFIND", "/api/admin/settings", "GET, PUT"), ("TRACE", "/dashboard", "GET, HEAD"),
     ("POST", "/signin", "GET, HEAD")],
)
def test_an_unknown_or_wrong_method_is_a_json_405_with_allow(portal, method, path, allowed):
    response = requests.request(method, f"{portal}{path}", timeout=10)

    assert response.status_code == 405
    assert response.headers["Allow"] == allowed
    assert response.headers["Content-Type"] == "application/json"
    assert response.json()["code"] == "method_not_allowed"


def test_a_request_with_too_many_headers_is_a_json_431_written_whole_before_the_close(portal):
    # The server refuses after reading 100 header lines and closes the connection. It used to write
    # the head and the body separately, so a client's one read often saw the head and no body;
    # now the whole answer leaves in one write. Read once per try, as the failing client did.
    address = urlsplit(portal)
    headers = b"".join(b"X-Filler-%d: 1\r\n" % number for number in range(120))
    for _ in range(20):
        with socket.create_connection((address.hostname, address.port), timeout=10) as connection:
            connection.sendall(b"GET /api/health HTTP/1.1\r\nHost: portal\r\n" + headers + b"\r\n")
            answer = connection.recv(65536).decode()

        head, _, body = answer.partition("\r\n\r\n")
        assert head.startswith("HTTP/1.1 431")
        assert "application/json" in head
        assert "\r\nConnection: close" in head
        assert f"\r\nContent-Length: {len(body.encode())}" in head
        assert '"code": "bad_request"' in body


def test_a_percent_encoded_id_reaches_the_api_decoded_as_api_gateway_does(portal):
    # "acct:7001" is a valid id; a client that encodes the colon must name the same account
    admin = {"Authorization": "Bearer local-admin-key"}
    created = requests.put(f"{portal}/api/admin/accounts/acct%3A7001", json={"name": "Jane Smith"}, headers=admin, timeout=10)

    assert created.status_code == 201, created.text
    again = requests.put(f"{portal}/api/admin/accounts/acct:7001", json={"name": "Jane Smith"}, headers=admin, timeout=10)
    assert again.status_code == 200 and again.json()["changed"] is False


def test_an_encoded_id_that_is_no_valid_id_is_refused_not_lost(portal):
    admin = {"Authorization": "Bearer local-admin-key"}
    response = requests.put(f"{portal}/api/admin/properties/%3B%C3%84", json={"account_id": "acct-1"}, headers=admin, timeout=10)

    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"


def _answers(portal: str, raw: bytes) -> list[str]:
    """Send ``raw`` (one or more requests) on one connection; the status lines of what comes back."""
    address = urlsplit(portal)
    received = b""
    with socket.create_connection((address.hostname, address.port), timeout=10) as connection:
        connection.sendall(raw)
        connection.settimeout(3)
        try:
            while chunk := connection.recv(65536):
                received += chunk
        except TimeoutError:
            pass
    # a status line follows the previous answer's body directly
    return re.findall(r"HTTP/1\.[01] \d{3} [^\r]*", received.decode(errors="replace"))


def test_a_chunked_body_is_read_whole_and_the_next_request_on_the_connection_is_answered(portal):
    # A body sent in chunks (no Content-Length) was left unread: its bytes were taken for the next
    # request, and the refusal went out without a status line, so the client's next answer broke.
    body = b"List-Unsubscribe=One-Click"
    chunked = (b"POST /api/unsubscribe/one-click?token=x HTTP/1.1\r\nHost: portal\r\n"
               b"Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
               + b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body))
    health = b"GET /api/health HTTP/1.1\r\nHost: portal\r\nConnection: close\r\n\r\n"

    statuses = _answers(portal, chunked + health)

    assert statuses == ["HTTP/1.1 400 Bad Request", "HTTP/1.1 200 OK"]  # the token is not valid; health is up


def test_a_request_line_the_server_cannot_read_still_gets_a_status_line(portal):
    assert _answers(portal, b"THIS IS NOT HTTP\r\n\r\n") == ["HTTP/1.1 400 Bad Request"]


def test_a_refused_post_to_a_page_leaves_no_body_behind_for_the_next_request(portal):
    body = b'{"not": "read before"}'
    refused = b"POST /signin HTTP/1.1\r\nHost: portal\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)
    health = b"GET /api/health HTTP/1.1\r\nHost: portal\r\nConnection: close\r\n\r\n"

    assert _answers(portal, refused + health) == ["HTTP/1.1 405 Method Not Allowed", "HTTP/1.1 200 OK"]
