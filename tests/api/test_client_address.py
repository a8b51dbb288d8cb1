"""The per-client sign-in limit counts the real client: CloudFront's header only behind CloudFront."""
from __future__ import annotations

import pytest

from tests.conftest import reset_caches

SECRET = "origin-secret-0123456789abcdef-0123456789"


def _ask(api, n: int, **headers: str):
    return api("POST", "/api/auth/magic-link", {"email": f"person{n}@example.com"}, headers=headers).status_code


@pytest.fixture
def limit_of_two(monkeypatch):
    monkeypatch.setenv("PORTAL_LIMIT_IP", "2/3600")
    reset_caches()


def test_a_made_up_viewer_address_gives_no_fresh_allowance(browser_api, limit_of_two):
    answers = [_ask(browser_api, n, **{"CloudFront-Viewer-Address": f"203.0.113.{n}:4431"}) for n in range(3)]

    assert answers == [202, 202, 429]


def test_behind_cloudfront_with_its_secret_the_viewer_address_counts(browser_api, limit_of_two, monkeypatch):
    monkeypatch.setenv("PORTAL_TRUST_CLOUDFRONT", "true")
    monkeypatch.setenv("PORTAL_CLOUDFRONT_ORIGIN_SECRET", f"old-secret-still-valid-0123456789abcdef,{SECRET}")
    reset_caches()
    via_cloudfront = {"X-Portal-Origin-Secret": SECRET}

    others = [_ask(browser_api, n, **via_cloudfront, **{"CloudFront-Viewer-Address": f"203.0.113.{n}:4431"}) for n in range(3)]
    same = [_ask(browser_api, 10 + n, **via_cloudfront, **{"CloudFront-Viewer-Address": "[2001:db8::1]:443"}) for n in range(3)]

    assert others == [202, 202, 202]
    assert same == [202, 202, 429]


@pytest.mark.parametrize("sent", [None, "wrong", SECRET[:-1]])
def test_behind_cloudfront_a_request_without_the_secret_is_refused(browser_api, admin, monkeypatch, sent):
    monkeypatch.setenv("PORTAL_TRUST_CLOUDFRONT", "1")
    monkeypatch.setenv("PORTAL_CLOUDFRONT_ORIGIN_SECRET", SECRET)
    reset_caches()
    headers = {"X-Portal-Origin-Secret": sent} if sent else {}

    ask = browser_api("POST", "/api/auth/magic-link", {"email": "jane@example.com"}, headers=headers)
    company = admin("GET", "/api/admin/settings", headers=headers)

    for answer in (ask, company):
        assert answer.status_code == 403
        assert answer.data["code"] == "forbidden"
        assert answer.headers["X-Content-Type-Options"] == "nosniff"


def test_trusting_cloudfront_without_a_secret_is_a_configuration_error(monkeypatch):
    from chalicelib.settings import settings_from

    with pytest.raises(RuntimeError, match="PORTAL_CLOUDFRONT_ORIGIN_SECRET"):
        settings_from({"PORTAL_TRUST_CLOUDFRONT": "true"})
