"""Optional passwords (argon2id). Customers never need one: sign-in links always work."""
from __future__ import annotations

from functools import cache

from chalicelib.errors import Invalid

MIN_LENGTH, MAX_LENGTH = 10, 128


@cache
def _hasher():  # noqa: ANN202 - argon2 loads only on password routes
    from argon2 import PasswordHasher

    return PasswordHasher()  # argon2id with the library's current recommended parameters


@cache
def _dummy_hash() -> str:
    return _hasher().hash("a password nobody has")


def check_new(password: object) -> str:
    if not isinstance(password, str) or len(password) < MIN_LENGTH:
        raise Invalid.field("password", f"Use at least {MIN_LENGTH} characters for your password.")
    if len(password) > MAX_LENGTH:
        raise Invalid.field("password", f"Use at most {MAX_LENGTH} characters for your password.")
    if len(set(password)) < 4:
        raise Invalid.field("password", "That password is too easy to guess. Use more different characters.")
    return password


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify(stored_hash: str | None, password: str) -> bool:
    """True when ``password`` matches; the same work is done when there is no stored hash."""
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(stored_hash or _dummy_hash(), password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False
