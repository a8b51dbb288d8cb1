"""The standard-library RSA check against signatures and certificates made by ``cryptography``."""
from __future__ import annotations

import datetime

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import NameOID

from chalicelib.notify import rsa_signature

MESSAGE = b"Message\n{\"notificationType\":\"Bounce\"}\nType\nNotification\n"


def _certificate(key) -> bytes:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "sns.us-east-1.amazonaws.com")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now)
            .not_valid_after(now + datetime.timedelta(days=1)).sign(key, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.PEM)


@pytest.fixture(scope="module")
def signer():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.mark.parametrize(("digest", "algorithm"), [("sha1", hashes.SHA1()), ("sha256", hashes.SHA256())])
def test_a_signature_made_with_the_certificates_key_is_accepted(signer, digest, algorithm):
    key = rsa_signature.public_key(_certificate(signer))
    signature = signer.sign(MESSAGE, padding.PKCS1v15(), algorithm)

    assert key == (signer.public_key().public_numbers().n, 65537)
    assert rsa_signature.verify(key, signature, MESSAGE, digest)


def test_a_changed_message_another_key_or_another_digest_is_refused(signer):
    key = rsa_signature.public_key(_certificate(signer))
    signature = signer.sign(MESSAGE, padding.PKCS1v15(), hashes.SHA256())
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    assert not rsa_signature.verify(key, signature, MESSAGE.replace(b"Bounce", b"Delivery"), "sha256")
    assert not rsa_signature.verify(key, signature, MESSAGE, "sha1")
    assert not rsa_signature.verify(rsa_signature.public_key(_certificate(other)), signature, MESSAGE, "sha256")
    assert not rsa_signature.verify(key, signature[:-1], MESSAGE, "sha256")
    assert not rsa_signature.verify(key, bytes(len(signature)), MESSAGE, "sha256")
    assert not rsa_signature.verify(key, b"\xff" * len(signature), MESSAGE, "sha256")  # not below the modulus


def test_a_certificate_without_an_rsa_key_or_not_a_certificate_is_refused():
    with pytest.raises(rsa_signature.BadCertificate):
        rsa_signature.public_key(_certificate(ec.generate_private_key(ec.SECP256R1())))
    with pytest.raises(rsa_signature.BadCertificate):
        rsa_signature.public_key(b"<html>Not found</html>")
    pem = _certificate(rsa.generate_private_key(public_exponent=65537, key_size=2048)).decode()
    body = "".join(pem.splitlines()[1:-1])
    cut = "-----BEGIN CERTIFICATE-----\n" + body[: len(body) // 2] + "\n-----END CERTIFICATE-----\n"
    with pytest.raises(rsa_signature.BadCertificate):
        rsa_signature.public_key(cut.encode())
