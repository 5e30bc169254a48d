"""The organisers' team lists hold names and contacts; nothing published holds a contact.

A copy of the example with contacts in every candidate file and teams recorded: ``ideation
export teams`` lists them, and no other export (CSV, JSON-LD, iCalendar, schedule, SQLite) nor
any byte of a Sphinx build of the same catalogue (pages, doctrees, the pickled environment)
holds an e-mail address or a phone number.
"""

from __future__ import annotations

import csv
import io
import shutil
import sqlite3
from pathlib import Path

import attrs
import pytest

import ideation
from ideation.cli import main
from ideation.export.organisers import team_rows, teams_csv

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "programme-10"
DOMAIN = b"@contact.example"
PHONE = "+33 6 12 34 56 78"
TEAMS = {"liria": ["ada-exemple", "candidate-1"], "annotation": ["candidate-3", "candidate-2"]}


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    folder = tmp_path / "catalogue"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("intake"))
    for path in (folder / "candidates").iterdir():
        with path.open("a", encoding="utf-8") as file:
            file.write(f"contact:\n  email: {path.stem}@contact.example\n  phone: '{PHONE}'\n")
            file.write("  chat: '@" + path.stem + "-chat'\n")
    for slug, members in TEAMS.items():
        page = folder / "proposals" / f"{slug}.md"
        text = page.read_text(encoding="utf-8")
        team = "team:\n" + "".join(f"- {member}\n" for member in members)
        page.write_text(text.replace(f"slug: {slug}\n", f"slug: {slug}\n{team}", 1), "utf-8")
    return folder


def _load(folder: Path) -> ideation.Catalogue:
    loaded = ideation.load(folder)
    assert isinstance(loaded, ideation.Catalogue)
    return loaded


