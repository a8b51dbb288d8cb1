"""The local server answers every method in the API's JSON error shape, never http.server's HTML page."""
from __future__ import annotations

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


def test_a_request_with_too_many_headers_is_a_json_431(portal):
    address = urlsplit(portal)
    with socket.create_connection((address.hostname, address.port), timeout=10) as connection:
        headers = b"".join(b"X-Filler-%d: 1\r\n" % number for number in range(120))
        connection.sendall(b"GET /api/health HTTP/1.1\r\nHost: portal\r\n" + headers + b"\r\n")
        answer = connection.recv(65536).decode()

    head, _, body = answer.partition("\r\n\r\n")
    assert head.startswith("HTTP/1.1 431")
    assert "application/json" in head
    assert '"code": "bad_request"' in body
