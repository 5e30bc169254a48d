"""Shortlisting: the votes or scores given at an event, ranked by a stated rule.

The rule: a proposal's score is the sum of the scores of the event's votes for it (a plain vote
counts 1, a jury's averaged mark may be decimal; scores per criterion are added up). Proposals
are ranked by score, highest first; ties are broken by the number of distinct voters (or
organisations, for votes cast on behalf of one), most first, then by slug in alphabetical
order. ``top`` keeps the first N of that order, ``threshold`` every proposal whose score
reaches it.

Slug order is no decision: proposals of equal score and voters on both sides of the ``top``
cut-off are a **tie**, reported with the tied proposals. By default (``ties="report"``) none of
them is recorded, so that the organisers can hold a run-off; ``ties="include"`` keeps them all.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal
from typing import Literal

import attrs

from .._spreadsheets import neutralise
from ..errors import DataError, FieldError, Problem, UsageError
from ..model import Catalogue, Event, Proposal, ProposalStatus

__all__ = [
    "RULE",
    "Outcome",
    "Score",
    "Selection",
    "Tie",
    "format_score",
    "rank",
    "select",
    "shortlist_csv",
    "tie_at_cut_off",
]

#: The ranking rule, in words, as the command and the pages state it.
RULE = (
    "score = sum of the event's votes and scores for the proposal; highest score first; ties "
    "broken by the number of distinct voters (most first), then by slug"
)


@attrs.frozen(kw_only=True)
class Score:
    """What one proposal received at an event."""

    proposal: str
    total: int | float
    voters: int
    #: Score by criterion, for votes that name one (in the order the criteria first appear).
    criteria: tuple[tuple[str, int | float], ...] = ()

    @property
    def key(self) -> tuple[int | float, int]:
        """The score, then the voters, which the rule ranks by before the slug."""
        return self.total, self.voters


def format_score(value: int | float) -> str:
    """A score as people write it: ``18``, ``17.5`` (never ``18.0``)."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _number(total: Decimal) -> int | float:
    # Summed as decimals, so that 0.1 + 0.2 ties with 0.3, as the people who wrote them mean.
    return int(total) if total == total.to_integral_value() else float(total)


@attrs.frozen(kw_only=True)
class Outcome:
    """A ranked proposal and what the selection does to it."""

    rank: int
    score: Score
    passed: bool
    #: The status recorded, or ``None`` when the proposal already has it from this event.
    status: ProposalStatus | None
    note: str
    #: Whether the proposal is in a tie at the cut-off.
    tied: bool = False


@attrs.frozen(kw_only=True)
class Tie:
    """Proposals of equal score and voters on both sides of the ``top`` cut-off."""

    proposals: tuple[str, ...]
    total: int | float
    voters: int
    #: How many of the places kept the tied proposals contend for.
    places: int
    #: ``"report"``: none of them recorded (a run-off is due); ``"include"``: all kept.
    resolution: Literal["include", "report"]

    def describe(self) -> str:
        """The tie in words, for the organisers."""
        names = ", ".join(self.proposals)
        what = (
            "all kept (--ties include)"
            if self.resolution == "include"
            else "none recorded: hold a run-off, or keep them all with --ties include"
        )
        return (
            f"tie at the cut-off: {names} have score {format_score(self.total)} and "
            f"{self.voters} voter(s) for {self.places} place(s); {what}"
        )


@attrs.frozen(kw_only=True)
class Selection:
    """The ranking of an event's proposals, and the catalogue with the outcome recorded."""

    event: Event
    outcomes: tuple[Outcome, ...]
    changed: tuple[tuple[Proposal, Proposal], ...]
    catalogue: Catalogue
    #: The tie at the cut-off, if there is one.
    tie: Tie | None = None


def _voter(vote_voter: str | None, organisation: str | None, index: int) -> str:
    # An anonymous vote counts as its own voter.
    return vote_voter or (f"org:{organisation}" if organisation else f"#{index}")


