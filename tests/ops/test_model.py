"""Seasons, candidates, teams and votes in the model, and the catalogue's checks of them."""

from __future__ import annotations

import datetime as dt

import pytest

import ideation
from ideation import model


def _catalogue(**kw: object) -> model.Catalogue:
    programme = model.Programme(
        slug="p",
        name="P",
        phases=[model.Phase(slug="qualification", name="Q")],
        seasons=[model.Season(slug="2022", name="2022", phases=["qualification"])],
    )
    return model.Catalogue(programme=programme, **kw)  # type: ignore[arg-type]


def _paths(error: pytest.ExceptionInfo[ideation.DataError]) -> list[str]:
    return [problem.path for problem in error.value.problems]


def test_every_reference_of_seasons_candidates_teams_and_votes_is_checked() -> None:
    with pytest.raises(ideation.DataError) as error:
        _catalogue(
            proposals=[
                model.Proposal(slug="a", title="A", season="2023", team=["nobody"]),
                model.Proposal(slug="b", title="B", continues="gone"),
            ],
            events=[
                model.Event(
                    slug="e",
                    title="E",
                    date=dt.date(2022, 5, 16),
                    season="2021",
                    votes=[model.Vote(proposal="zz", organisation="nowhere")],
                )
            ],
            candidates=[model.Candidate(slug="c", name="C", wishes=["a", "zz"], season="x")],
        )
    assert sorted(_paths(error)) == sorted(
        [
            "$.events[0].season",
            "$.events[0].votes[0].proposal",
            "$.events[0].votes[0].organisation",
            "$.proposals[0].season",
            "$.proposals[0].team[0]",
            "$.proposals[1].continues",
            "$.candidates[0].season",
            "$.candidates[0].wishes[1]",
        ]
    )


def test_a_continuation_must_agree_on_both_sides() -> None:
    with pytest.raises(ideation.DataError) as error:
        _catalogue(
            proposals=[
                model.Proposal(slug="old", title="Old", continued_as="new"),
                model.Proposal(slug="new", title="New", continues="other"),
                model.Proposal(slug="other", title="Other"),
            ]
        )
    assert "$.proposals[0].continued_as" in _paths(error)
    both = _catalogue(
        proposals=[
            model.Proposal(slug="old", title="Old", continued_as="new", season="2022"),
            model.Proposal(slug="new", title="New", continues="old"),
        ]
    )
    # A season keeps the proposals its own continue from, so that references still resolve.
    assert [p.slug for p in both.in_season("2022").proposals] == ["old", "new"]


def test_a_season_names_phases_of_the_programme() -> None:
    with pytest.raises(ValueError, match=r"seasons\[0\]\.phases\[0\]"):
        model.Programme(
            slug="p", name="P", seasons=[model.Season(slug="s", name="S", phases=["x"])]
        )


def test_wishes_are_unique_and_team_sizes_ordered() -> None:
    with pytest.raises(ValueError, match="each proposal once"):
        model.Candidate(slug="c", name="C", wishes=["a", "a"])
    with pytest.raises(ValueError, match="at least the min of 3"):
        model.TeamSize(min=3, max=2)


def test_structuring_reports_paths_of_new_fields() -> None:
    with pytest.raises(ideation.DataError) as error:
        ideation.loads(
            "slug: a\ntitle: A\nteam_size: {min: -1}\nneeds: [{profile: Dev, count: 0}]\n",
            ideation.Proposal,
            "yaml",
        )
    assert sorted(_paths(error)) == ["$.needs[0].count", "$.team_size.min"]


def test_advance_keeps_dates_in_order() -> None:
    proposal = model.Proposal(slug="a", title="A").advance("shortlisted", dt.date(2022, 5, 16))
    with pytest.raises(ValueError, match="in date order, got 2022-05-01 after 2022-05-16"):
        proposal.advance("selected", dt.date(2022, 5, 1))
    later = proposal.advance("selected", dt.date(2022, 5, 18), event=None, note="kept")
    assert [step.status for step in later.history] == ["shortlisted", "selected"]
    assert later.status == "selected"


def test_skills_match_profiles_without_case_or_spacing() -> None:
    candidate = model.Candidate(slug="c", name="C", skills=["  data   SCIENTIST "])
    assert candidate.has_profile("Data scientist")
    proposal = model.Proposal(
        slug="a",
        title="A",
        wanted_profiles=["Data scientist", "Dev"],
        needs=[model.Need(profile="data scientist", count=2)],
    )
    assert proposal.required_profiles() == {
        "data scientist": ("Data scientist", 2),
        "dev": ("Dev", 1),
    }
