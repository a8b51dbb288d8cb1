"""The bodies the company's software sends for its records: accounts, properties, service records,
appointments, invoices and documents."""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from chalicelib.admin.schemas.fields import (
    Body, Cents, ContentType, DocumentKind, Email, HourMinute, Line, LongText, Measurement,
    MeasurementName, ONE_LINE, ObjectId, OptionalText, Phone, SOME_LINE, ServiceType, Text,
    Visibility, stated,
)


class Address(Body):
    line1: Text
    line2: OptionalText = None
    city: Text
    state: Annotated[
        str, StringConstraints(pattern=r"^[A-Za-z]{2}$", to_upper=True), stated("Two-letter state code (stored upper-case).")
    ]
    zip: Annotated[str, StringConstraints(pattern=r"^\d{5}(-\d{4})?$"), stated("ZIP or ZIP+4.")]


class AccountIn(Body):
    name: Text
    email: Email = None
    phone: Phone = None
    mailing_address: Address | None = Field(None, description="The billing address, when it differs from the service address.")
    maintenance_agreement: bool = False


class System(Body):
    """The septic system."""

    type: OptionalText = None
    tank_gallons: Annotated[int, Field(gt=0, le=100_000)] | None = None
    tank_count: Annotated[int, Field(ge=1, le=20)] | None = None
    install_year: Annotated[int, Field(ge=1900, le=2100)] | None = None
    lid_location: Annotated[
        str, StringConstraints(strip_whitespace=True, max_length=500), Line, stated(pattern=ONE_LINE)
    ] | None = None


class PropertyIn(Body):
    account_id: ObjectId
    address: Address
    system: System | None = None
    service_interval_months: Annotated[int, Field(ge=1, le=240)] | None = Field(
        None, description="Months between pump-outs; null means the company's default."
    )


DefaultVisibility = Annotated[
    Visibility | None,
    stated("Who sees it (`internal` is staff-only); null means the company's default for the kind (`visibility_defaults` in the settings)."),
]


class Note(Body):
    text: LongText
    visibility: DefaultVisibility = None


def _measurement_names(schema: dict[str, Any]) -> None:
    """A measurement's name is a single line that is not only spaces (jsonbody checks every key)."""
    schema["anyOf"][0]["propertyNames"]["pattern"] = SOME_LINE


class ServiceRecordIn(Body):
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


class AppointmentIn(Body):
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


def _eta_form(value: Any) -> Any:
    """One problem in words for an arrival time in neither form (rather than one per form, named by
    pydantic's own tags: ``eta.constrained-str``, ``eta.datetime``)."""
    if value is None or (isinstance(value, str) and re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value)):
        return value
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            pass
    raise PydanticCustomError(
        "eta_form", "`eta` is a time such as `10:40` or an ISO date-time such as `2026-12-02T10:40:00-06:00`.")


class AppointmentStatusIn(Body):
    """The technician's progress on the visit's day, from the company's software. `eta` only with `en_route`."""

    status: Literal["en_route", "arrived", "completed"] = Field(
        description="`en_route` and `arrived` tell the customer (once per change); `completed` tells nothing "
                    "(the service record's summary follows) and takes the visit off the dashboard.")
    eta: Annotated[HourMinute | dt.datetime | None, BeforeValidator(_eta_form)] = Field(
        None, description="When the technician expects to arrive: `10:40` in the company's time zone, or an ISO "
                          "date-time (with an offset, or read in the company's time zone).")

    @model_validator(mode="after")
    def _eta_on_the_way(self) -> "AppointmentStatusIn":
        if self.eta is not None and self.status != "en_route":
            raise ValueError("`eta` goes with `status: en_route` only.")
        return self


class InvoiceLine(Body):
    description: Text
    amount_cents: Annotated[
        Cents, stated("May be negative (a discount or credit); the lines must not add up to less than zero.")
    ]


class OfficePayment(Body):
    """A payment taken by the office."""

    payment_id: ObjectId
    amount_cents: Annotated[int, Field(gt=0, le=10_000_000_00)]
    paid_on: dt.date
    method: OptionalText = None


class InvoiceIn(Body):
    """`due_on` must not be before `issued_on`; the lines must not add up to less than zero. An open invoice is sent to the customer once per issue (see the PUT)."""  # noqa: E501

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


class DocumentIn(Body):
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


class DocumentPatch(Body):
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
