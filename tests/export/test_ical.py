"""The iCalendar export: parsed back and validated by ``icalendar``, with the right local times."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import pytest

import ideation
from ideation.cli import main
from ideation.export.ical import to_calendar, to_ical

pytest.importorskip("icalendar")
# Imported by name after the skip, for their types: icalendar types a property as a union of
# every value class, so a test narrows the one it knows (see _sequence and _moment).
from icalendar import Calendar, Component, vDDDTypes

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "programme-10"
STAMP = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)
URL = "https://example.org/events/{slug}/"


@pytest.fixture(scope="module")
def catalogue() -> ideation.Catalogue:
    loaded = ideation.load(EXAMPLE)
    assert isinstance(loaded, ideation.Catalogue)
    return loaded


def parse(data: bytes) -> Calendar:
    calendar = Calendar.from_ical(data)
    # PRODID, VERSION and at least one component; icalendar leaves validate unannotated.
    calendar.validate()  # type: ignore[no-untyped-call]
    for component in calendar.walk():
        assert not component.errors, (component.name, component.errors)
        for name in getattr(component, "required", ()):
            assert name in component, (component.name, name)
    return calendar


def _sequence(component: Component) -> int:
    """The SEQUENCE of a component, an integer (icalendar's vInt)."""
    value = component["SEQUENCE"]
    assert isinstance(value, int)
    return value


def _moment(component: Component, name: str) -> object:
    """The date or time of property ``name`` of a component (a DTSTAMP, a LAST-MODIFIED)."""
    value = component[name]
    assert isinstance(value, vDDDTypes)
    return value.dt


def test_catalogue_calendar_parses_and_validates(catalogue: ideation.Catalogue) -> None:
    data = to_ical(catalogue, url=URL, stamp=STAMP)
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    calendar = parse(data)
    events = calendar.events
    assert len(events) == len(catalogue.events)
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Paris"]
    assert calendar.get_missing_tzids() == set()
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == len(uids)


def test_local_times_and_daylight_saving(catalogue: ideation.Catalogue) -> None:
    calendar = parse(to_ical(catalogue, url=URL, stamp=STAMP))
    by_summary = {str(event["SUMMARY"]): event for event in calendar.events}
    workshop = by_summary["Atelier d'idéation du 16 mai"]
    start = workshop.start
    assert isinstance(start, dt.datetime)
    # The Hugo page says 2022-05-16T13:00:00+01:00; in May, Paris is at +02:00.
    assert start == dt.datetime(2022, 5, 16, 9, 30, tzinfo=ZoneInfo("Europe/Paris"))
    assert start.utcoffset() == dt.timedelta(hours=2)
    assert workshop["DTSTART"].params["TZID"] == "Europe/Paris"
    november = by_summary["Journée de travail n° 8"].start
    assert isinstance(november, dt.datetime)
    assert november.utcoffset() == dt.timedelta(hours=1)  # winter time
    assert november.hour == 13


def test_all_day_event_as_dates(catalogue: ideation.Catalogue) -> None:
    calendar = parse(to_ical(catalogue, event="bootcamp", stamp=STAMP))
    (bootcamp,) = calendar.events
    assert bootcamp.start == dt.date(2022, 6, 13)
    assert not isinstance(bootcamp.start, dt.datetime)
    assert bootcamp.end == dt.date(2022, 6, 15)  # DTEND is exclusive
    assert b"DTSTART;VALUE=DATE:20220613" in bootcamp.to_ical()


def test_properties(catalogue: ideation.Catalogue) -> None:
    calendar = parse(to_ical(catalogue, event="atelier-ideation", url=URL, stamp=STAMP))
    (event,) = calendar.events
    assert "https://example.org/events/atelier-ideation/" in str(event["DESCRIPTION"])
    assert str(event["URL"]) == "https://example.org/events/atelier-ideation/"
    assert str(event["LOCATION"]) == "Lieu de la transformation publique, Paris, FR"
    assert event.categories == ["ideation-workshop"]
    assert _sequence(event) >= 0
    assert _moment(event, "LAST-MODIFIED") == STAMP
    assert _moment(event, "DTSTAMP") == STAMP


def test_uids_are_stable(catalogue: ideation.Catalogue) -> None:
    first = to_ical(catalogue, stamp=STAMP)
    reloaded = ideation.load(EXAMPLE)
    assert isinstance(reloaded, ideation.Catalogue)
    again = to_ical(reloaded, stamp=STAMP)
    assert first == again
    later = parse(to_ical(catalogue, stamp=STAMP + dt.timedelta(days=1)))
    earlier = parse(first)
    assert [str(e["UID"]) for e in later.events] == [str(e["UID"]) for e in earlier.events]
    # A later export supersedes an earlier one.
    assert _sequence(later.events[0]) > _sequence(earlier.events[0])


def test_sessions_option(catalogue: ideation.Catalogue) -> None:
    calendar = parse(to_ical(catalogue, event="atelier-ideation", sessions=True, stamp=STAMP))
    event, *sessions = calendar.events
    assert len(sessions) == 5
    assert str(sessions[0]["RELATED-TO"]) == str(event["UID"])
    assert sessions[0].start == dt.datetime(2022, 5, 16, 9, 30, tzinfo=ZoneInfo("Europe/Paris"))
    assert sessions[3].categories == ["workshop"]


def test_calendar_object(catalogue: ideation.Catalogue) -> None:
    calendar = to_calendar(catalogue, stamp=STAMP)
    assert str(calendar["X-WR-CALNAME"]) == "Programme 10 %"
    assert str(calendar["METHOD"]) == "PUBLISH"


def test_cli_writes_the_feed(tmp_path: Path) -> None:
    target = tmp_path / "feed" / "programme.ics"
    assert (
        main(["export", "ical", str(EXAMPLE), "-o", str(target), "--sessions", "--url", URL]) == 0
    )
    calendar = parse(target.read_bytes())
    assert len(calendar.events) == 10 + 5
    assert b"\r\n" in target.read_bytes()


def test_hugo_lastmod_sets_last_modified(catalogue: ideation.Catalogue) -> None:
    event = attrs.evolve(
        catalogue.event("atelier-ideation"), extra={"lastmod": dt.datetime(2022, 5, 20, 18, 0)}
    )
    others = [e for e in catalogue.events if e.slug != event.slug]
    changed = attrs.evolve(catalogue, events=[event, *others])
    calendar = parse(to_ical(changed, event="atelier-ideation", stamp=STAMP))
    (vevent,) = calendar.events
    # A naive lastmod is a wall-clock time of the event's zone: 18:00 in Paris is 16:00 UTC.
    assert _moment(vevent, "LAST-MODIFIED") == dt.datetime(2022, 5, 20, 16, 0, tzinfo=dt.UTC)
    assert _moment(vevent, "DTSTAMP") == STAMP


def test_empty_calendar_is_still_valid(catalogue: ideation.Catalogue) -> None:
    empty = ideation.Catalogue(programme=catalogue.programme, organisations=catalogue.organisations)
    calendar = parse(to_ical(empty, stamp=STAMP))
    assert calendar.events == []
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Paris"]


@pytest.mark.parametrize("text", ["a\nb", "a\rb", "a\r\nb", "a\x00b", "a\x1bb", "a\x7fb"], ids=repr)
def test_line_breaks_and_control_characters_in_text_give_a_valid_calendar(text: str) -> None:
    catalogue = ideation.Catalogue(
        programme=ideation.Programme(slug="p", name=text, summary=text),
        events=[
            ideation.Event(
                slug="e",
                title=text,
                date=dt.date(2022, 5, 16),
                summary=text,
                tags=(text,),
                location=ideation.Location(name=text),
                sessions=[ideation.Session(start=dt.time(9), title=text, description=text)],
            )
        ],
    )
    for event in (None, "e"):
        data = to_ical(catalogue, event=event, sessions=True, stamp=STAMP)
        # No control character but the CRLF that ends each content line (RFC 5545, 3.1).
        assert not re.search(rb"[\x00-\x08\x0a-\x1f\x7f]", data.replace(b"\r\n", b""))
        calendar = parse(data)
        assert str(calendar["NAME"]).replace(" ", "") == "ab"
        assert len(calendar.walk("VEVENT")) == 2
