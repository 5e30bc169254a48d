"""The figures a season report gives, computed from the catalogue rather than typed by hand.

:func:`figures` counts, for a whole catalogue, a season, a phase or a few events:

- **participants**: the sum of the head counts of the events (a person who came to two events
  counts twice), marked approximate when one of those counts is an estimate; the events that
  give no head count are counted apart, so that a sum over few events does not pass for a
  season's;
- **organisations represented**: the distinct organisations at the top of the families present
  (a ministry, its gendarmerie and its digital directorate count once), with the ministries
  among them, and the **units** (each organisation or sub-unit present) as listed;
- **events by kind**, the **workshops** (the agenda's sessions of kind ``workshop``, parallel
  ones each counted) and the **trainings** (events of kind ``training``, and events or
  sessions whose title says so);
- **proposals by status**, the **teams** recorded (proposals with a ``team``) and the
  **people placed** in them (distinct candidates).

Each figure has a definition in :data:`DEFINITIONS`, in the words above, so that a page can put
it one click away from the number. Drafts are left out, as everywhere else on a site.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import attrs

from ideation.model import (
    Catalogue,
    Event,
    EventKind,
    OrganisationKind,
    Proposal,
    ProposalStatus,
    SessionKind,
)

__all__ = ["DEFINITIONS", "FIGURES", "Figures", "figures", "top_organisation"]

#: The figures, in the order a report gives them.
FIGURES = (
    "participants",
    "organisations",
    "ministries",
    "units",
    "events",
    "workshops",
    "trainings",
    "proposals",
    "teams",
    "people_placed",
)
#: What each figure counts, in a sentence (English; the Sphinx extension translates them).
DEFINITIONS: Mapping[str, str] = {
    "participants": (
        "The sum of the head counts of the events that give one: a person who came to two "
        "events counts twice. Shown as approximate when one of the counts is an estimate."
    ),
    "organisations": (
        "The organisations represented, each counted once with its sub-units: a ministry whose "
        "gendarmerie and digital directorate came counts one."
    ),
    "ministries": "The organisations represented that are ministries.",
    "units": "Every organisation or sub-unit listed as present, each counted once.",
    "events": "The events held, by kind (drafts left out).",
    "workshops": (
        "The workshop sessions of the events' agendas: parallel workshops count one each."
    ),
    "trainings": "The events and agenda sessions whose kind or title says they are a training.",
    "proposals": "The proposals, by their current status.",
    "teams": "The proposals with a recorded team.",
    "people_placed": "The distinct people placed in those teams.",
}
_TRAINING_WORDS = ("training", "formation")


@attrs.frozen(kw_only=True)
class Figures:
    """The figures of a catalogue, a season, a phase or a few events (see :func:`figures`)."""

    #: The sum of the events' head counts.
    participants: int
    #: Whether one of the head counts summed is an estimate ("about 30").
    participants_approximate: bool
    #: The events that give a head count, and those that give none.
    events_counted: int
    events_uncounted: int
    #: The organisations represented, each at the top of its family (slugs, sorted).
    organisations: tuple[str, ...]
    #: Those of :attr:`organisations` that are ministries.
    ministries: tuple[str, ...]
    #: Every organisation or sub-unit present (slugs, sorted).
    units: tuple[str, ...]
    #: The events, by kind.
    events_by_kind: Mapping[EventKind, int]
    workshops: int
    trainings: int
    #: The proposals, by status (the lifecycle's order; statuses with none left out).
    proposals_by_status: Mapping[ProposalStatus, int]
    teams: int
    people_placed: int

    @property
    def events(self) -> int:
        """How many events."""
        return sum(self.events_by_kind.values())

    @property
    def proposals(self) -> int:
        """How many proposals."""
        return sum(self.proposals_by_status.values())


def top_organisation(catalogue: Catalogue, slug: str) -> str:
    """The organisation at the top of ``slug``'s family (its ministry, say), or ``slug``."""
    ancestors = catalogue.ancestors(slug)
    return ancestors[-1].slug if ancestors else slug


