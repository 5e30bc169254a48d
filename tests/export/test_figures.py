"""The season's figures, each equal to a count made from the example's files directly."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from ideation import load, model
from ideation.export.figures import DEFINITIONS, FIGURES, figures

from ..conftest import EXAMPLE


def _front(path: Path) -> dict[str, Any]:
    """A data file's fields, read with PyYAML alone (not through ideation's loader)."""
    text = path.read_text("utf-8")
    if path.suffix == ".md":
        text = text.split("---\n")[1]
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


def _parents() -> dict[str, str | None]:
    programme = _front(EXAMPLE / "programme.yaml")
    organisations = programme["organisations"]
    assert isinstance(organisations, list)
    return {org["slug"]: org.get("parent") for org in organisations}


def _top(slug: str, parents: dict[str, str | None]) -> str:
    while parents.get(slug):
        parent = parents[slug]
        assert parent is not None
        slug = parent
    return slug


def _status(proposal: dict[str, Any]) -> str:
    """A proposal's status as its file gives it: its own, or its history's last step."""
    history = proposal.get("history") or [{"status": "submitted"}]
    assert isinstance(history, list)
    return str(proposal.get("status", history[-1]["status"]))


@pytest.fixture(scope="module")
def catalogue() -> model.Catalogue:
    loaded = load(EXAMPLE)
    assert isinstance(loaded, model.Catalogue)
    return loaded


def test_the_seed_event_gives_its_25_participants_and_ten_organisations(
    catalogue: model.Catalogue,
) -> None:
    seed = _front(EXAMPLE / "events" / "atelier-ideation.md")
    attendance = seed["attendance"]
    assert isinstance(attendance, dict)
    parents = _parents()
    found = figures(catalogue, events=["atelier-ideation"])
    assert found.participants == attendance["count"] == 25
    assert not found.participants_approximate
    assert found.units == tuple(sorted(attendance["organisations"]))
    tops = {_top(slug, parents) for slug in attendance["organisations"]}
    assert found.organisations == tuple(sorted(tops))
    assert len(found.organisations) == 10
    # The Interior's gendarmerie and digital directorate count with their ministry.
    assert "interieur" in found.organisations
    assert "gendarmerie-nationale" not in found.organisations
    sessions = seed["sessions"]
    assert isinstance(sessions, list)
    assert found.workshops == sum(1 for s in sessions if s.get("kind") == "workshop")
    # The proposals are those the event discussed, by status.
    discussed = {slug for s in sessions for slug in s.get("proposals", [])} | set(
        seed.get("proposals", [])
    )
    statuses = Counter(
        _status(_front(next((EXAMPLE / "proposals").glob(f"{slug}.*")))) for slug in discussed
    )
    assert {status.value: n for status, n in found.proposals_by_status.items()} == statuses


def test_the_season_counts_every_event_file_and_proposal_file(
    catalogue: model.Catalogue,
) -> None:
    events = [_front(path) for path in sorted((EXAMPLE / "events").iterdir())]
    proposals = [_front(path) for path in sorted((EXAMPLE / "proposals").iterdir())]
    found = figures(catalogue, season="2022")
    kinds = Counter(str(event["kind"]) for event in events)
    assert {kind.value: n for kind, n in found.events_by_kind.items()} == kinds
    assert found.events == len(events) == 10
    counted = [e["attendance"]["count"] for e in events if "attendance" in e]
    assert found.participants == sum(counted)
    assert (found.events_counted, found.events_uncounted) == (len(counted), 10 - len(counted))
    assert found.proposals == len(proposals)
    assert {s.value: n for s, n in found.proposals_by_status.items()} == Counter(
        _status(p) for p in proposals
    )
    ministries = {
        org["slug"]
        for org in _front(EXAMPLE / "programme.yaml")["organisations"]
        if org.get("kind") == "ministry"
    }
    assert set(found.ministries) == ministries & set(found.organisations)


def test_a_phase_keeps_its_events_and_an_estimate_is_marked(catalogue: model.Catalogue) -> None:
    found = figures(catalogue, phases=["journees-de-travail"])
    assert dict(found.events_by_kind) == {model.EventKind.WORKING_DAY: 8}
    assert found.participants == 0
    assert found.events_uncounted == 8
    seed = catalogue.event("atelier-ideation")
    assert seed.attendance is not None
    guessed = attrs.evolve(seed, attendance=attrs.evolve(seed.attendance, approximate=True))
    events = [guessed if e.slug == seed.slug else e for e in catalogue.events]
    estimated = attrs.evolve(catalogue, events=events)
    assert figures(estimated).participants_approximate
    assert not figures(catalogue).participants_approximate


def test_every_figure_has_a_definition() -> None:
    assert set(DEFINITIONS) == set(FIGURES)
    assert all(text.endswith(".") for text in DEFINITIONS.values())


@given(st.lists(st.integers(min_value=0, max_value=500), max_size=6))
def test_participants_is_the_sum_of_the_head_counts(counts: list[int]) -> None:
    events = [
        model.Event(
            slug=f"e{index}",
            title="E",
            date=dt.date(2022, 5, index + 1),
            attendance=model.Attendance(count=n),
        )
        for index, n in enumerate(counts)
    ]
    catalogue = model.Catalogue(programme=model.Programme(slug="p", name="P"), events=events)
    found = figures(catalogue)
    assert found.participants == sum(counts)
    assert found.events_counted == len(counts)
