"""Email addresses and phone numbers as customers type them: normalised to look up, masked to show."""
from __future__ import annotations

from chalicelib.errors import Invalid


def parse_email(text: str) -> str:
    """The address as typed, normalised (its domain in lower case); ``ValueError`` says why it is not one.

    Shared by the customer routes (``normalise_email``) and the admin schemas, which word the error
    their own way.
    """
    from email_validator import validate_email

    return validate_email(text.strip(), check_deliverability=False).normalized  # EmailNotValidError is a ValueError


def parse_phone(text: str) -> str:
    """E.164, e.g. '(217) 555-0143' -> '+12175550143' (US numbers without a country code);
    ``ValueError`` says why it is not one."""
    import phonenumbers

    try:
        number = phonenumbers.parse(text, "US")
    except phonenumbers.NumberParseException:
        raise ValueError("is not a phone number") from None
    if not phonenumbers.is_valid_number(number):
        raise ValueError("is not a valid phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_email(value: object) -> str:
    """The address to look up and store (lower case), or ``Invalid`` saying in words what is wrong."""
    if not isinstance(value, str) or not value.strip():
        raise Invalid.field("email", "Enter your email address.")
    try:
        return parse_email(value).lower()
    except ValueError:
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
    """``parse_phone``, or ``Invalid`` with the sentence a customer understands."""
    if not isinstance(value, str) or not value.strip():
        raise Invalid.field("phone", "Enter your mobile phone number.")
    try:
        return parse_phone(value)
    except ValueError:
        raise Invalid.field("phone", "Enter a phone number we can text, such as (217) 555-0100.") from None


def mask_email(email: str) -> str:
    """'jane.smith@gmail.com' -> 'j•••@gmail.com'."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}•••@{domain}"


def mask_phone(phone: str) -> str:
    """'+12175550143' -> '•••43'."""
    return f"•••{phone[-2:]}"
