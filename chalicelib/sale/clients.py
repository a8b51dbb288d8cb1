"""Who opened a shared link, coarsely: the browser family and the country, never the address.

The owner sees "Safari on iPhone, US". The country comes from CloudFront's
``CloudFront-Viewer-Country`` header, trusted only where the deployment guarantees CloudFront is
the API's only caller (SPEC §9, as ``web.client_ip`` trusts its viewer address); anything else
reads "unknown".
"""
from __future__ import annotations

import re

from chalicelib.settings import get_settings

# First match wins: several browsers name Chrome and Safari in their User-Agent too.
_BROWSERS = (
    ("Edg/", "Edge"), ("EdgA/", "Edge"), ("EdgiOS/", "Edge"), ("OPR/", "Opera"), ("SamsungBrowser/", "Samsung Internet"),
    ("Firefox/", "Firefox"), ("FxiOS/", "Firefox"), ("CriOS/", "Chrome"), ("Chrome/", "Chrome"), ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"), ("Windows", "Windows"), ("Macintosh", "Mac"),
    ("CrOS", "Chromebook"), ("Linux", "Linux"),
)
_COUNTRY = re.compile(r"[A-Z]{2}")
UNKNOWN = "unknown"


def browser(user_agent: str | None) -> str:
    """"Chrome on Android", "Safari on iPhone", "Firefox", or "unknown"."""
    agent = (user_agent or "")[:512]
    family = next((name for marker, name in _BROWSERS if marker in agent), None)
    system = next((name for marker, name in _SYSTEMS if marker in agent), None)
    if family and system:
        return f"{family} on {system}"
    return family or (f"A browser on {system}" if system else UNKNOWN)


def country(viewer_country: str | None) -> str:
    """The viewer's two-letter country code where CloudFront says it (its header's value), else "unknown"."""
    if not get_settings().trust_cloudfront:
        return UNKNOWN
    code = (viewer_country or "").strip().upper()
    return code if _COUNTRY.fullmatch(code) else UNKNOWN
