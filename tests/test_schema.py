"""The JSON Schema of the data files: it accepts the example and rejects what the loader rejects."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import attrs
import pytest
from jsonschema import Draft202012Validator, FormatChecker

import ideation
from ideation._io import read_text
from ideation.convert import unstructure
from ideation.errors import DataError
from ideation.formats import format_for
from ideation.schema import KINDS, Kind, schema_for

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "programme-10"


def jsonable(value: Any) -> Any:
    """Data as an editor sees a YAML file: dates, date-times and times as text."""
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [jsonable(item) for item in value]
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def parsed(path: Path) -> Any:
    return jsonable(format_for(path).parse(read_text(path), str(path)).data)


def validator(kind: Kind) -> Draft202012Validator:
    return Draft202012Validator(schema_for(kind), format_checker=FormatChecker())


def kind_of(path: Path) -> Kind:
    if path.stem == "programme":
        return "programme"
    if path.parent.name == "candidates":
        return "candidate"
    return "event" if path.parent.name == "events" else "proposal"


@pytest.mark.parametrize("kind", KINDS)
def test_schemas_are_valid_draft_2020_12(kind: Kind) -> None:
    schema = schema_for(kind)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is True


# intake/ holds the form exports that the data files were imported from: not data files.
EXAMPLE_FILES = sorted(
    path for path in EXAMPLE.rglob("*") if path.is_file() and "intake" not in path.parts
)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda path: path.name)
def test_example_files_validate(path: Path) -> None:
    errors = [error.message for error in validator(kind_of(path)).iter_errors(parsed(path))]
    assert errors == []


def test_example_catalogue_as_one_file_validates() -> None:
    catalogue = ideation.load(EXAMPLE)
    assert isinstance(catalogue, ideation.Catalogue)
    data = unstructure(catalogue, native_dates=False)
    assert [error.message for error in validator("catalogue").iter_errors(data)] == []
    for event in catalogue.events:
        assert not list(validator("event").iter_errors(unstructure(event, native_dates=False)))


def test_schema_follows_the_model() -> None:
    event = jsonable(schema_for("event"))
    assert event["properties"]["kind"]["enum"][0] == "ideation-workshop"
    assert "slug" not in event.get("required", [])  # a page's slug defaults to its file name
    session = event["$defs"]["Session"]
    assert session["required"] == ["start", "title"]
    proposal = jsonable(schema_for("proposal"))
    assert "in-progress" in proposal["properties"]["status"]["enum"]
    catalogue = jsonable(schema_for("catalogue"))
    assert catalogue["required"] == ["programme"]
    assert catalogue["$defs"]["Event"]["required"] == ["slug", "title"]


@pytest.mark.parametrize("time", ["09:30", "9h30", "10h", "9:30", "09:30:15", "23:59"])
def test_times_accepted(time: str) -> None:
    data = {"title": "t", "date": "2022-05-16", "sessions": [{"start": time, "title": "s"}]}
    assert validator("event").is_valid(data)
    ideation.loads(
        f"slug: s\ntitle: t\ndate: 2022-05-16\nsessions:\n- start: '{time}'\n  title: s\n",
        ideation.Event,
    )


# Each of these is rejected by the loader, and must be rejected by the schema too.
BAD: dict[str, tuple[Kind, dict[str, Any]]] = {
    "time out of range": (
        "event",
        {"title": "t", "date": "2022-05-16", "sessions": [{"start": "25h00", "title": "s"}]},
    ),
    "session without title": (
        "event",
        {"title": "t", "date": "2022-05-16", "sessions": [{"start": "09:30"}]},
    ),
    "no title": ("event", {"date": "2022-05-16"}),
    "neither date nor start": ("event", {"title": "t"}),
    "unknown event kind": ("event", {"title": "t", "date": "2022-05-16", "kind": "party"}),
    "bad date": ("event", {"title": "t", "date": "16/05/2022"}),
    "bad slug": ("event", {"title": "t", "date": "2022-05-16", "slug": "Atelier Idéation"}),
    "organisers not slugs": ("event", {"title": "t", "date": "2022-05-16", "organisers": ["A B"]}),
    "negative count": ("event", {"title": "t", "date": "2022-05-16", "attendance": {"count": -1}}),
    "empty location": (
        "event",
        {"title": "t", "date": "2022-05-16", "location": {"country": "FR"}},
    ),
    "tags not a list": ("event", {"title": "t", "date": "2022-05-16", "tags": "a"}),
    "draft not a boolean": ("event", {"title": "t", "date": "2022-05-16", "draft": "yes"}),
    "unknown status": ("proposal", {"title": "p", "status": "maybe"}),
    "history date not a date": (
        "proposal",
        {"title": "p", "history": [{"status": "submitted", "date": "2022-05-16T10:00:00"}]},
    ),
    "history without status": ("proposal", {"title": "p", "history": [{"date": "2022-05-16"}]}),
    "sponsors not a list": ("proposal", {"title": "p", "sponsors": "insee"}),
    "programme without name": ("programme", {"slug": "p"}),
    "organisation kind": (
        "programme",
        {"slug": "p", "name": "P", "organisations": [{"slug": "o", "name": "O", "kind": "club"}]},
    ),
    "phase without slug": ("programme", {"slug": "p", "name": "P", "phases": [{"name": "x"}]}),
    "catalogue without programme": ("catalogue", {"events": []}),
}

_TYPES = {"event": ideation.Event, "proposal": ideation.Proposal}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_data_rejected_by_loader_and_schema(name: str) -> None:
    kind, data = BAD[name]
    assert not validator(kind).is_valid(data)
    if kind == "programme":
        # A programme file is read as the programme and organisations of a catalogue.
        programme = {key: value for key, value in data.items() if key != "organisations"}
        data = {"programme": programme, "organisations": data.get("organisations", [])}
        kind = "catalogue"
    cl = ideation.Catalogue if kind == "catalogue" else _TYPES[kind]
    if kind != "catalogue" and "slug" not in data:
        data = {"slug": "a-slug", **data}
    with pytest.raises(DataError):
        ideation.loads(ideation.dumps(data, "json"), cl, "json")


def test_broken_files_of_the_cli_tests_are_rejected(tmp_path: Path) -> None:
    from .cli.test_commands import BROKEN

    for name, text in BROKEN.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        with pytest.raises(DataError):
            ideation.load(path, ideation.Event if "events/" in name else ideation.Proposal)
        try:
            data = parsed(path)
        except DataError:
            continue  # not even valid syntax: no data to check
        assert not validator(kind_of(path)).is_valid(data), name


def _properties(node: Any, where: str = "$") -> list[tuple[str, Any]]:
    """Every ``properties`` entry of a schema, at any depth, with where it is."""
    found: list[tuple[str, Any]] = []
    if isinstance(node, dict):
        for key, value in node.get("properties", {}).items():
            found.append((f"{where}.properties.{key}", value))
        for key, value in node.items():
            found.extend(_properties(value, f"{where}.{key}"))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(_properties(value, f"{where}[{index}]"))
    return found


@pytest.mark.parametrize("kind", KINDS)
def test_every_key_of_every_schema_has_a_description(kind: Kind) -> None:
    # The data-file reference is made from these descriptions, and editors show them on hover:
    # a key without one is a blank cell in the docs.
    undescribed = [
        where
        for where, value in _properties(schema_for(kind))
        if not str(value.get("description", "")).strip()
    ]
    assert undescribed == []


def test_every_field_of_every_model_class_has_its_own_description() -> None:
    # A field whose schema borrows a shared description (a slug's, a time's) says nothing of
    # what the key is for: each field needs its own line in schema.py.
    from ideation.schema import _FIELD_DESCRIPTIONS

    schema = jsonable(schema_for("catalogue"))
    classes = {"Catalogue": schema, **schema["$defs"]}
    for name, definition in classes.items():
        cl = getattr(ideation, name)
        fields = {field.name for field in attrs.fields(cl) if field.init and field.name != "extra"}
        assert set(definition["properties"]) == fields
        assert set(_FIELD_DESCRIPTIONS[cl]) == fields, name
        for key in fields:
            assert definition["properties"][key]["description"] == _FIELD_DESCRIPTIONS[cl][key]
