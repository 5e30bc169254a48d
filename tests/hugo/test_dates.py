"""Dates as sites write them: a year, a month, words in French and English (issue 10)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ideation.hugo import export_site, import_site
from ideation.hugo._dates import as_written, read_date

DATES = Path(__file__).parents[1] / "data" / "hugo-dates"

EXPECTED = {
    "annee": (dt.date(2022, 1, 1), "year"),
    "mois": (dt.date(2022, 5, 1), "month"),
    "mots-fr": (dt.date(2023, 5, 16), None),
    "mots-en": (dt.date(2023, 5, 16), None),
    "jour-semaine": (dt.date(2021, 6, 1), None),
    "toml-annee": (dt.date(2021, 1, 1), "year"),
}


def test_every_date_as_sites_write_it_is_read() -> None:
    result = import_site(DATES)
    got = {e.slug: (e.date, e.extra.get("date_precision")) for e in result.catalogue.events}
    assert got == EXPECTED
    (impossible,) = [e for e in result.entries if e.outcome == "failed"]
    assert impossible.file == "content/actualites/impossible.md"
    assert impossible.line == 3
    assert "31 février 2023" in impossible.reason


def test_the_report_states_the_rule() -> None:
    result = import_site(DATES)
    (year,) = [e for e in result.entries if e.slug == "annee"]
    assert any(
        "2022 is a year only, read as its first day, 2022-01-01" in note.message and note.line == 3
        for note in year.notes
    )


def test_precision_survives_export_and_import(tmp_path: Path) -> None:
    first = import_site(DATES)
    export_site(first.catalogue, tmp_path)
    assert "\ndate: 2022\n" in (tmp_path / "content" / "actualites" / "annee.md").read_text()
    assert "\ndate: 2022-05\n" in (tmp_path / "content" / "actualites" / "mois.md").read_text()
    assert "date_precision" not in (tmp_path / "content" / "actualites" / "mois.md").read_text()
    second = import_site(tmp_path)
    assert second.catalogue == first.catalogue


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("16 mai 2023", dt.date(2023, 5, 16)),
        ("1er janvier 2024", dt.date(2024, 1, 1)),
        ("Vendredi 3 Février 2023", dt.date(2023, 2, 3)),
        ("3 févr. 2023", dt.date(2023, 2, 3)),
        ("14 août 2022", dt.date(2022, 8, 14)),
        ("16 May 2023", dt.date(2023, 5, 16)),
        ("Tuesday, May 16, 2023", dt.date(2023, 5, 16)),
        ("December 1st 2020", dt.date(2020, 12, 1)),
    ],
)
def test_words(text: str, day: dt.date) -> None:
    assert read_date(text) == (day, "day")


@pytest.mark.parametrize(
    "text", ["2023-05-16", "le 16", "16 truc 2023", "32 mai 2023", "mai 2023", True, 3.5, "0000"]
)
def test_not_dates_are_left_alone(text: object) -> None:
    assert read_date(text) is None


@given(st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)), st.sampled_from(["year", "month"]))
def test_precision_round_trips(day: dt.date, precision: str) -> None:
    start = day.replace(month=1, day=1) if precision == "year" else day.replace(day=1)
    assert read_date(as_written(start, precision)) == (start, precision)


# -- wherever the model takes a date (issue 30) ------------------------------------------------


def test_event_bounds_and_history_steps_take_years_and_months(tmp_path: Path) -> None:
    events, projects = tmp_path / "content" / "actualites", tmp_path / "content" / "projets"
    events.mkdir(parents=True)
    projects.mkdir(parents=True)
    (events / "saison.md").write_text(
        "---\ntitle: Atelier de la saison\ndate: 2022-05-02\nstart: 2022-05\nend: 2022-06\n---\n",
        encoding="utf-8",
    )
    (projects / "p.md").write_text(
        "---\ntitle: P\nstatus: selected\nhistory:\n  - status: submitted\n    date: 2022\n"
        "  - status: selected\n    date: 2022-06\n---\n",
        encoding="utf-8",
    )
    result = import_site(tmp_path)
    assert result.ok, result.summary()
    event = result.catalogue.event("saison")
    assert event is not None
    # An end given as a month lasts to its last day.
    assert (event.start, event.end) == (dt.date(2022, 5, 1), dt.date(2022, 6, 30))
    assert event.extra["start_precision"] == "month"
    assert event.extra["end_precision"] == "month"
    proposal = result.catalogue.proposal("p")
    assert proposal is not None
    assert [step.date for step in proposal.history] == [dt.date(2022, 1, 1), dt.date(2022, 6, 1)]
    assert proposal.history[0].extra["date_precision"] == "year"
    # Written whole elsewhere, each date goes back as the page wrote it.
    out = tmp_path / "out"
    export_site(result.catalogue, out)
    page = (out / "content" / "actualites" / "saison.md").read_text(encoding="utf-8")
    assert "start: 2022-05\n" in page
    assert "end: 2022-06\n" in page
    written = (out / "content" / "projets" / "p.md").read_text(encoding="utf-8")
    assert "date: 2022\n" in written
    assert "date: 2022-06\n" in written
    again = import_site(out)
    assert again.catalogue.event("saison") == event


@pytest.mark.parametrize(
    ("day", "precision", "written"),
    [
        (dt.date(2022, 12, 31), "year", 2022),
        (dt.date(2024, 2, 29), "month", "2024-02"),
        (dt.date(2022, 6, 30), "month", "2022-06"),
        (dt.date(2022, 6, 29), "month", dt.date(2022, 6, 29)),
    ],
)
def test_an_end_is_written_back_from_its_last_day(
    day: dt.date, precision: str, written: object
) -> None:
    assert as_written(day, precision) == written
