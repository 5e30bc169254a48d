"""The proposal lifecycle, pinned move by move: every pair of statuses, legal or not."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

import ideation
import ideation.errors
from ideation import model
from ideation.model import ProposalStatus as S

# The whole table, written out: a move added to or removed from TRANSITIONS fails a test here.
LEGAL = {
    (S.SUBMITTED, S.SHORTLISTED),
    (S.SUBMITTED, S.SELECTED),
    (S.SUBMITTED, S.REJECTED),
    (S.SUBMITTED, S.WITHDRAWN),
    (S.SHORTLISTED, S.SELECTED),
    (S.SHORTLISTED, S.REJECTED),
    (S.SHORTLISTED, S.WITHDRAWN),
    (S.SELECTED, S.IN_PROGRESS),
    (S.SELECTED, S.WITHDRAWN),
    (S.IN_PROGRESS, S.DELIVERED),
    (S.IN_PROGRESS, S.WITHDRAWN),
}
FINAL = {S.DELIVERED, S.REJECTED, S.WITHDRAWN}
PAIRS = list(itertools.product(S, repeat=2))
# A step to the same status is a dated note (a team change), not a move: always accepted.
NOTES = {(status, status) for status in S}


def test_the_table_is_exactly_the_legal_moves() -> None:
    assert set(model.TRANSITIONS) == set(S)
    table = {(before, after) for before, moves in model.TRANSITIONS.items() for after in moves}
    assert table == LEGAL


def test_final_statuses_are_those_without_moves() -> None:
    assert {status for status in S if status.is_final} == FINAL


def _history(before: S, after: S) -> model.Proposal:
    return model.Proposal(
        slug="p",
        title="P",
        history=[
            model.StatusChange(status=before, date=dt.date(2022, 5, 16)),
            model.StatusChange(status=after, date=dt.date(2022, 6, 1)),
        ],
    )


@pytest.mark.parametrize(("before", "after"), sorted(LEGAL))
def test_a_legal_move_is_accepted(before: S, after: S) -> None:
    assert _history(before, after).status is after


@pytest.mark.parametrize(("before", "after"), sorted(NOTES))
def test_a_step_that_keeps_the_status_is_a_note(before: S, after: S) -> None:
    assert _history(before, after).status is after


@pytest.mark.parametrize(("before", "after"), [pair for pair in PAIRS if pair not in LEGAL | NOTES])
def test_an_illegal_move_is_refused_with_the_moves_allowed(before: S, after: S) -> None:
    allowed = ", ".join(sorted(m.value for m in model.TRANSITIONS[before])) or "none, it is final"
    with pytest.raises(ValueError, match=r"^history\[1\]\.status: ") as caught:
        _history(before, after)
    assert str(caught.value) == (
        f"history[1].status: a proposal cannot go from {before.value!r} to {after.value!r} "
        f"(allowed: {allowed})"
    )


@pytest.mark.parametrize(("before", "after"), PAIRS)
def test_loading_agrees_with_the_table(before: S, after: S) -> None:
    # The same rule through a data file, reported at the step's path.
    text = (
        "slug: p\ntitle: P\nhistory:\n"
        f"- status: {before.value}\n  date: 2022-05-16\n"
        f"- status: {after.value}\n  date: 2022-06-01\n"
    )
    if (before, after) in LEGAL | NOTES:
        assert ideation.loads(text, model.Proposal, "yaml").status is after
    else:
        with pytest.raises(ideation.errors.DataError, match=r"\$\.history\[1\]\.status"):
            ideation.loads(text, model.Proposal, "yaml")
