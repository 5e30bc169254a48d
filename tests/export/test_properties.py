"""Every export of any valid catalogue passes its format's check (Hypothesis)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import icalendar
import pytest
from hypothesis import given, settings
from jsonschema import Draft6Validator, Draft202012Validator, FormatChecker

from ideation import model
from ideation.convert import unstructure
from ideation.export.ical import to_ical
from ideation.export.jsonld import catalogue_to_jsonld, event_to_jsonld
from ideation.export.opendata import EVENT_COLUMNS, events_csv, proposals_csv
from ideation.export.schedule import schedule
from ideation.schema import schema_for
from ideation.urls import safe_url

from ..strategies import catalogues

SCHEMAS = Path(__file__).resolve().parents[2].parent / "shared" / "schemas"
C3VOC = SCHEMAS / "c3voc-schedule.schema.json"
STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
CATALOGUE_SCHEMA = Draft202012Validator(schema_for("catalogue"), format_checker=FormatChecker())


@given(catalogues())
def test_the_json_schema_accepts_every_catalogue(catalogue: model.Catalogue) -> None:
    data = unstructure(catalogue, native_dates=False)
    errors = [f"{e.json_path}: {e.message}" for e in CATALOGUE_SCHEMA.iter_errors(data)]
    assert errors == []


@given(catalogues())
def test_ical_parses_and_validates(catalogue: model.Catalogue) -> None:
    calendar = icalendar.Calendar.from_ical(to_ical(catalogue, sessions=True, stamp=STAMP))
    calendar.validate()  # type: ignore[no-untyped-call]  # icalendar leaves validate unannotated
    assert calendar.get_missing_tzids() == set()
    shown = [event for event in catalogue.events if not event.draft]
    parents = [event for event in calendar.events if "RELATED-TO" not in event]
    assert len(parents) == len(shown)
    for component in calendar.walk():
        assert not component.errors


@pytest.mark.skipif(not C3VOC.is_file(), reason=f"the c3voc schedule schema is not at {C3VOC}")
@settings(max_examples=40)
@given(catalogues())
def test_schedule_validates_against_c3voc(catalogue: model.Catalogue) -> None:
    validator = Draft6Validator(
        json.loads(C3VOC.read_text("utf-8")), format_checker=FormatChecker()
    )
    data = json.loads(json.dumps(schedule(catalogue)))
    assert [f"{e.json_path}: {e.message}" for e in validator.iter_errors(data)] == []


@given(catalogues())
def test_jsonld_has_name_start_and_location(catalogue: model.Catalogue) -> None:
    json.dumps(catalogue_to_jsonld(catalogue))
    for event in catalogue.events:
        data = event_to_jsonld(event, catalogue)
        assert data["name"] == event.title
        assert data["startDate"]
        place = event.location
        # A location that is only an unsafe URL is left out (ideation.urls.safe_url).
        shown = place is not None and bool(
            place.name or place.address or place.city or (place.url and safe_url(place.url))
        )
        assert ("location" in data) == shown


@given(catalogues())
def test_csv_has_one_row_per_object(catalogue: model.Catalogue) -> None:
    import csv
    import io

    events = list(csv.reader(io.StringIO(events_csv(catalogue), newline="")))
    assert events[0] == [column.name for column in EVENT_COLUMNS]
    assert len(events) == 1 + sum(not event.draft for event in catalogue.events)
    assert all(len(row) == len(EVENT_COLUMNS) for row in events)
    for row in events[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)
    proposals = list(csv.reader(io.StringIO(proposals_csv(catalogue), newline="")))
    assert len(proposals) == 1 + sum(not p.draft for p in catalogue.proposals)
