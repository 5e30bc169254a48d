"""A season's part of a catalogue: always a valid catalogue, whatever crosses seasons."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ideation
from ideation import model

SEASONS = (None, "a", "b")


def _programme() -> model.Programme:
    return model.Programme(
        slug="p",
        name="P",
        seasons=[model.Season(slug="a", name="A"), model.Season(slug="b", name="B")],
    )


@st.composite
def _crossing(draw: st.DrawFn) -> model.Catalogue:
    """Catalogues of two seasons whose objects name each other across them, every way the
    model allows: events shown by or voting on a proposal, team members, wishes."""
    seasons = st.sampled_from(SEASONS)
    event_seasons = draw(st.lists(seasons, max_size=4))
    event_slugs = [f"e{i}" for i in range(len(event_seasons))]
    proposal_seasons = draw(st.lists(seasons, max_size=5))
    proposal_slugs = [f"p{i}" for i in range(len(proposal_seasons))]
    candidate_seasons = draw(st.lists(seasons, max_size=5))
    candidate_slugs = [f"c{i}" for i in range(len(candidate_seasons))]

    def some(slugs: list[str]) -> list[str]:
        return draw(st.lists(st.sampled_from(slugs), unique=True, max_size=2)) if slugs else []

    events = [
        model.Event(
            slug=slug,
            title=slug,
            date=dt.date(2022, 5, 16),
            season=season,
            proposals=some(proposal_slugs),
            votes=[model.Vote(proposal=p) for p in some(proposal_slugs)],
        )
        for slug, season in zip(event_slugs, event_seasons, strict=True)
    ]
    proposals = [
        model.Proposal(
            slug=slug,
            title=slug,
            season=season,
            events=some(event_slugs),
            team=some(candidate_slugs),
        )
        for slug, season in zip(proposal_slugs, proposal_seasons, strict=True)
    ]
    candidates = []
    for slug, season in zip(candidate_slugs, candidate_seasons, strict=True):
        # A wish is for a proposal of the candidate's own season (the catalogue checks it).
        open_to = [p.slug for p in proposals if season is None or p.season in (None, season)]
        candidates.append(
            model.Candidate(slug=slug, name=slug, season=season, wishes=some(open_to))
        )
    return model.Catalogue(
        programme=_programme(), events=events, proposals=proposals, candidates=candidates
    )


@given(_crossing(), st.sampled_from(SEASONS))
def test_a_season_is_a_valid_catalogue_holding_all_its_own_objects(
    catalogue: model.Catalogue, season: str | None
) -> None:
    part = catalogue.in_season(season)  # raises DataError if a reference dangles
    if season is None:
        assert part is catalogue
        return
    assert {p.slug for p in catalogue.proposals if p.season == season} <= {
        p.slug for p in part.proposals
    }
    assert {e.slug for e in catalogue.events if e.season == season} <= {e.slug for e in part.events}
    assert {c.slug for c in catalogue.candidates if c.season in (season, None)} <= {
        c.slug for c in part.candidates
    }


def test_a_season_keeps_the_other_seasons_objects_its_own_name() -> None:
    catalogue = model.Catalogue(
        programme=_programme(),
        events=[model.Event(slug="old-day", title="Old", date=dt.date(2022, 5, 16), season="a")],
        proposals=[
            model.Proposal(slug="old", title="Old", season="a", events=["old-day"]),
            model.Proposal(slug="new", title="New", season="b", team=["veteran"]),
        ],
        candidates=[model.Candidate(slug="veteran", name="V", season="a", wishes=["old"])],
    )
    part = catalogue.in_season("b")
    # The team member of the season before stays, and what their file names with them: the
    # proposal they wished for, and the event that proposal came from.
    assert [c.slug for c in part.candidates] == ["veteran"]
    assert [p.slug for p in part.proposals] == ["old", "new"]
    assert [e.slug for e in part.events] == ["old-day"]
    assert catalogue.in_season("a").proposals == (catalogue.proposals[0],)


def test_a_wish_for_another_seasons_proposal_is_a_problem_at_its_place() -> None:
    with pytest.raises(ideation.DataError) as error:
        model.Catalogue(
            programme=_programme(),
            proposals=[model.Proposal(slug="old", title="Old", season="a")],
            candidates=[model.Candidate(slug="late", name="L", season="b", wishes=["old"])],
        )
    (problem,) = error.value.problems
    assert problem.path == "$.candidates[0].wishes[0]"
    assert "season 'b'" in problem.message
    assert "of season 'a'" in problem.message
