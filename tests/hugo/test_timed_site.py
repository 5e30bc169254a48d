"""A site whose every page is dated at 13:00 (issue 30): the time of day tells nothing there,
the real signs decide, and the season's page becomes a season of the programme."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ideation.hugo import HugoImport, PageEntry, export_site, import_site
from ideation.hugo._seasons import season_of

from .building import build_catalogue

SITE = Path(__file__).parent / "sites" / "timed"


@pytest.fixture(scope="module")
def imported() -> HugoImport:
    return import_site(SITE)


def entry(result: HugoImport, name: str) -> PageEntry:
    (found,) = [e for e in result.entries if e.file == f"content/actualites/{name}.md"]
    return found


def test_real_signs_decide_when_every_page_has_a_time(imported: HugoImport) -> None:
    assert sorted(e.slug for e in imported.catalogue.events) == [
        "2023-03-14-atelier",
        "2023-04-01-retour",
    ]
    assert entry(imported, "2023-04-01-retour").reason.startswith("an event: categories: event")
    spotlight = entry(imported, "2023-05-01-projecteur")
    assert spotlight.outcome == "skipped"
    assert "a time of day in its date, as every page has: no sign" in spotlight.reason
    assert entry(imported, "2023-02-01-lettre").outcome == "skipped"


def test_a_time_of_day_still_tells_where_some_pages_have_none(tmp_path: Path) -> None:
    site = Path(shutil.copytree(SITE, tmp_path / "site"))
    page = site / "content" / "actualites" / "2023-02-01-lettre.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("T13:00:00+01:00", ""), encoding="utf-8"
    )
    result = import_site(site)
    assert entry(result, "2023-05-01-projecteur").outcome == "imported-event"


def test_the_season_page_becomes_a_season(imported: HugoImport) -> None:
    (season,) = imported.catalogue.programme.seasons
    assert season.slug == "2023"
    assert season.name == "Programme de la saison 2023"
    assert season.summary == "La saison 2023 commence en mars."
    found = entry(imported, "2023-01-10-saison")
    assert found.outcome == "imported-season"
    assert found.slug == "2023"
    assert imported.counts["seasons"] == 1
    assert "1 seasons, 2 skipped, 0 failed" in imported.summary()


def test_export_and_import_again_keep_one_season(imported: HugoImport, tmp_path: Path) -> None:
    site = Path(shutil.copytree(SITE, tmp_path / "site"))
    export_site(imported.catalogue, site)
    again = import_site(site)
    assert [s.slug for s in again.catalogue.programme.seasons] == ["2023"]
    assert entry(again, "2023-01-10-saison").outcome == "imported-season"
    assert again.catalogue.events == imported.catalogue.events


def test_the_site_builds_with_no_warning(imported: HugoImport, tmp_path: Path) -> None:
    warnings, html = build_catalogue(imported.catalogue, tmp_path)
    assert warnings == ""
    assert "Atelier d’idéation" in html or "Atelier d'idéation" in html


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Programme de la saison 2023", "2023"),
        ("Saison 2023-24 : c'est parti", "2023-2024"),
        ("Season 2024 is open", "2024"),
        ("La promotion 2022", "2022"),
        ("Atelier du 12 mars 2023", None),
    ],
)
def test_season_titles(title: str, slug: str | None) -> None:
    assert season_of({"title": title}) == slug
