"""Wowchemy events with UTC dates and agendas in the prose (issue 30): extraction never costs a
page. The fixture ``sites/wowchemy`` has a timed event written in UTC (``date:
'2022-12-05T14:00:00Z'``, ``all_day: false``) whose agenda is in the page's offset, and one whose
agenda runs before and after the event's hours."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from ideation.hugo import HugoImport, PageEntry, export_site, import_site
from ideation.hugo._extract.event import AGENDA_LINE
from ideation.hugo._extract.text import plain_inline

from .building import build_catalogue

SITE = Path(__file__).parent / "sites" / "wowchemy"


@pytest.fixture(scope="module")
def extracted() -> HugoImport:
    return import_site(SITE, events="event", proposals="project", extract=True)


def entry(result: HugoImport, file: str) -> PageEntry:
    (found,) = [e for e in result.entries if e.file == f"content/{file}"]
    return found


def said(found: PageEntry) -> str:
    return "\n".join(f"{note.line}: {note.message}" for note in found.notes)


def test_every_page_imports_with_and_without_extract(extracted: HugoImport) -> None:
    plain = import_site(SITE, events="event", proposals="project")
    for result in (plain, extracted):
        assert result.counts["failed"] == 0
        assert result.counts["events"] == 2


def test_an_agenda_in_the_pages_offset_is_read_as_the_page_means_it(
    extracted: HugoImport,
) -> None:
    event = extracted.catalogue.event("atelier-donnees")
    assert event is not None
    # 14:00Z is 15:00 in Paris: the agenda's 14h00 is the event's first minute.
    assert event.starts_at == dt.datetime(2022, 12, 5, 15, 0, tzinfo=event.zone)
    assert [(s.start.isoformat("minutes"), s.title) for s in event.sessions] == [
        ("15:00", "Accueil et présentation"),
        ("16:00", "Ateliers en groupes"),
        ("17:30", "Pot final"),
    ]
    notes = said(entry(extracted, "event/atelier-donnees/index.md"))
    assert "11: the agenda's times read in the page's offset (+0000" in notes
    assert "Europe/Paris" in notes
    # The report gives the values kept, not the ones first read.
    found = entry(extracted, "event/atelier-donnees/index.md").extracted
    assert found[0].value["start"] == "15:00"


def test_sessions_outside_the_event_are_left_out_with_their_line(extracted: HugoImport) -> None:
    event = extracted.catalogue.event("journee")
    assert event is not None
    assert [s.title for s in event.sessions] == ["Accueil", "Ateliers"]
    assert event.sessions[1].end is None
    notes = said(entry(extracted, "event/journee/index.md"))
    assert "11: sessions: '08:00 Café' read from the prose, left out: expected a time" in notes
    assert "13: sessions: the end of 'Ateliers', 13:00, read from the prose, left out" in notes
    assert "14: sessions: '13:00 Déjeuner' read from the prose, left out" in notes
    listed = [e.value for e in entry(extracted, "event/journee/index.md").extracted]
    assert all(
        not isinstance(v, dict) or v.get("title") not in ("Café", "Déjeuner") for v in listed
    )


@pytest.mark.parametrize(
    ("line", "start", "title"),
    [
        ("- 9h30 : Accueil", "9", "Accueil"),
        ("## 14h00-15h00 : Ateliers", "14", "Ateliers"),
        ("## 9:30 – Welcome", "9", "Welcome"),
        ("- 9:00 Welcome", "9", "Welcome"),
        ("- 9:30 am Coffee", "9", "Coffee"),
        ("16h00: Pot final", "16", "Pot final"),
        ("* **10h00** : Pitchs", "10", "Pitchs"),
    ],
)
def test_agenda_lines_in_french_and_english(line: str, start: str, title: str) -> None:
    match = AGENDA_LINE.match(line)
    assert match is not None
    assert (match["sh"], match["title"]) == (start, title)


@pytest.mark.parametrize("line", ["- 3h de pause", "Le 3 mai: rien", "2022: une année"])
def test_lines_that_are_no_agenda(line: str) -> None:
    assert AGENDA_LINE.match(line) is None


def test_markdown_in_the_summary_and_the_agenda_is_read_as_text(extracted: HugoImport) -> None:
    event = extracted.catalogue.event("atelier-donnees")
    assert event is not None
    assert event.summary == (
        "Un atelier pour ouvrir les données, avec le guide (https://guides.etalab.gouv.fr/)."
    )
    assert "summary: its Markdown (links, emphasis) read as plain text" in said(
        entry(extracted, "event/atelier-donnees/index.md")
    )
    assert event.sessions[1].title == "Ateliers en groupes"


def test_the_site_builds_with_no_raw_markdown(extracted: HugoImport, tmp_path: Path) -> None:
    warnings, html = build_catalogue(extracted.catalogue, tmp_path)
    assert warnings == ""
    for raw in ("__ouvrir__", "](https://", "{{<", "{{%", "__Ateliers__"):
        assert raw not in html
    assert "Ateliers en groupes" in html


def test_the_export_gives_the_pages_back(extracted: HugoImport, tmp_path: Path) -> None:
    site = Path(shutil.copytree(SITE, tmp_path / "site"))
    report = export_site(extracted.catalogue, site, events="event", proposals="project")
    assert {page.how for page in report.pages} == {"unchanged"}


@pytest.mark.parametrize(
    ("written", "plain"),
    [
        ("Voir [le guide](https://x.org/) et __ouvrir__ les **données**", None),
        ("snake_case_name et 2*3*4", "snake_case_name et 2*3*4"),
        ("*Pitchs* des _projets_", "Pitchs des projets"),
        ("{ideation:proposal}`X <x>` et `code`", "{ideation:proposal}`X <x>` et code"),
        ("![une image](a.png) Accueil", "Accueil"),
    ],
)
def test_inline_markdown_made_plain(written: str, plain: str | None) -> None:
    expected = plain or "Voir le guide et ouvrir les données"
    assert plain_inline(written) == expected
    if plain is None:
        assert plain_inline(written, urls=True).startswith("Voir le guide (https://x.org/) et")
