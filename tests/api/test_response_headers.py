"""Every API answer says nosniff; signed-in and admin answers are never cached."""
from __future__ import annotations

import pytest

# The tests here share one world, built once (tests/api/conftest.py).
pytestmark = pytest.mark.usefixtures("one_world")


def _assert_private(answer) -> None:
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["Cache-Control"] == "no-store"


@pytest.mark.usefixtures("put_back_world")  # signing in adds a session
def test_signed_in_pages_and_their_errors_are_nosniff_and_never_cached(signed_in, world):
    jane = signed_in("acct-jane")

    _assert_private(jane("GET", "/api/dashboard"))
    _assert_private(jane("GET", "/api/invoices/inv-someone-elses"))  # 404
    _assert_private(jane("PATCH", "/api/me", raw="{oops"))  # 400 from the body parser
    _assert_private(jane("GET", "/api/branding"))  # public, but asked with a session: not cached


def test_admin_answers_and_chalices_own_errors_are_nosniff_and_never_cached(admin, anonymous):
    _assert_private(admin("GET", "/api/admin/settings"))
    _assert_private(anonymous("GET", "/api/admin/settings"))  # 401
    _assert_private(admin("PUT", "/api/admin/accounts/a-1", raw="name", headers={"Content-Type": "text/plain"}))  # 415


def test_public_branding_keeps_its_short_cache_and_says_nosniff(anonymous):
    answer = anonymous("GET", "/api/branding")

    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["Cache-Control"] == "public, max-age=60"
