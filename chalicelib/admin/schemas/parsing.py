"""A raw body to a model, or ``Invalid`` naming every wrong field in a sentence for the developer."""
from __future__ import annotations

import re
from typing import Any, TypeVar

from pydantic import (
    BaseModel,
    ValidationError,
)

from chalicelib import jsonbody
from chalicelib.errors import Invalid


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
