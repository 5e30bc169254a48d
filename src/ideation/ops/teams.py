"""Team formation: candidates placed on selected proposals, optimal for a stated objective.

The objective, in this order (a later level only decides between solutions equal on the
earlier ones):

1. the smallest **shortfall**: summed over the proposals, the places missing to reach the
   team's minimum size, plus, for each wanted profile (or need), the members missing to cover it;
2. the most candidates **placed**;
3. the smallest sum of the **ranks** of the wishes granted (first wish = 1);
4. ties broken by slug order: candidates and proposals enter the integer program sorted by
   slug, and the solver is deterministic, so the same input always gives the same teams.

Hard constraints: a candidate is placed at most once, only on a proposal they wished for, and no
team exceeds its maximum. The problem is one integer program solved to optimality with SciPy's
``milp`` (HiGHS), the three levels weighted so that each one outweighs everything after it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from ..model import Candidate, Catalogue, Proposal, ProposalStatus

__all__ = [
    "TEAM_STATUSES",
    "Objective",
    "ProposalReport",
    "TeamInput",
    "Teams",
    "form_teams",
    "shortfall_reasons",
    "solve",
    "team_input",
]


@attrs.frozen(kw_only=True)
class Objective:
    """The value of a solution on each level of the objective."""

    shortfall: int
    placed: int
    rank_sum: int

    def as_dict(self) -> dict[str, int]:
        """The levels as a JSON-ready mapping, in the order they are optimised."""
        return {"shortfall": self.shortfall, "placed": self.placed, "rank_sum": self.rank_sum}


def _proposals_by_slug(items: Iterable[Proposal]) -> tuple[Proposal, ...]:
    return tuple(sorted(items, key=lambda item: item.slug))


def _candidates_by_slug(items: Iterable[Candidate]) -> tuple[Candidate, ...]:
    return tuple(sorted(items, key=lambda item: item.slug))


@attrs.frozen(kw_only=True)
class TeamInput:
    """What the solver works on: the selected proposals and the candidates, in slug order."""

    proposals: tuple[Proposal, ...] = attrs.field(converter=_proposals_by_slug)
    candidates: tuple[Candidate, ...] = attrs.field(converter=_candidates_by_slug)


@attrs.frozen(kw_only=True)
class ProposalReport:
    """How well one proposal's team meets its needs."""

    slug: str
    members: tuple[str, ...]
    minimum: int
    maximum: int | None
    wishers: int
    #: For each required profile, (profile, members who have it, members needed).
    profiles: tuple[tuple[str, int, int], ...]

    @property
    def shortfall(self) -> int:
        """Places missing to the minimum, plus members missing for each profile."""
        missing = max(0, self.minimum - len(self.members))
        return missing + sum(max(0, needed - have) for _, have, needed in self.profiles)


@attrs.frozen(kw_only=True)
class Teams:
    """The teams found, the candidates left out, the objective reached, and why."""

    teams: dict[str, tuple[str, ...]]
    unplaced: tuple[str, ...]
    objective: Objective
    reports: tuple[ProposalReport, ...]
    #: For each candidate, the rank granted (``None`` when unplaced) and the reasons.
    explanations: dict[str, tuple[int | None, tuple[str, ...]]]

    def as_json(self) -> dict[str, Any]:
        """``{"teams": {PROPOSAL: [CANDIDATE, …]}, "unplaced": […], "objective": {…}}``."""
        return {
            "teams": {slug: list(members) for slug, members in self.teams.items()},
            "unplaced": list(self.unplaced),
            "objective": self.objective.as_dict(),
        }


#: The statuses of the proposals that get a team, selected and already under way.
TEAM_STATUSES = frozenset({ProposalStatus.SELECTED, ProposalStatus.IN_PROGRESS})


def team_input(catalogue: Catalogue, *, season: str | None = None) -> TeamInput:
    """The proposals of ``catalogue`` (of ``season``) that get a team, and the candidates."""
    scoped = catalogue.in_season(season)
    proposals = [
        p
        for p in scoped.proposals
        if p.status in TEAM_STATUSES and (season is None or p.season == season)
    ]
    return TeamInput(proposals=proposals, candidates=scoped.candidates)


