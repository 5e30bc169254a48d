"""Hostile data in every text and URL field: no export writes an unsafe URL or a live formula.

The strategies put ``</script>``, formulas, control characters and ``javascript:`` links in
every spelling into every field; each export must still hold only URLs that
:func:`ideation.urls.safe_url` accepts, JSON-LD that can sit in a ``<script>`` element as it is,
and CSV cells that a spreadsheet does not run.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from typing import Any

import attrs
import icalendar
from hypothesis import given
from hypothesis import strategies as st

from ideation import model
from ideation.export.ical import to_ical
from ideation.export.jsonld import to_jsonld
from ideation.export.opendata import EVENT_COLUMNS, LIST_SEPARATOR, PROPOSAL_COLUMNS, to_opendata
from ideation.export.schedule import to_schedule_json
from ideation.urls import safe_url

from ..strategies import UNSAFE_URLS, catalogues, urls

STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The keys whose values are URLs, in JSON-LD and in the c3voc schedule.
URL_KEYS = {"url", "sameAs", "image", "@id", "base_url", "homepage"}


@st.composite
def hostile_catalogues(draw: st.DrawFn) -> model.Catalogue:
    """Catalogues whose events also give their page's URL in a ``url`` key, safe or not; the
    first event's is always unsafe, so that no example passes for want of a hostile URL."""
    catalogue = draw(catalogues().filter(lambda made: bool(made.events)))
    first, *others = catalogue.events
    events = [
        attrs.evolve(first, extra={**first.extra, "url": draw(st.sampled_from(UNSAFE_URLS))}),
        *(
            attrs.evolve(event, extra={**event.extra, "url": draw(urls)})
            if draw(st.booleans())
            else event
            for event in others
        ),
    ]
    return attrs.evolve(catalogue, events=events)


def url_values(data: Any, key: str | None = None) -> Iterator[str]:
    """Every string under a URL key, at any depth."""
    if isinstance(data, dict):
        for name, value in data.items():
            yield from url_values(value, name)
    elif isinstance(data, list):
        for item in data:
            yield from url_values(item, key)
    elif isinstance(data, str) and key in URL_KEYS:
        yield data


def assert_safe(url: str) -> None:
    assert url.startswith("urn:uuid:") or safe_url(url) == url, url


@given(hostile_catalogues())
def test_jsonld_holds_safe_urls_and_can_sit_in_a_script_element(
    catalogue: model.Catalogue,
) -> None:
    texts = [to_jsonld(catalogue)]
    texts += [to_jsonld(catalogue, event=event.slug) for event in catalogue.events]
    texts += [to_jsonld(catalogue, url="https://example.org/{slug}/")]
    for text in texts:
        assert not any(char in text for char in "<>&"), text
        for url in url_values(json.loads(text)):
            assert_safe(url)


@given(hostile_catalogues())
def test_the_schedule_holds_safe_urls(catalogue: model.Catalogue) -> None:
    data = json.loads(to_schedule_json(catalogue))
    for url in url_values(data):
        assert_safe(url)
    for day in data["schedule"]["conference"]["days"]:
        for talks in day["rooms"].values():
            for talk in talks:
                for link in talk["links"]:
                    assert_safe(link["url"])
                    assert link["url"].lower().startswith(("http://", "https://"))


@given(hostile_catalogues())
def test_the_calendar_holds_safe_urls(catalogue: model.Catalogue) -> None:
    # Where the URLs go as text (the description, the location) is checked, spelling by
    # spelling, by test_each_unsafe_url_is_left_out_of_every_export: text fields here may hold
    # the same characters as plain text, which is allowed.
    calendar = icalendar.Calendar.from_ical(to_ical(catalogue, sessions=True, stamp=STAMP))
    for component in calendar.walk("VEVENT"):
        if "URL" in component:
            assert_safe(str(component["URL"]))


def _cells(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@given(hostile_catalogues())
def test_csv_cells_are_neither_formulas_nor_unsafe_urls(catalogue: model.Catalogue) -> None:
    files = to_opendata(catalogue)
    url_columns = {"location_url", "images", "repository", "resources"}
    for name, columns in (("events.csv", EVENT_COLUMNS), ("proposals.csv", PROPOSAL_COLUMNS)):
        rows = _cells(files[name])
        for row in rows:
            assert list(row) == [column.name for column in columns]
            for column, cell in row.items():
                assert not cell.startswith(FORMULA_STARTS), (column, cell)
                if column in url_columns and cell:
                    for item in cell.removeprefix("'").split(LIST_SEPARATOR):
                        assert safe_url(item) is not None, (column, cell)
    homepage = json.loads(files["datapackage.json"]).get("homepage")
    if homepage is not None:
        assert_safe(homepage)


def test_each_unsafe_url_is_left_out_of_every_export() -> None:
    # The same check without Hypothesis: each spelling, in every URL field at once.
    for url in UNSAFE_URLS:
        catalogue = model.Catalogue(
            programme=model.Programme(slug="p", name="P", website=url, images=(url,)),
            organisations=[model.Organisation(slug="o", name="O", website=url)],
            events=[
                model.Event(
                    slug="e",
                    title="E",
                    date=dt.date(2022, 5, 16),
                    organisers=("o",),
                    location=model.Location(url=url),
                    images=(url,),
                    extra={"url": url},
                    sessions=[model.Session(start=dt.time(9), title="S", proposals=("x",))],
                )
            ],
            proposals=[
                model.Proposal(
                    slug="x",
                    title="X",
                    repository=url,
                    images=(url,),
                    resources=[model.Link(url=url)],
                    sponsors=("o",),
                )
            ],
        )
        outputs = [
            to_jsonld(catalogue),
            to_schedule_json(catalogue),
            to_ical(catalogue, sessions=True, stamp=STAMP).decode("utf-8"),
            *to_opendata(catalogue).values(),
        ]
        for output in outputs:
            unfolded = output.replace("\r\n ", "")  # iCalendar folds long lines
            assert url.strip() not in unfolded, (url, output)
            assert json.dumps(url)[1:-1].strip() not in unfolded, (url, output)
