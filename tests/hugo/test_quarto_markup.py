"""Quarto pages with cells, fenced divs and heading attributes (issue 30): every page imports,
the report names what was left out, and the catalogue builds under ``-n -W``.

The fixture ``sites/quarto`` is a Quarto project: a meeting tagged ``categories: [event]``
with ``{ojs}``, ``{=html}`` and ``{python}`` cells, nested fenced divs and ``{#id}`` headings
linked from its text; an agenda written as headings with attributes; a post with no sign of an
event; a proposal in a fenced div.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ideation.errors import DataError
from ideation.hugo import HugoImport, PageEntry, export_site, import_site
from ideation.hugo._quarto import quarto_body

from .building import build_catalogue, page_html

SITE = Path(__file__).parent / "sites" / "quarto"


@pytest.fixture(scope="module")
def imported() -> HugoImport:
    return import_site(SITE, events="evenements", extract=True)


def entry(result: HugoImport, file: str) -> PageEntry:
    (found,) = [e for e in result.entries if e.file == file]
    return found


def said(found: PageEntry) -> str:
    return "\n".join(f"{note.line}: {note.message}" for note in found.notes)


def test_every_page_imports_and_the_tagged_meeting_is_an_event(imported: HugoImport) -> None:
    assert imported.counts["failed"] == 0
    assert sorted(e.slug for e in imported.catalogue.events) == [
        "2024-03-12-rencontre",
        "2024-04-02-atelier",
    ]
    meeting = entry(imported, "evenements/2024-03-12-rencontre.qmd")
    assert meeting.reason.startswith("an event: categories: event")
    assert entry(imported, "evenements/2024-05-01-billet.qmd").outcome == "skipped"


def test_cells_are_left_out_and_named_with_their_lines(imported: HugoImport) -> None:
    notes = said(entry(imported, "evenements/2024-03-12-rencontre.qmd"))
    assert "11: a Quarto {ojs} cell (3 lines) left out" in notes
    assert "23: a Quarto {=html} cell (3 lines) left out" in notes
    assert "27: a Quarto {python} cell (4 lines) left out" in notes
    assert "15: Quarto fenced divs (::: {...}) reduced to their content" in notes
    event = imported.catalogue.event("2024-03-12-rencontre")
    assert event is not None
    assert event.description is not None
    for quarto in ("{ojs}", "{=html}", "{python}", ":::", "{#", "iframe", "{.python}"):
        assert quarto not in event.description
    assert "```python\n" in event.description
    assert "(2024-03-12-rencontre-replay)=\n## Replay" in event.description
    assert "[le replay](#2024-03-12-rencontre-replay)" in event.description


def test_heading_attributes_are_not_read_into_sessions(imported: HugoImport) -> None:
    event = imported.catalogue.event("2024-04-02-atelier")
    assert event is not None
    assert [s.title for s in event.sessions] == ["Accueil", "Atelier"]


def test_the_imported_catalogue_builds_with_no_warning(
    imported: HugoImport, tmp_path: Path
) -> None:
    warnings, html = build_catalogue(imported.catalogue, tmp_path)
    assert warnings == ""
    page = page_html(tmp_path, "2024-03-12-rencontre.html")
    assert 'id="2024-03-12-rencontre-replay"' in page
    assert 'href="#2024-03-12-rencontre-replay"' in page
    for raw in (":::", "{ojs}", "{#replay", "{.column-page}", "viewof", "&lt;iframe"):
        assert raw not in html


def test_the_export_gives_the_pages_back(imported: HugoImport, tmp_path: Path) -> None:
    report = export_site(imported.catalogue, tmp_path, source=SITE)
    assert {page.how for page in report.pages} == {"unchanged"}
    for page in ("2024-03-12-rencontre.qmd", "2024-04-02-atelier.qmd"):
        written = tmp_path / "content" / "evenements" / page
        original = SITE / "evenements" / page
        assert written.read_text(encoding="utf-8") == original.read_text(encoding="utf-8")


def test_a_folder_of_qmd_pages_without_quarto_settings(tmp_path: Path) -> None:
    (tmp_path / "evenements").mkdir()
    (tmp_path / "evenements" / "a.qmd").write_text("---\ntitle: A\n---\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"no _quarto\.yml and no content/ folder, but Quarto"):
        import_site(tmp_path)


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        ("```{r}\nplot(x)\n```\n\nTexte.", "\nTexte."),
        ("::: {#fig .grid}\nA\n:::", "A"),
        (":::: columns\n::: column\nA\n:::\n::::", "A"),
        ("## Titre {.unnumbered}\n\nTexte.", "## Titre\n\nTexte."),
        ("```python\nx = 1\n```", "```python\nx = 1\n```"),
    ],
)
def test_quarto_markup_made_plain(body: str, kept: str) -> None:
    assert quarto_body(body, "p")[0] == kept