def figures(
    catalogue: Catalogue,
    *,
    season: str | None = None,
    phases: Iterable[str] = (),
    events: Iterable[str] = (),
) -> Figures:
    """The figures of ``catalogue``, or of one ``season``, of some ``phases`` or ``events``.

    A season keeps its proposals (those that name it) and its events:
    those that name it, and those that name no season but one of its phases or, without a
    phase, fall within its dates (the working days of a season rarely repeat its name).
    Phases and events narrow the events; the proposals are then those the chosen events
    discussed. Unknown slugs are not an error here: they select nothing (the Sphinx directive
    and the command line check them first, to say so).
    """
    chosen = [event for event in catalogue.events_in_order() if not event.draft]
    if season is not None:
        chosen = [event for event in chosen if _of_season(catalogue, event, season)]
    wanted_phases, wanted_events = set(phases), set(events)
    narrowed = bool(wanted_phases or wanted_events)
    if wanted_phases:
        chosen = [event for event in chosen if event.phase in wanted_phases]
    if wanted_events:
        chosen = [event for event in chosen if event.slug in wanted_events]
    # Not Catalogue.in_season: it builds (and checks) a whole catalogue again, and counting
    # needs only the season's proposals.
    proposals: Sequence[Proposal] = [
        p for p in catalogue.proposals if not p.draft and season in (None, p.season)
    ]
    if narrowed:
        discussed = {slug for event in chosen for slug in event.linked_proposals}
        proposals = [p for p in proposals if p.slug in discussed]
    return _count(catalogue, chosen, proposals)


def _count(catalogue: Catalogue, events: Sequence[Event], proposals: Sequence[Proposal]) -> Figures:
    counts = [e.attendance for e in events if e.attendance and e.attendance.count is not None]
    units = sorted({slug for e in events if e.attendance for slug in e.attendance.organisations})
    tops = sorted({top_organisation(catalogue, slug) for slug in units})
    ministries = [slug for slug in tops if _kind(catalogue, slug) is OrganisationKind.MINISTRY]
    kinds = Counter(event.kind for event in events)
    sessions = [session for event in events for session in event.sessions]
    statuses = Counter(p.status for p in proposals)
    teams = [p for p in proposals if p.team]
    return Figures(
        participants=sum(a.count or 0 for a in counts),
        participants_approximate=any(a.approximate for a in counts),
        events_counted=len(counts),
        events_uncounted=len(events) - len(counts),
        organisations=tuple(tops),
        ministries=tuple(ministries),
        units=tuple(units),
        events_by_kind={kind: kinds[kind] for kind in EventKind if kinds[kind]},
        workshops=sum(1 for s in sessions if s.kind is SessionKind.WORKSHOP),
        trainings=sum(1 for e in events if _training(e.title, e.kind.value))
        + sum(1 for s in sessions if _training(s.title, s.kind.value)),
        proposals_by_status={s: statuses[s] for s in ProposalStatus if statuses[s]},
        teams=len(teams),
        people_placed=len({slug for p in teams for slug in p.team}),
    )


def _of_season(catalogue: Catalogue, event: Event, season: str) -> bool:
    if event.season is not None:
        return event.season == season
    found = [s for s in catalogue.programme.seasons if s.slug == season]
    if not found:
        return False
    (wanted,) = found
    if event.phase is not None:
        return event.phase in wanted.phases
    day = event.first_day
    return (wanted.start is None or wanted.start <= day) and (
        wanted.end is None or day <= wanted.end
    )


def _kind(catalogue: Catalogue, slug: str) -> OrganisationKind | None:
    try:
        return catalogue.organisation(slug).kind
    except KeyError:
        return None


def _training(title: str, kind: str) -> bool:
    text = f"{title} {kind}".casefold()
    return any(word in text for word in _TRAINING_WORDS)
