"""The company's settings document (branding, visibility, booking, reminders), test messages and API keys."""
from __future__ import annotations

import re
import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from chalicelib.admin.schemas.fields import (
    Body, Email, HexColor, HourMinute, Line, ONE_LINE, OptionalText, PHONE_RULE, Phone,
    SOME_LINE, ServiceType, Text, Visibility, normal_email, normal_phone, stated,
)
from chalicelib.admin.schemas.sale import TransferRule
from chalicelib.jsonbody import LINE_CHAR


class Branding(Body):
    company_name: Text
    tagline: OptionalText = None
    logo_url: Annotated[
        str, StringConstraints(max_length=2000), Line,
        stated("An `https://` URL, or a path on the portal such as `/img/logo.svg`.", pattern=rf"^(?:$|https://|/(?!/)){LINE_CHAR}*$"),
    ] | None = None
    primary_color: HexColor
    accent_color: HexColor
    phone: Phone = None
    email: Email = None
    website: Annotated[
        str, StringConstraints(pattern=r"^https?://", max_length=300), Line, stated(pattern=rf"^https?://{LINE_CHAR}*$")
    ] | None = None
    address: Annotated[str, StringConstraints(max_length=300), Line, stated(pattern=ONE_LINE)] | None = None
    hours: Annotated[str, StringConstraints(max_length=200), Line, stated(pattern=ONE_LINE)] | None = None

    @field_validator("logo_url")
    @classmethod
    def _logo(cls, value: str | None) -> str | None:
        if value and not re.match(r"^(https://|/(?!/))", value):
            raise ValueError("must be an https:// URL or a path on the portal such as /img/logo.svg")
        return value


class DocumentVisibilityDefaults(Body):
    """Who sees each kind of document by default (photos follow `visibility_defaults.photos`)."""

    inspection_report: Visibility
    receipt: Visibility
    warranty: Visibility
    estimate: Visibility


class VisibilityDefaults(Body):
    """Who sees each kind of detail when a record does not say (SPEC C3); `internal` (staff-only) unless the company enables a kind."""

    technician_notes: Visibility
    condition_ratings: Visibility
    measurements: Visibility
    photos: Visibility
    documents: DocumentVisibilityDefaults


Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WindowId = Literal["morning", "afternoon"]
SlotCapacity = Annotated[int, Field(ge=0, le=50)]


class BookableServiceType(Body):
    id: ServiceType
    name: Text
    mode: Annotated[
        Literal["off", "request", "instant"],
        stated(
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


class ArrivalWindow(Body):
    """`end` must be after `start`."""

    start: HourMinute
    end: HourMinute

    @model_validator(mode="after")
    def _in_order(self) -> "ArrivalWindow":
        if self.end <= self.start:
            raise ValueError("`end` must be after `start`.")
        return self


class ArrivalWindows(Body):
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


class Booking(Body):
    """The booking rules (SPEC F11); defaults in brackets."""

    service_types: Annotated[
        list[BookableServiceType], Field(max_length=10),
        stated("Each service type at most once; a type not listed cannot be booked online (`[]`)."),
    ]
    windows: ArrivalWindows
    blackout_dates: Annotated[
        list[dt.date], Field(max_length=400), stated("Dates nothing can be booked or requested for (holidays); `[]`.")
    ]
    lead_time_hours: Annotated[
        int, Field(ge=0, le=24 * 30),
        stated("A window can be booked or requested only if it starts at least this many hours from now (24)."),
    ]
    horizon_days: Annotated[
        int, Field(ge=1, le=365),
        stated("How many days ahead (from today in `time_zone`) customers can book or request (60)."),
    ]
    cutoff_hours: Annotated[
        int, Field(ge=0, le=24 * 30),
        stated("Customers can cancel or move a confirmed booking online until this many hours before its window starts (24)."),
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
        stated("The IANA time zone of the windows, dates, lead time and cutoff (`America/Chicago`).", examples=["America/Chicago"]),
    ]

    @field_validator("service_types")
    @classmethod
    def _unique(cls, value: list[BookableServiceType]) -> list[BookableServiceType]:
        ids = [item.id for item in value]
        if len(ids) != len(set(ids)):
            raise ValueError("Each service type may appear only once.")
        return value


class Reminders(Body):
    """Service-due reminders (the `send-reminders` job): each sent once per due date, none while the service is booked."""

    days_before: Annotated[
        list[Annotated[int, Field(ge=1, le=365)]], Field(max_length=6),
        stated("Days before a service is due to remind the customer (`[90, 30, 7]`); `[]` sends none before it is due."),
    ]
    overdue: Annotated[
        bool, stated("Also remind once when the service is overdue (the day after it was due) (`true`)."),
    ]
    channels: Annotated[
        list[Literal["email", "sms"]], Field(min_length=1, max_length=2),
        stated("How reminders go (`[\"email\", \"sms\"]`): each customer gets them on those of these their own "
               "preferences allow (a text only to a mobile number on file)."),
    ] = ["email", "sms"]

    @field_validator("days_before")
    @classmethod
    def _distinct(cls, value: list[int]) -> list[int]:
        if len(value) != len(set(value)):
            raise ValueError("Each number of days may appear only once.")
        return sorted(value, reverse=True)

    @field_validator("channels")
    @classmethod
    def _once_each(cls, value: list[str]) -> list[str]:
        return [channel for channel in ("email", "sms") if channel in value]


class ServiceDue(Body):
    """How the next service is due (SPEC F4); defaults in brackets."""

    household_table: Annotated[
        bool, stated(
            "Compute the interval of a property that has none of its own from its tank size and the household size "
            "the customer entered (the Penn State table, interpolated by tank size) (`true`); `false` uses "
            "`service_interval_months_default` instead."
        ),
    ]
    max_interval_months: Annotated[
        int, Field(ge=1, le=240), stated("The longest interval the household table may give, in months (`60`).")
    ]
    mechanical_system_types: Annotated[
        list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60), Line, stated(pattern=SOME_LINE)]],
        Field(max_length=20),
        stated(
            "System types with mechanical parts, which are due for an inspection as well: a property whose system "
            "`type` contains one of these words (any case) (`[\"aerobic\"]`)."
        ),
    ]
    inspection_interval_months: Annotated[
        int, Field(ge=1, le=120), stated("Months between inspections of a system with mechanical parts (`12`).")
    ]


