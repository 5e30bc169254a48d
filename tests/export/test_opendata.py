"""The open-data export: CSV tables and a data package that ``frictionless validate`` accepts."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

import ideation
from ideation.cli import main
from ideation.export.opendata import (
    EVENT_COLUMNS,
    PROPOSAL_COLUMNS,
    events_csv,
    neutralise,
    proposals_csv,
    to_opendata,
)

frictionless = pytest.importorskip("frictionless")

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "programme-10"


@pytest.fixture(scope="module")
def catalogue() -> ideation.Catalogue:
    loaded = ideation.load(EXAMPLE)
    assert isinstance(loaded, ideation.Catalogue)
    return loaded


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_bytes(text.encode("utf-8"))
    return folder / "datapackage.json"


def test_frictionless_validates_the_example(tmp_path: Path, catalogue: ideation.Catalogue) -> None:
    report = frictionless.validate(str(write(tmp_path, to_opendata(catalogue))))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.stats["tasks"] == 2


def test_frictionless_sees_a_broken_table(tmp_path: Path, catalogue: ideation.Catalogue) -> None:
    files = to_opendata(catalogue)
    files["events.csv"] = files["events.csv"].replace(",25,", ",many,", 1)
    assert not frictionless.validate(str(write(tmp_path, files))).valid


def test_one_row_per_object_in_a_stable_order(catalogue: ideation.Catalogue) -> None:
    events = rows(events_csv(catalogue))
    assert len(events) == len(catalogue.events)
    assert list(events[0]) == [column.name for column in EVENT_COLUMNS]
    assert events[0]["slug"] == "atelier-ideation"
    assert events[0]["starts_at"] == "2022-05-16T09:30:00+02:00"
    assert events[0]["organisers"] == "lab-ia | insee"
    assert events[1]["all_day"] == "true"
    assert events[1]["starts_at"] == ""
    proposals = rows(proposals_csv(catalogue))
    assert len(proposals) == len(catalogue.proposals)
    assert list(proposals[0]) == [column.name for column in PROPOSAL_COLUMNS]
    insee = next(row for row in proposals if row["slug"] == "insee")
    assert insee["history"] == "2022-05-16 submitted | 2022-05-18 selected | 2022-06-13 in-progress"
    assert events_csv(catalogue) == events_csv(ideation.load(EXAMPLE))  # type: ignore[arg-type]


def test_utf8_and_crlf(catalogue: ideation.Catalogue) -> None:
    text = events_csv(catalogue)
    assert "idéation" in text
    assert text.split("\n", 1)[0].endswith("\r")


# Every character that makes a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize("text", ["=1+1", "+33 1", "-2", "@SUM(A1)", "\tx", "\r=1", "\t"])
def test_formulas_neutralised(text: str) -> None:
    assert neutralise(text) == "'" + text
    assert neutralise("plain") == "plain"


@pytest.mark.parametrize("start", FORMULA_STARTS, ids=repr)
def test_each_formula_start_is_neutralised(start: str) -> None:
    assert neutralise(start + "1") == "'" + start + "1"
    # Only at the start: inside a cell these characters are text.
    assert neutralise("a" + start + "1") == "a" + start + "1"


@pytest.mark.parametrize("start", FORMULA_STARTS, ids=repr)
def test_every_text_and_list_cell_is_neutralised(start: str) -> None:
    formula = start + "cmd|' /C calc'!A0"
    event = ideation.Event(
        slug="x",
        title=formula,
        date=dt.date(2022, 5, 16),
        summary=formula,
        objectives=(formula, "b"),
        outcomes=(formula,),
        tags=(formula,),
        images=(formula,),
        location=ideation.Location(name=formula, city=formula, url=formula),
        attendance=ideation.Attendance(profiles=[ideation.Profile(name=formula)]),
        description=formula,
    )
    proposal = ideation.Proposal(
        slug="p",
        title=formula,
        summary=formula,
        problem=formula,
        objectives=(formula,),
        use_cases=(formula,),
        technical_domains=(formula,),
        wanted_profiles=(formula,),
        lead=formula,
        repository=formula,
        resources=[ideation.Link(url=formula)],
        tags=(formula,),
        description=formula,
    )
    bad = ideation.Catalogue(
        programme=ideation.Programme(slug="p", name=formula), events=[event], proposals=[proposal]
    )
    for table in (events_csv(bad), proposals_csv(bad)):
        (row,) = rows(table)
        for column, cell in row.items():
            assert not cell.startswith(FORMULA_STARTS), (column, cell)
        shown = [cell for cell in row.values() if formula.strip() in cell]
        assert shown, "the formula's text is kept, neutralised"


def test_formula_in_data_is_neutralised(catalogue: ideation.Catalogue) -> None:
    event = ideation.Event(slug="x", title='=HYPERLINK("http://evil")', date=dt.date(2022, 5, 16))
    bad = ideation.Catalogue(
        programme=catalogue.programme, organisations=catalogue.organisations, events=[event]
    )
    (row,) = rows(events_csv(bad))
    assert row["title"].startswith("'=")


def test_descriptor(catalogue: ideation.Catalogue) -> None:
    package = json.loads(to_opendata(catalogue)["datapackage.json"])
    assert package["name"] == "programme-10"
    assert [resource["path"] for resource in package["resources"]] == [
        "events.csv",
        "proposals.csv",
    ]
    fields = package["resources"][0]["schema"]["fields"]
    assert [field["name"] for field in fields] == [column.name for column in EVENT_COLUMNS]


def test_cli(tmp_path: Path) -> None:
    assert main(["export", "csv", str(EXAMPLE), "-o", str(tmp_path / "open")]) == 0
    assert frictionless.validate(str(tmp_path / "open" / "datapackage.json")).valid
