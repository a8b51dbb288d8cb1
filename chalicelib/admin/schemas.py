"""Admin API bodies (SPEC §5.1): every field typed, unknown fields rejected.

Imported only by admin routes: pydantic costs ~90 ms of import, which customer pages and
their cold start never pay.
"""
from __future__ import annotations

import re
import datetime as dt
from typing import Annotated, Any, Literal, TypeVar

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    FiniteFloat,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from chalicelib import jsonbody
from chalicelib.errors import Invalid

Visibility = Literal["customer", "internal"]
ServiceType = Literal["pump_out", "inspection", "repair", "maintenance"]
DocumentKind = Literal["inspection_report", "receipt", "warranty", "estimate", "photo"]
DOCUMENT_CONTENT_TYPES = ("application/pdf", "image/jpeg", "image/png", "image/webp", "image/heic")
ContentType = Literal["application/pdf", "image/jpeg", "image/png", "image/webp", "image/heic"]



def _one_line(value: str) -> str:
    problem = jsonbody.line_problem(value)
    if problem:
        raise ValueError(problem)
    return value


# Every single-line text field (names, addresses, titles: anything that may reach an email
# header) is a ``Line``; only notes (``LongText``) may hold line breaks.
Line = AfterValidator(_one_line)
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), Line]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]
OptionalText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200), Line] | None
HourMinute = Annotated[str, StringConstraints(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]
HexColor = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
Cents = Annotated[int, Field(ge=-10_000_000_00, le=10_000_000_00)]
# A measurement is stored as a DynamoDB map entry: a named, finite number of a sane size.
MeasurementName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
Measurement = Annotated[int | FiniteFloat, Field(ge=-1_000_000_000, le=1_000_000_000)]

OBJECT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")


def _email(value: str | None) -> str | None:
    if value is None or value.strip() == "":
        return None
    try:
        return validate_email(value.strip(), check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise ValueError(f"is not a valid email address ({str(exc).rstrip('.')})") from None


def _phone(value: str | None) -> str | None:
    if value is None or value.strip() == "":
        return None
    try:
        parsed = phonenumbers.parse(value, "US")
    except phonenumbers.NumberParseException:
        raise ValueError("is not a phone number") from None
    if not phonenumbers.is_valid_number(parsed):
        raise ValueError("is not a valid phone number")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


Email = Annotated[str | None, AfterValidator(_email)]
Phone = Annotated[str | None, AfterValidator(_phone)]
ObjectId = Annotated[str, StringConstraints(pattern=OBJECT_ID.pattern)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, str_strip_whitespace=True)


class Address(_Body):
    line1: Text
    line2: OptionalText = None
    city: Text
    state: Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2}$", to_upper=True)]
    zip: Annotated[str, StringConstraints(pattern=r"^\d{5}(-\d{4})?$")]


class AccountIn(_Body):
    name: Text
    email: Email = None
    phone: Phone = None
    mailing_address: Address | None = None
    maintenance_agreement: bool = False


class System(_Body):
    type: OptionalText = None
    tank_gallons: Annotated[int, Field(gt=0, le=100_000)] | None = None
    tank_count: Annotated[int, Field(ge=1, le=20)] | None = None
    install_year: Annotated[int, Field(ge=1900, le=2100)] | None = None
    lid_location: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500), Line] | None = None


class PropertyIn(_Body):
    account_id: ObjectId
    address: Address
    system: System | None = None
    service_interval_months: Annotated[int, Field(ge=1, le=240)] | None = None


class Note(_Body):
    text: LongText
    visibility: Visibility | None = None


class ServiceRecordIn(_Body):
    property_id: ObjectId
    date: dt.date
    service_type: ServiceType
    status: Literal["scheduled", "completed"]
    technician_name: OptionalText = None
    gallons_pumped: Annotated[int, Field(ge=0, le=100_000)] | None = None
    notes: Annotated[list[Note], Field(max_length=50)] = []
    condition_rating: OptionalText = None
    measurements: Annotated[dict[MeasurementName, Measurement], Field(max_length=50)] | None = None
    visibility: Visibility | None = None


