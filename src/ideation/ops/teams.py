"""Team formation: candidates placed on selected proposals, optimal for a stated objective.

The objective, in this order (a later level only decides between solutions equal on the
earlier ones):

1. the smallest **shortfall**: summed over the proposals, the places missing to reach the
   team's minimum size, plus, for each wanted profile (or need), the members missing to cover it;
2. the smallest breach of the **mixed-team rule**, where a proposal (``team_size``) asks for
   one: the members of one ministry beyond ``max_per_ministry``, plus the ministries missing to
   ``min_ministries`` (a ministry is an organisation's top-level parent);
3. the most candidates **placed**;
4. the smallest sum of the **ranks** of the wishes granted (first wish = 1);
5. ties broken by slug order: candidates and proposals enter the integer program sorted by
   slug, and the solver is deterministic, so the same input always gives the same teams.

Hard constraints: a candidate is placed at most once, only on a proposal they wished for, and no
team exceeds its maximum; a **kept** placement (``TeamInput.fixed``) is made whatever the
objective says. The problem is one integer program solved to optimality with SciPy's ``milp``
(HiGHS), the levels weighted so that each one outweighs everything after it.

A season is not one solve: :func:`~ideation.ops.teams.plan_teams` keeps the teams recorded
in the proposals' files (``team``), takes off them the candidates who withdrew, and places the
others in the places left, optimal under that constraint; the organiser's pins and exclusions
come on top.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TypedDict

import attrs

from ..errors import UsageError
from ..model import Candidate, Catalogue, Proposal, ProposalStatus, TeamSize

__all__ = [
    "TEAM_STATUSES",
    "Change",
    "Objective",
    "ProposalReport",
    "TeamInput",
    "TeamPlan",
    "Teams",
    "TeamsJson",
    "effective_team_size",
    "form_teams",
    "ministries",
    "plan_teams",
    "recorded_reports",
    "recorded_teams",
    "shortfall_reasons",
    "solve",
    "team_input",
]


@attrs.frozen(kw_only=True)
class Objective:
    """The value of a solution on each level of the objective."""

    shortfall: int
    mix: int = 0
    placed: int
    rank_sum: int

    def as_dict(self) -> dict[str, int]:
        """The levels as a JSON-ready mapping, in the order they are optimised."""
        return {
            "shortfall": self.shortfall,
            "mix": self.mix,
            "placed": self.placed,
            "rank_sum": self.rank_sum,
        }


def _proposals_by_slug(items: Iterable[Proposal]) -> tuple[Proposal, ...]:
    return tuple(sorted(items, key=lambda item: item.slug))


def _candidates_by_slug(items: Iterable[Candidate]) -> tuple[Candidate, ...]:
    return tuple(sorted(items, key=lambda item: item.slug))


def _frozen(value: Mapping[str, str]) -> Mapping[str, str]:
    return dict(value)


def _mix_of(proposal: Proposal) -> tuple[int | None, int | None] | None:
    size = proposal.team_size
    if size is None or (size.max_per_ministry is None and size.min_ministries is None):
        return None
    return size.max_per_ministry, size.min_ministries


@attrs.frozen(kw_only=True)
class TeamInput:
    """What the solver works on: the selected proposals and the candidates, in slug order.

    ``fixed`` maps a candidate's slug to the proposal they stay on (a recorded placement, or
    the organiser's pin), wished for or not; ``ministries`` maps a candidate's slug to their
    ministry, for the mixed-team rule of the proposals whose ``team_size`` states one.
    """

    proposals: tuple[Proposal, ...] = attrs.field(converter=_proposals_by_slug)
    candidates: tuple[Candidate, ...] = attrs.field(converter=_candidates_by_slug)
    fixed: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen, eq=False)
    ministries: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen, eq=False)

    @property
    def mix(self) -> dict[str, tuple[int | None, int | None]]:
        """Each proposal's mixed-team rule, as (most members of one ministry, fewest
        ministries)."""
        return {p.slug: rule for p in self.proposals if (rule := _mix_of(p)) is not None}


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
    #: The members by ministry, most first (members of no known organisation left out).
    ministries: tuple[tuple[str, int], ...] = ()
    #: The mixed-team rule, most members of one ministry and fewest ministries (``None`` for
    #: no bound).
    max_per_ministry: int | None = None
    min_ministries: int | None = None

    @property
    def shortfall(self) -> int:
        """Places missing to the minimum, plus members missing for each profile."""
        missing = max(0, self.minimum - len(self.members))
        return missing + sum(max(0, needed - have) for _, have, needed in self.profiles)

    @property
    def mix(self) -> int:
        """How far the team is from its mixed-team rule (0 when it holds, or there is none)."""
        beyond = 0
        if self.max_per_ministry is not None:
            beyond = sum(max(0, n - self.max_per_ministry) for _, n in self.ministries)
        missing = 0
        if self.min_ministries is not None:
            missing = max(0, self.min_ministries - len(self.ministries))
        return beyond + missing


class TeamsJson(TypedDict):
    """The teams as JSON: ``ideation teams --format json`` prints this shape."""

    teams: dict[str, list[str]]
    unplaced: list[str]
    objective: dict[str, int]


@attrs.frozen(kw_only=True)
class Teams:
    """The teams found, the candidates left out, the objective reached, and why."""

    teams: dict[str, tuple[str, ...]]
    unplaced: tuple[str, ...]
    objective: Objective
    reports: tuple[ProposalReport, ...]
    #: For each candidate, the rank granted (``None`` when unplaced or placed unwished) and
    #: the reasons.
    explanations: dict[str, tuple[int | None, tuple[str, ...]]]

    @property
    def placements(self) -> dict[str, str]:
        """Each placed candidate's proposal."""
        return {member: slug for slug, members in self.teams.items() for member in members}

    def as_json(self) -> TeamsJson:
        """``{"teams": {PROPOSAL: [CANDIDATE, …]}, "unplaced": […], "objective": {…}}``."""
        return {
            "teams": {slug: list(members) for slug, members in self.teams.items()},
            "unplaced": list(self.unplaced),
            "objective": self.objective.as_dict(),
        }


