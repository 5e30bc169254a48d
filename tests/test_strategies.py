"""The strategies reach every part of the model: a property over them tests all of it.

Each check searches the catalogues the strategies draw for one feature; a change that made a
strategy stop drawing it (as empty catalogues once did) fails here instead of silently
narrowing every property test.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Iterator

import pytest
from hypothesis import HealthCheck, Phase, find, settings
from hypothesis.errors import NoSuchExample

from ideation import model
from ideation.urls import safe_url

from .strategies import catalogues

# Generation only: the first catalogue with the feature will do, shrinking it would take long.
SEARCH = settings(
    phases=[Phase.generate],
    max_examples=2000,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)


def _texts(catalogue: model.Catalogue) -> Iterator[str]:
    for event in catalogue.events:
        yield event.title
        yield from event.tags
        for session in event.sessions:
            yield session.title
    for proposal in catalogue.proposals:
        yield proposal.title
        yield from proposal.tags


def _timed_over_days(catalogue: model.Catalogue) -> bool:
    return any(
        isinstance(e.start, dt.datetime) and e.last_day > e.first_day and e.sessions
        for e in catalogue.events
    )


FEATURES: dict[str, Callable[[model.Catalogue], bool]] = {
    "named participant with consent": lambda c: any(
        e.attendance and any(p.consent for p in e.attendance.participants) for e in c.events
    ),
    "named participant without consent": lambda c: any(
        e.attendance and any(not p.consent for p in e.attendance.participants) for e in c.events
    ),
    "attendance profiles and organisations": lambda c: any(
        e.attendance and e.attendance.profiles and e.attendance.organisations for e in c.events
    ),
    "event organisers": lambda c: any(e.organisers for e in c.events),
    "programme organisers": lambda c: bool(c.programme.organisers),
    "phase of an event": lambda c: any(e.phase for e in c.events),
    "phase of a proposal": lambda c: any(p.phase for p in c.proposals),
    "organisation with a parent": lambda c: any(o.parent for o in c.organisations),
    "session with an end": lambda c: any(s.end for e in c.events for s in e.sessions),
    "session on a later day": lambda c: any(
        s.day and s.day > e.first_day for e in c.events for s in e.sessions
    ),
    "timed event over several days": _timed_over_days,
    "proposal lead": lambda c: any(p.lead for p in c.proposals),
    "proposal sponsors": lambda c: any(p.sponsors for p in c.proposals),
    "tags": lambda c: any(p.tags for p in c.proposals) and any(e.tags for e in c.events),
    "drafts": lambda c: any(p.draft for p in c.proposals) and any(e.draft for e in c.events),
    "history of three steps": lambda c: any(len(p.history) >= 3 for p in c.proposals),
    "history step at an event": lambda c: any(s.event for p in c.proposals for s in p.history),
    "unknown keys": lambda c: any(e.extra for e in c.events) and any(p.extra for p in c.proposals),
    "control character in text": lambda c: any(
        unicodedata.category(ch) == "Cc" for text in _texts(c) for ch in text
    ),
    "unsafe URL": lambda c: any(
        p.repository and safe_url(p.repository) is None for p in c.proposals
    ),
    "safe URL": lambda c: any(p.repository and safe_url(p.repository) for p in c.proposals),
}


def test_catalogues_reach_every_part_of_the_model() -> None:
    missing = set(FEATURES)

    def everything_seen(catalogue: model.Catalogue) -> bool:
        missing.difference_update([name for name in missing if FEATURES[name](catalogue)])
        return not missing

    try:
        find(catalogues(), everything_seen, settings=SEARCH)
    except NoSuchExample:
        pytest.fail(f"the strategies never drew: {', '.join(sorted(missing))}")
