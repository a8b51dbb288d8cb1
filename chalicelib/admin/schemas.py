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
    WithJsonSchema,
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


def _stated(description: str | None = None, **keywords: Any) -> Any:
    """What the JSON Schema in docs/openapi.yaml (written from these models by
    scripts/openapi_schemas.py) says beyond what pydantic derives: a description, or a rule checked
    elsewhere (jsonbody, a validator) stated as a pattern. It validates nothing itself."""
    return Field(description=description, json_schema_extra=keywords or None)


# The JSON Schema's statement of jsonbody's rules: no control character anywhere, no line break
# outside notes; a required text is not only spaces (they are trimmed before lengths count).
_LINE_CHAR = r"[^\x00-\x1f\x7f-\x9f\u2028\u2029]"
_TEXT_CHAR = r"[^\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]"
ONE_LINE = f"^{_LINE_CHAR}*$"
SOME_LINE = rf"^{_LINE_CHAR}*[^\s\x00-\x1f\x7f-\x9f\u2028\u2029]{_LINE_CHAR}*$"
SOME_TEXT = rf"^{_TEXT_CHAR}*[^\s\x00-\x1f\x7f-\x9f]{_TEXT_CHAR}*$"
# Every single-line text field (names, addresses, titles: anything that may reach an email
# header) is a ``Line``; only notes (``LongText``) may hold line breaks.
Line = AfterValidator(_one_line)
Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), Line,
    _stated(pattern=SOME_LINE),
]
LongText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000),
    _stated(pattern=SOME_TEXT),
]
OptionalText = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=200), Line,
    _stated(pattern=ONE_LINE),
] | None
HourMinute = Annotated[
    str, StringConstraints(pattern=r"^([01]\d|2[0-3]):[0-5]\d$"),
    _stated(examples=["08:00"]),
]
HexColor = Annotated[
    str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$"), _stated(examples=["#1f5f8b"])
]
Cents = Annotated[int, Field(ge=-10_000_000_00, le=10_000_000_00)]
# A measurement is stored as a DynamoDB map entry: a named, finite number of a sane size.
MeasurementName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
# pydantic cannot write the bounds of a union into a JSON Schema: they are stated as they are.
Measurement = Annotated[
    int | FiniteFloat, Field(ge=-1_000_000_000, le=1_000_000_000),
    WithJsonSchema({"type": "number", "minimum": -1_000_000_000, "maximum": 1_000_000_000}),
]

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


_BLANK = {"type": "string", "pattern": r"^\s*$"}
_PHONE = (
    "A phone number in any common format (US when it has no country code), stored in E.164 "
    "(`+12175550142`); it must be a number in use in its country's numbering plan."
)
Email = Annotated[
    str | None, AfterValidator(_email),
    _stated(
        "An email address (normalised when stored); an empty string or null stores null.",
        anyOf=[{"type": "string", "format": "email", "maxLength": 254}, _BLANK, {"type": "null"}],
        examples=["jane.smith@example.com"],
    ),
]
Phone = Annotated[
    str | None, AfterValidator(_phone),
    _stated(
        f"{_PHONE} An empty string or null stores null.",
        anyOf=[{"type": "string", "pattern": ONE_LINE}, {"type": "null"}],
        examples=["(217) 555-0142"],
    ),
]
ObjectId = Annotated[
    str, StringConstraints(pattern=OBJECT_ID.pattern),
    _stated(examples=["acct-1001"]),
]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, str_strip_whitespace=True)


class Address(_Body):
    line1: Text
    line2: OptionalText = None
    city: Text
    state: Annotated[
        str, StringConstraints(pattern=r"^[A-Za-z]{2}$", to_upper=True), _stated("Two-letter state code (stored upper-case).")
    ]
    zip: Annotated[str, StringConstraints(pattern=r"^\d{5}(-\d{4})?$"), _stated("ZIP or ZIP+4.")]


class AccountIn(_Body):
    name: Text
    email: Email = None
    phone: Phone = None
    mailing_address: Address | None = Field(None, description="The billing address, when it differs from the service address.")
    maintenance_agreement: bool = False


class System(_Body):
    """The septic system."""

    type: OptionalText = None
    tank_gallons: Annotated[int, Field(gt=0, le=100_000)] | None = None
    tank_count: Annotated[int, Field(ge=1, le=20)] | None = None
    install_year: Annotated[int, Field(ge=1900, le=2100)] | None = None
    lid_location: Annotated[
        str, StringConstraints(strip_whitespace=True, max_length=500), Line, _stated(pattern=ONE_LINE)
    ] | None = None