#: The statuses of the proposals that get a team, selected and already under way.
TEAM_STATUSES = frozenset({ProposalStatus.SELECTED, ProposalStatus.IN_PROGRESS})


def ministries(catalogue: Catalogue) -> dict[str, str]:
    """Each candidate's ministry: the top-level parent of their organisation (or itself)."""
    found: dict[str, str] = {}
    for candidate in catalogue.candidates:
        if candidate.organisation is None:
            continue
        chain = catalogue.ancestors(candidate.organisation)
        found[candidate.slug] = chain[-1].slug if chain else candidate.organisation
    return found


def effective_team_size(catalogue: Catalogue, proposal: Proposal) -> TeamSize | None:
    """The team size that applies to ``proposal``: its own, the mixed-team fields it leaves
    out taken from the programme's; the programme's when it states none."""
    default = catalogue.programme.team_size
    own = proposal.team_size
    if own is None or default is None:
        return own or default
    return attrs.evolve(
        own,
        max_per_ministry=(
            own.max_per_ministry if own.max_per_ministry is not None else default.max_per_ministry
        ),
        min_ministries=(
            own.min_ministries if own.min_ministries is not None else default.min_ministries
        ),
    )


def _team_proposals(catalogue: Catalogue, season: str | None) -> list[Proposal]:
    """The proposals that get a team, each with the team size that applies to it (not the
    objects to write back: see :func:`_recorded`)."""
    found = []
    for p in catalogue.in_season(season).proposals:
        if p.status in TEAM_STATUSES and (season is None or p.season == season):
            size = effective_team_size(catalogue, p)
            found.append(p if size == p.team_size else attrs.evolve(p, team_size=size))
    return found


def team_input(catalogue: Catalogue, *, season: str | None = None) -> TeamInput:
    """The proposals of ``catalogue`` (of ``season``) that get a team, and the candidates who
    have not withdrawn."""
    scoped = catalogue.in_season(season)
    return TeamInput(
        proposals=_team_proposals(catalogue, season),
        candidates=[c for c in scoped.candidates if not c.is_withdrawn],
        ministries=ministries(catalogue),
    )


def form_teams(catalogue: Catalogue, *, season: str | None = None) -> Teams:
    """The optimal teams for the selected proposals of ``catalogue``, from scratch: recorded
    teams are not kept (see :func:`~ideation.ops.teams.plan_teams` for that)."""
    return solve(team_input(catalogue, season=season))


