"""The bodies the customer routes take, each declared once, and the checks every field gets.

As strict as the admin schemas (``admin/schemas.py``) without pydantic's import on the customer
cold start: a field a body does not name is refused, text is a string of bounded length, and
(through ``jsonbody``, which reads every body first) a single line unless the field is declared
``multiline``. Each refusal is ``Invalid`` naming the field, with the sentence the page shows next
to it. What a value *means* (whose property, whether a link is still good, an email's owner) stays
with the service; a field declared ``Opaque`` is passed on for the service to judge.

Booking's bodies depend on its rules (a service booked by request takes fields an instant one does
not), so booking calls the pieces here (``refuse_unknown``, ``iso_date``) from its own validation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from chalicelib.errors import Invalid

PAYMENT_METHODS = ("card", "us_bank_account")


def refuse_unknown(body: dict[str, Any], allowed: Any, sentence: str, prefix: str = "") -> None:
    """``Invalid`` naming the first field (in sorted order) of ``body`` not in ``allowed``."""
    unknown = sorted(set(body) - set(allowed))
    if unknown:
        raise Invalid.field(f"{prefix}{unknown[0]}", sentence)


def iso_date(path: str, value: object, sentence: str) -> date:
    """A calendar date written year-month-day ("2026-05-04"), or ``Invalid`` with ``sentence``."""
    try:
        if isinstance(value, str) and len(value) == 10:
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise Invalid.field(path, sentence)


@dataclass(frozen=True)
class Text:
    """A string, stripped, of ``min_length``..``max_length`` characters matching ``pattern``.

    ``problem``: the sentence for a value that is missing, not text, or not in shape; ``too_long``
    the one for a value over ``max_length`` (``problem`` if not given). ``nullable``: null (and
    an empty optional text) passes on as None. ``strip``: False where spaces count (a password).
    """

    problem: str
    max_length: int
    min_length: int = 0
    pattern: str | None = None
    too_long: str | None = None
    nullable: bool = False
    multiline: bool = False
    upper: bool = False
    strip: bool = True

    def check(self, path: str, value: Any) -> Any:
        if value is None and self.nullable:
            return None
        if not isinstance(value, str):
            raise Invalid.field(path, self.problem)
        text = value.strip() if self.strip else value
        if len(text) > self.max_length:
            raise Invalid.field(path, self.too_long or self.problem)
        if not text and self.nullable and not self.min_length:
            return None
        if len(text) < self.min_length or (self.pattern and not re.fullmatch(self.pattern, text)):
            raise Invalid.field(path, self.problem)
        return text.upper() if self.upper else text

    def schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": ["string", "null"] if self.nullable else "string", "maxLength": self.max_length}
        if self.min_length:
            schema["minLength"] = self.min_length
        if self.pattern:
            schema["pattern"] = f"^{self.pattern}$"
        return schema


@dataclass(frozen=True)
class Flag:
    """true or false."""

    problem: str

    def check(self, path: str, value: Any) -> Any:
        if not isinstance(value, bool):
            raise Invalid.field(path, self.problem)
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


@dataclass(frozen=True)
class OneOf:
    """One of a few strings."""

    options: tuple[str, ...]
    problem: str

    def check(self, path: str, value: Any) -> Any:
        if value not in self.options:
            raise Invalid.field(path, self.problem)
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.options)}


@dataclass(frozen=True)
class Count:
    """A whole number from ``minimum`` to ``maximum``; null (or an empty text: a cleared field) is None."""

    problem: str
    minimum: int
    maximum: int
    multiline: bool = False

    def check(self, path: str, value: Any) -> Any:
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not self.minimum <= value <= self.maximum:
            raise Invalid.field(path, self.problem)
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": ["integer", "null"], "minimum": self.minimum, "maximum": self.maximum}


@dataclass(frozen=True)
class Opaque:
    """Passed on as sent: the service judges it with its own errors (a link's token is ``link_invalid``)."""

    description: str = ""

    def check(self, path: str, value: Any) -> Any:
        return value

    def schema(self) -> dict[str, Any]:
        return {"description": self.description} if self.description else {}


@dataclass(frozen=True)
class Ignored(Opaque):
    """Taken and dropped: what older pages still send (a look-up's ``request_id``) is not an error."""

    def check(self, path: str, value: Any) -> Any:
        return _DROPPED


_DROPPED = object()


@dataclass(frozen=True)
class Each:
    """An object whose keys the service judges (a property id), each value checked by ``value``."""

    value: Text | Count
    problem: str

    @property
    def multiline(self) -> bool:
        return self.value.multiline

    def check(self, path: str, value: Any) -> Any:
        if not isinstance(value, dict):
            raise Invalid.field(path, self.problem)
        return {key: self.value.check(f"{path}.{key}", item) for key, item in value.items()}

    def schema(self) -> dict[str, Any]:
        return {"type": "object", "additionalProperties": self.value.schema()}


@dataclass(frozen=True)
class Shape:
    """An object with only the named fields, checked in the order they are declared.

    ``unknown``: the sentence for a field not named here. ``problem``: for a value that is not an
    object (a nested shape). ``required``: the fields that must be sent (the field's own problem
    when missing). ``complete``: answer every field, the missing ones as None.
    """

    fields: dict[str, Any]
    unknown: str
    problem: str = "Send the details as an object."
    required: frozenset[str] = field(default_factory=frozenset)
    complete: bool = False

    @property
    def multiline(self) -> frozenset[str]:
        """The top-level fields whose text may hold line breaks (for ``jsonbody``)."""
        return frozenset(name for name, spec in self.fields.items() if getattr(spec, "multiline", False))

    def check(self, path: str, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise Invalid.field(path, self.problem)
        prefix = f"{path}." if path else ""
        refuse_unknown(value, self.fields, self.unknown, prefix)
        checked = {}
        for name, spec in self.fields.items():
            if name in value:
                checked[name] = spec.check(prefix + name, value[name])
                if checked[name] is _DROPPED:
                    del checked[name]
            elif name in self.required:
                checked[name] = spec.check(prefix + name, None)
            elif self.complete:
                checked[name] = None
        return checked

    def read(self, body: dict[str, Any]) -> dict[str, Any]:
        """``body`` (already parsed by ``jsonbody``) with only the declared fields, each checked."""
        return self.check("", body)

    def schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "object", "additionalProperties": False,
                                  "properties": {name: spec.schema() for name, spec in self.fields.items()}}
        if self.required:
            schema["required"] = sorted(self.required)
        return schema


def _shape(unknown: str, required: tuple[str, ...] = (), **fields: Any) -> Shape:
    return Shape(fields, unknown, required=frozenset(required))


# Contacts as typed: bounded here, normalised and judged by ``auth.contacts``; empty is None.
EMAIL = Text("Enter your email address.", max_length=254, nullable=True,
             too_long="That doesn't look like an email address. Check it and enter it like jane@example.com.")
PHONE = Text("Enter your mobile phone number.", max_length=40, nullable=True,
             too_long="Enter a phone number we can text, such as (217) 555-0100.")
ZIP = Text("Enter the 5-digit ZIP code, such as 62704.", max_length=10, pattern=r"\d{5}(-\d{4})?")
LINK_TOKEN = Opaque("The token from the link's address (after #token=).")

# -- signing in (auth) --------------------------------------------------------------------------

SIGNIN_REQUEST = _shape("A sign-in request has only an email address or a phone number (and where to go next).",
                        email=EMAIL, phone=PHONE,
                        next=Opaque("The page to open after signing in, a path on this site."))
ADDRESS_LOOKUP = _shape("Finding your account by address needs only the street address and the ZIP code.",
                        ("address", "zip"),
                        address=Text("Enter the street address of the property, such as 12 Oak Street.",
                                     min_length=3, max_length=200),
                        zip=ZIP, request_id=Ignored("Sent by older pages; not used."))
LINK = _shape("Only the sign-in link itself can be sent here.", token=LINK_TOKEN)
VERIFY = _shape("Only the sign-in link and the account you chose can be sent here.",
                token=LINK_TOKEN, account_id=Opaque("For a link to several accounts: the one to open."))
LOGIN = _shape("A password sign-in has only an email address and a password.", ("password",),
               email=EMAIL, password=Text("Enter your password.", min_length=1, max_length=1000, strip=False,
                                          too_long="That password is longer than any password here. "
                                                   "Check it, or sign in with a link instead."))
NEW_PASSWORD = _shape("Only the new password can be sent here.", password=Opaque("The new password."))

# -- the profile (customer) ---------------------------------------------------------------------

MAILING_ADDRESS = Shape({
    "line1": Text("Enter the street address.", min_length=1, max_length=200),
    "line2": Text("Keep the second address line to 200 characters or fewer.", max_length=200, nullable=True),
    "city": Text("Enter the city.", min_length=1, max_length=100),
    "state": Text("Enter the 2-letter state code, such as IL.", max_length=2, pattern=r"[A-Za-z]{2}", upper=True),
    "zip": ZIP,
}, unknown="A mailing address has only a street, a second line, a city, a state and a ZIP code.",
    problem="Enter the mailing address with its street, city, state and ZIP code.",
    required=frozenset({"line1", "city", "state", "zip"}), complete=True)
PREFERENCES = Shape({name: Flag("Choose on or off for this preference.") for name in ("email", "sms", "reminders")},
                    unknown="This is not one of the contact preferences you can choose.",
                    problem="Choose on or off for each way we may contact you.")
PROFILE_CHANGE = _shape(
    "This detail cannot be changed here. Please call us to change it.",
    phone=PHONE,
    mailing_address=MAILING_ADDRESS,
    preferences=PREFERENCES,
    access_notes=Each(Text("Keep the access notes to 1000 characters or fewer.", max_length=1000, nullable=True,
                           multiline=True), problem="Give the access notes for each of your properties."),
    household_size=Each(Count("Enter how many people live there, from 1 to 20, or leave it empty.", 1, 20),
                        problem="Give the number of people living at each of your properties."),
    email=EMAIL,
)
CONTACT_CONFIRMATION = _shape("Only the confirmation link can be sent here.", token=LINK_TOKEN)

# -- paying (billing) ---------------------------------------------------------------------------

_ONLY_THE_WAY_TO_PAY = "Only the way to pay can be chosen; the amount is always the invoice's balance."
_METHOD = OneOf(PAYMENT_METHODS, "Choose a card or a US bank account.")
PAYMENT = _shape(_ONLY_THE_WAY_TO_PAY, ("method",), method=_METHOD)
CARD_PAYMENT = _shape(_ONLY_THE_WAY_TO_PAY, ("setup_intent_id",), setup_intent_id=Text(
    "We could not find the card you just entered. Please enter it again.", max_length=255, pattern=r"seti_.*"))
AUTOPAY_SETUP = _shape("Only the way to pay can be chosen for autopay.", method=_METHOD)
# Stripe's ids; anything else never reaches Stripe.
AUTOPAY_CONFIRMATION = _shape("Only the card or bank account you just set up can be sent here.", ("setup_intent_id",),
                              setup_intent_id=Text("We could not find the card or bank account you just set up. "
                                                   "Please try again.", max_length=205, pattern=r"seti_[A-Za-z0-9_]{1,200}"))