def rank(event: Event, proposals: Iterable[str]) -> list[Score]:
    """The scores of ``proposals`` at ``event``, in ranking order (see :data:`RULE`)."""
    totals: dict[str, Decimal] = {slug: Decimal(0) for slug in proposals}
    voters: dict[str, set[str]] = {slug: set() for slug in totals}
    criteria: dict[str, dict[str, Decimal]] = {slug: {} for slug in totals}
    for index, vote in enumerate(event.votes):
        if vote.proposal not in totals:
            continue
        score = Decimal(repr(vote.score))
        totals[vote.proposal] += score
        voters[vote.proposal].add(_voter(vote.voter, vote.organisation, index))
        if vote.criterion:
            by = criteria[vote.proposal]
            by[vote.criterion] = by.get(vote.criterion, Decimal(0)) + score
    scores = [
        Score(
            proposal=slug,
            total=_number(totals[slug]),
            voters=len(voters[slug]),
            criteria=tuple((name, _number(value)) for name, value in criteria[slug].items()),
        )
        for slug in totals
    ]
    return sorted(scores, key=lambda s: (-s.total, -s.voters, s.proposal))


def tie_at_cut_off(
    scores: list[Score], top: int | None, ties: Literal["include", "report"] = "report"
) -> Tie | None:
    """The tie at the ``top`` cut-off of ``scores`` (in ranking order), if there is one: the
    proposals of equal score and voters on both sides of it."""
    if top is None or top <= 0 or top >= len(scores):
        return None
    last = scores[top - 1].key
    if scores[top].key != last:
        return None
    tied = [s for s in scores if s.key == last]
    above = sum(1 for s in scores[:top] if s.key != last)
    return Tie(
        proposals=tuple(s.proposal for s in tied),
        total=last[0],
        voters=last[1],
        places=top - above,
        resolution=ties,
    )


def _candidates(catalogue: Catalogue, event: Event, season: str | None) -> list[str]:
    named = dict.fromkeys([*event.linked_proposals, *(vote.proposal for vote in event.votes)])
    return [
        slug
        for slug in named
        if season is None or catalogue.proposal(slug).season in (season, None)
    ]


_ORDER = (
    ProposalStatus.SUBMITTED,
    ProposalStatus.SHORTLISTED,
    ProposalStatus.SELECTED,
    ProposalStatus.IN_PROGRESS,
    ProposalStatus.DELIVERED,
)


def _kept_as_is(proposal: Proposal, target: ProposalStatus | None) -> str | None:
    """Why ``proposal`` keeps its status, or ``None`` when the selection moves it to ``target``.

    A proposal that already has the status, or is further on, or has left the lifecycle
    (rejected, withdrawn) is not moved back: running a selection again changes nothing.
    """
    current = proposal.status
    if target is None:
        return "not kept; left as it is"
    if current == target:
        return f"already {current.value}"
    if current.is_final:
        return f"stays {current.value}: a final status"
    if current in _ORDER and target in _ORDER and _ORDER.index(current) > _ORDER.index(target):
        return f"already further on: {current.value}"
    if target == ProposalStatus.REJECTED and current not in _ORDER[:2]:
        return f"stays {current.value}: a low score does not undo a selection"
    return None


