"""Wowchemy / Hugo Blox page bundles with no key map, and ``--map`` with dotted targets
(issue 10, "Other Hugo themes")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ideation.cli import build_parser
from ideation.cli._import_hugo import parse_key_map
from ideation.errors import UsageError
from ideation.hugo import HugoImport, PageEntry, export_site, import_site
from ideation.model import Location

WOWCHEMY = Path(__file__).parents[1] / "data" / "hugo-wowchemy"


def entry(result: HugoImport, file: str) -> PageEntry:
    (found,) = [e for e in result.entries if e.file == f"content/{file}"]
    return found


def wowchemy(**options: object) -> HugoImport:
    return import_site(WOWCHEMY, events=["event"], proposals=["project"], **options)  # type: ignore[arg-type]


def test_bundles_import_with_no_key_map() -> None:
    result = wowchemy()
    assert result.counts == {
        "events": 3,
        "proposals": 2,
        "seasons": 0,
        "skipped": 3,
        "failed": 0,
        "organisations": 0,
    }
    event = result.catalogue.event("data-ia")
    assert event.location == Location(
        name="BercyLab",
        address="139 rue de Bercy",
        city="Paris",
        postal_code="75012",
        country="France",
        extra={"region": "Île-de-France"},
    )
    assert event.end == dt.datetime(2023, 6, 13, 17, tzinfo=dt.UTC)
    # all_day: false makes the date the start: the event is timed, not a whole day.
    assert event.start == dt.datetime(2023, 6, 13, 13, tzinfo=dt.UTC)
    assert not event.all_day
    assert result.catalogue.event("kick-off").all_day
    for key in ("event", "event_url", "all_day", "authors", "image", "publishDate"):
        assert key in event.extra, key
    assert result.catalogue.event("talk-open-data").location == Location(name="Zoom")
    kick_off = result.catalogue.event("kick-off")
    assert kick_off.location == Location(url="https://meet.example.org/kickoff")
    assert kick_off.date == dt.date(2023, 10, 1)
    assert result.catalogue.proposal("alpha").repository == "https://github.com/example/alpha"


def test_the_report_names_what_was_read_and_the_resources() -> None:
    result = wowchemy()
    notes = [n.message for n in entry(result, "event/data-ia/index.md").notes]
    assert "location: one text, read as the place's name" in notes
    assert any(n.startswith("address read into the location") for n in notes)
    assert "date_end read as the event's end" in notes
    assert any(n.startswith("featured image featured.jpg") for n in notes)
    resource = entry(result, "event/data-ia/featured.jpg")
    assert resource.outcome == "skipped"
    assert "resource of the page bundle content/event/data-ia" in resource.reason


def test_the_bundles_survive_export_and_import(tmp_path: Path) -> None:
    first = wowchemy()
    export_site(first.catalogue, tmp_path, events="event", proposals="project")
    second = import_site(tmp_path, events=["event"], proposals=["project"])
    assert second.ok, second.summary()
    assert second.catalogue == first.catalogue


def test_dotted_targets() -> None:
    result = wowchemy(key_map={"venue": "location.name", "sponsor": "lead"})
    beta = result.catalogue.proposal("beta")
    assert beta.lead == "DINUM"
    # A proposal has no location: the key stays as it is.
    assert beta.extra["venue"] == "Cour des comptes"


def test_a_dotted_target_on_an_event(tmp_path: Path) -> None:
    folder = tmp_path / "content" / "actualites"
    folder.mkdir(parents=True)
    (folder / "a.md").write_text(
        "---\ntitle: Atelier\ndate: 2023-01-02\nsalle: Salle 1\nville: Lyon\n---\n",
        encoding="utf-8",
    )
    result = import_site(tmp_path, key_map={"salle": "location.name", "ville": "location.city"})
    assert result.catalogue.event("a").location == Location(name="Salle 1", city="Lyon")


@pytest.mark.parametrize("target", ["location.nope", "Nope", "titel", "title.x", "location."])
def test_a_target_that_is_no_field_is_a_usage_error(target: str) -> None:
    with pytest.raises(UsageError, match="not a field"):
        wowchemy(key_map={"venue": target})


def test_entries_that_match_no_key_are_reported(capsys: pytest.CaptureFixture[str]) -> None:
    args = build_parser().parse_args(
        [
            *("import", "hugo", str(WOWCHEMY), "-o", "unused"),
            *("--events", "event", "--proposals", "project"),
            *("--map", "sponsors=", "--map", "lieu=location.name", "--map", "venue=location.name"),
        ]
    )
    key_map = parse_key_map(args.map)
    result = import_site(WOWCHEMY, events=["event"], proposals=["project"], key_map=key_map)
    notes = [note.message for note in result.notes]
    assert "key map sponsors=: no page has the key 'sponsors'; it does nothing" in notes
    assert "key map lieu=location.name: no page has the key 'lieu'; it does nothing" in notes
    assert not any("venue" in note for note in notes)
    assert not any("responsible" in note for note in notes)