def recorded_teams(catalogue: Catalogue, *, season: str | None = None) -> dict[str, str]:
    """The placements recorded in the files of the proposals that get a team: candidate slug
    to proposal slug. A candidate recorded on two teams counts on the first, in slug order."""
    found: dict[str, str] = {}
    for proposal in sorted(_team_proposals(catalogue, season), key=lambda p: p.slug):
        for member in proposal.team:
            found.setdefault(member, proposal.slug)
    return found


def recorded_reports(
    catalogue: Catalogue, *, season: str | None = None
) -> tuple[ProposalReport, ...]:
    """How well each recorded team (a proposal's ``team``) meets its needs, for the proposals
    that get a team, in slug order. Members who withdrew are not counted; needs no solver."""
    proposals = _team_proposals(catalogue, season)
    by_slug = {c.slug: c for c in catalogue.candidates}
    members = {
        p.slug: [
            by_slug[slug]
            for slug in dict.fromkeys(p.team)
            if slug in by_slug and not by_slug[slug].is_withdrawn
        ]
        for p in proposals
    }
    active = [c for c in catalogue.in_season(season).candidates if not c.is_withdrawn]
    problem = TeamInput(proposals=proposals, candidates=active, ministries=ministries(catalogue))
    return _reports(problem, members)


def solve(problem: TeamInput) -> Teams:
    """Solve ``problem`` to optimality on every level of the objective; explain the result."""
    from ._milp import assign

    assignment = assign(problem)
    return _explain(problem, assignment)