class AppointmentIn(_Body):
    property_id: ObjectId
    date: dt.date
    window_start: HourMinute
    window_end: HourMinute
    technician_name: OptionalText = None
    service_type: ServiceType
    status: Literal["scheduled", "cancelled"] = "scheduled"

    @model_validator(mode="after")
    def _window_in_order(self) -> "AppointmentIn":
        if self.window_end <= self.window_start:
            raise ValueError("`window_end` must be after `window_start`.")
        return self


class InvoiceLine(_Body):
    description: Text
    amount_cents: Cents


class OfficePayment(_Body):
    payment_id: ObjectId
    amount_cents: Annotated[int, Field(gt=0, le=10_000_000_00)]
    paid_on: dt.date
    method: OptionalText = None


class InvoiceIn(_Body):
    account_id: ObjectId
    property_id: ObjectId | None = None
    number: Text
    issued_on: dt.date
    due_on: dt.date | None = None
    lines: Annotated[list[InvoiceLine], Field(min_length=1, max_length=200)]
    status: Literal["open", "paid", "void"]
    payments: Annotated[list[OfficePayment], Field(max_length=100)] = []

    @model_validator(mode="after")
    def _consistent(self) -> "InvoiceIn":
        if self.due_on and self.due_on < self.issued_on:
            raise ValueError("`due_on` must not be before `issued_on`.")
        if sum(line.amount_cents for line in self.lines) < 0:
            raise ValueError("The `lines` must not add up to less than zero.")
        return self


class DocumentIn(_Body):
    property_id: ObjectId
    service_record_id: ObjectId | None = None
    title: Text
    kind: DocumentKind
    content_type: ContentType
    date: dt.date | None = None


class DocumentPatch(_Body):
    status: Literal["draft", "final"] | None = None
    visibility: Visibility | None = None
    title: Text | None = None

    @model_validator(mode="after")
    def _something(self) -> "DocumentPatch":
        if not self.model_fields_set:
            raise ValueError("Name at least one of `status`, `visibility` and `title`.")
        for name in ("status", "title"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"`{name}` cannot be null.")
        return self


class Branding(_Body):
    company_name: Text
    tagline: OptionalText = None
    logo_url: Annotated[str, StringConstraints(max_length=2000), Line] | None = None
    primary_color: HexColor
    accent_color: HexColor
    phone: Phone = None
    email: Email = None
    website: Annotated[str, StringConstraints(pattern=r"^https?://", max_length=300), Line] | None = None
    address: Annotated[str, StringConstraints(max_length=300), Line] | None = None
    hours: Annotated[str, StringConstraints(max_length=200), Line] | None = None

    @field_validator("logo_url")
    @classmethod
    def _logo(cls, value: str | None) -> str | None:
        if value and not re.match(r"^(https://|/(?!/))", value):
            raise ValueError("must be an https:// URL or a path on the portal such as /img/logo.svg")
        return value


class DocumentVisibilityDefaults(_Body):
    inspection_report: Visibility
    receipt: Visibility
    warranty: Visibility
    estimate: Visibility


class VisibilityDefaults(_Body):
    """C3: staff-only unless the company enables a kind (defaults in chalicelib.company)."""

    technician_notes: Visibility
    condition_ratings: Visibility
    measurements: Visibility
    photos: Visibility
    documents: DocumentVisibilityDefaults


Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WindowId = Literal["morning", "afternoon"]
SlotCapacity = Annotated[int, Field(ge=0, le=50)]


class BookableServiceType(_Body):
    id: ServiceType
    name: Text
    mode: Literal["off", "request", "instant"]
    # instant booking: how many jobs of this type fit each weekday's arrival window
    capacity: dict[Weekday, dict[WindowId, SlotCapacity]] = {}


class ArrivalWindow(_Body):
    start: HourMinute
    end: HourMinute

    @model_validator(mode="after")
    def _in_order(self) -> "ArrivalWindow":
        if self.end <= self.start:
            raise ValueError("`end` must be after `start`.")
        return self


class ArrivalWindows(_Body):
    morning: ArrivalWindow
    afternoon: ArrivalWindow


