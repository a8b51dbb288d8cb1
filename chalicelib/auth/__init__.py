"""Admin API keys, sign-in links, sessions, rate limits, invitations and passwords."""
import hashlib


def digest(secret: str) -> str:
    """How every key and token is kept at rest: the SHA-256 of it, in hex."""
    return hashlib.sha256(secret.encode()).hexdigest()
