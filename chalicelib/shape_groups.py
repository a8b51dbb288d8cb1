"""The field classes that hold other fields: a body or nested object (``Shape``), an object by
property id (``Each``) and a list (``Items``). The single values are ``shapes``; ``shapes`` names all.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from chalicelib.errors import Invalid
from chalicelib.jsonbody import ONE_LINE
from chalicelib.shapes import _DROPPED, Count, Text, _Field, refuse_unknown


@dataclass(frozen=True)
class Each(_Field):
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
        schema = {"type": "object", "propertyNames": {"pattern": ONE_LINE}, "additionalProperties": self.value.schema()}
        return self._described(schema, self.problem)


@dataclass(frozen=True)
class Items(_Field):
    """A list of ``min_items``..``max_items`` values, each checked by ``item`` (named ``path[i]``)."""

    item: Any
    problem: str
    min_items: int = 0
    max_items: int | None = None

    def check(self, path: str, value: Any) -> Any:
        if not isinstance(value, list) or len(value) < self.min_items or (self.max_items is not None and len(value) > self.max_items):
            raise Invalid.field(path, self.problem)
        return [self.item.check(f"{path}[{index}]", item) for index, item in enumerate(value)]

    def schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array"}
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.max_items is not None:
            schema["maxItems"] = self.max_items
        schema["items"] = self.item.schema()
        return self._described(schema, self.problem)


@dataclass(frozen=True)
class Shape(_Field):
    """An object with only the named fields, checked in the order they are declared.

    ``unknown``: the sentence for a field not named here (blaming that field, or with
    ``unknown_names_the_object`` the object itself). ``problem``: for a value that is not an
    object (a nested shape). ``required``: the fields that must be sent (the field's own problem
    when missing). ``complete``: answer every field, the missing ones as None.
    """

    fields: dict[str, Any]
    unknown: str
    problem: str = "Send the details as an object."
    required: frozenset[str] = field(default_factory=frozenset)
    complete: bool = False
    unknown_names_the_object: bool = False

    @property
    def multiline(self) -> frozenset[str]:
        """The top-level fields whose text may hold line breaks (for ``jsonbody``)."""
        return frozenset(name for name, spec in self.fields.items() if getattr(spec, "multiline", False))

    def refuse_unknown(self, value: dict[str, Any], path: str = "") -> None:
        """Only the check for fields not named here (where the rest must wait for a look-up)."""
        if self.unknown_names_the_object and set(value) - set(self.fields):
            raise Invalid.field(path, self.unknown)
        refuse_unknown(value, self.fields, self.unknown, f"{path}." if path else "")

    def check(self, path: str, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise Invalid.field(path, self.problem)
        prefix = f"{path}." if path else ""
        self.refuse_unknown(value, path)
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
        schema: dict[str, Any] = {"type": "object", "additionalProperties": False}
        if self.required:
            schema["required"] = sorted(self.required)
        schema["properties"] = {name: spec.schema() for name, spec in self.fields.items()}
        return self._described(schema)