class Payments(Body):
    """How customers pay invoices on the portal: always by card; by US bank account (ACH) too when
    `bank_account` is true; who may set up autopay."""

    bank_account: Annotated[bool, stated("Offer paying from a US bank account (ACH), beside cards (`true`).")] = True
    autopay: Annotated[Literal["maintenance_agreement", "everyone"], stated(
        "Who may set up autopay: customers on a maintenance agreement, as the company's software says "
        "(`maintenance_agreement`, the default), or `everyone`. Customers already enrolled stay enrolled.")] = "maintenance_agreement"


class CompanySettingsDoc(Body):
    """The whole settings document (defaults filled in), validated after a PUT is merged onto the current one."""

    branding: Branding
    visibility_defaults: VisibilityDefaults
    service_interval_months_default: Annotated[
        int, Field(ge=1, le=240), stated("Months between pump-outs for properties that do not say.")
    ]
    service_due: ServiceDue
    booking: Booking
    reminders: Reminders
    payments: Payments = Payments()
    transfer_rule: TransferRule | None = Field(
        None, description="The state's rule for how long an inspection is valid for a property transfer; `null` for none.")


def _to_by_channel(schema: dict[str, Any]) -> None:
    """Statement of ``TestMessageIn._address_fits_channel``: `to` is an email address or a phone number."""
    schema["oneOf"] = [
        {"properties": {"channel": {"const": "email"}, "to": {"format": "email"}}},
        {"required": ["channel"], "properties": {"channel": {"const": "sms"}, "to": {"description": PHONE_RULE}}},
    ]


class TestMessageIn(Body):
    """`to` is an email address for `email` (the default), a phone number for `sms`."""

    model_config = ConfigDict(json_schema_extra=_to_by_channel)

    channel: Literal["email", "sms"] = "email"
    to: Annotated[str, StringConstraints(min_length=3, max_length=254), Line, stated(pattern=SOME_LINE)]

    @field_validator("to")
    @classmethod
    def _address_fits_channel(cls, value: str, info: ValidationInfo) -> str:
        return (normal_phone if info.data.get("channel") == "sms" else normal_email)(value)


class MessageRetryIn(Body):
    """Send a failed message again (the body may be left out)."""

    force: bool = Field(
        False,
        description=(
            "Also send an `unconfirmed` message again: one whose sending was interrupted midway, so the "
            "customer may already have it (false)."
        ),
    )


class LogoIn(Body):
    """The company's logo, uploaded from the Settings page: a PNG, JPEG or WebP image of at most 256 KB."""

    content_type: Literal["image/png", "image/jpeg", "image/webp"]
    data: Annotated[str, StringConstraints(min_length=8, max_length=350_000, pattern=r"^[A-Za-z0-9+/]+={0,2}$"),
                    stated("The image's bytes, base64 (standard alphabet, padded).")]


class ApiKeyIn(Body):
    name: Text
