"""Several dated events listed in one page (a training calendar in a section's ``_index.md``)
become events with ``--extract`` (issue 10, "Telling events from news")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ideation.hugo import export_site, import_site
from ideation.hugo._calendar import read_calendar

CALENDAR = Path(__file__).parents[1] / "data" / "hugo-calendar"


def test_a_calendar_becomes_events_with_extract() -> None:
    result = import_site(CALENDAR, events=["formations"], extract=True)
    assert sorted(e.slug for e in result.catalogue.events) == [
        "2024-01-12-formation-python",
        "2024-02-09-formation-sql",
        "2024-03-15-atelier-dataviz-a-lyon",
        "2024-04-02-formation-r",
    ]
    python = result.catalogue.event("2024-01-12-formation-python")
    assert python.title == "Formation Python"
    assert python.start == dt.datetime(2024, 1, 12, 9, 30)
    assert python.end == dt.datetime(2024, 1, 12, 12, 30)
    listed = [e for e in result.entries if e.file == "content/formations/_index.md"]
    assert [(e.line, e.outcome) for e in listed] == [
        (7, "imported-event"),
        (8, "imported-event"),
        (9, "imported-event"),
    ]


def test_without_extract_the_list_page_says_it_holds_a_calendar() -> None:
    result = import_site(CALENDAR, events=["formations"])
    (listed,) = [e for e in result.entries if e.file == "content/formations/_index.md"]
    assert listed.outcome == "skipped"
    assert [n.message for n in listed.notes] == [
        "a calendar of 3 dated events: --extract imports them"
    ]


def test_the_export_leaves_calendar_events_in_their_page(tmp_path: Path) -> None:
    catalogue = import_site(CALENDAR, events=["formations"], extract=True).catalogue
    written = export_site(catalogue, tmp_path).written
    pages = sorted(p.relative_to(tmp_path).as_posix() for p in written if p.suffix == ".md")
    assert pages == ["content/formations/2024-04-02-formation-r.md"]


def test_lines_that_are_not_dated_events_are_left_alone() -> None:
    body = "* 31 février 2024 : impossible\n* Au printemps : plus tard\n* 2024-05-06 - Démo\ntexte"
    assert [(d.data["slug"], d.line) for d in read_calendar(body, 10)] == [("2024-05-06-demo", 12)]
