"""What an HTML build publishes: the catalogue as JSON, the calendars and the Atom feed; and a
second site built from the first's JSON, its objects linking back to the first's pages."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import feedparser
import icalendar
import jsonschema
import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx_roots import EXAMPLES, ROOTS, Builder, edit_later, warnings_of
from synthetic_site import site
from tests.sources.helpers import (  # noqa: F401 - fixtures, found by pytest by their names
    local_cache_fixture,
    server_fixture,
)

from ideation import load
from ideation.model import Catalogue
from ideation.privacy import private_names
from ideation.schema import schema_for
from ideation.sources import assemble, lock

pytestmark = [pytest.mark.sphinx, pytest.mark.usefixtures("local_cache")]

BASE = "https://first.example/"


def test_a_build_publishes_its_catalogue_calendars_and_feed(build: Builder) -> None:
    app = build("generated", "html", html_baseurl=BASE)
    assert warnings_of(app) == ""
    outdir = Path(app.outdir)
    data = json.loads((outdir / "ideation.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema_for("catalogue"))
    example = load(EXAMPLES, Catalogue)
    assert {p["slug"] for p in data["proposals"]} == {p.slug for p in example.proposals}
    assert "candidates" not in data
    annotation = next(p for p in data["proposals"] if p["slug"] == "annotation")
    assert (
        annotation["url"]
        == f"{BASE}ideation/proposals/annotation.html#ideation-proposal-annotation"
    )
    bootcamp = next(e for e in data["events"] if e["slug"] == "bootcamp")
    assert bootcamp["url"].startswith(f"{BASE}ideation/events/bootcamp.html")
    files = [*outdir.glob("ideation*.*"), *outdir.glob("ideation-events/*.ics")]
    assert len(files) >= 15  # the json, the feed, 3 calendars and one per event
    published = b"".join(path.read_bytes() for path in files)
    for name in private_names(example):
        assert name.encode() not in published, name

    calendar = icalendar.Calendar.from_ical((outdir / "ideation.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len([e for e in example.events if not e.draft])
    assert all(str(e["URL"]).startswith(f"{BASE}ideation/events/") for e in events)
    for season in example.programme.seasons:
        assert (outdir / f"ideation-{season.slug}.ics").is_file()

    feed = feedparser.parse((outdir / "ideation.atom").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.id == f"{BASE}ideation.atom"
    assert {entry.link for entry in feed.entries} == {str(e["URL"]) for e in events}


def test_ideation_publish_false_publishes_nothing(build: Builder) -> None:
    app = build("generated", "html", ideation_publish=False)
    assert not list(Path(app.outdir).glob("ideation.*"))


def test_a_second_site_lists_the_first_sites_json_and_links_back(
    build: Builder, server: tuple[str, Path], tmp_path: Path
) -> None:
    first = build("generated", "html", html_baseurl=BASE)
    url, folder = server
    shutil.copy(Path(first.outdir) / "ideation.json", folder / "ideation.json")
    second = tmp_path / "second"
    (second / "catalogue").mkdir(parents=True)
    (second / "catalogue" / "programme.yaml").write_text(
        "slug: second\nname: The second site\n", encoding="utf-8"
    )
    sources = second / "sources.toml"
    sources.write_text(
        f'[sources.own]\npath = "catalogue"\n\n[sources.p10]\nurl = "{url}/ideation.json"\n',
        encoding="utf-8",
    )
    lock(sources)
    assembled = assemble(sources)
    assert assembled.catalogue.programme.slug == "second"
    annotation = assembled.catalogue.proposal("annotation")
    assert annotation.extra["url"] == (
        f"{BASE}ideation/proposals/annotation.html#ideation-proposal-annotation"
    )
    app = build("generated", "html", srcdir=tmp_path / "docs", ideation_catalogue=str(sources))
    assert warnings_of(app) == ""
    # The second site shows the object on a page of its own, which links to its home page.
    page = (Path(app.outdir) / "ideation" / "proposals" / "annotation.html").read_text(
        encoding="utf-8"
    )
    home = f"{BASE}ideation/proposals/annotation.html#ideation-proposal-annotation"
    assert f'href="{home}"' in page
    assert "Page on first.example" in page
    assert "Edit this file" not in page
    event = (Path(app.outdir) / "ideation" / "events" / "bootcamp.html").read_text(encoding="utf-8")
    assert f'href="{BASE}ideation/events/bootcamp.html#ideation-event-bootcamp"' in event


def test_relative_page_urls_are_made_absolute_from_where_the_json_was_fetched(
    build: Builder, server: tuple[str, Path], tmp_path: Path
) -> None:
    first = build("generated", "html")
    url, folder = server
    (folder / "p10").mkdir()
    shutil.copy(Path(first.outdir) / "ideation.json", folder / "p10" / "ideation.json")
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[sources.p10]\nurl = "{url}/p10/ideation.json"\n', encoding="utf-8")
    lock(sources)
    catalogue = assemble(sources).catalogue
    assert catalogue.programme.slug == "programme-10"
    assert catalogue.proposal("annotation").extra["url"] == (
        f"{url}/p10/ideation/proposals/annotation.html#ideation-proposal-annotation"
    )


def test_a_page_removed_takes_its_url_out_of_the_published_catalogue(
    build: Builder, tmp_path: Path
) -> None:
    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS / "test-domain", srcdir)
    extra = srcdir / "extra.rst"
    extra.write_text(":orphan:\n\n.. ideation:event:: bootcamp\n", encoding="utf-8")

    def bootcamp(app: SphinxTestApp) -> dict[str, object]:
        data = json.loads((Path(app.outdir) / "ideation.json").read_text(encoding="utf-8"))
        found: dict[str, object] = next(e for e in data["events"] if e["slug"] == "bootcamp")
        return found

    first = build("domain", "html", srcdir=srcdir)
    assert bootcamp(first)["url"] == "extra.html#ideation-event-bootcamp"
    extra.unlink()
    second = build("domain", "html", srcdir=srcdir)
    assert "url" not in bootcamp(second)


def _published(outdir: Path) -> dict[str, tuple[int, bytes]]:
    files = [
        *outdir.glob("ideation.*"),
        *outdir.glob("ideation*.ics"),
        *outdir.glob("ideation-events/*.ics"),
    ]
    return {
        path.relative_to(outdir).as_posix(): (path.stat().st_mtime_ns, path.read_bytes())
        for path in files
        if path.is_file()
    }


def test_published_files_are_rewritten_only_where_their_bytes_change(
    build: Builder, tmp_path: Path
) -> None:
    srcdir = site(tmp_path / "site", 3)
    first = build("generated", "html", srcdir=srcdir, ideation_catalogue="data")
    before = _published(Path(first.outdir))
    assert set(before) >= {"ideation.json", "ideation.atom", "ideation-events/event-1.ics"}

    again = build("generated", "html", srcdir=srcdir, ideation_catalogue="data")
    assert _published(Path(again.outdir)) == before  # nothing to do: nothing rewritten

    edit_later(srcdir / "data" / "events" / "event-1.md", "title: Événement 1", "title: Réunion")
    edited = build("generated", "html", srcdir=srcdir, ideation_catalogue="data")
    assert warnings_of(edited) == ""
    after = _published(Path(edited.outdir))
    assert set(after) == set(before)
    changed = {name for name in after if after[name] != before[name]}
    # The event's own calendar, and every file that lists it; the other events' calendars
    # keep their bytes and their modification time.
    assert {"ideation.json", "ideation.atom", "ideation.ics", "ideation-events/event-1.ics"} <= (
        changed
    )
    assert "ideation-events/event-0.ics" not in changed
    assert "ideation-events/event-2.ics" not in changed
    assert "Réunion".encode() in after["ideation-events/event-1.ics"][1]


def test_an_event_made_a_draft_takes_its_calendar_file_with_it(
    build: Builder, tmp_path: Path
) -> None:
    srcdir = site(tmp_path / "site", 3)
    first = build("generated", "html", srcdir=srcdir, ideation_catalogue="data")
    assert (Path(first.outdir) / "ideation-events" / "event-2.ics").is_file()
    edit_later(srcdir / "data" / "events" / "event-2.md", "---\n", "---\ndraft: true\n", 1)
    second = build("generated", "html", srcdir=srcdir, ideation_catalogue="data")
    calendars = sorted(p.name for p in (Path(second.outdir) / "ideation-events").iterdir())
    assert calendars == ["event-0.ics", "event-1.ics"]


def test_a_published_file_left_empty_is_written_again_by_a_build_with_nothing_to_do(
    build: Builder, tmp_path: Path
) -> None:
    # Published files are not flushed to the disk one by one: a crash of the system may
    # leave one empty, and the next build, even one with nothing to do, writes it again.
    srcdir = site(tmp_path / "site", 3)
    first = build("generated", "html", srcdir=srcdir, ideation_catalogue="data")
    calendar = Path(first.outdir) / "ideation-events" / "event-1.ics"
    written = calendar.read_bytes()
    calendar.write_bytes(b"")
    again = build("generated", "html", srcdir=srcdir, ideation_catalogue="data")
    assert warnings_of(again) == ""
    assert calendar.read_bytes() == written


def test_a_publish_that_fails_warns_and_leaves_every_published_file_as_it_was(
    build: Builder, tmp_path: Path
) -> None:
    srcdir = site(tmp_path / "site", 2)
    first = build("generated", "html", srcdir=srcdir, ideation_catalogue="data")
    outdir = Path(first.outdir)
    catalogue = (outdir / "ideation.json").read_bytes()
    # The folder of the events' calendars cannot be made: a file stands in its place.
    shutil.rmtree(outdir / "ideation-events")
    (outdir / "ideation-events").write_text("not a folder", encoding="utf-8")
    edit_later(srcdir / "data" / "events" / "event-1.md", "title: Événement 1", "title: Réunion")
    second = build("generated", "html", srcdir=srcdir, ideation_catalogue="data")
    warnings = warnings_of(second)
    assert "cannot publish the catalogue" in warnings
    assert "[ideation.publish]" in warnings
    assert "Traceback" not in warnings
    # All or none: the catalogue that names the event by its old title is left as it was.
    assert (outdir / "ideation.json").read_bytes() == catalogue