def test_the_list_holds_each_member_with_name_ministry_rank_and_contact(
    catalogue: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "equipes.csv"
    assert main(["export", "teams", str(catalogue), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "holds personal data, the names and contacts of 4 people in 2 teams" in err
    assert "do not publish it" in err
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    by_member = {(row["Proposal"], row["Member"]): row for row in rows}
    # Proposals in catalogue order, members in their team's order.
    order = [proposal.slug for proposal in _load(catalogue).proposals if proposal.team]
    assert [(row["Proposal"], row["Member"]) for row in rows] == [
        (proposal, member) for proposal in order for member in TEAMS[proposal]
    ]
    basile = by_member[("liria", "candidate-1")]
    # Named though they did not consent to be named on the site: the list is the organisers'.
    assert basile["Name"] == "Basile Fictif"
    assert basile["Organisation"] == "Direction interministérielle du numérique"
    assert basile["Ministry"] == basile["Organisation"]  # the DINUM has no parent
    assert basile["E-mail"] == "candidate-1@contact.example"
    # A cell that starts with + is a formula to a spreadsheet: written with an apostrophe.
    assert basile["Phone"] == "'" + PHONE
    assert basile["Other contact"] == "chat: @candidate-1-chat"
    assert basile["Wish rank"] == ""  # liria is not among Basile's wishes
    ada = by_member[("liria", "ada-exemple")]
    assert ada["Wish rank"] == "3"
    assert ada["Season"] == "2022"


def test_the_ministry_is_the_top_of_the_parents(catalogue: Path) -> None:
    loaded = _load(catalogue)
    gendarme = next(c for c in loaded.candidates if c.organisation == "gendarmerie-nationale")
    proposal = ideation.Proposal(slug="p", title="P", team=(gendarme.slug,))
    loaded = attrs.evolve(loaded, proposals=(*loaded.proposals, proposal))
    (row,) = [row for row in team_rows(loaded) if row["proposal"] == "p"]
    assert row["organisation"] == "Gendarmerie nationale"
    assert row["ministry"] == loaded.organisation("interieur").name


def test_an_xlsx_list_holds_the_same_rows_as_text(catalogue: Path, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "equipes.xlsx"
    assert main(["export", "teams", str(catalogue), "-o", str(out), "--season", "2022"]) == 0
    workbook = openpyxl.load_workbook(out, read_only=True)
    rows = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    workbook.close()
    assert rows[0][:5] == ["Season", "Proposal", "Title", "Member", "Name"]
    assert len(rows) == 5
    assert {row[8] for row in rows[1:]} == {
        f"{member}@contact.example" for members in TEAMS.values() for member in members
    }


def test_a_formula_in_a_name_is_written_as_text(catalogue: Path) -> None:
    loaded = _load(catalogue)
    evil = attrs.evolve(loaded.candidate("candidate-1"), name='=HYPERLINK("http://x")')
    loaded = attrs.evolve(
        loaded,
        candidates=tuple(evil if c.slug == evil.slug else c for c in loaded.candidates),
    )
    text = teams_csv(list(team_rows(loaded)))
    assert "'=HYPERLINK" in text


def test_the_list_is_refused_in_a_published_folder(
    catalogue: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "html"
    site.mkdir()
    (site / ".buildinfo").write_text("")
    assert main(["export", "teams", str(catalogue), "-o", str(site / "equipes.csv")]) == 2
    assert "output of a Sphinx build" in capsys.readouterr().err
    assert not (site / "equipes.csv").exists()


def test_without_recorded_teams_the_list_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "equipes.csv"
    assert main(["export", "teams", str(EXAMPLE), "-o", str(out)]) == 0
    assert "no team is recorded yet" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8").startswith("Season,Proposal,Title,Member,Name")


def test_an_unknown_season_is_refused(
    catalogue: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "equipes.csv"
    assert main(["export", "teams", str(catalogue), "-o", str(out), "--season", "1999"]) == 2
    assert "no such season (declared: 2022)" in capsys.readouterr().err


def _holding(folder: Path, needle: bytes) -> list[str]:
    return sorted(
        str(path.relative_to(folder))
        for path in folder.rglob("*")
        if path.is_file() and needle in path.read_bytes()
    )


def test_no_other_export_holds_a_contact(
    catalogue: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "exports"
    out.mkdir()
    assert main(["export", "csv", str(catalogue), "-o", str(out / "csv")]) == 0
    assert main(["export", "sqlite", str(catalogue), "-o", str(out / "db" / "p.db")]) == 0
    assert main(["export", "jsonld", str(catalogue), "-o", str(out / "p.jsonld")]) == 0
    assert main(["export", "schedule", str(catalogue), "-o", str(out / "s.json")]) == 0
    assert main(["export", "hugo", str(catalogue), "-o", str(out / "hugo")]) == 0
    pytest.importorskip("icalendar")
    assert main(["export", "ical", str(catalogue), "-o", str(out / "p.ics")]) == 0
    capsys.readouterr()
    assert (out / "db" / "p.db").stat().st_size > 0
    assert _holding(out, DOMAIN) == []
    assert _holding(out, PHONE.encode()) == []
    assert _holding(out, b"-chat") == []
    # The consenting candidate is in the database by name, without a way to reach them.
    with sqlite3.connect(out / "db" / "p.db") as db:
        names = {row[0] for row in db.execute("SELECT name FROM candidates")}
    assert "Ada Exemple" in names


def test_no_page_or_build_file_holds_a_contact(catalogue: Path, tmp_path: Path) -> None:
    from sphinx.cmd.build import build_main

    project = tmp_path / "site"
    project.mkdir()
    (project / "conf.py").write_text(
        'extensions = ["ideation.sphinx"]\n'
        f"ideation_catalogue = {str(catalogue)!r}\n"
        "ideation_generate_pages = True\n",
        encoding="utf-8",
    )
    (project / "index.rst").write_text(
        "Site\n====\n\n.. ideation:teams::\n   :season: 2022\n\n.. ideation:proposals::\n",
        encoding="utf-8",
    )
    build = tmp_path / "build"
    # An HTML build publishes ideation.json, calendars and a feed too: all searched below.
    assert build_main(["-q", "-b", "html", str(project), str(build)]) == 0
    pages = list(build.rglob("*.html"))
    assert len(pages) > 5
    assert _holding(build, DOMAIN) == []
    assert _holding(build, PHONE.encode()) == []
    assert _holding(build, b"-chat") == []
    assert _holding(project, DOMAIN) == []  # the generated stubs