class PropertyIn(_Body):
    account_id: ObjectId
    address: Address
    system: System | None = None
    service_interval_months: Annotated[int, Field(ge=1, le=240)] | None = Field(
        None, description="Months between pump-outs; null means the company's default."
    )


DefaultVisibility = Annotated[
    Visibility | None,
    _stated("Who sees it (`internal` is staff-only); null means the company's default for the kind (`visibility_defaults` in the settings)."),
]


class Note(_Body):
    text: LongText
    visibility: DefaultVisibility = None


def _measurement_names(schema: dict[str, Any]) -> None:
    """A measurement's name is a single line that is not only spaces (jsonbody checks every key)."""
    schema["anyOf"][0]["propertyNames"]["pattern"] = SOME_LINE


class ServiceRecordIn(_Body):
    property_id: ObjectId
    date: dt.date
    service_type: ServiceType
    status: Literal["scheduled", "completed"]
    technician_name: OptionalText = None
    gallons_pumped: Annotated[int, Field(ge=0, le=100_000)] | None = None
    notes: Annotated[list[Note], Field(max_length=50)] = []
    condition_rating: OptionalText = None
    measurements: Annotated[dict[MeasurementName, Measurement], Field(max_length=50)] | None = Field(
        None,
        description="Named numeric measurements (e.g. sludge depth in inches): at most 50, each a finite number between -1e9 and 1e9.",
        json_schema_extra=_measurement_names,
    )
    visibility: DefaultVisibility = None


class AppointmentIn(_Body):
    """`window_end` must be after `window_start`."""

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
    amount_cents: Annotated[
        Cents, _stated("May be negative (a discount or credit); the lines must not add up to less than zero.")
    ]


class OfficePayment(_Body):
    """A payment taken by the office."""

    payment_id: ObjectId
    amount_cents: Annotated[int, Field(gt=0, le=10_000_000_00)]
    paid_on: dt.date
    method: OptionalText = None


class InvoiceIn(_Body):
    """`due_on` must not be before `issued_on`; the lines must not add up to less than zero."""

    account_id: ObjectId
    property_id: ObjectId | None = Field(None, description="The property the work was done at; must belong to the account.")
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
    service_record_id: ObjectId | None = Field(
        None, description="A service record on the same property, to list the document on."
    )
    title: Text
    kind: DocumentKind
    content_type: ContentType
    date: dt.date | None = Field(None, description="Defaults to the service record's date, or today.")


def _never_null(schema: dict[str, Any]) -> None:
    """Statement of ``DocumentPatch._something``: at least one field; `status` and `title` never null."""
    schema["minProperties"] = 1
    for name in ("status", "title"):
        field = schema["properties"][name]
        field.pop("default")
        field.update(field.pop("anyOf")[0])


class DocumentPatch(_Body):
    """Name at least one field."""

    model_config = ConfigDict(json_schema_extra=_never_null)

    status: Literal["draft", "final"] | None = Field(
        None, description="`final` publishes the document (the file must have been uploaded)."
    )
    visibility: DefaultVisibility = None
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
    logo_url: Annotated[
        str, StringConstraints(max_length=2000), Line,
        _stated("An `https://` URL, or a path on the portal such as `/img/logo.svg`.", pattern=rf"^(?:$|https://|/(?!/)){_LINE_CHAR}*$"),
    ] | None = None
    primary_color: HexColor
    accent_color: HexColor
    phone: Phone = None
    email: Email = None
    website: Annotated[
        str, StringConstraints(pattern=r"^https?://", max_length=300), Line, _stated(pattern=rf"^https?://{_LINE_CHAR}*$")
    ] | None = None
    address: Annotated[str, StringConstraints(max_length=300), Line, _stated(pattern=ONE_LINE)] | None = None
    hours: Annotated[str, StringConstraints(max_length=200), Line, _stated(pattern=ONE_LINE)] | None = None

    @field_validator("logo_url")
    @classmethod
    def _logo(cls, value: str | None) -> str | None:
        if value and not re.match(r"^(https://|/(?!/))", value):
            raise ValueError("must be an https:// URL or a path on the portal such as /img/logo.svg")
        return value


class DocumentVisibilityDefaults(_Body):
    """Who sees each kind of document by default (photos follow `visibility_defaults.photos`)."""

    inspection_report: Visibility
    receipt: Visibility
    warranty: Visibility
    estimate: Visibility


