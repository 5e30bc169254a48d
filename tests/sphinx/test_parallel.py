"""Parallel and incremental builds of a site with generated pages: same output, right re-reads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sphinx.environment import BuildEnvironment
from sphinx.testing.util import SphinxTestApp
from sphinx_roots import Builder, pages_showing, touch_later, warnings_of
from synthetic_site import proposal_title, site

from ideation.sphinx._data import Store, get_store
from ideation.sphinx._domain import get_domain


def _files(outdir: Path) -> dict[str, bytes]:
    # Every file of the output but Sphinx's own bookkeeping (the pickled doctrees and the
    # build-info hash, which holds nothing shown).
    return {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.is_file() and ".doctrees" not in path.parts and path.name != ".buildinfo"
    }


def _spy_on_merges(
    monkeypatch: pytest.MonkeyPatch, seen: Callable[[set[str], BuildEnvironment], None]
) -> None:
    """Call ``seen`` with each chunk's documents and the environment a reading process sent
    back, before the main process merges it."""
    merge_info_from = BuildEnvironment.merge_info_from

    def spy(self: BuildEnvironment, docnames: Any, other: BuildEnvironment, app: Any) -> None:
        seen(set(docnames), other)
        merge_info_from(self, docnames, other, app)

    monkeypatch.setattr(BuildEnvironment, "merge_info_from", spy)


def _parallel_site(build: Builder, folder: Path) -> SphinxTestApp:
    return build(
        "generated", "html", srcdir=site(folder, 10), ideation_catalogue="data", parallel=2
    )


def test_parallel_output_is_byte_identical_and_the_store_stays_home(
    build: Builder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = build(
        "generated", "html", srcdir=site(tmp_path / "serial", 10), ideation_catalogue="data"
    )
    merged: list[Store] = []
    _spy_on_merges(monkeypatch, lambda docnames, other: merged.append(get_store(other)))
    parallel = _parallel_site(build, tmp_path / "parallel")
    assert warnings_of(serial) == warnings_of(parallel) == ""
    # Read in several chunks by other processes, none of which sent the catalogue back.
    assert len(merged) > 2
    assert all(not store.catalogues and not store.files for store in merged)
    assert get_store(parallel.env).catalogues == get_store(serial.env).catalogues
    assert get_domain(parallel.env).typed == get_domain(serial.env).typed
    serial_files, parallel_files = _files(serial.outdir), _files(parallel.outdir)
    assert len(serial_files) > 60
    assert serial_files == parallel_files


@pytest.mark.parametrize("parallel", [0, 2])
def test_editing_one_proposal_rereads_exactly_the_pages_that_show_it(
    build: Builder, tmp_path: Path, parallel: int
) -> None:
    srcdir = site(tmp_path / "site", 10)
    conf: dict[str, Any] = {"ideation_catalogue": "data", "parallel": parallel}
    first = build("generated", "html", srcdir=srcdir, **conf)
    # A new title that keeps the proposal's place in lists sorted by title, between those of
    # proposals 6 and 8 (a new order would rewrite the stub of the status page that lists them,
    # which is then re-read for that reason).
    old, new = proposal_title(7), f"{proposal_title(6)}z"
    showing = pages_showing(first, old)
    # Its own page, the event that discussed it, and the list of every proposal.
    assert {"ideation/proposals/proposal-7", "ideation/proposals/index"} < showing
    assert any(doc.startswith("ideation/events/") for doc in showing)
    # Pages that summarise every proposal (counts by status) are re-read too.
    summaries = get_domain(first.env).documents_listing("proposal")
    # Pages whose lists of proposals are made as they are written (the list of every proposal,
    # the event's) are written again, not read: they list the same proposals.
    listed = set(get_domain(first.env).typed["rows"])
    assert "ideation/proposals/index" in listed
    before = dict(first.env.all_docs)

    edited = srcdir / "data" / "proposals" / "proposal-7.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    touch_later(edited)
    second = build("generated", "html", srcdir=srcdir, **conf)
    assert warnings_of(second) == ""
    reread = {doc for doc, read in second.env.all_docs.items() if before.get(doc) != read}
    assert reread == (showing - listed) | summaries
    assert pages_showing(second, new) == showing
    for doc in showing:
        # The page's own content: Sphinx's navigation (previous/next) in pages that are not
        # re-read keeps the title they were written with, in a hand-written site as well.
        html = (second.outdir / f"{doc}.html").read_text(encoding="utf-8")
        content = html.split('role="main"', 1)[1].split('class="sphinxsidebar"', 1)[0]
        assert new in content, doc
        assert old not in content, doc


@pytest.mark.parametrize("parallel", [0, 2])
def test_no_data_file_is_a_sphinx_dependency(build: Builder, tmp_path: Path, parallel: int) -> None:
    # Sphinx checks every dependency of every page, one by one, at every build: the pages
    # record the objects they show in the domain instead, which re-reads them itself.
    srcdir = site(tmp_path / "site", 10)
    first = build("generated", "html", srcdir=srcdir, ideation_catalogue="data", parallel=parallel)
    data = srcdir / "data"
    for app in (first, build("generated", "html", srcdir=srcdir, ideation_catalogue="data")):
        assert warnings_of(app) == ""
        noted = {file for found in app.env.dependencies.values() for file in found}
        assert not {file for file in noted if data in (srcdir / file).parents}
        # The record that stands for them, merged from every reading process.
        shown = get_domain(app.env).typed["shown"]
        for kind, slug in sorted(get_store(app.env).keys()):
            if kind in {"event", "proposal"}:
                assert (kind, slug) in shown[f"ideation/{kind}s/{slug}"]


def test_reading_processes_send_back_only_what_their_chunk_recorded(
    build: Builder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each process starts as a copy of the main environment with every page merged so far;
    # what it sends back is pickled by it and unpickled by the main process once per chunk.
    sent: list[tuple[set[str], set[str], set[str]]] = []

    def seen(docnames: set[str], other: BuildEnvironment) -> None:
        ours = other.domaindata["ideation"]
        documents = set(ours["documents"]) | {doc for d in ours["objects"].values() for doc in d}
        sent.append((docnames, set(other.dependencies), documents))

    _spy_on_merges(monkeypatch, seen)
    app = _parallel_site(build, tmp_path / "site")
    assert warnings_of(app) == ""
    assert len(sent) > 2
    for chunk, dependencies, documents in sent:
        assert dependencies <= chunk
        assert documents <= chunk
    # Later chunks were started after earlier ones were merged, and still sent their own only.
    assert sum(len(chunk) for chunk, _, _ in sent) == len(app.env.found_docs)
