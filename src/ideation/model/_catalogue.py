"""The catalogue: a programme with everything it involves, indexed and cross-checked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from itertools import chain
from operator import attrgetter
from typing import TypeVar

import attrs

from .._validators import frozen_mapping, to_tuple
from ..errors import DataError, Problem
from ._candidate import Candidate
from ._event import Event
from ._organisation import Organisation
from ._plain import PlainValue
from ._programme import Programme
from ._proposal import Proposal, ProposalStatus

_Sluggable = TypeVar("_Sluggable", Organisation, Event, Proposal, Candidate)


def _index(
    kind: str, items: Sequence[_Sluggable], problems: list[Problem]
) -> dict[str, _Sluggable]:
    # One pass of C calls; the loop below, only when a slug is given twice (it keeps the
    # first of each and words the problem).
    index: dict[str, _Sluggable] = dict(zip(map(_SLUG, items), items, strict=True))
    if len(index) == len(items):
        return index
    index = {}
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
    extra: Mapping[str, PlainValue] = attrs.field(
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
        known = _Known(
            programme=self.programme,
            organisations=self._organisations,
            events=self._events,
            proposals=self._proposals,
            candidates=self._candidates,
            phases={phase.slug for phase in self.programme.phases},
            seasons={season.slug for season in self.programme.seasons},
        )
        problems.extend(known.unresolved(self.organisations, self.events, self.proposals))
        problems.extend(known.unresolved_operations(self.events, self.proposals, self.candidates))
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
        for proposal in filter(_EVENTS, self.proposals):  # most proposals name no event
            for slug in proposal.events:
                naming.setdefault(slug, []).append(proposal.slug)
        found: dict[str, list[Event]] = {}
        for event in self._in_order:
            for slug in dict.fromkeys([*event.linked_proposals, *naming.get(event.slug, ())]):
                found.setdefault(slug, []).append(event)
        return {slug: tuple(events) for slug, events in found.items()}

    # -- pickling --------------------------------------------------------------------------

    def __getstate__(self) -> dict[str, object]:
        # Sphinx pickles the catalogue with its environment, once per process of a parallel
        # build: the indexes are rebuilt from the fields rather than carried.
        return {field.name: getattr(self, field.name) for field in _public_fields()}

    def __setstate__(self, state: dict[str, object]) -> None:
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

        ``None`` keeps everything. References out of the season stay valid: whatever the
        season's objects name in another season (the proposal a proposal continues, a proposal
        a candidate wishes for or an event votes on, a team member of another season) is kept
        too, so that the smaller catalogue is always a valid one.
        """
        if season is None:
            return self
        proposals = {p.slug: p for p in self.proposals}
        kept = {p.slug for p in self.proposals if p.season == season}
        people = {c.slug for c in self.candidates if c.season in (season, None)}
        # Until nothing more is named: each object kept may name another out of the season.
        while True:
            chosen = [proposals[slug] for slug in kept]
            named_events = {e for p in chosen for e in p.events}
            named_events.update(c.event for p in chosen for c in p.history if c.event)
            events = [
                e
                for e in self.events
                if e.season == season or e.slug in named_events or _names_any(e, kept)
            ]
            named = {s for p in chosen for s in (p.continues, p.continued_as) if s}
            named.update(w for c in self.candidates if c.slug in people for w in c.wishes)
            named.update(v.proposal for e in events for v in e.votes)
            named.update(s for e in events for s in e.linked_proposals)
            more_proposals = (named & proposals.keys()) - kept
            more_people = {m for p in chosen for m in p.team} - people
            if not more_proposals and not more_people:
                break  # the events depend on the proposals kept alone: they are final too
            kept |= more_proposals
            people |= more_people
        return attrs.evolve(
            self,
            events=events,
            proposals=[p for p in self.proposals if p.slug in kept],
            candidates=[c for c in self.candidates if c.slug in people],
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


class _Everything:
    """The slugs of a kind whose objects could not be told (their file did not read): every
    slug is taken as known, so that no reference to that kind is called unknown."""

    def __contains__(self, slug: object) -> bool:
        return True


class _Known:
    """The slugs a catalogue's references may name, by kind, and the checks of each reference.

    Every reference is looked up once, and a path is written only for one that fails: a
    catalogue of 100,000 proposals has a million references, nearly all of them good. The
    checks are written out, not routed through a helper per list or per field: with one, the
    checks of 100,000 proposals took 0.14 s instead of 0.08 s, a tenth of json.loads.
    """

    def __init__(
        self,
        *,
        programme: Programme | None,
        organisations: Container[str],
        events: Container[str],
        proposals: Mapping[str, Proposal],
        candidates: Container[str],
        phases: Container[str],
        seasons: Container[str],
        also_proposals: Container[str] | None = None,
    ) -> None:
        self.programme = programme
        self.organisations = organisations
        self.events = events
        #: The proposals built, for the checks of continuations, which read both sides.
        self.built_proposals = proposals
        self.proposals: Container[str] = proposals if also_proposals is None else also_proposals
        self.candidates = candidates
        self.phases = phases
        self.seasons = seasons

    # Every reference is looked up once, and a path is written only for one that fails: a
    # catalogue of 100,000 proposals has a million references, nearly all of them good. The
    # checks are written out, not routed through a helper per list or per field: with one, the
    # checks of 100,000 proposals took 0.14 s instead of 0.08 s, a tenth of json.loads.

    def unresolved(
        self,
        organisations: Sequence[Organisation],
        events: Sequence[Event],
        proposals: Sequence[Proposal],
    ) -> Iterator[Problem]:
        """The references of the programme, organisations, events and proposals that fail."""
        orgs, phases = self.organisations, self.phases
        event_slugs, proposal_slugs = self.events, self.proposals
        organisers = self.programme.organisers if self.programme is not None else ()
        yield from _unknown_in("$.programme.organisers", organisers, orgs, "organisation")
        for i, org in enumerate(organisations):
            if org.parent is not None and org.parent not in orgs:
                yield _unknown(f"$.organisations[{i}].parent", org.parent, "organisation")
        yield from _ambiguous_aliases(organisations)
        for i, event in enumerate(events):
            yield from self._event_references(i, event, orgs, proposal_slugs, phases)
        if self._proposals_resolve(proposals):
            return
        for i, proposal in enumerate(proposals):
            if proposal.phase is not None and proposal.phase not in phases:
                yield _unknown(f"$.proposals[{i}].phase", proposal.phase, "phase")
            yield from _unknown_in(
                f"$.proposals[{i}].sponsors", proposal.sponsors, orgs, "organisation"
            )
            yield from _unknown_in(
                f"$.proposals[{i}].events", proposal.events, event_slugs, "event"
            )
            for j, change in enumerate(proposal.history):
                if change.event is not None and change.event not in event_slugs:
                    yield _unknown(f"$.proposals[{i}].history[{j}].event", change.event, "event")

    def _proposals_resolve(self, proposals: Sequence[Proposal]) -> bool:
        """Whether every phase, sponsor and event the proposals name is known: the slugs of
        each kind gathered in one pass of C calls, and each looked up once, so that the loop
        that finds the paths of the unknown ones runs only when there is one."""
        phases = set(map(_PHASE, proposals))
        phases.discard(None)
        sponsors = set(chain.from_iterable(map(_SPONSORS, proposals)))
        events = set(chain.from_iterable(map(_EVENTS, proposals)))
        events.update(map(_EVENT, chain.from_iterable(map(_HISTORY, proposals))))
        events.discard(None)
        return (
            _all_in(phases, self.phases)
            and _all_in(sponsors, self.organisations)
            and _all_in(events, self.events)
        )

    def _proposal_operations_resolve(self, proposals: Sequence[Proposal]) -> bool:
        """Whether the proposals' seasons and teams are known and none continues another:
        :meth:`_proposals_resolve` for :meth:`unresolved_operations`."""
        if any(map(_CONTINUES, proposals)) or any(map(_CONTINUED_AS, proposals)):
            return False  # a continuation is checked on both sides, in the loop
        seasons = set(map(_SEASON, proposals))
        seasons.discard(None)
        team = set(chain.from_iterable(map(_TEAM, proposals)))
        return _all_in(seasons, self.seasons) and _all_in(team, self.candidates)

    def _event_references(
        self,
        i: int,
        event: Event,
        orgs: Container[str],
        proposals: Container[str],
        phases: Container[str],
    ) -> Iterator[Problem]:
        at = f"$.events[{i}]"
        programme = self.programme
        if programme is not None and event.programme not in (None, programme.slug):
            yield Problem(
                path=f"{at}.programme",
                message=f"expected the programme {programme.slug!r}, got {event.programme!r}",
            )
        if event.phase is not None and event.phase not in phases:
            yield _unknown(f"{at}.phase", event.phase, "phase")
        yield from _unknown_in(f"{at}.organisers", event.organisers, orgs, "organisation")
        yield from _unknown_in(f"{at}.proposals", event.proposals, proposals, "proposal")
        for j, session in enumerate(event.sessions):
            yield from _unknown_in(
                f"{at}.sessions[{j}].proposals", session.proposals, proposals, "proposal"
            )
        if event.attendance is not None:
            yield from _unknown_in(
                f"{at}.attendance.organisations",
                event.attendance.organisations,
                orgs,
                "organisation",
            )
            for j, person in enumerate(event.attendance.participants):
                if person.organisation is not None and person.organisation not in orgs:
                    yield _unknown(
                        f"{at}.attendance.participants[{j}].organisation",
                        person.organisation,
                        "organisation",
                    )

    def unresolved_operations(
        self,
        events: Sequence[Event],
        proposals: Sequence[Proposal],
        candidates: Sequence[Candidate],
    ) -> Iterator[Problem]:
        """References of seasons, candidates, teams, votes and continuations."""
        orgs, seasons = self.organisations, self.seasons
        proposal_slugs, candidate_slugs = self.proposals, self.candidates
        for i, event in enumerate(events):
            if event.season is not None and event.season not in seasons:
                yield _unknown(f"$.events[{i}].season", event.season, "season")
            elif event.season is not None and self.programme is not None:
                yield from _season_days(f"$.events[{i}]", event, self.programme)
            for j, vote in enumerate(event.votes):
                at = f"$.events[{i}].votes[{j}]"
                if vote.proposal not in proposal_slugs:
                    yield _unknown(f"{at}.proposal", vote.proposal, "proposal")
                if vote.organisation is not None and vote.organisation not in orgs:
                    yield _unknown(f"{at}.organisation", vote.organisation, "organisation")
        if self._proposal_operations_resolve(proposals):
            proposals = ()
        for i, proposal in enumerate(proposals):
            if proposal.season is not None and proposal.season not in seasons:
                yield _unknown(f"$.proposals[{i}].season", proposal.season, "season")
            for key in ("continues", "continued_as"):
                slug = getattr(proposal, key)
                if slug is not None and slug not in proposal_slugs:
                    yield _unknown(f"$.proposals[{i}].{key}", slug, "proposal")
            if proposal.continues is not None or proposal.continued_as is not None:
                yield from self._continuation(f"$.proposals[{i}]", proposal)
            yield from _unknown_in(
                f"$.proposals[{i}].team", proposal.team, candidate_slugs, "candidate"
            )
        for i, candidate in enumerate(candidates):
            yield from self._candidate_references(i, candidate, orgs, proposal_slugs, seasons)

    def _candidate_references(
        self,
        i: int,
        candidate: Candidate,
        orgs: Container[str],
        proposals: Container[str],
        seasons: Container[str],
    ) -> Iterator[Problem]:
        at = f"$.candidates[{i}]"
        if candidate.organisation is not None and candidate.organisation not in orgs:
            yield _unknown(f"{at}.organisation", candidate.organisation, "organisation")
        if candidate.season is not None and candidate.season not in seasons:
            yield _unknown(f"{at}.season", candidate.season, "season")
        yield from _unknown_in(f"{at}.wishes", candidate.wishes, proposals, "proposal")
        if candidate.season not in seasons:
            return  # none, or unknown and reported above
        # A wish is for a team of the candidate's season: one for another season's proposal
        # can never be met, and is most often a season left unchanged in a copied file.
        for j, wish in enumerate(candidate.wishes):
            wished = self.built_proposals.get(wish)
            if (
                wished is not None
                and wished.season in seasons
                and wished.season != candidate.season
            ):
                yield Problem(
                    path=f"{at}.wishes[{j}]",
                    message=f"expected a proposal of the candidate's season "
                    f"{candidate.season!r}, got {wish!r} of season {wished.season!r}",
                )

    def _continuation(self, at: str, proposal: Proposal) -> Iterator[Problem]:
        """A continuation named on both sides must agree on both sides."""
        after = self.built_proposals.get(proposal.continued_as or "")
        if after is not None and after.continues not in (None, proposal.slug):
            yield Problem(
                path=f"{at}.continued_as",
                message=f"expected {after.slug!r} to continue {proposal.slug!r}, but it "
                f"continues {after.continues!r}",
            )
        before = self.built_proposals.get(proposal.continues or "")
        if before is not None and before.continued_as not in (None, proposal.slug):
            yield Problem(
                path=f"{at}.continues",
                message=f"expected {before.slug!r} to be continued as {proposal.slug!r}, but it "
                f"is continued as {before.continued_as!r}",
            )


def _ambiguous_aliases(organisations: Sequence[Organisation]) -> Iterator[Problem]:
    """An alias that another organisation also goes by (its slug, name, acronym or an alias of
    its own): a form answer giving it could name either."""
    if not any(org.aliases for org in organisations):
        return
    owner: dict[str, str] = {}
    for org in organisations:
        for name in (org.slug, org.name, org.acronym):
            if name:
                owner.setdefault(" ".join(name.casefold().split()), org.slug)
    for i, org in enumerate(organisations):
        for j, alias in enumerate(org.aliases):
            key = " ".join(alias.casefold().split())
            other = owner.setdefault(key, org.slug)
            if other != org.slug:
                yield Problem(
                    path=f"$.organisations[{i}].aliases[{j}]",
                    message=f"expected a name no other organisation goes by, got {alias!r}, "
                    f"which names {other!r} too",
                )


def _season_days(at: str, event: Event, programme: Programme) -> Iterator[Problem]:
    """An event of a season dated outside the season, or outside its phase in that season:
    season 2023's workshop filed in the phase as 2022 dated it, for one."""
    season = programme.season(event.season or "")
    first, last = event.first_day, event.last_day
    where = f"{at}.start" if event.start is not None else f"{at}.date"
    days = first.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"
    if (season.start is not None and first < season.start) or (
        season.end is not None and last > season.end
    ):
        yield Problem(
            path=where,
            message=f"expected a day of the season {season.slug!r} "
            f"({_span(season.start, season.end)}), got {days}",
        )
        return
    if event.phase is None or event.phase not in {phase.slug for phase in programme.phases}:
        return
    if season.phases and event.phase not in season.phases:
        yield Problem(
            path=f"{at}.phase",
            message=f"expected a phase of the season {season.slug!r} "
            f"({', '.join(season.phases)}), got {event.phase!r}",
        )
        return
    phase = programme.phase(event.phase)
    start, end = season.phase_days(phase.slug, phase.start, phase.end)
    if (start is not None and first < start) or (end is not None and last > end):
        own = any(dates.phase == phase.slug for dates in season.schedule)
        hint = (
            ""
            if own
            else f"; if the season runs the phase on other days, give them in its schedule: "
            f"(- phase: {phase.slug}, start:, end:)"
        )
        yield Problem(
            path=where,
            message=f"expected a day of the phase {phase.slug!r} in the season {season.slug!r} "
            f"({_span(start, end)}), got {days}{hint}",
        )


def _span(start: dt.date | None, end: dt.date | None) -> str:
    if start is None:
        return f"until {end.isoformat()}" if end is not None else "any day"
    return f"{start.isoformat()} to {end.isoformat()}" if end is not None else f"from {start}"


def reference_problems(
    programme: Programme | None,
    organisations: Sequence[Organisation] = (),
    events: Sequence[Event] = (),
    proposals: Sequence[Proposal] = (),
    candidates: Sequence[Candidate] = (),
    *,
    unbuilt: Mapping[str, Iterable[str] | None] | None = None,
) -> list[Problem]:
    """What building a :class:`Catalogue` of these objects would report: slugs given twice and
    references that do not resolve, for a catalogue of which only part could be built.

    A loader that found problems in some files still checks the references of the others, so
    that one run reports both. ``unbuilt`` names, by kind (``organisations``, ``events``,
    ``proposals``, ``candidates``, ``phases``, ``seasons``), the slugs of objects that exist
    but could not be built: a reference to one of them is not reported. ``None`` for a kind
    says its objects could not be told at all (a file that does not parse): no reference to
    that kind is checked. Without a ``programme``, its own references are not checked, and its
    phases and seasons are only those ``unbuilt`` names (none: no reference to them is
    checked). Paths are those of the lists given (``$.events[2]`` is ``events[2]``).
    """
    unbuilt = unbuilt or {}
    problems: list[Problem] = []

    def known(kind: str, built: Iterable[str]) -> Container[str]:
        if kind in unbuilt and unbuilt[kind] is None:
            return _Everything()
        return {*built, *(unbuilt.get(kind) or ())}

    orgs = _index("organisations", organisations, problems)
    by_slug = _index("proposals", proposals, problems)
    if programme is None:
        phases = known("phases", ()) if "phases" in unbuilt else _Everything()
        seasons = known("seasons", ()) if "seasons" in unbuilt else _Everything()
    else:
        phases = known("phases", (phase.slug for phase in programme.phases))
        seasons = known("seasons", (season.slug for season in programme.seasons))
    check = _Known(
        programme=programme,
        organisations=known("organisations", orgs),
        events=known("events", _index("events", events, problems)),
        proposals=by_slug,
        candidates=known("candidates", _index("candidates", candidates, problems)),
        phases=phases,
        seasons=seasons,
        also_proposals=known("proposals", by_slug),
    )
    problems.extend(check.unresolved(organisations, events, proposals))
    problems.extend(check.unresolved_operations(events, proposals, candidates))
    return problems


# The fields the checks of many objects read, as C calls.
_SLUG = attrgetter("slug")
_PHASE = attrgetter("phase")
_SEASON = attrgetter("season")
_SPONSORS = attrgetter("sponsors")
_EVENTS = attrgetter("events")
_TEAM = attrgetter("team")
_HISTORY = attrgetter("history")
_EVENT = attrgetter("event")
_CONTINUES = attrgetter("continues")
_CONTINUED_AS = attrgetter("continued_as")


def _all_in(slugs: Iterable[object], known: Container[str]) -> bool:
    """Whether ``known`` holds every one of ``slugs``."""
    return all(map(known.__contains__, slugs))


def _unknown_in(
    path: str, slugs: Iterable[str], known: Container[str], kind: str
) -> Iterator[Problem]:
    """A problem at ``path[j]`` for each of ``slugs`` that ``known`` does not hold."""
    for j, slug in enumerate(slugs):
        if slug not in known:
            yield _unknown(f"{path}[{j}]", slug, kind)


def _unknown(path: str, slug: str, kind: str) -> Problem:
    return Problem(path=path, message=f"expected the slug of a known {kind}, got {slug!r}")


def _public_fields() -> tuple[attrs.Attribute[object], ...]:
    """The fields a catalogue is made of (its indexes are derived from them)."""
    return tuple(field for field in attrs.fields(Catalogue) if field.init)


def _names_any(event: Event, slugs: set[str]) -> bool:
    """Whether an event without a season names one of ``slugs``: kept by a season filter."""
    return event.season is None and any(slug in slugs for slug in event.linked_proposals)