class VisibilityDefaults(_Body):
    """Who sees each kind of detail when a record does not say (SPEC C3); `internal` (staff-only) unless the company enables a kind."""

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
    mode: Annotated[
        Literal["off", "request", "instant"],
        _stated(
            "`off`: not bookable online (call us); `request`: customers ask for preferred dates and the office "
            "confirms or declines; `instant`: customers book a free slot and it is confirmed at once."
        ),
    ]
    capacity: dict[Weekday, dict[WindowId, SlotCapacity]] = Field(
        {},
        description=(
            "For `instant` booking: how many jobs of this type (0-50) fit in each weekday's arrival windows. "
            "A weekday or window left out (or 0) has no slots, so `{}` offers none. Ignored for `off` and `request`."
        ),
        examples=[{"mon": {"morning": 2, "afternoon": 1}, "tue": {"morning": 2, "afternoon": 1}}],
    )


class ArrivalWindow(_Body):
    """`end` must be after `start`."""

    start: HourMinute
    end: HourMinute

    @model_validator(mode="after")
    def _in_order(self) -> "ArrivalWindow":
        if self.end <= self.start:
            raise ValueError("`end` must be after `start`.")
        return self


class ArrivalWindows(_Body):
    """The two arrival windows customers choose from, in the company's `time_zone`."""

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
    """The booking rules (SPEC F11); defaults in brackets."""

    service_types: Annotated[
        list[BookableServiceType], Field(max_length=10),
        _stated("Each service type at most once; a type not listed cannot be booked online (`[]`)."),
    ]
    windows: ArrivalWindows
    blackout_dates: Annotated[
        list[dt.date], Field(max_length=400), _stated("Dates nothing can be booked or requested for (holidays); `[]`.")
    ]
    lead_time_hours: Annotated[
        int, Field(ge=0, le=24 * 30),
        _stated("A window can be booked or requested only if it starts at least this many hours from now (24)."),
    ]
    horizon_days: Annotated[
        int, Field(ge=1, le=365),
        _stated("How many days ahead (from today in `time_zone`) customers can book or request (60)."),
    ]
    cutoff_hours: Annotated[
        int, Field(ge=0, le=24 * 30),
        _stated("Customers can cancel or move a confirmed booking online until this many hours before its window starts (24)."),
    ]
    dispatcher_email: Email = Field(
        None,
        description=(
            "Where every new booking is emailed, with the dispatcher's links (null); null sends it to "
            "`branding.email`, and with neither it is not emailed (it is still in the admin queue)."
        ),
    )
    time_zone: Annotated[
        str, AfterValidator(_time_zone),
        _stated("The IANA time zone of the windows, dates, lead time and cutoff (`America/Chicago`).", examples=["America/Chicago"]),
    ]

    @field_validator("service_types")
    @classmethod
    def _unique(cls, value: list[BookableServiceType]) -> list[BookableServiceType]:
        ids = [item.id for item in value]
        if len(ids) != len(set(ids)):
            raise ValueError("Each service type may appear only once.")
        return value


class Reminders(_Body):
    days_before: Annotated[
        list[Annotated[int, Field(ge=1, le=365)]], Field(max_length=6),
        _stated("Days before a service is due to remind the customer."),
    ]


class CompanySettingsDoc(_Body):
    """The whole settings document (defaults filled in), validated after a PUT is merged onto the current one."""

    branding: Branding
    visibility_defaults: VisibilityDefaults
    service_interval_months_default: Annotated[
        int, Field(ge=1, le=240), _stated("Months between pump-outs for properties that do not say.")
    ]
    booking: Booking
    reminders: Reminders


def _to_by_channel(schema: dict[str, Any]) -> None:
    """Statement of ``TestMessageIn._address_fits_channel``: `to` is an email address or a phone number."""
    schema["oneOf"] = [
        {"properties": {"channel": {"const": "email"}, "to": {"format": "email"}}},
        {"required": ["channel"], "properties": {"channel": {"const": "sms"}, "to": {"description": _PHONE}}},
    ]


class TestMessageIn(_Body):
    """`to` is an email address for `email` (the default), a phone number for `sms`."""

    model_config = ConfigDict(json_schema_extra=_to_by_channel)

    channel: Literal["email", "sms"] = "email"
    to: Annotated[str, StringConstraints(min_length=3, max_length=254), Line, _stated(pattern=SOME_LINE)]

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
