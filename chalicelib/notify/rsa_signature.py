"""Checking an RSA PKCS #1 v1.5 signature with the standard library (RFC 8017 §8.2.2).

SNS signs its HTTP messages this way, with the key of an X.509 certificate fetched over https from
an SNS address. The only library that does this is ``cryptography``, which would add about 4.7 MB
to a Lambda package whose budget is 10 MB (SPEC §8), for one webhook. Verifying is small and needs
no secret: read the certificate's public key (n, e), raise the signature to e mod n, and compare
the result, whole and in constant time, with the encoding the message's digest must have. The
whole encoded block is compared (never parsed), so a forged padding cannot pass.

The certificate is trusted because of where it came from (an SNS https address), exactly as with
``cryptography``: this module does not check a certificate chain.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import re

# DigestInfo headers (RFC 8017 §9.2 note 1): the DER before the digest itself.
_DIGEST_INFO = {
    "sha1": bytes.fromhex("3021300906052b0e03021a05000414"),
    "sha256": bytes.fromhex("3031300d060960864801650304020105000420"),
}
_RSA_ENCRYPTION = bytes.fromhex("06092a864886f70d010101")  # OID 1.2.840.113549.1.1.1
_PEM = re.compile(rb"-----BEGIN CERTIFICATE-----(.+?)-----END CERTIFICATE-----", re.S)
_SEQUENCE, _INTEGER, _BIT_STRING, _VERSION = 0x30, 0x02, 0x03, 0xA0


class BadCertificate(ValueError):
    """Not a PEM X.509 certificate with an RSA key."""


def public_key(pem: bytes) -> tuple[int, int]:
    """The RSA key ``(n, e)`` of the first certificate in ``pem``."""
    found = _PEM.search(pem)
    if not found:
        raise BadCertificate("no PEM certificate")
    try:
        der = base64.b64decode(b"".join(found.group(1).split()), validate=True)
    except ValueError:
        raise BadCertificate("the certificate is not base64") from None
    certificate = _one(der, 0, _SEQUENCE, whole=True)
    tbs = _children(der, certificate)[0]
    fields = _children(der, tbs)
    if fields and der[fields[0][0]] == _VERSION:
        fields = fields[1:]
    if len(fields) < 6:  # serial, signature, issuer, validity, subject, subjectPublicKeyInfo
        raise BadCertificate("the certificate has too few fields")
    algorithm, key_bits = _children(der, fields[5])[:2]
    if not der[algorithm[1]:algorithm[2]].startswith(_RSA_ENCRYPTION) or der[key_bits[0]] != _BIT_STRING:
        raise BadCertificate("the certificate's key is not an RSA key")
    if der[key_bits[1]] != 0:
        raise BadCertificate("the key's bit string has unused bits")
    key = _one(der, key_bits[1] + 1, _SEQUENCE)
    modulus, exponent = (_integer(der, part) for part in _children(der, key)[:2])
    if modulus.bit_length() < 1024 or exponent < 3:
        raise BadCertificate("the RSA key is too small")
    return modulus, exponent


def verify(key: tuple[int, int], signature: bytes, message: bytes, digest: str) -> bool:
    """Whether ``signature`` is ``message``'s RSASSA-PKCS1-v1_5 signature under ``key`` (sha1 or sha256)."""
    modulus, exponent = key
    size = (modulus.bit_length() + 7) // 8
    if len(signature) != size:
        return False
    value = int.from_bytes(signature, "big")
    if value >= modulus:
        return False
    encoded = pow(value, exponent, modulus).to_bytes(size, "big")
    digest_info = _DIGEST_INFO[digest] + hashlib.new(digest, message).digest()
    expected = b"\x00\x01" + b"\xff" * (size - len(digest_info) - 3) + b"\x00" + digest_info
    return hmac.compare_digest(encoded, expected)


# -- just enough DER ------------------------------------------------------------------------------

def _header(der: bytes, at: int) -> tuple[int, int, int]:
    """``(tag, content start, content end)`` of the element at ``at``."""
    if at + 2 > len(der):
        raise BadCertificate("the certificate is cut short")
    tag, first = der[at], der[at + 1]
    if first < 0x80:
        start, length = at + 2, first
    else:
        count = first & 0x7F
        if not 1 <= count <= 4:
            raise BadCertificate("the certificate has a length DER does not allow")
        start, length = at + 2 + count, int.from_bytes(der[at + 2:at + 2 + count], "big")
    if start + length > len(der):
        raise BadCertificate("the certificate is cut short")
    return tag, start, start + length


def _one(der: bytes, at: int, tag: int, whole: bool = False) -> tuple[int, int, int]:
    found = _header(der, at)
    if found[0] != tag or (whole and found[2] != len(der)):
        raise BadCertificate("the certificate is not in the expected shape")
    return (at, found[1], found[2])


def _children(der: bytes, parent: tuple[int, int, int]) -> list[tuple[int, int, int]]:
    """The elements inside ``parent`` as ``(where, content start, content end)``."""
    _, start, end = parent
    found, at = [], start
    while at < end:
        _, content_start, content_end = _header(der, at)
        found.append((at, content_start, content_end))
        at = content_end
    if at != end or not found:
        raise BadCertificate("the certificate is not in the expected shape")
    return found


def _integer(der: bytes, element: tuple[int, int, int]) -> int:
    where, start, end = element
    if der[where] != _INTEGER or start == end:
        raise BadCertificate("the RSA key is not two integers")
    return int.from_bytes(der[start:end], "big", signed=False)
