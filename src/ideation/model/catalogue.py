"""The catalogue: a programme with everything it involves, indexed and cross-checked."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, TypeVar

import attrs

from ..errors import DataError, Problem
from .candidate import Candidate
from .event import Event
from .organisation import Organisation
from .programme import Programme
from .proposal import Proposal, ProposalStatus
from .validators import frozen_mapping, to_tuple

__all__ = ["Catalogue"]

_Sluggable = TypeVar("_Sluggable", Organisation, Event, Proposal, Candidate)


def _index(
    kind: str, items: Sequence[_Sluggable], problems: list[Problem]
) -> dict[str, _Sluggable]:
    index: dict[str, _Sluggable] = {}
    for position, item in enumerate(items):
        if item.slug in index:
            problems.append(
                Problem(
                    path=f"$.{kind}[{position}].slug",
                    message=f"expected a slug unique among the {kind}, got {item.slug!r} again",
                )
            )
        else:
            index[item.slug] = item
    return index


@attrs.frozen(kw_only=True)
class Catalogue:
    """A programme with all its organisations, events and proposals.

    Building one checks that slugs are unique and that every reference resolves; every problem
    is reported at once, as a :class:`~ideation.errors.DataError` whose paths start at the
    catalogue (``$.events[0].sessions[3].proposals[0]``).
    """

    programme: Programme
    organisations: tuple[Organisation, ...] = attrs.field(default=(), converter=to_tuple)
    events: tuple[Event, ...] = attrs.field(default=(), converter=to_tuple)
    proposals: tuple[Proposal, ...] = attrs.field(default=(), converter=to_tuple)
    extra: Mapping[str, Any] = attrs.field(
        factory=dict, converter=frozen_mapping, repr=False, hash=False
    )
    candidates: tuple[Candidate, ...] = attrs.field(default=(), converter=to_tuple)
    _candidates: dict[str, Candidate] = attrs.field(init=False, repr=False, eq=False)
    _organisations: dict[str, Organisation] = attrs.field(init=False, repr=False, eq=False)
    _events: dict[str, Event] = attrs.field(init=False, repr=False, eq=False)
    _proposals: dict[str, Proposal] = attrs.field(init=False, repr=False, eq=False)
    _in_order: tuple[Event, ...] = attrs.field(init=False, repr=False, eq=False)
    #: proposal slug -> the events that discussed it, earliest first (see events_for_proposal)
    _discussed: dict[str, tuple[Event, ...]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        problems = self._build_indexes()
        problems.extend(self._unresolved())
        problems.extend(self._unresolved_operations())
        if problems:
            raise DataError(problems)

    def _build_indexes(self) -> list[Problem]:
        """Set the private look-up tables; return the duplicate slugs found on the way."""
        problems: list[Problem] = []
        # Frozen classes set their private indexes once, here, through object.__setattr__.
        object.__setattr__(
            self, "_organisations", _index("organisations", self.organisations, problems)
        )
        object.__setattr__(self, "_events", _index("events", self.events, problems))
        object.__setattr__(self, "_proposals", _index("proposals", self.proposals, problems))
        object.__setattr__(self, "_candidates", _index("candidates", self.candidates, problems))
        object.__setattr__(
            self, "_in_order", tuple(sorted(self.events, key=lambda event: event.starts_at))
        )
        object.__setattr__(self, "_discussed", self._discussions())
        return problems

    def _discussions(self) -> dict[str, tuple[Event, ...]]:
        # One pass over the events, so that asking for each proposal's events costs what that
        # proposal has rather than a sort and a scan of every event.
        naming: dict[str, list[str]] = {}
        for proposal in self.proposals:
            for slug in proposal.events:
                naming.setdefault(slug, []).append(proposal.slug)
        found: dict[str, list[Event]] = {}
        for event in self._in_order:
            for slug in dict.fromkeys([*event.linked_proposals, *naming.get(event.slug, ())]):
                found.setdefault(slug, []).append(event)
        return {slug: tuple(events) for slug, events in found.items()}

    # -- pickling --------------------------------------------------------------------------

    def __getstate__(self) -> dict[str, Any]:
        # Sphinx pickles the catalogue with its environment, once per process of a parallel
        # build: the indexes are rebuilt from the fields rather than carried.
        return {field.name: getattr(self, field.name) for field in _public_fields()}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        # Checked when it was built: only the look-up tables are rebuilt, not the checks.
        self._build_indexes()

    # -- look-ups --------------------------------------------------------------------------

    def organisation(self, slug: str) -> Organisation:
        """The organisation named ``slug``; :exc:`KeyError` if there is none."""
        return self._organisations[slug]

    def event(self, slug: str) -> Event:
        """The event named ``slug``; :exc:`KeyError` if there is none."""
        return self._events[slug]

    def proposal(self, slug: str) -> Proposal:
        """The proposal named ``slug``; :exc:`KeyError` if there is none."""
        return self._proposals[slug]

    def candidate(self, slug: str) -> Candidate:
        """The candidate named ``slug``; :exc:`KeyError` if there is none."""
        return self._candidates[slug]

    def in_season(self, season: str | None) -> Catalogue:
        """The catalogue with only the events, proposals and candidates of ``season``.

        ``None`` keeps everything. References out of the season (a proposal that continues one
        of the season before) stay valid: the other season's proposals they name are kept too.
        """
        if season is None:
            return self
        proposals = [p for p in self.proposals if p.season == season]
        named = {slug for p in proposals for slug in (p.continues, p.continued_as) if slug}
        kept = {p.slug for p in proposals} | named
        return attrs.evolve(
            self,
            events=[e for e in self.events if e.season == season or _names_any(e, kept)],
            proposals=[p for p in self.proposals if p.slug in kept],
            candidates=[c for c in self.candidates if c.season in (season, None)],
        )

    def children(self, organisation: str) -> tuple[Organisation, ...]:
        """The organisations whose parent is ``organisation``."""
        return tuple(org for org in self.organisations if org.parent == organisation)

    def ancestors(self, organisation: str) -> tuple[Organisation, ...]:
        """The parent of ``organisation``, its parent, and so on up to the top."""
        chain: list[Organisation] = []
        current = self._organisations.get(organisation)
        while current is not None and current.parent is not None:
            current = self._organisations.get(current.parent)
            if current is None or current in chain:
                break
            chain.append(current)
        return tuple(chain)

    def events_in_order(self) -> tuple[Event, ...]:
        """The events, earliest first."""
        return self._in_order

    def events_of_phase(self, phase: str) -> tuple[Event, ...]:
        """The events of the phase ``phase``, earliest first."""
        return tuple(event for event in self.events_in_order() if event.phase == phase)

    def proposals_by_status(self) -> dict[ProposalStatus, tuple[Proposal, ...]]:
        """The proposals grouped by status, in the order of the lifecycle; empty groups left out."""
        return {
            status: found
            for status in ProposalStatus
            if (found := tuple(p for p in self.proposals if p.status == status))
        }

    def events_for_proposal(self, proposal: str) -> tuple[Event, ...]:
        """The events that discussed ``proposal`` (named by the event or by the proposal),
        earliest first."""
        return self._discussed.get(proposal, ())

    # -- reference checks ------------------------------------------------------------------

    def _unresolved(self) -> Iterator[Problem]:
        orgs, events, proposals = self._organisations, self._events, self._proposals
        phases = {phase.slug for phase in self.programme.phases}

        def check(
            path: str, slug: str | None, known: Mapping[str, object] | set[str], kind: str
        ) -> Iterator[Problem]:
            if slug is not None and slug not in known:
                yield Problem(
                    path=path, message=f"expected the slug of a known {kind}, got {slug!r}"
                )

        for i, slug in enumerate(self.programme.organisers):
            yield from check(f"$.programme.organisers[{i}]", slug, orgs, "organisation")
        for i, org in enumerate(self.organisations):
            yield from check(f"$.organisations[{i}].parent", org.parent, orgs, "organisation")
        for i, event in enumerate(self.events):
            at = f"$.events[{i}]"
            if event.programme is not None and event.programme != self.programme.slug:
                yield Problem(
                    path=f"{at}.programme",
                    message=(
                        f"expected the programme {self.programme.slug!r}, got {event.programme!r}"
                    ),
                )
            yield from check(f"{at}.phase", event.phase, phases, "phase")
            for j, slug in enumerate(event.organisers):
                yield from check(f"{at}.organisers[{j}]", slug, orgs, "organisation")
            for j, slug in enumerate(event.proposals):
                yield from check(f"{at}.proposals[{j}]", slug, proposals, "proposal")
            for j, session in enumerate(event.sessions):
                for k, slug in enumerate(session.proposals):
                    yield from check(
                        f"{at}.sessions[{j}].proposals[{k}]", slug, proposals, "proposal"
                    )
            if event.attendance is not None:
                for j, slug in enumerate(event.attendance.organisations):
                    yield from check(
                        f"{at}.attendance.organisations[{j}]", slug, orgs, "organisation"
                    )
                for j, person in enumerate(event.attendance.participants):
                    yield from check(
                        f"{at}.attendance.participants[{j}].organisation",
                        person.organisation,
                        orgs,
                        "organisation",
                    )
        for i, proposal in enumerate(self.proposals):
            at = f"$.proposals[{i}]"
            yield from check(f"{at}.phase", proposal.phase, phases, "phase")
            for j, slug in enumerate(proposal.sponsors):
                yield from check(f"{at}.sponsors[{j}]", slug, orgs, "organisation")
            for j, slug in enumerate(proposal.events):
                yield from check(f"{at}.events[{j}]", slug, events, "event")
            for j, change in enumerate(proposal.history):
                yield from check(f"{at}.history[{j}].event", change.event, events, "event")

    def _unresolved_operations(self) -> Iterator[Problem]:
        """References of seasons, candidates, teams, votes and continuations."""
        orgs, proposals = self._organisations, self._proposals
        seasons = {season.slug for season in self.programme.seasons}
        candidates = self._candidates

        def check(path: str, slug: str | None, known: Any, kind: str) -> Iterator[Problem]:
            if slug is not None and slug not in known:
                yield Problem(
                    path=path, message=f"expected the slug of a known {kind}, got {slug!r}"
                )

        for i, event in enumerate(self.events):
            yield from check(f"$.events[{i}].season", event.season, seasons, "season")
            for j, vote in enumerate(event.votes):
                at = f"$.events[{i}].votes[{j}]"
                yield from check(f"{at}.proposal", vote.proposal, proposals, "proposal")
                yield from check(f"{at}.organisation", vote.organisation, orgs, "organisation")
        for i, proposal in enumerate(self.proposals):
            at = f"$.proposals[{i}]"
            yield from check(f"{at}.season", proposal.season, seasons, "season")
            for key in ("continues", "continued_as"):
                yield from check(f"{at}.{key}", getattr(proposal, key), proposals, "proposal")
            yield from self._continuation(at, proposal)
            for j, slug in enumerate(proposal.team):
                yield from check(f"{at}.team[{j}]", slug, candidates, "candidate")
        for i, candidate in enumerate(self.candidates):
            at = f"$.candidates[{i}]"
            yield from check(f"{at}.organisation", candidate.organisation, orgs, "organisation")
            yield from check(f"{at}.season", candidate.season, seasons, "season")
            for j, slug in enumerate(candidate.wishes):
                yield from check(f"{at}.wishes[{j}]", slug, proposals, "proposal")

    def _continuation(self, at: str, proposal: Proposal) -> Iterator[Problem]:
        """A continuation named on both sides must agree on both sides."""
        after = self._proposals.get(proposal.continued_as or "")
        if after is not None and after.continues not in (None, proposal.slug):
            yield Problem(
                path=f"{at}.continued_as",
                message=f"expected {after.slug!r} to continue {proposal.slug!r}, but it "
                f"continues {after.continues!r}",
            )
        before = self._proposals.get(proposal.continues or "")
        if before is not None and before.continued_as not in (None, proposal.slug):
            yield Problem(
                path=f"{at}.continues",
                message=f"expected {before.slug!r} to be continued as {proposal.slug!r}, but it "
                f"is continued as {before.continued_as!r}",
            )


def _public_fields() -> tuple[attrs.Attribute[Any], ...]:
    """The fields a catalogue is made of (its indexes are derived from them)."""
    return tuple(field for field in attrs.fields(Catalogue) if field.init)


def _names_any(event: Event, slugs: set[str]) -> bool:
    """Whether an event without a season names one of ``slugs``: kept by a season filter."""
    return event.season is None and any(slug in slugs for slug in event.linked_proposals)
