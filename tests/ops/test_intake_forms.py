"""Form exports as they really come: Google Forms' CSV (checkboxes joined with ", ", a ranking
grid of one column per rank, a timestamp), an Excel CSV in French (Windows-1252, semicolons)
and an XLSX, into a copy of the example catalogue."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import ideation
from ideation.cli import main
from ideation.errors import UsageError
from ideation.ops.intake import Table, declare_season, import_rows, parse_timestamp

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "programme-10"

INSEE = (
    "Faciliter l'association de sources de données géographiques issues de divers producteurs "
    "(INSEE, IGN, collectivités locales…)"
)
LIRIA = "OCR et extraction d'informations à partir de documents administratifs"
ANNOTATION = "Pseudonymisation de documents textuels"
RANKS = [f"Vos vœux [{rank}]" for rank in ("1er choix", "2e choix", "3e choix")]
HEADER = [
    "Horodateur",
    "Adresse e-mail",
    "Nom et prénom",
    "Administration",
    "Compétences",
    *RANKS,
    "J'accepte que mon nom soit publié",
]
# As Google Forms writes them: checkboxes joined with ", ", one column per rank, a blank row
# where an answer was deleted, and Basile's corrected answer submitted again the next day.
GOOGLE_ROWS = [
    ["16/05/2022 10:32:45", "ada@example.org", "Ada Exemple", "INSEE",
     "Data scientist, Développeur, Data engineer", INSEE, LIRIA, ANNOTATION, "Oui"],
    ["16/05/2022 11:02:10", "basile@example.org", "Basile Fictif", "DNUM (Intérieur)",
     "Développeur", LIRIA, "", "", "Non"],
    [""] * len(HEADER),
    ["17/05/2022 09:15:00", "capucine@example.org", "Capucine Imaginaire", "Cour de cassation",
     "Data scientist, Juriste", ANNOTATION, INSEE, "", "Non"],
    ["17/05/2022 18:40:00", "basile@example.org", "Basile Fictif", "DNUM (Intérieur)",
     "Développeur, Data engineer", ANNOTATION, LIRIA, INSEE, "Non"],
]  # fmt: skip


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    """A copy of the example without its candidates, "DNUM (Intérieur)" an alias of DNUM."""
    out = tmp_path / "catalogue"
    out.mkdir()
    text = (EXAMPLE / "programme.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "  acronym: DNUM\n", "  acronym: DNUM\n  aliases:\n  - DNUM (Intérieur)\n", 1
    )
    (out / "programme.yaml").write_text(text, encoding="utf-8")
    shutil.copytree(EXAMPLE / "proposals", out / "proposals")
    shutil.copytree(EXAMPLE / "events", out / "events")
    return out


def _google_csv(path: Path, rows: list[list[str]] = GOOGLE_ROWS) -> Path:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


MAP = [
    "--map", "name=Nom et prénom", "--map", "organisation=Administration",
    "--map", "skills=Compétences", "--map", "consent=J'accepte que mon nom soit publié",
    "--map", "contact.email=Adresse e-mail",
]  # fmt: skip


def _import(
    source: Path, out: Path, capsys: pytest.CaptureFixture[str], *extra: str
) -> dict[str, Any]:
    code = main(["import", "csv", str(source), "-o", str(out), "--type", "candidate", *MAP,
                 "--format", "json", *extra])  # fmt: skip
    captured = capsys.readouterr()
    report: dict[str, Any] = json.loads(captured.out) if captured.out else {}
    report["code"] = code
    report["err"] = captured.err
    return report


def _candidates(out: Path) -> dict[str, ideation.Candidate]:
    loaded = ideation.load(out)
    assert isinstance(loaded, ideation.Catalogue)
    return {candidate.name: candidate for candidate in loaded.candidates}


def test_a_google_forms_export_imports_every_profile_and_every_wish_in_order(
    catalogue: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _google_csv(tmp_path / "reponses.csv")
    ranks = ["--map", f"wishes={RANKS[0]}", "--map", f"wishes={RANKS[1]}",
             "--map", f"wishes={RANKS[2]}"]  # fmt: skip
    report = _import(source, catalogue, capsys, "--list-separator", ", ", "--keep", "latest",
                     *ranks)  # fmt: skip
    assert report["code"] == 0, report
    rows = {row["row"]: row for row in report["rows"]}
    # The spreadsheet's numbers: the header is row 1 and the blank row 4 counts.
    assert sorted(rows) == [2, 3, 5, 6]
    assert [rows[n]["outcome"] for n in (2, 3, 5, 6)] == [
        "imported",
        "skipped",
        "imported",
        "imported",
    ]
    assert "row 6, submitted 2022-05-17 18:40:00, is kept" in rows[3]["reason"]
    assert any("blank row 4 skipped" in warning for warning in report["warnings"])
    people = _candidates(catalogue)
    ada = people["Ada Exemple"]
    assert ada.skills == ("Data scientist", "Développeur", "Data engineer")
    # A title that holds the separator (", IGN, ") is one wish, not three.
    assert ada.wishes == ("insee", "liria", "annotation")
    assert ada.organisation == "insee"
    assert ada.contact == ideation.Contact(email="ada@example.org")
    basile = next(c for c in people.values() if c.contact and c.contact.email == "basile@"
                  "example.org")  # fmt: skip
    # The corrected answer, by its timestamp; the organisation by its alias.
    assert basile.wishes == ("annotation", "liria", "insee")
    assert basile.skills == ("Développeur", "Data engineer")
    assert basile.organisation == "dnum-interieur"
    assert basile.slug.startswith("candidate-")  # no consent, no name in the file name
    capucine = next(c for c in people.values() if c.organisation == "cour-de-cassation")
    assert capucine.wishes == ("annotation", "insee")


def test_a_pattern_takes_the_ranking_columns_in_header_order(
    catalogue: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _google_csv(tmp_path / "reponses.csv")
    report = _import(source, catalogue, capsys, "--list-separator", ", ",
                     "--map", "wishes=Vos vœux [*]")  # fmt: skip
    assert report["code"] == 0, report
    assert _candidates(catalogue)["Ada Exemple"].wishes == ("insee", "liria", "annotation")
    # --keep first (the default): Basile's first answer stays, the second is said to be skipped.
    rows = {row["row"]: row for row in report["rows"]}
    assert rows[6]["outcome"] == "skipped"
    assert "the first one, row 3" in rows[6]["reason"]


def test_commas_without_a_list_separator_are_warned_about(
    catalogue: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _google_csv(tmp_path / "reponses.csv")
    report = _import(source, catalogue, capsys, "--dry-run")
    (warning,) = [w for w in report["warnings"] if "commas" in w]
    assert warning.startswith("column 'Compétences', rows 2, 5: list cells hold commas")
    assert "--list-separator ', '" in warning
    assert not (catalogue / "candidates").exists()


def test_text_report_says_the_warnings(
    catalogue: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _google_csv(tmp_path / "reponses.csv")
    code = main(["import", "csv", str(source), "-o", str(catalogue), "--type", "candidate",
                 *MAP, "--dry-run"])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    assert "rows numbered as in the spreadsheet, the header is row 1" in out
    assert "warning: blank row 4 skipped" in out
    assert "  row 5: imported" in out


def test_an_unknown_organisation_is_reported_with_the_closest_known_names(
    catalogue: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [list(GOOGLE_ROWS[0]), list(GOOGLE_ROWS[1])]
    rows[0][3] = "Insée"  # accents and case do not matter
    rows[1][3] = "DNUM Interieur Paris"
    report = _import(_google_csv(tmp_path / "reponses.csv", rows), catalogue, capsys)
    assert report["code"] == 1
    outcomes = {row["row"]: row for row in report["rows"]}
    assert outcomes[2]["outcome"] == "imported"
    reason = outcomes[3]["reason"]
    assert reason.startswith(
        "column 'Administration': unknown organisation 'DNUM Interieur Paris'; the closest known: "
        "'DNUM' (dnum-interieur)"
    )
    assert "aliases: in programme.yaml" in reason
    assert "slug" not in reason


def test_an_unknown_wish_is_reported_with_the_closest_titles(
    catalogue: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [list(GOOGLE_ROWS[0])]
    rows[0][6] = "OCR et extraction d'information"
    report = _import(_google_csv(tmp_path / "reponses.csv", rows), catalogue, capsys,
                     "--list-separator", ", ", "--map", "wishes=Vos vœux [*]")  # fmt: skip
    (row,) = report["rows"]
    assert row["outcome"] == "failed"
    assert (
        'unknown proposal "OCR et extraction d\'information"; the closest known: '
        in (row["reason"])
    )
    assert "(liria)" in row["reason"]


def test_an_undeclared_season_is_refused_or_declared(
    catalogue: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _google_csv(tmp_path / "reponses.csv")
    before = (catalogue / "programme.yaml").read_text(encoding="utf-8")
    refused = _import(source, catalogue, capsys, "--season", "2023")
    assert refused["code"] == 2
    assert "the programme declares no such season (declared: 2022)" in refused["err"]
    assert "--add-season" in refused["err"]
    assert not (catalogue / "candidates").exists()
    report = _import(source, catalogue, capsys, "--season", "2023", "--add-season",
                     "--list-separator", ", ")  # fmt: skip
    assert report["code"] == 0, report
    assert report["notes"] == [f"declared the season '2023' in {catalogue / 'programme.yaml'}"]
    after = (catalogue / "programme.yaml").read_text(encoding="utf-8")
    assert '- slug: "2023"\n  name: "2023"\norganisations:' in after
    # One season added at the end of the seasons, every other line (comments too) kept.
    assert after.startswith(before.split("organisations:")[0])
    assert "# The 2022 season runs through every phase" in after
    loaded = ideation.load(catalogue)
    assert isinstance(loaded, ideation.Catalogue)
    assert [season.slug for season in loaded.programme.seasons] == ["2022", "2023"]
    assert {candidate.season for candidate in loaded.candidates} == {"2023"}
    assert main(["validate", str(catalogue)]) == 0
    capsys.readouterr()


def test_an_excel_csv_in_french_imports_the_same(
    catalogue: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Excel in French: Windows-1252, semicolons, lists typed with semicolons by the people.
    lines = [";".join(HEADER)]
    for row in GOOGLE_ROWS[:2]:
        cells = list(row)
        cells[4] = cells[4].replace(", ", " ; ")
        lines.append(";".join(f'"{cell}"' if ";" in cell else cell for cell in cells))
    source = tmp_path / "reponses.csv"
    source.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252", errors="replace"))
    report = _import(source, catalogue, capsys, "--map", "wishes=Vos vœux [*]")
    assert report["read_as"] == "CSV, cp1252, delimiter ';'"
    assert report["code"] == 0, report
    ada = _candidates(catalogue)["Ada Exemple"]
    assert ada.skills == ("Data scientist", "Développeur", "Data engineer")
    assert ada.wishes[1:] == ("liria", "annotation")


def test_an_xlsx_export_with_a_ranking_grid_and_timestamps(
    catalogue: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in GOOGLE_ROWS:
        cells: list[object] = list(row)
        if row[0]:  # a real date-time cell, as a spreadsheet holds it
            cells[0] = dt.datetime.strptime(row[0], "%d/%m/%Y %H:%M:%S")
        sheet.append([cell if cell != "" else None for cell in cells])
    workbook.save(tmp_path / "reponses.xlsx")
    report = _import(tmp_path / "reponses.xlsx", catalogue, capsys, "--list-separator", ", ",
                     "--keep", "latest", "--map", "wishes=Vos vœux [*]")  # fmt: skip
    assert report["code"] == 0, report
    assert sorted(row["row"] for row in report["rows"]) == [2, 3, 5, 6]
    people = _candidates(catalogue)
    assert people["Ada Exemple"].wishes == ("insee", "liria", "annotation")
    basile = [c for c in people.values() if c.organisation == "dnum-interieur"]
    assert [c.wishes for c in basile] == [("annotation", "liria", "insee")]


def test_contacts_are_written_to_candidate_files_and_never_published(
    catalogue: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _google_csv(tmp_path / "reponses.csv")
    assert _import(source, catalogue, capsys, "--list-separator", ", ")["code"] == 0
    files = "".join(path.read_text() for path in (catalogue / "candidates").iterdir())
    assert "ada@example.org" in files
    loaded = ideation.load(catalogue)
    assert isinstance(loaded, ideation.Catalogue)
    public = ideation.privacy.public_catalogue(loaded)
    assert all(candidate.contact is None for candidate in public.candidates)
    assert public.candidate("ada-exemple").name == "Ada Exemple"  # named, not reachable


def test_a_bad_e_mail_fails_its_row_at_its_column(
    catalogue: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [list(GOOGLE_ROWS[0])]
    rows[0][1] = "Ada Exemple"
    (row,) = _import(_google_csv(tmp_path / "r.csv", rows), catalogue, capsys)["rows"]
    assert row["reason"] == "column 'Adresse e-mail': expected an e-mail address, got 'Ada Exemple'"


def test_a_wrong_timestamp_column_or_a_season_to_add_without_one_are_usage_errors(
    catalogue: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _google_csv(tmp_path / "reponses.csv")
    report = _import(source, catalogue, capsys, "--timestamp", "Quand")
    assert report["code"] == 2
    assert "--timestamp Quand: no such column; the columns are: 'Horodateur'" in report["err"]
    report = _import(source, catalogue, capsys, "--add-season")
    assert report["code"] == 2
    assert "--add-season: expected --season SLUG" in report["err"]


def test_several_columns_for_a_single_value_field_are_a_usage_error(
    catalogue: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _google_csv(tmp_path / "reponses.csv")
    report = _import(source, catalogue, capsys, "--map", "name=Adresse e-mail")
    assert report["code"] == 2
    assert "--map name: 2 columns" in report["err"]


@pytest.mark.parametrize(
    ("text", "stamp"),
    [
        ("16/05/2022 10:32:45", dt.datetime(2022, 5, 16, 10, 32, 45)),
        ("2022-05-16 10:32", dt.datetime(2022, 5, 16, 10, 32)),
        ("2022/05/16 10:32:45 PM GMT+2", dt.datetime(2022, 5, 16, 20, 32, 45)),
        ("2022/05/16 12:05:00 AM UTC", dt.datetime(2022, 5, 16, 0, 5)),
        ("16/05/2022", dt.datetime(2022, 5, 16)),
    ],
)
def test_timestamps_keep_their_time_of_day(text: str, stamp: dt.datetime) -> None:
    assert parse_timestamp(text) == stamp


@given(st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2999, 1, 1)))
def test_timestamps_read_back_as_written(stamp: dt.datetime) -> None:
    stamp = stamp.replace(microsecond=0)
    assert parse_timestamp(stamp.strftime("%d/%m/%Y %H:%M:%S")) == stamp
    assert parse_timestamp(stamp.isoformat(sep=" ")) == stamp


def test_a_season_is_declared_in_a_yaml_file_without_seasons_or_in_json() -> None:
    made = declare_season("# mine\nslug: p\nname: P\n", ".yaml", "2023")
    assert made.startswith("# mine\n")
    assert yaml.safe_load(made)["seasons"] == [{"slug": "2023", "name": "2023"}]
    data = json.loads(declare_season('{"slug": "p", "name": "P"}', ".json", "2023"))
    assert data["seasons"] == [{"slug": "2023", "name": "2023"}]
    with pytest.raises(UsageError, match="by hand"):
        declare_season("slug: p\nseasons: [{slug: '2022', name: x}]\n", ".yaml", "2023")
    with pytest.raises(UsageError, match="by hand"):
        declare_season('slug = "p"\n', ".toml", "2023")


_TITLES = {
    "insee": INSEE,
    "liria": LIRIA,
    "annotation": ANNOTATION,
    "siretisation": "SIRETisation",
    "juripiaf": "Analyse de corpus de textes juridiques à partir de la brique PIAF",
}
_EXAMPLE_CATALOGUE = ideation.load(EXAMPLE)


@given(
    wishes=st.permutations(sorted(_TITLES)).flatmap(
        lambda order: st.integers(1, len(order)).map(lambda n: order[:n])
    ),
    skills=st.lists(
        st.text(alphabet="abcdéèàç -'", min_size=1, max_size=12).map(str.strip).filter(bool),
        min_size=1,
        max_size=4,
        unique_by=str.casefold,
    ).filter(lambda items: all(", " not in item and "," not in item for item in items)),
    grid=st.booleans(),
)
def test_every_wish_and_skill_comes_back_in_order(
    wishes: list[str], skills: list[str], grid: bool
) -> None:
    # Titles hold ", " (INSEE's); checkboxes are joined with ", "; the wishes come as a ranking
    # grid (one column per rank) or as one checkbox cell.
    assert isinstance(_EXAMPLE_CATALOGUE, ideation.Catalogue)
    columns = ["Nom", "Compétences", *[f"Choix {n}" for n in range(1, 6)], "Projets"]
    row = dict.fromkeys(columns, "")
    row.update({"Nom": "Ada", "Compétences": ", ".join(skills)})
    if grid:
        row.update({f"Choix {n}": _TITLES[slug] for n, slug in enumerate(wishes, 1)})
    else:
        row["Projets"] = ", ".join(_TITLES[slug] for slug in wishes)
    table = Table(columns=tuple(columns), rows=(row,), read_as="test")
    mapping = {
        "name": "Nom",
        "skills": "Compétences",
        "wishes": "Choix *" if grid else "Projets",
    }
    intake = import_rows(
        table, "candidate", mapping, catalogue=_EXAMPLE_CATALOGUE, list_separator=", "
    )
    assert intake.others == ()
    ((report, made),) = intake.made
    assert report.row == 2
    assert isinstance(made, ideation.Candidate)
    assert list(made.wishes) == wishes
    assert list(made.skills) == skills
