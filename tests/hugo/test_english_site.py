"""An English site (issue 30): its sections found by the site's language, agendas written
``- 9:00 Welcome`` and ``## 14:00 – Welcome``, head-counts written "about 25 people came" and
"over 50 participants", a community's size that is no event's, and the English names of a
proposal's sections."""

from __future__ import annotations

from pathlib import Path

import pytest

from ideation.hugo import HugoImport, import_site
from ideation.hugo._extract.prose import approximate_count
from ideation.hugo._extract.text import body_lines

from .building import build_catalogue

SITE = Path(__file__).parent / "sites" / "english"


@pytest.fixture(scope="module")
def imported() -> HugoImport:
    return import_site(SITE, extract=True)


def test_the_sections_come_from_the_sites_language(imported: HugoImport) -> None:
    assert imported.counts == {
        "events": 2,
        "proposals": 1,
        "seasons": 1,
        "skipped": 0,
        "failed": 0,
        "organisations": 0,
    }


def test_english_agendas_and_head_counts(imported: HugoImport) -> None:
    workshop = imported.catalogue.event("2024-03-05-workshop")
    assert workshop is not None
    assert [(s.start.isoformat("minutes"), s.title, s.kind.value) for s in workshop.sessions] == [
        ("09:00", "Welcome", "welcome"),
        ("09:30", "Presentation of the projects", "presentation"),
        ("11:00", "Workshops", "workshop"),
        ("12:30", "Lunch", "meal"),
    ]
    assert workshop.attendance is not None
    assert (workshop.attendance.count, workshop.attendance.approximate) == (25, True)
    demo = imported.catalogue.event("2024-06-10-demo-day")
    assert demo is not None
    assert [s.title for s in demo.sessions] == ["Welcome", "Demos"]
    assert demo.attendance is not None
    assert (demo.attendance.count, demo.attendance.approximate) == (50, True)


def test_a_communitys_size_is_no_events_attendance(imported: HugoImport) -> None:
    (season,) = imported.catalogue.programme.seasons
    assert season.slug == "2024"


def test_english_proposal_sections(imported: HugoImport) -> None:
    proposal = imported.catalogue.proposal("open-maps")
    assert proposal is not None
    assert proposal.problem == "Maps of public buildings are scattered."
    assert proposal.objectives == ("Gather the maps in one place", "Publish them as open data")
    assert proposal.use_cases == ("Finding the nearest office",)
    assert proposal.wanted_profiles == ("Data engineering", "Cartography with QGIS")


def test_the_site_builds_with_no_warning(imported: HugoImport, tmp_path: Path) -> None:
    warnings, html = build_catalogue(imported.catalogue, tmp_path)
    assert warnings == ""
    assert "Presentation of the projects" in html
    assert "__Cartography__" not in html


@pytest.mark.parametrize(
    ("sentence", "count", "approximate"),
    [
        ("Plus d'une trentaine d'experts de dix ministères étaient réunis.", 30, True),
        (
            "Plus d'une cinquantaine de talents venus de 20 administrations se sont mobilisés.",
            50,
            True,
        ),
        ("L'objectif : réunir 25 experts autour de cinq projets.", 25, False),
        ("About 25 people came to the workshop.", 25, True),
        ("Over 50 participants joined.", 50, True),
        ("More than 40 data scientists attended.", 40, True),
    ],
)
def test_head_counts_about_the_event(sentence: str, count: int, approximate: bool) -> None:
    found, _ = approximate_count(body_lines(sentence, 1))
    assert found.get("count") == count
    assert found.get("approximate", False) is approximate


@pytest.mark.parametrize(
    "sentence",
    [
        "Une communauté d'une cinquantaine d'experts s'est réunie au fil des saisons.",
        "La DINUM compte une trentaine d'agents.",
        "The programme brings a community of about 50 experts together.",
        "We were 12 people.",
    ],
)
def test_head_counts_that_are_not_the_events(sentence: str) -> None:
    assert approximate_count(body_lines(sentence, 1)) == ({}, [])
