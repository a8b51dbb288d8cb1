"""The admin bodies' building blocks: field types (each stating in its JSON Schema what it checks),
the strict base model, and object ids."""
from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    FiniteFloat,
    StringConstraints,
    WithJsonSchema,
)

from chalicelib import jsonbody
from chalicelib.jsonbody import ONE_LINE, SOME_LINE, SOME_TEXT
from chalicelib.auth.contacts import parse_email, parse_phone
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


def stated(description: str | None = None, **keywords: Any) -> Any:
    """What the JSON Schema in docs/openapi.yaml (written from these models by
    scripts/openapi_schemas.py) says beyond what pydantic derives: a description, or a rule checked
    elsewhere (jsonbody, a validator) stated as a pattern. It validates nothing itself."""
    return Field(description=description, json_schema_extra=keywords or None)


# Every single-line text field (names, addresses, titles: anything that may reach an email
# header) is a ``Line``; only notes (``LongText``) may hold line breaks.
Line = AfterValidator(_one_line)
Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), Line,
    stated(pattern=SOME_LINE),
]
LongText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000),
    stated(pattern=SOME_TEXT),
]
OptionalText = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=200), Line,
    stated(pattern=ONE_LINE),
] | None
HourMinute = Annotated[
    str, StringConstraints(pattern=r"^([01]\d|2[0-3]):[0-5]\d$"),
    stated(examples=["08:00"]),
]
HexColor = Annotated[
    str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$"), stated(examples=["#1f5f8b"])
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


def normal_email(value: str | None) -> str | None:
    if value is None or value.strip() == "":
        return None
    try:
        return parse_email(value)
    except ValueError as exc:
        raise ValueError(f"is not a valid email address ({str(exc).rstrip('.')})") from None


def normal_phone(value: str | None) -> str | None:
    if value is None or value.strip() == "":
        return None
    return parse_phone(value)  # its ValueError says "is not a (valid) phone number"


_BLANK = {"type": "string", "pattern": r"^\s*$"}
PHONE_RULE = (
    "A phone number in any common format (US when it has no country code), stored in E.164 "
    "(`+12175550142`); it must be a number in use in its country's numbering plan."
)
Email = Annotated[
    str | None, AfterValidator(normal_email),
    stated(
        "An email address (normalised when stored); an empty string or null stores null.",
        anyOf=[{"type": "string", "format": "email", "maxLength": 254}, _BLANK, {"type": "null"}],
        examples=["jane.smith@example.com"],
    ),
]
Phone = Annotated[
    str | None, AfterValidator(normal_phone),
    stated(
        f"{PHONE_RULE} An empty string or null stores null.",
        anyOf=[{"type": "string", "pattern": ONE_LINE}, {"type": "null"}],
        examples=["(217) 555-0142"],
    ),
]
ObjectId = Annotated[
    str, StringConstraints(pattern=OBJECT_ID.pattern),
    stated(examples=["acct-1001"]),
]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, str_strip_whitespace=True)


def check_object_id(name: str, value: str) -> str:
    if not OBJECT_ID.match(value):
        raise Invalid.field(
            name, f"`{name}` must be 1-64 letters, digits or . _ : - and start with a letter or digit."
        )
    return value