def _time_zone(value: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError("must be an IANA time zone such as America/Chicago") from None
    return value


class Booking(_Body):
    service_types: Annotated[list[BookableServiceType], Field(max_length=10)]
    windows: ArrivalWindows
    blackout_dates: Annotated[list[dt.date], Field(max_length=400)]
    lead_time_hours: Annotated[int, Field(ge=0, le=24 * 30)]
    horizon_days: Annotated[int, Field(ge=1, le=365)]
    cutoff_hours: Annotated[int, Field(ge=0, le=24 * 30)]
    dispatcher_email: Email = None
    time_zone: Annotated[str, AfterValidator(_time_zone)]

    @field_validator("service_types")
    @classmethod
    def _unique(cls, value: list[BookableServiceType]) -> list[BookableServiceType]:
        ids = [item.id for item in value]
        if len(ids) != len(set(ids)):
            raise ValueError("Each service type may appear only once.")
        return value


class Reminders(_Body):
    days_before: Annotated[list[Annotated[int, Field(ge=1, le=365)]], Field(max_length=6)]


class CompanySettingsDoc(_Body):
    """The whole settings document, validated after a PUT is merged onto the current one."""

    branding: Branding
    visibility_defaults: VisibilityDefaults
    service_interval_months_default: Annotated[int, Field(ge=1, le=240)]
    booking: Booking
    reminders: Reminders


class TestMessageIn(_Body):
    channel: Literal["email", "sms"] = "email"
    to: Annotated[str, StringConstraints(min_length=3, max_length=254), Line]

    @field_validator("to")
    @classmethod
    def _address_fits_channel(cls, value: str, info: ValidationInfo) -> str:
        return (_phone if info.data.get("channel") == "sms" else _email)(value)


class ApiKeyIn(_Body):
    name: Text


# -- parsing ------------------------------------------------------------------------------

_FRIENDLY = {
    "missing": "is required",
    "extra_forbidden": "is not a known field",
    "json_invalid": "The body is not valid JSON.",
}
# pydantic's messages begin with what was checked ("Input should be …", "String should have …"):
# in a sentence for the developer that subject becomes the field's name.
_SUBJECTS = ("Input", "String", "List", "Value", "Dictionary", "Tuple", "Set", "Object", "Decimal", "Number")
_FRAGMENT = re.compile(r"^(is|are|must|cannot|should|has|have|contains|keys|may)\b")

B = TypeVar("B", bound=BaseModel)


def parse(model: type[B], raw: bytes | str) -> B:
    """Validate a raw JSON body, or raise ``Invalid`` naming every wrong field."""
    if not raw:
        raise Invalid("The request needs a JSON object body.", [{"field": "", "message": "The request needs a JSON object body."}])
    jsonbody.parse(raw, jsonbody.ANY_FIELD)  # the shared checks: nesting, lone surrogates, control characters
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        details = [_detail(error) for error in exc.errors(include_url=False)]
        first = details[0]
        more = len(details) - 1
        also = f" {more} more {'problem is' if more == 1 else 'problems are'} listed in `details`." if more else ""
        raise Invalid(first["message"] + also, details) from None


def _detail(error: dict[str, Any]) -> dict[str, str]:
    field = ".".join(str(part) for part in error["loc"])
    message = _FRIENDLY.get(error["type"]) or error["msg"]
    message = message.removeprefix("Value error, ")
    if error["type"] == "model_type" or (error["type"] == "json_type" and not field):
        message = "must be a JSON object"
    return {"field": field, "message": _sentence(field, message)}


def _sentence(field: str, message: str) -> str:
    """One problem as a sentence for the company's developer, naming the field where it is about one:
    "String should have at most 200 characters" on ``name`` -> "`name` should have at most 200 characters."
    """
    subject = f"`{field}`" if field else "The request body"
    first, _, rest = message.partition(" ")
    if first in _SUBJECTS and _FRAGMENT.match(rest):
        message = f"{subject} {rest}"
    elif _FRAGMENT.match(message):
        message = f"{subject} {message}"
    else:
        message = message[:1].upper() + message[1:]
    return message if message.endswith((".", "?", "!")) else f"{message}."


def check_object_id(name: str, value: str) -> str:
    if not OBJECT_ID.match(value):
        raise Invalid.field(
            name, f"`{name}` must be 1-64 letters, digits or . _ : - and start with a letter or digit."
        )
    return value
