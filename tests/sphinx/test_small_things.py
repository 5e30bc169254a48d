"""What a visitor sees (issue 29): no label over an empty value, a past season's calendar that
opens with its events, and counts in the example that agree with the lists they describe."""

from __future__ import annotations

import re

import pytest
from sphinx_roots import EXAMPLES, Builder, normalise, warnings_of

from ideation import load, model

FRENCH_NUMBERS = {
    "un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5,
    "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
}  # fmt: skip


def test_a_label_with_an_empty_value_is_left_out(build: Builder) -> None:
    app = build("small-things", "html")
    assert warnings_of(app) == ""
    page = normalise((app.outdir / "index.html").read_text("utf-8"))
    # Two of the eight proposals have no lead: their cards have no "Porteurs" at all.
    catalogue = load(EXAMPLES)
    assert isinstance(catalogue, model.Catalogue)
    with_lead = [p for p in catalogue.proposals if p.lead and not p.draft]
    assert 0 < len(with_lead) < len(catalogue.proposals)
    assert page.count(">Porteurs<") == len(with_lead)
    assert not re.search(r"<dd[^>]*>\s*(<p>\s*</p>)?\s*</dd>", page)


def test_a_past_season_calendar_opens_with_its_events(build: Builder) -> None:
    app = build("small-things", "html")
    page = normalise((app.outdir / "index.html").read_text("utf-8"))
    past, upcoming = page.index("Événements passés"), page.index("Aucun événement à venir")
    assert past < upcoming
    assert page.index("Journée de travail n° 8") < upcoming


def _counted(text: str, noun: str) -> list[int]:
    """The numbers ``text`` gives for ``noun`` ("Six projets" -> 6), in digits or words."""
    found = re.findall(rf"\b(\d+|{'|'.join(FRENCH_NUMBERS)})\s+{noun}", text, re.IGNORECASE)
    return [int(n) if n.isdigit() else FRENCH_NUMBERS[n.lower()] for n in found]


@pytest.mark.parametrize("slug", ["atelier-ideation", "bootcamp"])
def test_the_example_outcomes_count_what_the_catalogue_holds(slug: str) -> None:
    """A count in an event's outcomes (the "Six projets retenus" of 16 May) is the count of
    the catalogue's kept proposals, and "dont N" the count among the event's own."""
    catalogue = load(EXAMPLES)
    assert isinstance(catalogue, model.Catalogue)
    event = catalogue.event(slug)
    kept = {model.ProposalStatus.SELECTED, model.ProposalStatus.IN_PROGRESS}
    kept |= {model.ProposalStatus.DELIVERED}
    everywhere = [p for p in catalogue.proposals if p.status in kept]
    here = [s for s in event.linked_proposals if catalogue.proposal(s).status in kept]
    for outcome in event.outcomes:
        for number in _counted(outcome, "projets retenus"):
            assert number == len(everywhere), outcome
        for number in _counted(outcome, "issus de"):
            assert number == len(here), outcome
