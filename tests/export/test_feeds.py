"""The Atom feed of a programme's events, read back with a feed parser."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import feedparser
import pytest

from ideation import load
from ideation.export.feeds import to_atom
from ideation.model import Catalogue

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "programme-10"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load(EXAMPLE, Catalogue)


def test_the_feed_is_valid_atom_with_every_public_event(catalogue: Catalogue) -> None:
    data = to_atom(
        catalogue,
        url="https://example.org/events/{slug}/",
        feed_url="https://example.org/ideation.atom",
    )
    feed = feedparser.parse(data)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == catalogue.programme.name
    assert feed.feed.id == "https://example.org/ideation.atom"
    events = [event for event in catalogue.events if not event.draft]
    assert len(feed.entries) == len(events)
    links = {entry.link for entry in feed.entries}
    assert links == {f"https://example.org/events/{event.slug}/" for event in events}
    # The latest first, each with its own stable id.
    updated = [entry.updated_parsed for entry in feed.entries]
    assert updated == sorted(updated, reverse=True)
    assert len({entry.id for entry in feed.entries}) == len(events)


def test_the_same_catalogue_gives_the_same_bytes(catalogue: Catalogue) -> None:
    assert to_atom(catalogue) == to_atom(catalogue, stamp=dt.datetime(2030, 1, 1, tzinfo=dt.UTC))


def test_text_from_the_data_is_escaped_and_unsafe_urls_left_out(catalogue: Catalogue) -> None:
    event = catalogue.events[0]
    hostile = attrs.evolve(
        event,
        title="</title><script>alert(1)</script>",
        extra={**event.extra, "url": "javascript:alert(1)"},
    )
    data = to_atom(attrs.evolve(catalogue, events=[hostile, *catalogue.events[1:]]))
    assert b"<script>" not in data
    feed = feedparser.parse(data)
    assert not feed.bozo
    [entry] = [entry for entry in feed.entries if "alert" in entry.title]
    assert entry.title == "</title><script>alert(1)</script>"
    assert "links" not in entry or not any("javascript" in link.href for link in entry.links)
    assert b"javascript" not in data


def test_a_season_feed_has_only_that_season(catalogue: Catalogue) -> None:
    seasons = [season.slug for season in catalogue.programme.seasons]
    if not seasons:
        pytest.skip("the example programme declares no season")
    feed = feedparser.parse(to_atom(catalogue, season=seasons[0]))
    assert not feed.bozo
    assert len(feed.entries) == len(
        [event for event in catalogue.in_season(seasons[0]).events if not event.draft]
    )
