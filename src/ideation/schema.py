"""JSON Schema (draft 2020-12) of every kind of data file, generated from the model.

The schemas are built by walking the attrs classes of :mod:`ideation.model` (their fields,
types, defaults and validators), so that they cannot drift from what the loader accepts.
Editors use them for completion and inline checks (see the how-to on editor completion); CI
can use them with any JSON Schema validator.

The schemas describe data as JSON sees it, or as an editor sees a YAML file: dates, date-times
and times are text. Unknown keys are allowed (``additionalProperties: true``) because the
loader keeps them; ``ideation validate --strict`` reports them.
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
import types
import typing
from collections.abc import Mapping
from typing import Any, Literal

import attrs

from . import model
from ._version import __version__
from .model import _validators

__all__ = ["KINDS", "SCHEMA_DIALECT", "Kind", "schema_for", "schemas"]

#: The JSON Schema dialect of the generated schemas.
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: The kinds of data file that have a schema.
Kind = Literal["catalogue", "programme", "event", "proposal"]

#: Every :data:`Kind`, in the order the documentation lists them.
KINDS: tuple[Kind, ...] = ("catalogue", "programme", "event", "proposal")

_DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
_DATETIME_PATTERN = (
    r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}(:?\d{2})?)?$"
)
_DATE_OR_DATETIME_PATTERN = (
    r"^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}(:?\d{2})?)?)?$"
)
# The converter reads 09:30, 9:30, 09:30:00 and the French 9h30 and 10h (see convert.parse_time).
_TIME_PATTERN = r"^\s*([01]?\d|2[0-3])\s*(:|h|H)\s*([0-5]\d)?(:[0-5]\d)?\s*$"

_SLUG = {
    "type": "string",
    "pattern": _validators.SLUG_PATTERN.pattern,
    "description": "A slug: lowercase letters, digits and single hyphens.",
}
_SLUG_VALIDATORS = (_validators.check_slug, _validators.optional_slug)

# Rules that join several fields, which a field-by-field walk cannot see. Each mirrors a check
# in the class's __attrs_post_init__.
_CLASS_RULES: dict[type, dict[str, Any]] = {
    model.Event: {
        "anyOf": [{"required": ["date"]}, {"required": ["start"]}],
    },
    model.Location: {
        "anyOf": [{"required": [key]} for key in ("name", "address", "city", "url")],
    },
}

_DESCRIPTIONS: dict[Kind, str] = {
    "catalogue": "A whole catalogue in one file: a programme, organisations, events, proposals.",
    "programme": "The programme file of a catalogue folder (programme.yaml), and organisations.",
    "event": "An event: an ideation workshop, a bootcamp, a working day...",
    "proposal": "A project proposal, with its status and history.",
}


def _first_line(text: str | None) -> str | None:
    if not text:
        return None
    return text.strip().split("\n\n")[0].replace("\n", " ")


class _Builder:
    """Walks the model classes, collecting a ``$defs`` entry for each one it meets."""

    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def ref(self, cl: type) -> dict[str, Any]:
        name = cl.__name__
        if name not in self.defs:
            self.defs[name] = {}  # reserved first: a class may refer to itself
            self.defs[name] = self.object_schema(cl)
        return {"$ref": f"#/$defs/{name}"}

    def object_schema(self, cl: type, *, optional: frozenset[str] = frozenset()) -> dict[str, Any]:
        attrs.resolve_types(cl)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cl):
            if not field.init or field.name == "extra":
                continue
            properties[field.name] = self.field_schema(field)
            if field.default is attrs.NOTHING and field.name not in optional:
                required.append(field.name)
        schema: dict[str, Any] = {"type": "object"}
        if description := _first_line(cl.__doc__):
            schema["description"] = description
        schema["properties"] = properties
        if required:
            schema["required"] = required
        # The loader keeps keys it does not know, and writes them back.
        schema["additionalProperties"] = True
        schema.update(copy.deepcopy(_CLASS_RULES.get(cl, {})))
        return schema

    def field_schema(self, field: attrs.Attribute[Any]) -> dict[str, Any]:
        validator = field.validator
        if validator in _SLUG_VALIDATORS:
            item: dict[str, Any] = dict(_SLUG)
            return {"anyOf": [item, {"type": "null"}]} if _is_optional(field.type) else item
        if validator is _validators.slug_tuple:
            return {"type": "array", "items": dict(_SLUG)}
        schema = self.type_schema(field.type)
        if validator is _validators.non_negative:
            schema = _with_minimum(schema)
        if validator is _validators.check_timezone:
            schema = {**schema, "examples": [model.DEFAULT_TIMEZONE]}
        default = field.default
        if default is attrs.NOTHING:
            return schema
        if isinstance(default, enum.Enum):
            default = default.value
        # Factories and empty tuples say nothing an editor could show.
        if isinstance(default, str | int | bool):
            schema = {**schema, "default": default}
        return schema

    def type_schema(self, tp: Any) -> dict[str, Any]:
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin in (typing.Union, types.UnionType):
            members = [arg for arg in args if arg is not type(None)]
            if set(members) == {dt.datetime, dt.date}:
                inner = _date_or_datetime()
            elif len(members) == 1:
                inner = self.type_schema(members[0])
            else:
                inner = {"anyOf": [self.type_schema(arg) for arg in members]}
            if type(None) in args:
                return {"anyOf": [inner, {"type": "null"}]}
            return inner
        if origin is tuple:
            return {"type": "array", "items": self.type_schema(args[0])}
        if tp is model.Link:
            # A resource may be written as a bare URL.
            return {"anyOf": [{"type": "string"}, self.ref(tp)]}
        if isinstance(tp, type) and attrs.has(tp):
            return self.ref(tp)
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return {"type": "string", "enum": [member.value for member in tp]}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp is str:
            return {"type": "string"}
        if tp is dt.datetime:
            return {"type": "string", "format": "date-time", "pattern": _DATETIME_PATTERN}
        if tp is dt.date:
            return {"type": "string", "format": "date", "pattern": _DATE_PATTERN}
        if tp is dt.time:
            return {
                "type": "string",
                "pattern": _TIME_PATTERN,
                "description": "A time of day: 09:30, or the French 9h30.",
                "examples": ["09:30", "9h30"],
            }
        raise TypeError(f"no JSON Schema mapping for the type {tp!r}")


def _is_optional(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType) and type(
        None
    ) in typing.get_args(tp)


def _with_minimum(schema: dict[str, Any]) -> dict[str, Any]:
    if "anyOf" in schema:
        return {"anyOf": [_with_minimum(option) for option in schema["anyOf"]]}
    if schema.get("type") == "integer":
        return {**schema, "minimum": 0}
    return schema


def _date_or_datetime() -> dict[str, Any]:
    return {
        "type": "string",
        "pattern": _DATE_OR_DATETIME_PATTERN,
        "anyOf": [{"format": "date"}, {"format": "date-time"}],
        "description": "A date (2022-05-16) or a date-time (2022-05-16T09:30:00+02:00).",
    }


def schema_for(kind: Kind) -> dict[str, Any]:
    """The JSON Schema of one kind of data file, as a JSON-ready dict.

    ``catalogue`` is a whole catalogue in one file; ``programme`` the ``programme.yaml`` of a
    catalogue folder (the programme and its ``organisations``); ``event`` and ``proposal`` one
    page or file each, whose ``slug`` may be left out since it defaults to the file name.
    """
    builder = _Builder()
    if kind == "catalogue":
        body = builder.object_schema(model.Catalogue)
    elif kind == "programme":
        body = builder.object_schema(model.Programme)
        body["properties"]["organisations"] = {
            "type": "array",
            "items": builder.ref(model.Organisation),
        }
    elif kind == "event":
        body = builder.object_schema(model.Event, optional=frozenset({"slug"}))
    elif kind == "proposal":
        body = builder.object_schema(model.Proposal, optional=frozenset({"slug"}))
    else:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    if not body.get("required"):
        body.pop("required", None)
    schema: dict[str, Any] = {
        "$schema": SCHEMA_DIALECT,
        "$id": f"https://ideation.readthedocs.io/schema/{__version__}/{kind}.schema.json",
        "title": f"ideation {kind}",
    }
    schema.update(body)
    schema["description"] = _DESCRIPTIONS[kind]
    schema["$defs"] = dict(sorted(builder.defs.items()))
    return schema


def schemas() -> Mapping[Kind, dict[str, Any]]:
    """The schema of every :data:`Kind`, by kind."""
    return {kind: schema_for(kind) for kind in KINDS}
