"""Email addresses and phone numbers as customers type them: normalised to look up, masked to show."""
from __future__ import annotations

from chalicelib.errors import Invalid


def normalise_email(value: object) -> str:
    from email_validator import EmailNotValidError, validate_email

    if not isinstance(value, str) or not value.strip():
        raise Invalid.field("email", "enter your email address")
    try:
        return validate_email(value.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise Invalid.field("email", "that does not look like an email address") from None


def normalise_phone(value: object) -> str:
    """E.164, e.g. '(217) 555-0143' -> '+12175550143'."""
    import phonenumbers

    if not isinstance(value, str) or not value.strip():
        raise Invalid.field("phone", "enter your mobile phone number")
    try:
        number = phonenumbers.parse(value, "US")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise Invalid.field("phone", "that does not look like a phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def mask_email(email: str) -> str:
    """'jane.smith@gmail.com' -> 'j•••@gmail.com'."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}•••@{domain}"


def mask_phone(phone: str) -> str:
    """'+12175550143' -> '•••43'."""
    return f"•••{phone[-2:]}"
