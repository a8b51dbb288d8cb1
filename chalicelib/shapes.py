"""The field classes a customer body is declared with (``bodies``, ``booking.bodies``).

Each field checks a value and, when it is wrong, raises ``Invalid`` naming the field with the
sentence the page shows next to it. Each also states what it checks as JSON Schema (``schema()``),
which ``make openapi`` (scripts/openapi_schemas.py) writes into docs/openapi.yaml, so the document
says what the code does: the types, lengths and patterns checked here, the rules ``jsonbody``
applies to every text first (no control characters; one line unless the field is ``multiline``),
and a ``description`` per field (its own, else the sentence it answers with). ``stated`` adds
keywords for what another part checks (a default the service applies, an example).
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import KW_ONLY, dataclass, field
from datetime import date
from typing import Any

from chalicelib.errors import Invalid
from chalicelib.jsonbody import ANY_TEXT, ONE_LINE, SOME_LINE, SOME_TEXT

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
class _Field:
    _: KW_ONLY
    description: str = ""
    stated: Mapping[str, Any] = field(default_factory=dict)

    def _described(self, schema: dict[str, Any], sentence: str = "") -> dict[str, Any]:
        if self.description or sentence:
            schema["description"] = self.description or sentence
        return {**schema, **self.stated}


@dataclass(frozen=True)
class Text(_Field):
    """A string, stripped, of ``min_length``..``max_length`` characters matching ``pattern``.

    ``problem``: the sentence for a value that is missing, not text, or not in shape; ``too_long``
    the one for a value over ``max_length`` (``problem`` if not given). ``nullable``: null (and
    an empty optional text) passes on as None. ``strip``: False where spaces count (a password).
    ``pattern`` is a Python regular expression that JSON Schema (ECMAScript) reads the same way.
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
    format: str | None = None

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
        schema: dict[str, Any] = {"type": ["string", "null"] if self.nullable else "string"}
        if self.format:
            schema["format"] = self.format
        schema["pattern"] = self._pattern()
        if self.min_length:
            schema["minLength"] = self.min_length
        schema["maxLength"] = self.max_length
        return self._described(schema, self.problem)

    def _pattern(self) -> str:
        """What the value may be as sent: spaces around it (stripped) and jsonbody's rules included."""
        if self.pattern:
            inner = f"(?:{self.pattern})" if "|" in self.pattern else self.pattern
            return f"^ *{inner} *$" if self.strip else f"^{inner}$"
        if self.min_length and self.strip:
            return SOME_TEXT if self.multiline else SOME_LINE
        return ANY_TEXT if self.multiline else ONE_LINE


@dataclass(frozen=True)
class Flag(_Field):
    """true or false."""

    problem: str

    def check(self, path: str, value: Any) -> Any:
        if not isinstance(value, bool):
            raise Invalid.field(path, self.problem)
        return value

    def schema(self) -> dict[str, Any]:
        return self._described({"type": "boolean"}, self.problem)


@dataclass(frozen=True)
class OneOf(_Field):
    """One of a few strings."""

    options: tuple[str, ...]
    problem: str

    def check(self, path: str, value: Any) -> Any:
        if value not in self.options:
            raise Invalid.field(path, self.problem)
        return value

    def schema(self) -> dict[str, Any]:
        return self._described({"type": "string", "enum": list(self.options)}, self.problem)


@dataclass(frozen=True)
class Day(_Field):
    """A calendar date written year-month-day, answered as a ``date``."""

    problem: str

    def check(self, path: str, value: Any) -> Any:
        return iso_date(path, value, self.problem)

    def schema(self) -> dict[str, Any]:
        return self._described({"type": "string", "format": "date", "minLength": 10, "maxLength": 10}, self.problem)


@dataclass(frozen=True)
class Count(_Field):
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
        return self._described({"type": ["integer", "null"], "minimum": self.minimum, "maximum": self.maximum}, self.problem)


@dataclass(frozen=True)
class Opaque(_Field):
    """Passed on as sent: the service judges it with its own errors (a link's token is ``link_invalid``).

    ``stated``: what the service accepts, for the document (it checks nothing here)."""

    description: str = ""

    def check(self, path: str, value: Any) -> Any:
        return value

    def schema(self) -> dict[str, Any]:
        return self._described({})


@dataclass(frozen=True)
class Ignored(Opaque):
    """Taken and dropped: what older pages still send (a look-up's ``request_id``) is not an error."""

    def check(self, path: str, value: Any) -> Any:
        return _DROPPED


_DROPPED = object()


@dataclass(frozen=True)
class Later(_Field):
    """Passed on as sent, to be checked by ``spec`` later (after a look-up the check depends on);
    documented as ``spec`` is."""

    spec: Any

    @property
    def multiline(self) -> bool:
        return getattr(self.spec, "multiline", False)

    def check(self, path: str, value: Any) -> Any:
        return value

    def schema(self) -> dict[str, Any]:
        return self._described(self.spec.schema())
