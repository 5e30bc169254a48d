"""The frab/c3voc schedule export, checked against the c3voc JSON Schema, unchanged."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft6Validator, FormatChecker

import ideation
from ideation.cli import main
from ideation.export.schedule import to_schedule_json

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "programme-10"
SCHEMAS = Path(__file__).resolve().parents[2].parent / "shared" / "schemas"
URL = "https://example.org/events/{slug}/"


@pytest.fixture(scope="module")
def c3voc() -> Draft6Validator:
    path = SCHEMAS / "c3voc-schedule.schema.json"
    if not path.is_file():
        pytest.skip(f"the c3voc schedule schema is not at {path}")
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft6Validator.check_schema(schema)
    return Draft6Validator(schema, format_checker=FormatChecker())


@pytest.fixture(scope="module")
def catalogue() -> ideation.Catalogue:
    loaded = ideation.load(EXAMPLE)
    assert isinstance(loaded, ideation.Catalogue)
    return loaded


def errors(validator: Draft6Validator, data: Any) -> list[str]:
    return [f"{error.json_path}: {error.message}" for error in validator.iter_errors(data)]


@pytest.mark.parametrize("event", [None, "atelier-ideation", "bootcamp", "journee-2022-07-05"])
@pytest.mark.parametrize("url", [None, URL])
def test_validates_against_c3voc(
    c3voc: Draft6Validator, catalogue: ideation.Catalogue, event: str | None, url: str | None
) -> None:
    data = json.loads(to_schedule_json(catalogue, event=event, url=url))
    assert errors(c3voc, data) == []


def talks(data: dict[str, Any]) -> list[dict[str, Any]]:
    days = data["schedule"]["conference"]["days"]
    return [talk for day in days for room in day["rooms"].values() for talk in room]


def test_parallel_workshops_get_rooms(catalogue: ideation.Catalogue) -> None:
    data = json.loads(to_schedule_json(catalogue, event="atelier-ideation"))
    conference = data["schedule"]["conference"]
    assert conference["time_zone_name"] == "Europe/Paris"
    assert conference["acronym"] == "atelier_ideation"
    workshops = [talk for talk in talks(data) if talk["date"] == "2022-05-16T10:30:00+02:00"]
    assert len(workshops) == 5
    assert len({talk["room"] for talk in workshops}) == 5
    assert {talk["subtitle"] for talk in workshops} == {"Ateliers sur les projets"}
    assert "SIRETisation" in {talk["title"] for talk in workshops}
    assert len(conference["rooms"]) == 6
    first = talks(data)[0]
    assert (first["start"], first["duration"], first["title"]) == ("09:30", "00:15", "Accueil café")


def test_season(catalogue: ideation.Catalogue) -> None:
    data = json.loads(to_schedule_json(catalogue))
    conference = data["schedule"]["conference"]
    assert conference["start"] == "2022-05-16"
    assert conference["end"] == "2022-11-22"
    assert conference["daysCount"] == 11  # ten events, one of them over two days
    winter = [talk for talk in talks(data) if talk["date"].startswith("2022-11-22")]
    assert winter[0]["date"] == "2022-11-22T13:30:00+01:00"
    assert winter[0]["duration"] == "05:00"


def test_guids_are_stable(catalogue: ideation.Catalogue) -> None:
    first = to_schedule_json(catalogue)
    assert first == to_schedule_json(ideation.load(EXAMPLE))  # type: ignore[arg-type]
    guids = [talk["guid"] for talk in talks(json.loads(first))]
    assert len(set(guids)) == len(guids)


def test_cli(tmp_path: Path, c3voc: Draft6Validator) -> None:
    target = tmp_path / "schedule.json"
    assert main(["export", "schedule", str(EXAMPLE), "-o", str(target)]) == 0
    assert errors(c3voc, json.loads(target.read_text(encoding="utf-8"))) == []
