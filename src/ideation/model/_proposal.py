"""Project proposals and their lifecycle."""

from __future__ import annotations

import datetime as dt
import enum
import itertools
from collections.abc import Mapping

import attrs

from .._validators import check_slug, frozen_mapping, optional_slug, slug_tuple, str_tuple, to_tuple
from ..errors import FieldError
from ._candidate import Need, TeamSize, normalise_profile
from ._plain import PlainValue


class ProposalStatus(enum.StrEnum):
    """Where a proposal stands. :data:`~ideation.model.TRANSITIONS` says which moves are legal."""

    SUBMITTED = "submitted"
    SHORTLISTED = "shortlisted"
    SELECTED = "selected"
    IN_PROGRESS = "in-progress"
    DELIVERED = "delivered"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"

    @property
    def is_final(self) -> bool:
        """True for the statuses a proposal never leaves."""
        return not TRANSITIONS[self]


#: The proposal lifecycle: each status and the statuses it may move to. ``rejected`` and
#: ``withdrawn`` are the exits; ``delivered`` is the happy end.
TRANSITIONS: Mapping[ProposalStatus, frozenset[ProposalStatus]] = {
    ProposalStatus.SUBMITTED: frozenset(
        {
            ProposalStatus.SHORTLISTED,
            ProposalStatus.SELECTED,
            ProposalStatus.REJECTED,
            ProposalStatus.WITHDRAWN,
        }
    ),
    ProposalStatus.SHORTLISTED: frozenset(
        {ProposalStatus.SELECTED, ProposalStatus.REJECTED, ProposalStatus.WITHDRAWN}
    ),
    ProposalStatus.SELECTED: frozenset({ProposalStatus.IN_PROGRESS, ProposalStatus.WITHDRAWN}),
    ProposalStatus.IN_PROGRESS: frozenset({ProposalStatus.DELIVERED, ProposalStatus.WITHDRAWN}),
    ProposalStatus.DELIVERED: frozenset(),
    ProposalStatus.REJECTED: frozenset(),
    ProposalStatus.WITHDRAWN: frozenset(),
}


@attrs.frozen(kw_only=True)
class StatusChange:
    """A dated step of a proposal's history, and the event where it happened, if any."""

    status: ProposalStatus
    date: dt.date
    note: str | None = None
    event: str | None = attrs.field(default=None, validator=optional_slug)
    extra: Mapping[str, PlainValue] = attrs.field(
        factory=dict, converter=frozen_mapping, repr=False, hash=False
    )


@attrs.frozen(kw_only=True)
class Link:
    """A useful resource: a URL and what it is."""

    url: str
    title: str | None = None
    extra: Mapping[str, PlainValue] = attrs.field(
        factory=dict, converter=frozen_mapping, repr=False, hash=False
    )


def _default_status(proposal: Proposal) -> ProposalStatus:
    return proposal.history[-1].status if proposal.history else ProposalStatus.SUBMITTED


def _move_problem(before: StatusChange, after: StatusChange) -> tuple[str, str] | None:
    """What is wrong with the step ``before`` -> ``after``, as (field, message); None if legal.

    The one wording of an illegal move, for a history read from a file and for
    :meth:`Proposal.advance` alike.
    """
    if after.date < before.date:
        return "date", (
            f"expected the history in date order, got "
            f"{after.date.isoformat()} after {before.date.isoformat()}"
        )
    # A step that keeps the status is a dated note (a team change), not a move.
    if after.status != before.status and after.status not in TRANSITIONS[before.status]:
        allowed = ", ".join(sorted(TRANSITIONS[before.status])) or "none, it is final"
        return "status", (
            f"a proposal cannot go from {before.status.value!r} "
            f"to {after.status.value!r} (allowed: {allowed})"
        )
    return None


def check_history(
    instance: Proposal | None,
    attribute: attrs.Attribute[tuple[StatusChange, ...]],
    value: tuple[StatusChange, ...],
) -> None:
    """Check that a history moves by legal steps, in date order (the value alone decides:
    the fast load path runs it as soon as the history is built)."""
    # Nearly every history read is legal: a pass that only tests each step, without a call
    # per step, then, for a bad one, the loop that words the first problem.
    for before, after in itertools.pairwise(value):
        if after.date < before.date or (
            after.status != before.status and after.status not in TRANSITIONS[before.status]
        ):
            break
    else:
        return
    for index, (before, after) in enumerate(itertools.pairwise(value), start=1):
        found = _move_problem(before, after)
        if found is not None:
            field, message = found
            raise FieldError(f"history[{index}].{field}", message)


