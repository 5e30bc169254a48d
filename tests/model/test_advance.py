"""``Proposal.advance``: one call moves a proposal on, checked as a data file's history is."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ideation
from ideation.model import TRANSITIONS, Proposal, ProposalStatus, StatusChange

from .. import strategies


def _built_by_hand(proposal: Proposal, step: StatusChange) -> Proposal:
    # What a user had to write before: both fields changed together.
    return attrs.evolve(proposal, history=(*proposal.history, step), status=step.status)


@given(
    proposal=strategies.proposals(),
    status=st.sampled_from(ProposalStatus),
    days=st.integers(-30, 400),
    event=st.none() | strategies.slugs,
    note=strategies.optional_texts,
)
def test_advance_agrees_with_validation(
    proposal: Proposal, status: ProposalStatus, days: int, event: str | None, note: str | None
) -> None:
    last = proposal.history[-1].date if proposal.history else dt.date(2022, 5, 16)
    date = last + dt.timedelta(days=days)
    step = StatusChange(status=status, date=date, event=event, note=note)
    # A step to the current status is a dated note, always allowed in date order.
    legal = (status in TRANSITIONS[proposal.status] or status is proposal.status) and (
        not proposal.history or date >= proposal.history[-1].date
    )
    if legal:
        moved = proposal.advance(status, date, event=event, note=note)
        assert moved.status is status
        assert moved.history == (*proposal.history, step)
        assert moved == _built_by_hand(proposal, step)
        # Nothing else changed.
        assert attrs.evolve(moved, history=proposal.history, status=proposal.status) == proposal
    else:
        with pytest.raises(ValueError, match=r"^history\[\d+\]\.(status|date): ") as raised:
            proposal.advance(status, date, event=event, note=note)
        if proposal.history:
            # The same message as a file with that history gets.
            with pytest.raises(ValueError, match=r"^history") as built:
                _built_by_hand(proposal, step)
            assert str(raised.value) == str(built.value)


def test_advance_names_the_illegal_move_as_a_file_would() -> None:
    proposal = Proposal(slug="p", title="P", status=ProposalStatus.SHORTLISTED)
    with pytest.raises(ValueError, match="cannot go from 'shortlisted' to 'in-progress'"):
        proposal.advance("in-progress", dt.date(2022, 6, 1))


def test_advance_takes_the_status_as_text_and_keeps_event_and_note() -> None:
    proposal = Proposal(slug="p", title="P")
    moved = proposal.advance("shortlisted", dt.date(2022, 5, 16), event="atelier", note="vote")
    assert moved.status is ProposalStatus.SHORTLISTED
    assert moved.history == (
        StatusChange(
            status=ProposalStatus.SHORTLISTED,
            date=dt.date(2022, 5, 16),
            event="atelier",
            note="vote",
        ),
    )
    again = moved.advance(ProposalStatus.SELECTED, dt.date(2022, 6, 1))
    assert [change.status for change in again.history] == ["shortlisted", "selected"]
    assert ideation.loads(ideation.dumps(again), Proposal) == again
