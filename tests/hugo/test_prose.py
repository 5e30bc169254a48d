"""Facts written in sentences: counts in words, linked project lists, the place and the end
date, the kind from the title. Every value found is one the fixture states (precision 100%),
and every fact the fixture states is found (issue 10, "Reading the prose better")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ideation.hugo import import_site
from ideation.hugo._extract.prose import approximate_count
from ideation.hugo._extract.text import Line

PROSE = Path(__file__).parents[1] / "data" / "hugo-prose"

# Every fact the fixture's pages state, as (JSON path, value, line).
FACTS = {
    "bootcamp": {
        ("$.attendance.count", 50, 6),
        ("$.attendance.approximate", True, 6),
        ("$.end", dt.date(2023, 6, 14), 6),
        ("$.location.name", "BercyLab, 139 rue de Bercy, Paris", 8),
        ("$.proposals[0]", "alpha", 12),
        ("$.proposals[1]", "beta", 13),
        ("$.kind", "bootcamp", None),
    },
    "restitution": {
        ("$.attendance.count", 30, 6),
        ("$.attendance.approximate", True, 6),
    },
    "journee": {
        ("$.attendance.count", 40, 6),
        ("$.attendance.approximate", True, 6),
        ("$.end", dt.date(2023, 10, 3), 6),
        ("$.location.name", "Ségur, Paris", 8),
        ("$.kind", "working-day", None),
    },
    # "La DINUM compte une trentaine d'agents": no one counted at the event; a range of days
    # that does not start on the page's date; a list whose links are not proposals.
    "seminaire": set(),
}


def test_every_fact_and_nothing_else() -> None:
    result = import_site(PROSE, extract=True)
    for entry in result.entries:
        if entry.outcome == "imported-event":
            got = {(x.path, x.value, x.line) for x in entry.extracted}
            assert got == FACTS[entry.slug or ""], entry.slug


def test_the_catalogue_holds_them() -> None:
    catalogue = import_site(PROSE, extract=True).catalogue
    bootcamp = catalogue.event("bootcamp")
    assert bootcamp.attendance is not None
    assert (bootcamp.attendance.count, bootcamp.attendance.approximate) == (50, True)
    assert bootcamp.proposals == ("alpha", "beta")
    assert bootcamp.end == dt.date(2023, 6, 14)
    assert bootcamp.location is not None
    assert bootcamp.location.name == "BercyLab, 139 rue de Bercy, Paris"


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Une vingtaine de participants.", 20),
        ("plus d'une centaine de personnes se sont réunies", 100),
        ("Près de 45 agents ont participé.", 45),
        ("une douzaine d'experts étaient présents", 12),
        ("Environ 60 participant(e)s", 60),
    ],
)
def test_counts_in_words(text: str, count: int) -> None:
    found, _ = approximate_count([Line(1, text)])
    assert found == {"count": count, "approximate": True}


@pytest.mark.parametrize(
    "text",
    [
        "La DINUM compte une trentaine d'agents.",
        "25 participants",  # exact: the agenda rule reads it
        "une cinquantaine de projets",
        "Une équipe d'une dizaine de personnes pilote le programme.",
    ],
)
def test_no_count_where_none_is_given(text: str) -> None:
    assert approximate_count([Line(1, text)]) == ({}, [])