def _ministry_counts(problem: TeamInput, members: list[Candidate]) -> tuple[tuple[str, int], ...]:
    counts: dict[str, int] = {}
    for member in members:
        ministry = problem.ministries.get(member.slug)
        if ministry is not None:
            counts[ministry] = counts.get(ministry, 0) + 1
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _reports(problem: TeamInput, teams: dict[str, list[Candidate]]) -> tuple[ProposalReport, ...]:
    reports = []
    mix = problem.mix
    for proposal in problem.proposals:
        members = teams[proposal.slug]
        size = proposal.team_size
        profiles = tuple(
            (name, sum(1 for c in members if c.has_profile(name)), count)
            for name, count in proposal.required_profiles().values()
        )
        most, least = mix.get(proposal.slug, (None, None))
        reports.append(
            ProposalReport(
                slug=proposal.slug,
                members=tuple(c.slug for c in members),
                minimum=size.min if size else 0,
                maximum=size.max if size else None,
                wishers=sum(1 for c in problem.candidates if proposal.slug in c.wishes),
                profiles=profiles,
                ministries=_ministry_counts(problem, members),
                max_per_ministry=most,
                min_ministries=least,
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
        if placed is not None and problem.fixed.get(candidate.slug) == placed:
            why = f"kept on {placed}, as recorded or pinned"
            if rank is None:
                why += " (not among their wishes)"
            explanations[candidate.slug] = (rank, (why,))
            continue
        better = candidate.wishes[: (rank - 1) if rank else len(candidate.wishes)]
        reasons = [_why_not(candidate, wish, by_slug, report_of, placed) for wish in better]
        if not candidate.wishes:
            reasons.append("no wishes: a candidate is only placed on a proposal they wished for")
        explanations[candidate.slug] = (rank, tuple(reasons))
    objective = Objective(
        shortfall=sum(report.shortfall for report in reports),
        mix=sum(report.mix for report in reports),
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
    if report.max_per_ministry is not None or report.min_ministries is not None:
        return (
            f"wish {rank} ({wish}): a move there would not improve the objective "
            "(shortfall, then the mixed-team rule, then placements, then ranks)"
        )
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
    if report.max_per_ministry is not None:
        for ministry, count in report.ministries:
            if count > report.max_per_ministry:
                reasons.append(
                    f"{report.slug}: {count} members of {ministry}, for at most "
                    f"{report.max_per_ministry} (no better mix among the candidates who wished "
                    "for it)"
                )
    if report.min_ministries is not None and len(report.ministries) < report.min_ministries:
        reasons.append(
            f"{report.slug}: {len(report.ministries)} ministries on the team, for at least "
            f"{report.min_ministries}"
        )
    return reasons


# -- a season's life: recorded teams kept ---------------------------------------------------


@attrs.frozen(kw_only=True)
class Change:
    """A change to the recorded teams: who, from where (``None``: unplaced), to where, why."""

    candidate: str
    before: str | None
    after: str | None
    reason: str

    @property
    def moved(self) -> bool:
        """Whether a recorded placement changed (a removal or a move, not a new placement)."""
        return self.before is not None


@attrs.frozen(kw_only=True)
class TeamPlan:
    """The teams of a season once the recorded ones are kept, and what changed.

    ``catalogue`` holds the new teams in each proposal's ``team``, and a dated note in the
    history of each proposal whose recorded team changed.
    """

    teams: Teams
    changes: tuple[Change, ...]
    recorded: Mapping[str, str]
    catalogue: Catalogue
    #: What the organisers should know, such as a recorded team beyond its maximum, or a
    #: candidate recorded on two teams.
    warnings: tuple[str, ...] = ()

    @property
    def moved(self) -> tuple[Change, ...]:
        """The removals and moves of recorded placements; none, by default."""
        return tuple(change for change in self.changes if change.moved)


def _check_decisions(
    catalogue: Catalogue,
    proposals: Iterable[Proposal],
    pins: Mapping[str, str],
    exclude: Iterable[str],
) -> None:
    """Refuse, naming every one, pins and exclusions of unknown candidates or proposals."""
    team_slugs = {p.slug for p in proposals}
    known = {c.slug for c in catalogue.candidates}
    problems = []
    for candidate, proposal in pins.items():
        if candidate not in known:
            problems.append(f"--pin {candidate}={proposal}: no candidate {candidate!r}")
        elif catalogue.candidate(candidate).is_withdrawn:
            problems.append(f"--pin {candidate}={proposal}: {candidate!r} has withdrawn")
        if proposal not in team_slugs:
            problems.append(
                f"--pin {candidate}={proposal}: {proposal!r} is not a selected or in-progress "
                "proposal of the season"
            )
    for candidate in exclude:
        if candidate not in known:
            problems.append(f"--exclude {candidate}: no candidate {candidate!r}")
        elif candidate in pins:
            problems.append(f"--exclude {candidate}: {candidate!r} is pinned as well")
    if problems:
        raise UsageError("; ".join(problems))


def plan_teams(
    catalogue: Catalogue,
    *,
    season: str | None = None,
    from_scratch: bool = False,
    pins: Mapping[str, str] | None = None,
    exclude: Iterable[str] = (),
    today: dt.date | None = None,
) -> TeamPlan:
    """The season's teams, keeping every recorded placement of a candidate still in.

    Each recorded placement (a proposal's ``team``) of a candidate who has not withdrawn, is
    not excluded and not pinned elsewhere is kept; the withdrawn and the excluded leave their
    team; ``pins`` (candidate to proposal) place a candidate whatever their wishes; everyone
    else is placed in the places left, optimal for the objective under those constraints.
    ``from_scratch`` keeps nothing recorded (pins still hold). The history of each proposal
    whose recorded team changes gets a dated note (counts, never names), dated on the latest
    withdrawal it records, or ``today``. Raise :class:`~ideation.errors.UsageError` for a pin
    or an exclusion that names no candidate, or no proposal that gets a team.
    """
    pins = dict(pins or {})
    excluded = set(exclude)
    proposals = _team_proposals(catalogue, season)
    _check_decisions(catalogue, proposals, pins, excluded)
    recorded = recorded_teams(catalogue, season=season)
    # The season's candidates, and those recorded or pinned on its teams whatever their
    # season (a returning member's file may name the season they first applied in).
    wanted = {c.slug for c in catalogue.in_season(season).candidates} | set(recorded) | set(pins)
    candidates = [
        c
        for c in catalogue.candidates
        if c.slug in wanted and not c.is_withdrawn and c.slug not in excluded
    ]
    present = {c.slug for c in candidates}
    fixed = {} if from_scratch else {c: p for c, p in recorded.items() if c in present}
    fixed.update(pins)
    problem = TeamInput(
        proposals=proposals, candidates=candidates, fixed=fixed, ministries=ministries(catalogue)
    )
    teams = solve(problem)
    changes = _changes(catalogue, recorded, teams, pins, excluded, from_scratch)
    day = today or dt.date.today()
    updated = _recorded(catalogue, proposals, teams, changes, day)
    return TeamPlan(
        teams=teams,
        changes=changes,
        recorded=recorded,
        catalogue=updated,
        warnings=tuple(_warnings(catalogue, proposals, recorded)),
    )


def _changes(
    catalogue: Catalogue,
    recorded: Mapping[str, str],
    teams: Teams,
    pins: Mapping[str, str],
    excluded: set[str],
    from_scratch: bool,
) -> tuple[Change, ...]:
    placements = teams.placements
    by_slug = {c.slug: c for c in catalogue.candidates}
    changes = []
    for slug in sorted({*recorded, *placements}):
        before, after = recorded.get(slug), placements.get(slug)
        if before == after:
            continue
        candidate = by_slug.get(slug)
        if before is None:
            rank = candidate.rank_of(after) if candidate and after else None
            reason = f"placed on a free place (wish {rank})" if rank else "placed on a free place"
            if slug in pins:
                reason = "pinned by the organiser (--pin)"
        elif candidate is not None and candidate.withdrawn is not None:
            reason = f"withdrew on {candidate.withdrawn.isoformat()}"
            if candidate.withdrawal_note:
                reason += f": {candidate.withdrawal_note}"
        elif slug in excluded:
            reason = "excluded by the organiser (--exclude)"
        elif slug in pins:
            reason = f"pinned to {pins[slug]} by the organiser (--pin)"
        elif from_scratch:
            reason = "teams recomputed from scratch (--from-scratch)"
        else:
            reason = "out of the season's candidates"
        changes.append(Change(candidate=slug, before=before, after=after, reason=reason))
    return tuple(changes)


def _note(left: list[Change], joined: list[Change]) -> str:
    parts = []
    withdrew = [c for c in left if c.reason.startswith("withdrew")]
    if withdrew:
        parts.append(f"{len(withdrew)} member(s) withdrew")
    if len(left) > len(withdrew):
        parts.append(f"{len(left) - len(withdrew)} member(s) left by the organisers' decision")
    if joined:
        parts.append(f"{len(joined)} member(s) joined")
    return "team: " + "; ".join(parts)


def _recorded(
    catalogue: Catalogue,
    proposals: list[Proposal],
    teams: Teams,
    changes: tuple[Change, ...],
    today: dt.date,
) -> Catalogue:
    """``catalogue`` with the new teams recorded, and a note where a recorded team changed."""
    replaced: dict[str, Proposal] = {}
    for effective in proposals:
        # The proposal as read: the programme's team size is not written into its file.
        proposal = catalogue.proposal(effective.slug)
        team = teams.teams[proposal.slug]
        updated = attrs.evolve(proposal, team=team)
        left = [c for c in changes if c.before == proposal.slug and c.after != proposal.slug]
        joined = [c for c in changes if c.after == proposal.slug and c.before != proposal.slug]
        if proposal.team and (left or joined):
            dates = [
                catalogue.candidate(c.candidate).withdrawn
                for c in left
                if c.reason.startswith("withdrew")
            ]
            day = max((d for d in dates if d is not None), default=today)
            if proposal.history and day < proposal.history[-1].date:
                day = proposal.history[-1].date
            updated = updated.advance(updated.status, day, note=_note(left, joined))
        replaced[proposal.slug] = updated
    return attrs.evolve(catalogue, proposals=[replaced.get(p.slug, p) for p in catalogue.proposals])


def _warnings(
    catalogue: Catalogue, proposals: list[Proposal], recorded: Mapping[str, str]
) -> list[str]:
    found = []
    for proposal in proposals:
        size = proposal.team_size
        if size is not None and size.max is not None and len(proposal.team) > size.max:
            found.append(
                f"{proposal.slug}: {len(proposal.team)} members recorded, beyond its maximum "
                f"of {size.max}: kept as recorded, nobody joins"
            )
        for member in proposal.team:
            if recorded.get(member, proposal.slug) != proposal.slug:
                found.append(
                    f"{member} is recorded on {recorded[member]} and on {proposal.slug}: kept "
                    f"on {recorded[member]}"
                )
    return found
