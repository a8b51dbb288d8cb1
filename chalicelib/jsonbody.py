"""The one parser for JSON request bodies, customer and admin routes alike.

Whatever a client sends, the answer is a value the rest of the code can hash, store and put in
an email, or a 400: nesting is bounded (deep nesting would be a RecursionError, a 500), lone
surrogates ("\\ud800", which cannot be encoded) and control characters are refused, each named
by the field it was found in. Line breaks (and U+2028/U+2029) are refused too, except in the
top-level fields the route names as multi-line (notes); admin bodies leave that to their
pydantic schemas, whose single-line fields are the shared ``Line`` type.
"""
from __future__ import annotations

import json
import re
from typing import Any, Container

from chalicelib.errors import BadRequest, Invalid

MAX_DEPTH = 32
# Unicode category Cc is exactly U+0000-U+001F and U+007F-U+009F. Newlines may appear in
# multi-line text; every other control character never may, and a single line has no breaks.
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_NOT_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")

# The same rules as JSON Schema patterns (for docs/openapi.yaml): no control character anywhere, no
# line break outside multi-line text; a required text is not only spaces (trimmed before lengths count).
LINE_CHAR = r"[^\x00-\x1f\x7f-\x9f\u2028\u2029]"
TEXT_CHAR = r"[^\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]"
ONE_LINE = f"^{LINE_CHAR}*$"
ANY_TEXT = f"^{TEXT_CHAR}*$"
SOME_LINE = rf"^{LINE_CHAR}*[^\s\x00-\x1f\x7f-\x9f\u2028\u2029]{LINE_CHAR}*$"
SOME_TEXT = rf"^{TEXT_CHAR}*[^\s\x00-\x1f\x7f-\x9f]{TEXT_CHAR}*$"


class _Every:
    def __contains__(self, name: object) -> bool:
        return True


ANY_FIELD: Container[str] = _Every()


def parse(raw: bytes | str | None, multiline: Container[str] = ()) -> Any:
    """The body's JSON value, checked as described above, or ``BadRequest`` / ``Invalid``.

    ``multiline``: the top-level fields whose text may hold line breaks (``ANY_FIELD``: leave
    line breaks to a schema).
    """
    if not raw:
        raise BadRequest("The request needs a JSON object body.")
    try:
        value = json.loads(raw)
    except RecursionError:
        raise _too_deep() from None
    except (ValueError, UnicodeDecodeError):
        raise BadRequest("The request body is not valid JSON.") from None
    _check(value, "", 0, multiline)
    return value


def parse_object(raw: bytes | str | None, multiline: Container[str] = ()) -> dict[str, Any]:
    body = parse(raw, multiline)
    if not isinstance(body, dict):
        raise BadRequest("The request body must be a JSON object.")
    return body


def line_problem(value: str) -> str | None:
    """Why ``value`` cannot be a single line of text (a header, a name), or None."""
    if _NOT_ONE_LINE.search(value):
        return "must be a single line of text without control characters such as line breaks or tabs."
    return None


def one_line(value: str) -> str:
    """``value`` with every control character and line break made a space: safe in a header."""
    return " ".join(_NOT_ONE_LINE.sub(" ", value).split())


def _check(value: Any, path: str, depth: int, multiline: Container[str]) -> None:
    if depth > MAX_DEPTH:
        raise _too_deep()
    if isinstance(value, str):
        _check_text(path, value, path.split(".", 1)[0] in multiline)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(path, key, False)
            _check(item, f"{path}.{key}" if path else key, depth + 1, multiline)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check(item, f"{path}.{index}" if path else str(index), depth + 1, multiline)


def _check_text(path: str, text: str, lines_allowed: bool) -> None:
    if _SURROGATE.search(text):
        raise _field(path, "contains a character that is not valid text (a lone surrogate).")
    if _CONTROL.search(text):
        raise _field(path, "contains a control character. Send plain text.")
    if not lines_allowed and _NOT_ONE_LINE.search(text):
        raise _field(path, "must be a single line, without line breaks.")


def _field(path: str, problem: str) -> Invalid:
    """``problem`` goes on from a subject ("contains a control character; …"): the text, or the body."""
    sentence = f"{'This text' if path else 'The request body'} {problem}"
    return Invalid.field(path, sentence)


def _too_deep() -> BadRequest:
    return BadRequest(f"The request body is nested too deeply (more than {MAX_DEPTH} levels).")
