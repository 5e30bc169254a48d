"""A site whose keys share names with the model's fields (issue 30): its vocabulary stays its own.

The fixture ``sites/collide`` is shaped like the 662-page incubator site: ``sponsors:`` as site
paths, ``events:`` as a list of ``{name, date}``, a status in the site's own words, years and
months as dates, and references the catalogue cannot resolve.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from ideation import load
from ideation.cli import main
from ideation.hugo import HugoImport, PageEntry, export_site, import_site

from .building import build_catalogue

SITE = Path(__file__).parent / "sites" / "collide"


def entry(result: HugoImport, file: str) -> PageEntry:
    (found,) = [e for e in result.entries if e.file == f"content/{file}"]
    return found


def said(found: PageEntry) -> str:
    return "\n".join(f"{note.line}: {note.message}" for note in found.notes)


def test_every_page_imports_and_each_key_kept_is_named() -> None:
    result = import_site(SITE)
    assert result.counts["failed"] == 0
    assert result.counts["proposals"] == 3
    alpha = entry(result, "projets/alpha.md")
    notes = said(alpha)
    assert "4: sponsors: does not fit the proposal's sponsors ($.sponsors[0])" in notes
    assert "kept as the site's own, as hugo_sponsors" in notes
    assert "7: events: does not fit the proposal's events ($.events[0])" in notes
    proposal = result.catalogue.proposal("alpha")
    assert proposal is not None
    assert proposal.sponsors == ()
    assert proposal.extra["hugo_sponsors"] == ["/sponsors/acme/", "/sponsors/beta/"]
    assert proposal.extra["hugo_events"] == [
        {"name": "Demo day", "date": dt.date(2022, 5, 1)},
        {"name": "Comité", "date": dt.date(2022, 9, 12)},
    ]
    # Slugs the catalogue does not know (no such organisation) are the site's too.
    assert "expected the slug of a known organisation" in said(entry(result, "projets/beta.md"))
    assert "hugo_status" in said(entry(result, "projets/gamma.md"))


def test_an_empty_map_entry_keeps_a_field_name_as_the_sites_own() -> None:
    result = import_site(SITE, key_map={"sponsors": ""})
    notes = said(entry(result, "projets/beta.md"))
    assert "4: sponsors kept as the site's own, as hugo_sponsors" in notes
    assert "does not fit" not in notes.split("\n")[1]


def test_a_map_to_a_new_name_moves_a_key_aside() -> None:
    result = import_site(SITE, key_map={"events": "site_events"})
    proposal = result.catalogue.proposal("alpha")
    assert proposal is not None
    assert len(proposal.extra["site_events"]) == 2  # type: ignore[arg-type]
    assert "events kept as the site's own, moved aside as site_events" in said(
        entry(result, "projets/alpha.md")
    )


@pytest.mark.parametrize("year", ["2022", '"2022"', "2022-05"])
def test_proposal_dates_of_a_year_or_a_month_keep_their_precision(
    year: str, tmp_path: Path
) -> None:
    folder = tmp_path / "content" / "projets"
    folder.mkdir(parents=True)
    (folder / "p.md").write_text(f"---\ntitle: P\ndate: {year}\n---\n", encoding="utf-8")
    result = import_site(tmp_path)
    proposal = result.catalogue.proposal("p")
    assert proposal is not None
    assert proposal.date is not None
    assert proposal.date.month == (5 if "-" in year else 1)
    assert proposal.extra["date_precision"] == ("month" if "-" in year else "year")


def test_the_export_gives_every_page_back_byte_for_byte(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    result = import_site(site)
    export_site(result.catalogue, site)
    for page in sorted((SITE / "content").rglob("*.md")):
        again = site / page.relative_to(SITE)
        assert again.read_text(encoding="utf-8") == page.read_text(encoding="utf-8"), page


def test_the_command_keeps_and_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    code = main(["import", "hugo", str(SITE), "-o", str(out), "--map", "sponsors="])
    report = capsys.readouterr().out
    assert code == 0, report
    assert "sponsors kept as the site's own, as hugo_sponsors" in report
    assert "1 events, 3 proposals, 0 skipped, 0 failed" in report
    proposal = load(out).proposal("alpha")  # type: ignore[union-attr]
    assert proposal.extra["hugo_sponsors"] == ["/sponsors/acme/", "/sponsors/beta/"]


def test_the_imported_site_builds_with_no_warning(tmp_path: Path) -> None:
    result = import_site(SITE)
    warnings, html = build_catalogue(result.catalogue, tmp_path)
    assert warnings == ""
    assert "Alpha aide les startups." in html
