"""Email addresses and phone numbers as customers type them: normalised to look up, masked to show."""
from __future__ import annotations

from chalicelib.errors import Invalid


def normalise_email(value: object) -> str:
    from email_validator import EmailNotValidError, validate_email

    if not isinstance(value, str) or not value.strip():
        raise Invalid.field("email", "Enter your email address.")
    try:
        return validate_email(value.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise Invalid.field("email", _email_problem(value.strip())) from None


def _email_problem(text: str) -> str:
    """What is wrong with a typed email address, in words: the @ first, then the part after it."""
    if "@" not in text:
        return "The email address is missing an @. Enter it like jane@example.com."
    if text.count("@") > 1:
        return "The email address has more than one @. Enter it like jane@example.com."
    if "." not in text.rpartition("@")[2]:
        return "The part after the @ is not complete. Enter the whole address, such as jane@example.com."
    return "That doesn't look like an email address. Check it and enter it like jane@example.com."


def normalise_phone(value: object) -> str:
    """E.164, e.g. '(217) 555-0143' -> '+12175550143'."""
    import phonenumbers

    if not isinstance(value, str) or not value.strip():
        raise Invalid.field("phone", "Enter your mobile phone number.")
    try:
        number = phonenumbers.parse(value, "US")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise Invalid.field("phone", "Enter a phone number we can text, such as (217) 555-0100.")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def mask_email(email: str) -> str:
    """'jane.smith@gmail.com' -> 'j•••@gmail.com'."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}•••@{domain}"


def mask_phone(phone: str) -> str:
    """'+12175550143' -> '•••43'."""
    return f"•••{phone[-2:]}"
