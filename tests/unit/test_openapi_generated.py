"""The body schemas in docs/openapi.yaml are what the pydantic models and the body shapes say (`make openapi`)."""
from __future__ import annotations

import json
import re

import pytest
import yaml

from chalicelib.admin import schemas
from chalicelib.errors import Invalid
from scripts import openapi_schemas


def test_the_committed_document_is_what_the_generator_writes():
    document = openapi_schemas.DOCUMENT.read_text()

    assert openapi_schemas.render(document) == document, "run `make openapi` and commit docs/openapi.yaml"


def test_every_admin_body_names_a_generated_schema():
    paths = yaml.safe_load(openapi_schemas.DOCUMENT.read_text())["paths"]
    generated = set(openapi_schemas.generated_schemas()) | set(openapi_schemas.generated_customer_schemas())

    bodies = {
        operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].removeprefix(openapi_schemas.COMPONENTS)
        for path, operations in paths.items()
        if path.startswith("/api/admin/")
        for operation in operations.values()
        if isinstance(operation, dict) and "requestBody" in operation
    }

    assert bodies <= generated


@pytest.mark.parametrize("text", ["Smith\nJones", "Smith\tJones", "Smith\x85", "Smith\u2028Jones", "   "])
def test_a_name_the_documented_pattern_refuses_is_refused(text: str):
    """The pattern the document gives single-line text says what the body checks do."""
    assert not re.match(schemas.SOME_LINE, text)
    with pytest.raises(Invalid):
        schemas.parse(schemas.ApiKeyIn, json.dumps({"name": text}))


def test_a_name_the_documented_pattern_accepts_is_accepted():
    text = "  Zoë's Septic — Front office  "

    assert re.match(schemas.SOME_LINE, text)
    assert schemas.parse(schemas.ApiKeyIn, json.dumps({"name": text})).name == text.strip()


@pytest.mark.parametrize("text", ["Gate code 4411.\nFriendly dog.", "Line one\r\nline two\u2028"])
def test_a_note_with_line_breaks_matches_the_documented_pattern_and_is_accepted(text: str):
    assert re.match(schemas.SOME_TEXT, text)
    assert schemas.parse(schemas.Note, json.dumps({"text": text})).text == text.strip()


@pytest.mark.parametrize("text", ["Tab\there", "Bell\x07", "\n \n"])
def test_a_note_the_documented_pattern_refuses_is_refused(text: str):
    assert not re.match(schemas.SOME_TEXT, text)
    with pytest.raises(Invalid):
        schemas.parse(schemas.Note, json.dumps({"text": text}))
