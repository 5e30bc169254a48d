"""Quarto projects (``.qmd`` pages, ``_quarto.yml``) through ``import hugo``; agendas written
as headings; video timestamps are not sessions (issue 10, "Other Hugo themes and Quarto")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ideation.hugo import HugoImport, PageEntry, import_site

QUARTO = Path(__file__).parents[1] / "data" / "hugo-quarto"


def entry(result: HugoImport, file: str) -> PageEntry:
    (found,) = [e for e in result.entries if e.file == file]
    return found


def quarto() -> HugoImport:
    return import_site(QUARTO, events=["evenements"], extract=True)


def test_a_quarto_project_imports_like_a_hugo_site() -> None:
    result = quarto()
    assert result.catalogue.programme.name == "Rencontres data"
    assert result.catalogue.programme.website == "https://rencontres.example.org"
    assert sorted(e.slug for e in result.catalogue.events) == [
        "2023-05-16-atelier",
        "2023-06-20-webinaire",
    ]
    assert [p.slug for p in result.catalogue.proposals] == ["alpha"]
    assert result.counts["failed"] == 0
    assert result.counts["skipped"] == 8


def test_what_quarto_does_not_render_is_skipped_with_a_reason() -> None:
    result = quarto()
    for file in ("_site/evenements/index.html", "_freeze/x.json", "evenements/_brouillon.qmd"):
        assert "which Quarto does not render" in entry(result, file).reason
    assert "list page of evenements" in entry(result, "evenements/index.qmd").reason
    assert "Jupyter notebook" in entry(result, "projets/analyse.ipynb").reason
    assert (
        "resource of the page bundle"
        in entry(result, "evenements/2023-05-16-atelier/salle.jpg").reason
    )
    assert "settings" in entry(result, "_quarto.yml").reason


def test_an_agenda_written_as_headings() -> None:
    event = quarto().catalogue.event("2023-05-16-atelier")
    assert [(s.start, s.end, s.title) for s in event.sessions] == [
        (dt.time(9, 30), dt.time(10), "Accueil"),
        (dt.time(10), dt.time(11, 30), "Pitchs des projets"),
        (dt.time(11, 30), None, "Restitution"),
    ]


def test_video_timestamps_are_not_sessions() -> None:
    result = quarto()
    assert result.catalogue.event("2023-06-20-webinaire").sessions == ()
    found = entry(result, "evenements/2023-06-20-webinaire.qmd")
    assert any("timestamps of a video, not sessions" in n.message for n in found.notes)
    assert "agenda" not in found.reason
    assert "[La démo](https://www.youtube.com/embed/abc123)" in (
        result.catalogue.event("2023-06-20-webinaire").description or ""
    )


def test_a_qmd_page_in_a_hugo_site_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "content" / "actualites").mkdir(parents=True)
    (tmp_path / "content" / "actualites" / "a.qmd").write_text(
        "---\ntitle: Atelier\ndate: 2023-01-01\n---\n", encoding="utf-8"
    )
    result = import_site(tmp_path)
    assert (
        "Quarto page, which Hugo does not render"
        in entry(result, "content/actualites/a.qmd").reason
    )
