"""Domain errors, raised by services and turned into HTTP in one place (``error_response``)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(eq=False)
class PortalError(Exception):
    message: str
    details: list[dict[str, Any]] = field(default_factory=list)
    status = 500
    code = "internal_error"

    def __str__(self) -> str:
        return self.message

    @classmethod
    def field(cls, name: str, sentence: str) -> "PortalError":
        """An error about one field of the request body, named in ``details``.

        ``sentence`` is the whole message, shown as it is next to the field and as the summary:
        a sentence a customer understands ("Choose a date at least 2 days from today."), which
        does not begin with the field's name (the page shows it beside the field already).
        """
        return cls(sentence, [{"field": name, "message": sentence}])

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.details:
            body["details"] = self.details
        return body


class BadRequest(PortalError):
    status, code = 400, "bad_request"


class Invalid(PortalError):
    """A field of the request is wrong; ``details`` names each field and what is wrong."""

    status, code = 400, "validation_error"


class Unauthorized(PortalError):
    status, code = 401, "unauthorized"


class SignedOut(PortalError):
    """No valid customer session (the cookie is missing, expired, forged or revoked)."""

    status, code = 401, "signed_out"


class WrongPassword(PortalError):
    status, code = 401, "wrong_password"


class Forbidden(PortalError):
    status, code = 403, "forbidden"


class ReauthRequired(PortalError):
    """A sensitive change (password, email) needs a sign-in within the last few minutes."""

    status, code = 403, "reauth_required"


class CrossSite(PortalError):
    status, code = 403, "cross_site_request"


class LinkInvalid(PortalError):
    """A sign-in or invitation link that cannot be used: ``code`` says why."""

    status = 400

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message, [])
        self.code = code


class NotFound(PortalError):
    status, code = 404, "not_found"


class Gone(PortalError):
    """The thing existed and has ended (a share link that expired or was revoked)."""

    status, code = 410, "gone"


class MethodNotAllowed(PortalError):
    """The address exists but not for this method; ``allow`` lists the methods it takes."""

    status, code = 405, "method_not_allowed"

    def __init__(self, allow: list[str]) -> None:
        super().__init__(f"This address does not accept that method; it accepts {', '.join(allow)}.", [])
        self.allow = allow


class Declined(PortalError):
    """A payment was refused (the card was declined); nothing was charged."""

    status, code = 402, "payment_declined"


class Conflict(PortalError):
    status, code = 409, "conflict"


class TooLarge(PortalError):
    status, code = 413, "body_too_large"


class UnsupportedMediaType(PortalError):
    status, code = 415, "unsupported_media_type"


class UnknownReference(PortalError):
    """The body points at an object that does not exist (an unknown account or property)."""

    status, code = 422, "unknown_reference"


class RateLimited(PortalError):
    status, code = 429, "rate_limited"

    def __init__(self, message: str, details: list[dict[str, Any]] | None = None, retry_after: int = 60) -> None:
        super().__init__(message, details or [])
        self.retry_after = retry_after


class Unavailable(PortalError):
    status, code = 503, "service_unavailable"