@attrs.frozen(kw_only=True)
class Proposal:
    """A project proposal: pitched at an event, selected or not, carried out or not.

    ``status`` is where the proposal stands now; when there is a ``history`` it defaults to the
    last status in it, and must agree with it.
    """

    slug: str = attrs.field(validator=check_slug)
    title: str
    date: dt.datetime | dt.date | None = None
    summary: str | None = None
    problem: str | None = None
    objectives: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=str_tuple)
    use_cases: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=str_tuple)
    technical_domains: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple, validator=str_tuple
    )
    wanted_profiles: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple, validator=str_tuple
    )
    resources: tuple[Link, ...] = attrs.field(default=(), converter=to_tuple)
    lead: str | None = None
    sponsors: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=slug_tuple)
    repository: str | None = None
    events: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=slug_tuple)
    phase: str | None = attrs.field(default=None, validator=optional_slug)
    tags: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=str_tuple)
    images: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=str_tuple)
    history: tuple[StatusChange, ...] = attrs.field(
        default=(), converter=to_tuple, validator=check_history
    )
    status: ProposalStatus = attrs.field(
        default=attrs.Factory(_default_status, takes_self=True), converter=ProposalStatus
    )
    draft: bool = False
    description: str | None = None
    season: str | None = attrs.field(default=None, validator=optional_slug)
    continues: str | None = attrs.field(default=None, validator=optional_slug)
    continued_as: str | None = attrs.field(default=None, validator=optional_slug)
    team_size: TeamSize | None = None
    needs: tuple[Need, ...] = attrs.field(default=(), converter=to_tuple)
    team: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=slug_tuple)
    extra: Mapping[str, PlainValue] = attrs.field(
        factory=dict, converter=frozen_mapping, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        if self.history and self.history[-1].status != self.status:
            raise FieldError(
                "status",
                f"expected {self.history[-1].status.value!r}, the last status of the "
                f"history, got {self.status.value!r}",
            )
        if self.continues is not None and self.continues == self.slug:
            raise FieldError("continues", "expected another proposal, got the proposal itself")
        if self.continued_as is not None and self.continued_as == self.slug:
            raise FieldError("continued_as", "expected another proposal, got the proposal itself")

    def advance(
        self,
        status: ProposalStatus | str,
        date: dt.date,
        *,
        event: str | None = None,
        note: str | None = None,
    ) -> Proposal:
        """A copy of this proposal moved on to ``status`` on ``date``: the step is added to its
        ``history`` and its ``status`` set, in one go.

        For a proposal without a history, the first step is checked against its ``status``.
        Raise :class:`ValueError` (with the message a data file with the same history gets)
        when :data:`~ideation.model.TRANSITIONS` does not allow the move, or when ``date`` is
        before the last step. A step to the current status is a dated note (``ideation teams``
        records team changes so), not a move: it is always allowed.
        """
        step = StatusChange(status=ProposalStatus(status), date=date, note=note, event=event)
        if self.history:
            found = _move_problem(self.history[-1], step)
            index = len(self.history)
        else:
            # No history yet: the move starts from the current status, on any date.
            found = _move_problem(StatusChange(status=self.status, date=date), step)
            index = 0
        if found is not None:
            field, message = found
            raise FieldError(f"history[{index}].{field}", message)
        return attrs.evolve(self, history=(*self.history, step), status=step.status)

    def required_profiles(self) -> dict[str, tuple[str, int]]:
        """What a team needs, by profile compared without case: the profile and a count.

        Each wanted profile needs one member unless ``needs`` gives another count; a need may
        also name a profile that is not among the wanted ones.
        """
        required = {normalise_profile(name): (name, 1) for name in self.wanted_profiles}
        for need in self.needs:
            key = normalise_profile(need.profile)
            required[key] = (required.get(key, (need.profile, 1))[0], need.count)
        return required
