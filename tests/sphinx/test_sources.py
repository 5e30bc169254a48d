"""A Sphinx site whose ``ideation_catalogue`` is a sources file: two git repositories and a
published catalogue, built under the same rules as a folder, rebuilt after a lock update."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx_roots import Builder, copy_root, pages_showing, warnings_of
from tests.sources.helpers import (  # noqa: F401 - fixtures, found by pytest by their names
    Site,
    commit,
    local_cache_fixture,
    published_fixture,
    server_fixture,
    site_fixture,
)

from ideation.sources import lock
from ideation.sphinx._domain import get_domain

pytestmark = [pytest.mark.sphinx, pytest.mark.usefixtures("local_cache")]


def test_a_site_built_from_sources_then_a_lock_update_rereads_what_shows_it(
    build: Builder, site: Site, tmp_path: Path
) -> None:
    lock(site.sources)
    srcdir = tmp_path / "docs"
    conf = {"ideation_catalogue": str(site.sources)}
    first = build("generated", "html", srcdir=srcdir, **conf)
    assert warnings_of(first) == ""
    outdir = Path(first.outdir)
    assert (outdir / "ideation" / "proposals" / "partner-idea.html").is_file()
    assert (outdir / "ideation" / "proposals" / "annotation.html").is_file()
    before = dict(first.env.all_docs)
    showing = pages_showing(first, "Pseudonymisation de documents textuels")
    assert "ideation/proposals/annotation" in showing

    page = site.proposals / "proposals" / "annotation.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Pseudonymisation", "Tri"))
    commit(site.proposals, "A shorter title")
    # Nothing moves until the lock does.
    second = build("generated", "html", srcdir=srcdir, **conf)
    assert dict(second.env.all_docs) == before
    assert lock(site.sources, update="projects").changes

    third = build("generated", "html", srcdir=srcdir, **conf)
    assert warnings_of(third) == ""
    reread = {doc for doc, read in third.env.all_docs.items() if before.get(doc) != read}
    domain = get_domain(third.env)
    expected = domain.documents_showing({("proposal", "annotation")})
    expected |= domain.documents_listing("proposal")
    assert reread == expected
    assert "ideation/proposals/juripiaf" not in reread
    assert "Tri de documents textuels" in (
        outdir / "ideation" / "proposals" / "annotation.html"
    ).read_text(encoding="utf-8")


def test_a_problem_in_a_source_is_a_warning_at_its_source(
    build: Builder, site: Site, tmp_path: Path
) -> None:
    page = site.proposals / "proposals" / "annotation.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("---\n", "---\nstatus: dreaming\n", 1), encoding="utf-8")
    new = commit(site.proposals, "A status that does not exist")
    lock(site.sources)
    app = build("generated", "html", srcdir=tmp_path / "docs", ideation_catalogue=str(site.sources))
    assert f"projects@{new[:7]}:proposals/annotation.md:2: " in warnings_of(app)


def test_a_sources_file_beside_conf_py_keeps_its_cache_out_of_the_documents(
    build: Builder, site: Site, tmp_path: Path
) -> None:
    srcdir = tmp_path / "docs"
    build("generated", "html", srcdir=srcdir, ideation_catalogue=str(site.sources))
    sources = srcdir / "sources.toml"
    sources.write_text(site.sources.read_text(encoding="utf-8"), encoding="utf-8")
    lock(sources)
    app = build("generated", "html", srcdir=srcdir, ideation_catalogue="sources.toml")
    assert (srcdir / ".ideation-cache" / "checkouts").is_dir()
    assert warnings_of(app) == ""
    assert not any(".ideation-cache" in doc for doc in app.env.found_docs)


def test_after_the_lock_the_same_site_is_built_offline_without_the_repositories(
    build: Builder, site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lock(site.sources)
    conf = {"ideation_catalogue": str(site.sources)}
    first = build("generated", "html", srcdir=tmp_path / "first", **conf)
    (site.root / "repos").rename(site.root / "gone")
    monkeypatch.setenv("IDEATION_OFFLINE", "1")
    second = build("generated", "html", srcdir=tmp_path / "second", **conf)
    assert warnings_of(second) == ""

    def pages(app: SphinxTestApp) -> dict[str, bytes]:
        outdir = Path(app.outdir)
        return {
            path.relative_to(outdir).as_posix(): path.read_bytes()
            for path in sorted((outdir / "ideation").rglob("*.html"))
        }

    assert pages(first) == pages(second)
    assert len(pages(first)) > 20


def test_roles_name_the_source_of_an_object(build: Builder, site: Site, tmp_path: Path) -> None:
    lock(site.sources)
    srcdir = copy_root("generated", tmp_path / "docs")
    (srcdir / "links.rst").write_text(
        ":orphan:\n\nLinks\n=====\n\n"
        "Projects: :ideation:proposal:`projects:annotation`.\n\n"
        "Partner: :ideation:event:`partner:partner-meetup`.\n\n"
        "Session: :ideation:session:`programme:atelier-ideation/0930`.\n\n"
        "Unknown source: :ideation:proposal:`nowhere:annotation`.\n\n"
        "Another source: :ideation:proposal:`partner:juripiaf`.\n\n"
        "Unknown slug: :ideation:proposal:`projects:no-such-project`.\n",
        encoding="utf-8",
    )
    (srcdir / "myst.md").write_text(
        "---\norphan: true\n---\n\n# MyST\n\nSee {ideation:proposal}`projects:juripiaf`.\n",
        encoding="utf-8",
    )
    app = build("generated", "html", srcdir=srcdir, ideation_catalogue=str(site.sources))
    warnings = warnings_of(app).splitlines()
    links = str(srcdir / "links.rst")
    assert [line.split(": ", 1)[0].removeprefix(links) for line in warnings] == [
        ":12",
        ":14",
        ":16",
    ], warnings
    assert (
        "unknown source 'nowhere' in :ideation:proposal: (the sources are 'partner', "
        "'programme', 'projects') [ideation.ref]"
    ) in warnings[0]
    assert "is from the source 'projects', not 'partner' [ideation.ref]" in warnings[1]
    assert (
        "unknown proposal 'no-such-project' in :ideation:proposal: [ideation.ref]" in (warnings[2])
    )
    page = (Path(app.outdir) / "links.html").read_text(encoding="utf-8")
    assert 'href="ideation/proposals/annotation.html#ideation-proposal-annotation"' in page
    assert "Pseudonymisation de documents textuels" in page
    assert 'href="ideation/events/partner-meetup.html#ideation-event-partner-meetup"' in page
    assert 'href="ideation/events/atelier-ideation.html#ideation-session-atelier-ideation' in page
    # What could not be resolved is shown as written, never linked to another source's object.
    for written in ("nowhere:annotation", "partner:juripiaf", "projects:no-such-project"):
        assert written in page
    assert page.count('href="ideation/proposals/juripiaf.html') == 0
    myst = (Path(app.outdir) / "myst.html").read_text(encoding="utf-8")
    assert 'href="ideation/proposals/juripiaf.html#ideation-proposal-juripiaf"' in myst


def test_a_source_prefix_without_a_sources_file_is_an_unknown_source(build: Builder) -> None:
    app = build("domain", "html")
    srcdir = Path(app.srcdir)
    (srcdir / "prefixed.rst").write_text(
        ":orphan:\n\nPrefixed\n========\n\n:ideation:proposal:`p10:siretisation`\n",
        encoding="utf-8",
    )
    again = build("domain", "html", srcdir=srcdir)
    assert (
        "prefixed.rst:6: WARNING: unknown source 'p10' in :ideation:proposal: "
        "(ideation_catalogue names no sources file) [ideation.ref]"
    ) in warnings_of(again)
