"""The schema.org JSON-LD export, with the properties that event rich results require."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

import ideation
from ideation.cli import main
from ideation.export.jsonld import (
    catalogue_to_jsonld,
    dumps,
    event_to_jsonld,
    proposal_to_jsonld,
)
from ideation.model import PlainMapping

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "programme-10"
URL = "https://example.org/events/atelier-ideation/"


@pytest.fixture(scope="module")
def catalogue() -> ideation.Catalogue:
    loaded = ideation.load(EXAMPLE)
    assert isinstance(loaded, ideation.Catalogue)
    return loaded


def parsed(data: PlainMapping) -> Any:
    """``data`` as a page embeds it, read back as a consumer reads it (to look deep inside)."""
    return json.loads(dumps(data))


def assert_rich_result(event: dict[str, Any]) -> None:
    """What search engines require of an Event: name, startDate and a usable location."""
    assert event["@type"] == "Event"
    assert event["name"]
    assert event["startDate"]
    locations = event["location"] if isinstance(event["location"], list) else [event["location"]]
    for location in locations:
        if location["@type"] == "Place":
            assert location["name"]
            assert location["address"]["@type"] == "PostalAddress"
        else:
            assert location["@type"] == "VirtualLocation"
            assert location["url"].startswith("https://")


def test_every_example_event_is_a_rich_result(catalogue: ideation.Catalogue) -> None:
    for event in catalogue.events:
        data = event_to_jsonld(event, catalogue)
        assert data["@context"] == "https://schema.org"
        assert_rich_result(data)
        json.dumps(data)  # plain JSON


def test_event_properties(catalogue: ideation.Catalogue) -> None:
    data = parsed(event_to_jsonld(catalogue.event("atelier-ideation"), catalogue, URL))
    assert data["startDate"] == "2022-05-16T09:30:00+02:00"  # not the +01:00 of the page date
    assert data["endDate"] == "2022-05-16T12:30:00+02:00"
    assert data["url"] == URL
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["address"]["addressLocality"] == "Paris"
    assert data["image"] == ["https://example.org/img/photo_atelier_ideation.jpg"]
    assert data["organizer"][1]["alternateName"] == "INSEE"
    assert len(data["subEvent"]) == 5
    assert data["subEvent"][3]["startDate"] == "2022-05-16T10:30:00+02:00"
    assert data["superEvent"]["@type"] == "EventSeries"
    assert data["superEvent"]["name"] == "Programme 10 %"


def test_all_day_event_has_dates(catalogue: ideation.Catalogue) -> None:
    data = event_to_jsonld(catalogue.event("bootcamp"))
    assert (data["startDate"], data["endDate"]) == ("2022-06-13", "2022-06-14")
    assert "superEvent" not in data  # no catalogue given


def test_online_and_mixed_locations() -> None:
    online = ideation.Event(
        slug="webinaire",
        title="Webinaire",
        start=dt.datetime(2022, 10, 4, 14),
        location=ideation.Location(url="https://visio.example.org/room"),
    )
    data = event_to_jsonld(online)
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert_rich_result(data)
    mixed = ideation.Event(
        slug="hybride",
        title="Hybride",
        start=dt.datetime(2022, 10, 4, 14),
        location=ideation.Location(name="Salle", city="Lyon", url="https://visio.example.org/r"),
    )
    data = parsed(event_to_jsonld(mixed))
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [place["@type"] for place in data["location"]] == ["Place", "VirtualLocation"]
    assert_rich_result(data)


def test_proposal_as_project(catalogue: ideation.Catalogue) -> None:
    data = parsed(proposal_to_jsonld(catalogue.proposal("insee"), catalogue))
    assert data["@type"] == "Project"
    assert data["name"].startswith("Faciliter")
    assert data["sponsor"][0]["alternateName"] == "INSEE"
    assert data["additionalProperty"][0]["value"] == "in-progress"


def test_catalogue_graph(catalogue: ideation.Catalogue) -> None:
    graph = parsed(catalogue_to_jsonld(catalogue, url="https://example.org/events/{slug}/"))[
        "@graph"
    ]
    types = [node["@type"] for node in graph]
    assert types.count("EventSeries") == 1
    assert types.count("Event") == len(catalogue.events)
    assert types.count("Project") == len(catalogue.proposals)


def test_cli(tmp_path: Path) -> None:
    target = tmp_path / "event.jsonld"
    argv = ["export", "jsonld", str(EXAMPLE), "--event", "atelier-ideation", "-o", str(target)]
    assert main([*argv, "--url", "https://example.org/events/{slug}/"]) == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    assert_rich_result(data)
    assert data["url"] == URL


def test_read_back_from_a_built_html_page(tmp_path: Path) -> None:
    """The Sphinx extension embeds event_to_jsonld in the event's page; read it back from there."""
    pytest.importorskip("sphinx")
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace

    source = tmp_path / "source"
    source.mkdir()
    (source / "conf.py").write_text(
        'extensions = ["ideation.sphinx"]\n'
        f"ideation_catalogue = {str(EXAMPLE)!r}\n"
        'html_baseurl = "https://example.org/"\n',
        encoding="utf-8",
    )
    (source / "index.rst").write_text(
        "Atelier\n=======\n\n.. ideation:event:: atelier-ideation\n", encoding="utf-8"
    )
    # As sphinx-build does: what the build registers in docutils is let go of at the end, so
    # that the Sphinx tests that run after this one start clean.
    with docutils_namespace():
        app = Sphinx(
            str(source),
            str(source),
            str(tmp_path / "html"),
            str(tmp_path / "doctrees"),
            "html",
            status=None,
            warning=None,
            freshenv=True,
        )
        app.build()
    page = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(scripts) == 1
    data = json.loads(scripts[0])
    assert_rich_result(data)
    assert data["url"] == "https://example.org/index.html"
    assert data["startDate"] == "2022-05-16T09:30:00+02:00"
