"""The catalogue's look-ups answer from indexes built once, and the indexes survive pickling."""

from __future__ import annotations

import datetime as dt
import pickle
from collections import Counter

import attrs
import pytest
from hypothesis import given

from ideation import model

from .. import strategies


def _scanned(catalogue: model.Catalogue, proposal: str) -> tuple[model.Event, ...]:
    """``events_for_proposal`` as a scan of every event: what the index must agree with."""
    named = set(catalogue.proposal(proposal).events) if proposal in catalogue._proposals else set()
    return tuple(
        event
        for event in sorted(catalogue.events, key=lambda event: event.starts_at)
        if event.slug in named or proposal in event.linked_proposals
    )


@given(strategies.catalogues())
def test_events_for_proposal_agrees_with_a_scan(catalogue: model.Catalogue) -> None:
    slugs = {p.slug for p in catalogue.proposals} | {"no-such-proposal"}
    slugs |= {slug for event in catalogue.events for slug in event.linked_proposals}
    for slug in slugs:
        assert catalogue.events_for_proposal(slug) == _scanned(catalogue, slug)
    assert catalogue.events_in_order() == tuple(
        sorted(catalogue.events, key=lambda event: event.starts_at)
    )


@given(strategies.catalogues())
def test_a_pickled_catalogue_is_equal_and_answers_alike(catalogue: model.Catalogue) -> None:
    copy = pickle.loads(pickle.dumps(catalogue, pickle.HIGHEST_PROTOCOL))
    assert copy == catalogue
    for proposal in catalogue.proposals:
        assert copy.proposal(proposal.slug) == proposal
        assert copy.events_for_proposal(proposal.slug) == catalogue.events_for_proposal(
            proposal.slug
        )
    for event in catalogue.events:
        assert copy.event(event.slug) == event
    for organisation in catalogue.organisations:
        assert copy.organisation(organisation.slug) == organisation


def test_the_pickle_carries_the_fields_not_the_indexes() -> None:
    catalogue = _synthetic(4)
    state = catalogue.__getstate__()
    assert set(state) == {field.name for field in attrs.fields(model.Catalogue) if field.init}
    assert not any(name.startswith("_") for name in state)


def _synthetic(size: int) -> model.Catalogue:
    """``size`` events of two sessions and ``10 * size`` proposals, each named by one event."""
    day = dt.datetime(2022, 5, 16, 9, 0)
    proposals = [
        model.Proposal(slug=f"proposal-{i}", title=f"Proposal {i}", events=(f"event-{i % size}",))
        for i in range(10 * size)
    ]
    events = [
        model.Event(
            slug=f"event-{i}",
            title=f"Event {i}",
            start=day + dt.timedelta(days=i),
            proposals=(f"proposal-{(3 * i) % (10 * size)}",),
            sessions=(
                model.Session(start=dt.time(9, 0), title="Pitches"),
                model.Session(
                    start=dt.time(10, 0),
                    title="Workshops",
                    proposals=(f"proposal-{(7 * i + 1) % (10 * size)}",),
                ),
            ),
        )
        for i in range(size)
    ]
    return model.Catalogue(
        programme=model.Programme(slug="programme", name="Programme"),
        events=events,
        proposals=proposals,
    )


@pytest.fixture
def linked_calls(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Counts the reads of ``Event.linked_proposals`` (a property) while a test runs."""
    calls: Counter[str] = Counter()
    original = model.Event.__dict__["linked_proposals"]
    assert isinstance(original, property)
    assert original.fget is not None
    read = original.fget

    def counted(self: model.Event) -> tuple[str, ...]:
        calls["linked_proposals"] += 1
        found: tuple[str, ...] = read(self)
        return found

    monkeypatch.setattr(model.Event, "linked_proposals", property(counted))
    return calls


def test_asking_every_proposal_for_its_events_grows_linearly(linked_calls: Counter[str]) -> None:
    # A scan of every event per proposal read linked_proposals events x proposals times: four
    # times the work for twice the catalogue. The index reads it once per event.
    work = []
    for size in (20, 40):
        linked_calls.clear()
        catalogue = _synthetic(size)
        for proposal in catalogue.proposals:
            catalogue.events_for_proposal(proposal.slug)
        work.append(linked_calls["linked_proposals"])
    assert work[0] > 0
    assert work[1] <= 2 * work[0] + 2, work
