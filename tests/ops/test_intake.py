"""Intake: form exports (CSV in any common dialect, XLSX) as data files, with a report per row."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ideation
from ideation._validators import SLUG_PATTERN
from ideation.cli import main
from ideation.ops._cells import parse_date, slugify
from ideation.ops.intake import read_table

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "programme-10"

HEADER = ["Titre", "Profils", "Dépôt", "Date de dépôt", "Équipe min"]
LONG = "Détection d’anomalies dans les données de plusieurs ministères à la fois"
ROWS = [
    [LONG + ", volet 1", "Data scientist; Développeur", "https://example.org/a.git", "16 mai 2022",
     "2"],
    [LONG + ", volet 2", "", "", "17/05/2022", ""],  # another title, the same 60-letter slug
    [LONG.upper() + " - volet 1", "", "", "", ""],  # the same title as row 2
    ["Autre projet", "", "https://EXAMPLE.org/a/", "2022-05-18", ""],  # the same repository
    ["Projet daté", "", "", "31/02/2022", ""],  # no such day
    ["Projet trop petit", "", "", "", "beaucoup"],
]  # fmt: skip


def _csv(path: Path, delimiter: str, encoding: str) -> Path:
    lines = [delimiter.join(HEADER)]
    for row in ROWS:
        lines.append(delimiter.join(f'"{cell}"' if delimiter in cell else cell for cell in row))
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding, errors="replace"))
    return path


def _run(
    source: Path, out: Path, capsys: pytest.CaptureFixture[str], *extra: str
) -> dict[str, Any]:
    code = main(["import", "csv", str(source), "-o", str(out), "--type", "proposal",
                 "--map", "title=Titre", "--map", "wanted_profiles=Profils",
                 "--map", "repository=Dépôt", "--map", "date=date de dépôt",
                 "--map", "team_size.min=Équipe min", "--format", "json", *extra])  # fmt: skip
    report: dict[str, Any] = json.loads(capsys.readouterr().out)
    report["code"] = code
    return report


@pytest.mark.parametrize(
    ("delimiter", "encoding"), [(";", "cp1252"), (",", "utf-8-sig"), ("\t", "utf-8")]
)
def test_every_row_is_imported_skipped_or_failed_with_a_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], delimiter: str, encoding: str
) -> None:
    source = _csv(tmp_path / "export.csv", delimiter, encoding)
    report = _run(source, tmp_path / "out", capsys)
    outcomes = {row["row"]: (row["outcome"], row.get("reason", "")) for row in report["rows"]}
    assert outcomes[2][0] == "imported"
    assert outcomes[3][0] == "imported"
    slug = "detection-d-anomalies-dans-les-donnees-de-plusieurs"
    # Repeated submissions in the file: the first is kept, unless --keep latest.
    assert outcomes[4] == ("skipped", "a repeated submission (same title): the first one, row 2, "
                           "is kept (--keep latest keeps the latest)")  # fmt: skip
    assert outcomes[5][0] == "skipped"
    assert outcomes[5][1].startswith("a repeated submission (same repository)")
    assert outcomes[6][0] == "failed"
    assert "column 'Date de dépôt'" in outcomes[6][1]
    assert outcomes[7][0] == "failed"
    assert "column 'Équipe min'" in outcomes[7][1]
    assert report["code"] == 1
    first = ideation.load(tmp_path / "out" / "proposals" / f"{slug}.md")
    assert isinstance(first, ideation.Proposal)
    assert first.wanted_profiles == ("Data scientist", "Développeur")
    assert first.date == dt.date(2022, 5, 16)
    assert first.team_size is not None
    assert first.team_size.min == 2
    assert (tmp_path / "out" / "proposals" / f"{slug}-2.md").is_file()


def test_a_second_import_skips_what_the_catalogue_has(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(EXAMPLE / "programme.yaml", out)
    source = _csv(tmp_path / "export.csv", ";", "cp1252")
    _run(source, out, capsys)
    again = _run(source, out, capsys)
    assert [row["outcome"] for row in again["rows"]][:4] == ["skipped"] * 4


def test_xlsx_is_read_through_openpyxl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(["Projet tableur", "Data engineer", None, dt.datetime(2022, 5, 16), 3])
    workbook.save(tmp_path / "export.xlsx")
    report = _run(tmp_path / "export.xlsx", tmp_path / "out", capsys)
    assert report["read_as"] == "XLSX, first sheet"
    proposal = ideation.load(tmp_path / "out" / "proposals" / "projet-tableur.md")
    assert isinstance(proposal, ideation.Proposal)
    assert proposal.date == dt.date(2022, 5, 16)
    assert proposal.team_size is not None
    assert proposal.team_size.min == 3


def test_an_unknown_column_is_a_usage_error_naming_the_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _csv(tmp_path / "export.csv", ";", "utf-8")
    code = main(["import", "csv", str(source), "-o", str(tmp_path), "--type", "proposal",
                 "--map", "title=Nom"])  # fmt: skip
    assert code == 2
    assert "no such column; the columns are: 'Titre'" in capsys.readouterr().err


def test_candidates_without_consent_get_numbers_not_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(EXAMPLE / "programme.yaml", out)
    intake = EXAMPLE / "intake"
    assert main(["import", "csv", str(intake / "questionnaire-2022.csv"), "-o", str(out),
                 "--type", "proposal", "--map-file",
                 str(intake / "questionnaire-2022.map.yaml")]) == 0  # fmt: skip
    code = main(["import", "csv", str(intake / "candidatures-2022.csv"), "-o", str(out),
                 "--type", "candidate", "--map-file",
                 str(intake / "candidatures-2022.map.yaml")])  # fmt: skip
    assert code == 0, capsys.readouterr()
    names = sorted(path.stem for path in (out / "candidates").iterdir())
    assert "ada-exemple" in names  # the one who agreed
    assert all(name == "ada-exemple" or name.startswith("candidate-") for name in names)
    catalogue = ideation.load(out)
    assert isinstance(catalogue, ideation.Catalogue)
    first = catalogue.candidate("candidate-1")
    assert first.consent is False
    assert first.organisation == "dinum"  # named by acronym in the form
    assert first.wishes == ("insee", "siretisation")


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2022-05-16", dt.date(2022, 5, 16)),
        ("16/05/2022", dt.date(2022, 5, 16)),
        ("16.05.2022 09:30", dt.date(2022, 5, 16)),
        ("16 mai 2022", dt.date(2022, 5, 16)),
        ("lundi 1er août 2022", dt.date(2022, 8, 1)),
        ("3 févr. 2023", dt.date(2023, 2, 3)),
    ],
)
def test_dates_in_iso_or_french(text: str, day: dt.date) -> None:
    assert parse_date(text) == day


@given(st.text(max_size=80))
def test_slugs_are_always_valid_or_empty(text: str) -> None:
    slug = slugify(text)
    assert slug == "" or SLUG_PATTERN.match(slug)
    assert len(slug) <= 60


def test_the_example_questionnaire_is_sniffed_as_windows_1252_with_semicolons() -> None:
    table = read_table(EXAMPLE / "intake" / "questionnaire-2022.csv")
    assert table.read_as == "CSV, cp1252, delimiter ';'"
    assert len(table.rows) == 8