def form_teams(catalogue: Catalogue, *, season: str | None = None) -> Teams:
    """The optimal teams for the selected proposals of ``catalogue`` (see the module)."""
    return solve(team_input(catalogue, season=season))


def solve(problem: TeamInput) -> Teams:
    """Solve ``problem`` to optimality on every level of the objective; explain the result."""
    from ._milp import assign

    assignment = assign(problem)
    return _explain(problem, assignment)


def _reports(problem: TeamInput, teams: dict[str, list[Candidate]]) -> tuple[ProposalReport, ...]:
    reports = []
    for proposal in problem.proposals:
        members = teams[proposal.slug]
        size = proposal.team_size
        profiles = tuple(
            (name, sum(1 for c in members if c.has_profile(name)), count)
            for name, count in proposal.required_profiles().values()
        )
        reports.append(
            ProposalReport(
                slug=proposal.slug,
                members=tuple(c.slug for c in members),
                minimum=size.min if size else 0,
                maximum=size.max if size else None,
                wishers=sum(1 for c in problem.candidates if proposal.slug in c.wishes),
                profiles=profiles,
            )
        )
    return tuple(reports)


def _explain(problem: TeamInput, assignment: dict[str, str]) -> Teams:
    by_slug = {p.slug: p for p in problem.proposals}
    teams: dict[str, list[Candidate]] = {p.slug: [] for p in problem.proposals}
    for candidate in problem.candidates:
        if candidate.slug in assignment:
            teams[assignment[candidate.slug]].append(candidate)
    reports = _reports(problem, teams)
    report_of = {report.slug: report for report in reports}
    explanations: dict[str, tuple[int | None, tuple[str, ...]]] = {}
    for candidate in problem.candidates:
        placed = assignment.get(candidate.slug)
        rank = candidate.rank_of(placed) if placed else None
        better = candidate.wishes[: (rank - 1) if rank else len(candidate.wishes)]
        reasons = [_why_not(candidate, wish, by_slug, report_of, placed) for wish in better]
        if not candidate.wishes:
            reasons.append("no wishes: a candidate is only placed on a proposal they wished for")
        explanations[candidate.slug] = (rank, tuple(reasons))
    objective = Objective(
        shortfall=sum(report.shortfall for report in reports),
        placed=len(assignment),
        rank_sum=sum(
            c.rank_of(assignment[c.slug]) or 0 for c in problem.candidates if c.slug in assignment
        ),
    )
    return Teams(
        teams={slug: tuple(c.slug for c in members) for slug, members in teams.items()},
        unplaced=tuple(c.slug for c in problem.candidates if c.slug not in assignment),
        objective=objective,
        reports=reports,
        explanations=explanations,
    )


def _why_not(
    candidate: Candidate,
    wish: str,
    proposals: dict[str, Proposal],
    reports: dict[str, ProposalReport],
    placed: str | None,
) -> str:
    """Why ``candidate`` is not on ``wish``, a proposal they wished more than what they got."""
    rank = candidate.rank_of(wish)
    if wish not in proposals:
        return f"wish {rank} ({wish}) is not a selected proposal"
    report = reports[wish]
    if report.maximum is not None and len(report.members) >= report.maximum:
        return f"wish {rank} ({wish}) is full: its team has its maximum of {report.maximum}"
    if placed is not None:
        current = reports[placed]
        if len(current.members) <= current.minimum:
            return (
                f"wish {rank} ({wish}): {placed} needs them to reach its minimum of "
                f"{current.minimum}"
            )
        for name, have, needed in current.profiles:
            if candidate.has_profile(name) and have <= needed:
                return f"wish {rank} ({wish}): they cover the profile {name!r} on {placed}"
    return (
        f"wish {rank} ({wish}): a move there would not improve the objective "
        "(shortfall, then placements, then ranks)"
    )


def shortfall_reasons(report: ProposalReport) -> list[str]:
    """Why a proposal's needs are not all met, in words for the organisers."""
    reasons = []
    if len(report.members) < report.minimum:
        reasons.append(
            f"{report.slug}: {len(report.members)} member(s) for a minimum of "
            f"{report.minimum}; {report.wishers} candidate(s) wished for it"
        )
    for name, have, needed in report.profiles:
        if have < needed:
            reasons.append(
                f"{report.slug}: profile {name!r} covered by {have} of the {needed} "
                "member(s) needed"
            )
    return reasons
