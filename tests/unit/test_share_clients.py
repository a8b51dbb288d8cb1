"""What the owner is told of who opened a share link: a browser family and a country, coarse on purpose."""
from __future__ import annotations

import pytest

from chalicelib.sale import clients

AGENTS = {
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1": "Safari on iPhone",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0 Mobile/15E148 Safari/604.1": "Chrome on iPhone",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36": "Chrome on Android",
    "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0 Mobile Safari/537.36": "Samsung Internet on Android",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36 Edg/124.0": "Edge on Windows",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.4; rv:125.0) Gecko/20100101 Firefox/125.0": "Firefox on Mac",
    "curl/8.5.0": "unknown",
    "": "unknown",
}


@pytest.mark.parametrize("agent, words", AGENTS.items())
def test_the_browser_family_and_system_in_words(agent, words):
    assert clients.browser(agent) == words


def test_no_user_agent_is_unknown():
    assert clients.browser(None) == "unknown"


def test_the_country_header_counts_only_when_cloudfront_is_the_only_caller(monkeypatch):
    from chalicelib.settings import get_settings

    assert clients.country("US") == "unknown"
    monkeypatch.setenv("PORTAL_TRUST_CLOUDFRONT", "true")
    monkeypatch.setenv("PORTAL_CLOUDFRONT_ORIGIN_SECRET", "x" * 32)
    get_settings.cache_clear()
    assert clients.country("us") == "US"
    assert clients.country("not a country") == "unknown"
    assert clients.country(None) == "unknown"
