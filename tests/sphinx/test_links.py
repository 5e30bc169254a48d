"""The links out of an object's full view: "Edit this file" (the forge's editor for a git
source, ``ideation_edit_url`` for the site's own files), "Page on <site>" for an object read
from another site's catalogue, and each event's own ``.ics``."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import icalendar
import pytest
from sphinx_roots import EXAMPLES, Builder, warnings_of
from tests.sources.helpers import (  # noqa: F401 - fixtures, found by pytest by their names
    Site,
    git,
    local_cache_fixture,
    published_fixture,
    server_fixture,
    site_fixture,
)

from ideation import load
from ideation.model import Catalogue
from ideation.privacy import private_names
from ideation.sources import lock
from ideation.sphinx._data import STORE_FILE

pytestmark = [pytest.mark.sphinx, pytest.mark.usefixtures("local_cache")]

EDIT = "https://github.com/org/site/edit/main/examples/programme-10/{path}"


def _page(app: object, *parts: str) -> str:
    return (Path(getattr(app, "outdir"), *parts)).read_text(encoding="utf-8")  # noqa: B009


def test_a_local_catalogue_links_to_its_files_with_ideation_edit_url(build: Builder) -> None:
    app = build("generated", "html", ideation_edit_url=EDIT)
    assert warnings_of(app) == ""
    event = _page(app, "ideation", "events", "bootcamp.html")
    assert (
        'href="https://github.com/org/site/edit/main/examples/programme-10/events/bootcamp.md"'
        in event
    )
    assert "Edit this file" in event
    proposal = _page(app, "ideation", "proposals", "classification-offres-emploi.html")
    assert "examples/programme-10/proposals/classification-offres-emploi.yaml" in proposal


def test_no_edit_link_without_ideation_edit_url_and_none_to_a_candidate(build: Builder) -> None:
    app = build("generated", "html")
    assert "Edit this file" not in _page(app, "ideation", "events", "bootcamp.html")
    # The store (published with the site) knows no candidate's file.
    with (Path(app.doctreedir) / STORE_FILE).open("rb") as stream:
        pickle.load(stream)
        store = pickle.load(stream)
    assert store.origins[("event", "bootcamp")].path == "events/bootcamp.md"
    assert not [key for key in store.origins if key[0] == "candidate"]
    data = (Path(app.doctreedir) / STORE_FILE).read_bytes()
    for name in private_names(load(EXAMPLES, Catalogue)):
        assert name.encode() not in data, name


def test_the_edit_link_is_translated(build: Builder) -> None:
    app = build("generated", "html", language="fr", ideation_edit_url=EDIT)
    page = _page(app, "ideation", "events", "bootcamp.html")
    assert "Modifier ce fichier" in page
    assert "Ajouter à mon agenda (.ics)" in page


def test_a_bad_ideation_edit_url_is_a_config_warning(build: Builder) -> None:
    app = build("generated", "html", ideation_edit_url="javascript:alert(1)//{path}")
    assert "[ideation.config]" in warnings_of(app)
    assert "javascript" not in _page(app, "ideation", "events", "bootcamp.html")


def test_git_sources_link_to_their_files_in_their_forge(
    build: Builder, site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The repositories are local; git reads them where the sources file says GitHub is.
    github = "https://github.com/etalab/"
    monkeypatch.setenv("GIT_CONFIG_COUNT", "2")
    monkeypatch.setenv("GIT_CONFIG_KEY_0", f"url.{site.events.as_uri()}.insteadOf")
    monkeypatch.setenv("GIT_CONFIG_VALUE_0", f"{github}events")
    monkeypatch.setenv("GIT_CONFIG_KEY_1", f"url.{site.proposals.as_uri()}.insteadOf")
    monkeypatch.setenv("GIT_CONFIG_VALUE_1", f"{github}proposals")
    text = site.sources.read_text(encoding="utf-8")
    text = text.replace(site.events.as_uri(), f"{github}events")
    text = text.replace(
        f'git = "{site.proposals.as_uri()}"', f'git = "{github}proposals"\nref = "main"'
    )
    site.sources.write_text(text, encoding="utf-8")
    lock(site.sources)
    app = build(
        "generated",
        "html",
        srcdir=tmp_path / "docs",
        ideation_catalogue=str(site.sources),
        ideation_edit_url=EDIT,  # for local files only: none here
    )
    assert warnings_of(app) == ""
    before = dict(app.env.all_docs)
    event = _page(app, "ideation", "events", "bootcamp.html")
    assert f'href="{github}events/edit/main/ideation/events/bootcamp.md"' in event
    proposal = _page(app, "ideation", "proposals", "annotation.html")
    assert f'href="{github}proposals/edit/main/proposals/annotation.md"' in proposal
    # Read from another site's catalogue: no file to edit here, a link to its home page.
    partner = _page(app, "ideation", "events", "partner-meetup.html")
    assert "Edit this file" not in partner
    assert 'href="https://partner.example/events/partner-meetup/"' in partner
    assert "Page on partner.example" in partner

    # The sources file follows another branch, at the same commit: no file changed, and yet
    # the pages that show the source's objects are read again, to edit on that branch.
    git("branch", "stable", cwd=site.events)
    text = site.sources.read_text(encoding="utf-8").replace('ref = "main"', 'ref = "stable"', 1)
    site.sources.write_text(text, encoding="utf-8")
    lock(site.sources, update="programme")
    again = build(
        "generated",
        "html",
        srcdir=tmp_path / "docs",
        ideation_catalogue=str(site.sources),
        ideation_edit_url=EDIT,
    )
    assert "ideation/events/bootcamp" in again.env.all_docs
    reread = {doc for doc, read in again.env.all_docs.items() if read != before.get(doc)}
    assert "ideation/events/bootcamp" in reread
    assert "ideation/proposals/annotation" in again.env.all_docs
    assert "ideation/proposals/annotation" not in reread, sorted(reread)
    assert warnings_of(again) == ""
    event = _page(again, "ideation", "events", "bootcamp.html")
    assert f'href="{github}events/edit/stable/ideation/events/bootcamp.md"' in event
    proposal = _page(again, "ideation", "proposals", "annotation.html")
    assert f'href="{github}proposals/edit/main/proposals/annotation.md"' in proposal


def test_file_urls_have_no_forge_and_no_edit_link(
    build: Builder, site: Site, tmp_path: Path
) -> None:
    lock(site.sources)
    app = build("generated", "html", srcdir=tmp_path / "docs", ideation_catalogue=str(site.sources))
    assert "Edit this file" not in _page(app, "ideation", "events", "bootcamp.html")


def test_each_event_page_links_to_its_own_ics(build: Builder) -> None:
    app = build("generated", "html")
    outdir = Path(app.outdir)
    page = _page(app, "ideation", "events", "bootcamp.html")
    assert 'href="../../ideation-events/bootcamp.ics"' in page
    calendar = icalendar.Calendar.from_ical(
        (outdir / "ideation-events" / "bootcamp.ics").read_bytes()
    )
    (event,) = calendar.walk("VEVENT")
    assert str(event["URL"]).endswith("ideation/events/bootcamp.html#ideation-event-bootcamp")
    example = load(EXAMPLES, Catalogue)
    assert {path.stem for path in (outdir / "ideation-events").glob("*.ics")} == {
        e.slug for e in example.events if not e.draft
    }


def test_dirhtml_links_to_the_ics_from_where_the_page_is(build: Builder) -> None:
    app = build("generated", "dirhtml")
    page = _page(app, "ideation", "events", "bootcamp", "index.html")
    assert 'href="../../../ideation-events/bootcamp.ics"' in page
    assert (Path(app.outdir) / "ideation-events" / "bootcamp.ics").is_file()


def test_no_ics_link_when_nothing_is_published_or_outside_html(build: Builder) -> None:
    off = build("generated", "html", ideation_publish=False)
    assert ".ics" not in _page(off, "ideation", "events", "bootcamp.html")
    assert not (Path(off.outdir) / "ideation-events").exists()
    text = build("generated", "text")
    assert warnings_of(text) == ""
    assert ".ics" not in _page(text, "ideation", "events", "bootcamp.txt")


def test_an_event_gone_takes_its_ics_with_it(build: Builder, tmp_path: Path) -> None:
    catalogue = tmp_path / "catalogue"
    shutil.copytree(EXAMPLES, catalogue)
    srcdir = tmp_path / "docs"
    first = build("generated", "html", srcdir=srcdir, ideation_catalogue=str(catalogue))
    calendars = Path(first.outdir) / "ideation-events"
    assert (calendars / "journee-2022-11-22.ics").is_file()
    (catalogue / "events" / "journee-2022-11-22.yaml").unlink()
    build("generated", "html", srcdir=srcdir, ideation_catalogue=str(catalogue))
    assert not (calendars / "journee-2022-11-22.ics").exists()
    assert (calendars / "bootcamp.ics").is_file()


def test_turning_publishing_off_writes_the_event_pages_again_without_the_link(
    build: Builder, tmp_path: Path
) -> None:
    srcdir = tmp_path / "docs"
    first = build("generated", "html", srcdir=srcdir)
    assert ".ics" in _page(first, "ideation", "events", "bootcamp.html")
    second = build("generated", "html", srcdir=srcdir, ideation_publish=False)
    assert ".ics" not in _page(second, "ideation", "events", "bootcamp.html")


def test_singlehtml_links_to_the_ics_from_its_one_page(build: Builder) -> None:
    app = build("generated", "singlehtml")
    assert warnings_of(app) == ""
    assert 'href="ideation-events/bootcamp.ics"' in _page(app, "index.html")
    assert (Path(app.outdir) / "ideation-events" / "bootcamp.ics").is_file()