def select(
    catalogue: Catalogue,
    event: str,
    *,
    top: int | None = None,
    threshold: int | float | None = None,
    status: ProposalStatus = ProposalStatus.SHORTLISTED,
    reject_others: bool = False,
    season: str | None = None,
    ties: Literal["include", "report"] = "report",
) -> Selection:
    """Rank the proposals of ``event`` and record the outcome in their histories.

    The proposals that pass move to ``status`` (``shortlisted`` or ``selected``); the others
    move to ``rejected`` only if ``reject_others`` is true (a final status: asked for, never
    assumed), and are left as they are otherwise. A tie at the ``top`` cut-off (see the
    module) is in :attr:`Selection.tie`: with ``ties="report"`` the tied proposals are left as
    they are, with ``ties="include"`` they are all kept. Each step is dated at the event, through
    :meth:`~ideation.Proposal.advance`. A proposal that already has the status, or is
    further on, is left as it is, so running the selection twice changes nothing. A step that
    cannot be recorded (the event is before the last step of the history) is a
    :class:`~ideation.errors.DataError` naming every such proposal; then nothing is changed.
    """
    found = _checked_event(catalogue, event, top, threshold)
    day = found.starts_at.date()
    scores = rank(found, _candidates(catalogue, found, season))
    outcomes: list[Outcome] = []
    changed: list[tuple[Proposal, Proposal]] = []
    problems: list[Problem] = []
    index = {p.slug: i for i, p in enumerate(catalogue.proposals)}
    tie = tie_at_cut_off(scores, top, ties)
    tied = set(tie.proposals) if tie else set()
    for position, score in enumerate(scores, start=1):
        in_tie = score.proposal in tied
        if in_tie:
            passed = ties == "include"
        elif top is not None:
            passed = position <= top
        else:
            passed = score.total >= (threshold or 0)
        target = status if passed else (ProposalStatus.REJECTED if reject_others else None)
        note = f"rank {position} of {len(scores)}, score {format_score(score.total)}"
        if in_tie:
            note += f", tied with {len(tied) - 1} other(s) at the cut-off"
        proposal = catalogue.proposal(score.proposal)
        kept = _kept_as_is(proposal, target)
        if in_tie and not passed:
            kept = "tied at the cut-off: left as it is for a run-off"
        if kept is not None:
            outcomes.append(
                Outcome(
                    rank=position, score=score, passed=passed, status=None, note=kept, tied=in_tie
                )
            )
            continue
        assert target is not None
        try:
            after = proposal.advance(target, day, event=found.slug, note=note)
        except FieldError as error:
            # The error carries the field's path apart from its message.
            path = f"$.proposals[{index[proposal.slug]}].{error.path}"
            problems.append(Problem(path=path, message=error.message))
            continue
        changed.append((proposal, after))
        outcomes.append(
            Outcome(
                rank=position, score=score, passed=passed, status=target, note=note, tied=in_tie
            )
        )
    if problems:
        raise DataError(problems)
    replaced = {after.slug: after for _, after in changed}
    updated = attrs.evolve(
        catalogue, proposals=[replaced.get(p.slug, p) for p in catalogue.proposals]
    )
    return Selection(
        event=found, outcomes=tuple(outcomes), changed=tuple(changed), catalogue=updated, tie=tie
    )


def _checked_event(
    catalogue: Catalogue, event: str, top: int | None, threshold: int | float | None
) -> Event:
    """The event that voted, once the cut (``top`` or ``threshold``) is known to make sense."""
    if (top is None) == (threshold is None):
        raise UsageError("expected either a number of proposals to keep or a threshold score")
    if top is not None and top < 0:
        raise UsageError(f"expected a number of proposals of 0 or more, got {top}")
    try:
        return catalogue.event(event)
    except KeyError:
        raise UsageError(f"no event {event!r} in the catalogue") from None


def shortlist_csv(catalogue: Catalogue, selection: Selection) -> str:
    """The ranking as CSV for the organisers: rank, proposal, title, score, voters, outcome.

    Titles come from people: one that a spreadsheet would run as a formula is neutralised.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    criteria = sorted({name for o in selection.outcomes for name, _ in o.score.criteria})
    header = ["rank", "proposal", "title", "score", "voters", *criteria, "outcome"]
    writer.writerow([neutralise(name) for name in header])
    for outcome in selection.outcomes:
        by = dict(outcome.score.criteria)
        proposal = catalogue.proposal(outcome.score.proposal)
        writer.writerow(
            [
                outcome.rank,
                proposal.slug,
                neutralise(proposal.title),
                format_score(outcome.score.total),
                outcome.score.voters,
                *(format_score(by.get(name, 0)) for name in criteria),
                (outcome.status or proposal.status).value,
            ]
        )
    return out.getvalue()
