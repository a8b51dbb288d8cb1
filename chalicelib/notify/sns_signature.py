"""Checking that a message POSTed to the portal really comes from Amazon SNS.

SNS signs each message with a key whose certificate it serves from ``SigningCertURL``. The URL
must be https on an SNS host (``sns.<region>.amazonaws.com``) before anything is fetched from it;
tests and local mode may name one more origin (``PORTAL_SNS_TEST_CERT_ORIGIN``), which no other
stage accepts. Certificates are cached per container. SignatureVersion 1 is RSA with SHA-1, 2 is
RSA with SHA-256, over the fields AWS names for each message type, in that order.

The RSA check itself is ``notify.rsa_signature`` (standard library only: ``cryptography`` would
add about 4.7 MB to the Lambda package for this one route).
"""
from __future__ import annotations

import base64
import re
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from chalicelib.errors import BadRequest, Unavailable
from chalicelib.notify import rsa_signature
from chalicelib.settings import get_settings

_SNS_HOST = re.compile(r"sns\.[a-z]{2}(-[a-z]+)+-\d\.amazonaws\.com(\.cn)?")
_FIELDS = {
    "Notification": ("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"),
    "SubscriptionConfirmation": ("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"),
    "UnsubscribeConfirmation": ("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"),
}
_MAX_CERT_BYTES = 16 * 1024


def refused(why: str) -> BadRequest:
    return BadRequest(f"This notification was refused: {why}. Nothing was changed.")


def allowed_sns_url(url: object) -> bool:
    """An https URL on an SNS host (or, in tests and local mode, under the test origin)."""
    if not isinstance(url, str):
        return False
    test_origin = get_settings().sns_test_cert_origin
    if test_origin and url.startswith(test_origin + "/"):
        return True
    parts = urlsplit(url)
    return (parts.scheme == "https" and parts.port is None and "@" not in parts.netloc
            and bool(_SNS_HOST.fullmatch(parts.hostname or "")))


def verify(message: dict[str, Any]) -> None:
    """Raise ``BadRequest`` unless ``message`` carries a valid SNS signature."""
    kind = message.get("Type")
    version = message.get("SignatureVersion")
    if kind not in _FIELDS:
        raise refused("it is not an SNS message")
    if version not in ("1", "2"):
        raise refused("its signature version is not one SNS uses")
    if not allowed_sns_url(message.get("SigningCertURL")):
        raise refused("its signing certificate is not on an Amazon SNS address")
    try:
        signature = base64.b64decode(str(message.get("Signature") or ""), validate=True)
    except ValueError:
        raise refused("its signature is not valid") from None
    key = _public_key(message["SigningCertURL"])
    # SHA-1 is SNS's own signature version 1, which AWS still sends unless the topic asks for 2
    if not rsa_signature.verify(key, signature, _string_to_sign(message, _FIELDS[kind]), "sha1" if version == "1" else "sha256"):
        raise refused("its signature is not valid")


def _string_to_sign(message: dict[str, Any], fields: tuple[str, ...]) -> bytes:
    lines = []
    for name in fields:
        if name in message and message[name] is not None:
            lines += [name, str(message[name])]
    return ("\n".join(lines) + "\n").encode()


@lru_cache(maxsize=16)
def _public_key(url: str) -> tuple[int, int]:
    try:
        pem = _fetch(url)
    except OSError:
        # 503: SNS delivers the message again later, when the certificate can be fetched
        raise Unavailable("The SNS signing certificate could not be fetched. Nothing was changed.") from None
    try:
        return rsa_signature.public_key(pem)
    except rsa_signature.BadCertificate:
        raise refused("its signing certificate could not be read") from None


def _fetch(url: str) -> bytes:
    """GET ``url`` (already checked to be an SNS address), at most 16 KB, without following redirects."""
    import urllib.request

    class _NoRedirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    opener = urllib.request.build_opener(_NoRedirects)
    with opener.open(url, timeout=5) as response:  # noqa: S310 - the scheme and host are checked
        return response.read(_MAX_CERT_BYTES)


def confirm_subscription(message: dict[str, Any]) -> None:
    """Visit the SubscribeURL of a verified SubscriptionConfirmation, if it is an SNS address."""
    url = message.get("SubscribeURL")
    if not allowed_sns_url(url):
        raise refused("its subscription address is not on Amazon SNS")
    try:
        _fetch(str(url))
    except OSError:
        # 503: SNS sends the confirmation again later
        raise Unavailable("SNS could not be reached to confirm the subscription. Nothing was changed.") from None
