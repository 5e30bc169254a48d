"""Each season has its own dated phases: an event of a season dated outside the season, or
outside its phase's days in that season, is a problem of the catalogue, at its file's path."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ideation
from ideation.errors import DataError, FieldError
from ideation.model import Catalogue, Event, Phase, PhaseDates, Programme, Season

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "programme-10"

PROGRAMME = Programme(
    slug="p",
    name="P",
    phases=(
        Phase(slug="atelier", name="Atelier", start=dt.date(2022, 5, 16), end=dt.date(2022, 6, 6)),
        Phase(slug="travail", name="Travail", start=dt.date(2022, 7, 5), end=dt.date(2022, 11, 22)),
    ),
    seasons=(
        Season(slug="2022", name="2022", start=dt.date(2022, 5, 1), end=dt.date(2022, 12, 31)),
        Season(
            slug="2023",
            name="2023",
            start=dt.date(2023, 4, 1),
            end=dt.date(2023, 12, 31),
            phases=("atelier", "travail"),
            schedule=(
                PhaseDates(phase="atelier", start=dt.date(2023, 5, 15), end=dt.date(2023, 6, 5)),
            ),
        ),
    ),
)


def _catalogue(*events: Event, programme: Programme = PROGRAMME) -> Catalogue:
    return Catalogue(programme=programme, events=events)


def _problems(*events: Event) -> list[tuple[str, str]]:
    with pytest.raises(DataError) as caught:
        _catalogue(*events)
    return [(p.path, p.message) for p in caught.value.problems]


def test_events_within_their_season_and_its_phases_are_fine() -> None:
    _catalogue(
        Event(slug="a", title="A", date=dt.date(2022, 5, 16), phase="atelier", season="2022"),
        Event(slug="b", title="B", date=dt.date(2023, 5, 15), phase="atelier", season="2023"),
        Event(slug="c", title="C", date=dt.date(2022, 9, 1), phase="travail", season="2022"),
        # Without a season, nothing is checked: a programme of one round needs none.
        Event(slug="d", title="D", date=dt.date(2030, 1, 1), phase="atelier"),
    )


def test_an_event_filed_in_the_phase_as_another_season_dated_it() -> None:
    # Season 2023's working day, in the working days as the programme dated them for 2022.
    problems = _problems(
        Event(slug="w", title="W", date=dt.date(2023, 7, 4), phase="travail", season="2023")
    )
    assert problems == [
        (
            "$.events[0].date",
            "expected a day of the phase 'travail' in the season '2023' (2022-07-05 to "
            "2022-11-22), got 2023-07-04; if the season runs the phase on other days, give them "
            "in its schedule: (- phase: travail, start:, end:)",
        )
    ]


def test_an_event_outside_its_season_s_own_dates_for_the_phase() -> None:
    start = dt.datetime(2023, 6, 12, 9, 30)
    problems = _problems(
        Event(slug="x", title="X", start=start, phase="atelier", season="2023"),
    )
    assert problems == [
        (
            "$.events[0].start",
            "expected a day of the phase 'atelier' in the season '2023' (2023-05-15 to "
            "2023-06-05), got 2023-06-12",
        )
    ]


def test_an_event_outside_its_season() -> None:
    problems = _problems(Event(slug="y", title="Y", date=dt.date(2024, 1, 10), season="2023"))
    assert problems == [
        (
            "$.events[0].date",
            "expected a day of the season '2023' (2023-04-01 to 2023-12-31), got 2024-01-10",
        )
    ]


def test_an_event_in_a_phase_its_season_does_not_run() -> None:
    programme = attrs.evolve(
        PROGRAMME,
        seasons=(attrs.evolve(PROGRAMME.seasons[1], phases=("atelier",)),),
    )
    with pytest.raises(DataError) as caught:
        _catalogue(
            Event(slug="z", title="Z", date=dt.date(2023, 9, 1), phase="travail", season="2023"),
            programme=programme,
        )
    (problem,) = caught.value.problems
    assert problem.path == "$.events[0].phase"
    assert problem.message == "expected a phase of the season '2023' (atelier), got 'travail'"


def test_a_schedule_names_each_phase_of_the_programme_once() -> None:
    with pytest.raises(FieldError, match="expected each phase once in the schedule"):
        Season(
            slug="s",
            name="S",
            schedule=(PhaseDates(phase="atelier"), PhaseDates(phase="atelier")),
        )
    with pytest.raises(FieldError, match="expected the slug of a phase of the programme"):
        attrs.evolve(
            PROGRAMME,
            seasons=(Season(slug="s", name="S", schedule=(PhaseDates(phase="nope"),)),),
        )


@given(st.dates(min_value=dt.date(2023, 4, 1), max_value=dt.date(2023, 12, 31)))
def test_a_day_of_the_season_is_a_problem_exactly_outside_its_phase(day: dt.date) -> None:
    event = Event(slug="e", title="E", date=day, phase="atelier", season="2023")
    inside = dt.date(2023, 5, 15) <= day <= dt.date(2023, 6, 5)
    try:
        _catalogue(event)
    except DataError:
        assert not inside
    else:
        assert inside


def test_a_second_season_in_the_example_is_checked_from_its_files(tmp_path: Path) -> None:
    folder = tmp_path / "catalogue"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("intake"))
    programme = folder / "programme.yaml"
    text = programme.read_text(encoding="utf-8")
    text = text.replace(
        "organisations:\n",
        "- slug: '2023'\n  name: Saison 2023\n  start: 2023-04-01\n  end: 2023-12-15\n"
        "  schedule:\n  - phase: qualification\n    start: 2023-05-15\n    end: 2023-06-05\n"
        "organisations:\n",
        1,
    )
    programme.write_text(text, encoding="utf-8")
    event = folder / "events" / "atelier-2023.md"
    event.write_text(
        "---\nslug: atelier-2023\ntitle: Atelier 2023\ndate: 2023-06-20\nphase: qualification\n"
        "season: '2023'\n---\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        ideation.load(folder)
    (problem,) = caught.value.problems
    assert problem.file is not None
    assert problem.file.endswith("atelier-2023.md")
    assert problem.line == 4
    assert "2023-05-15 to 2023-06-05" in problem.message
    event.write_text(event.read_text(encoding="utf-8").replace("2023-06-20", "2023-05-22"))
    assert isinstance(ideation.load(folder), ideation.Catalogue)
