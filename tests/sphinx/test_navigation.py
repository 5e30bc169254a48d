"""A page's neighbours, parent and children follow its title when only the title changes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sphinx_roots import Builder, touch_later, warnings_of
from synthetic_site import proposal_title, site


def _head_titles(html: str) -> set[str]:
    # The previous and next pages, and the parent, as the page's <head> names them.
    return set(re.findall(r'<link rel="(?:prev|next|up)" title="([^"]*)"', html))


@pytest.mark.parametrize("parallel", [0, 2])
def test_pages_naming_a_retitled_page_are_written_again(
    build: Builder, tmp_path: Path, parallel: int
) -> None:
    srcdir = site(tmp_path / "site", 6)
    first = build("generated", "html", srcdir=srcdir, ideation_catalogue="data", parallel=parallel)
    page = "ideation/proposals/proposal-3"
    _parent, previous, following = first.env.collect_relations()[page]
    old, new = proposal_title(3), "Un titre tout neuf"
    for doc in (previous, following):
        assert old in _head_titles((first.outdir / f"{doc}.html").read_text("utf-8"))

    data = srcdir / "data" / "proposals" / "proposal-3.md"
    data.write_text(data.read_text("utf-8").replace(f"title: {old}", f"title: {new}"), "utf-8")
    touch_later(data)
    second = build("generated", "html", srcdir=srcdir, ideation_catalogue="data", parallel=parallel)
    assert warnings_of(second) == ""
    # The listing sorts by title: the page moved. Its old neighbours no longer name it, its
    # new ones do, by its new title, and so does its parent's table of contents.
    parent, previous_now, following_now = second.env.collect_relations()[page]
    assert {previous_now, following_now}.isdisjoint({previous, following})
    for doc in (previous, following):
        assert old not in _head_titles((second.outdir / f"{doc}.html").read_text("utf-8")), doc
    for doc in filter(None, (previous_now, following_now)):
        assert new in _head_titles((second.outdir / f"{doc}.html").read_text("utf-8")), doc
    assert new in (second.outdir / f"{parent}.html").read_text("utf-8")


def test_children_follow_their_parents_title(build: Builder, tmp_path: Path) -> None:
    srcdir = tmp_path / "site"
    build("generated", "html", srcdir=srcdir)
    (srcdir / "index.rst").write_text(
        (srcdir / "index.rst").read_text("utf-8").replace("Generated pages\n=====", "Pages\n====="),
        encoding="utf-8",
    )
    touch_later(srcdir / "index.rst")
    second = build("generated", "html", srcdir=srcdir)
    child = second.outdir / "ideation" / "index.html"
    assert 'title="Pages"' in child.read_text("utf-8")


def test_a_build_that_changes_no_title_writes_nothing_more(build: Builder, tmp_path: Path) -> None:
    srcdir = site(tmp_path / "site", 4)
    first = build("generated", "html", srcdir=srcdir, ideation_catalogue="data")
    written = {path: path.stat().st_mtime_ns for path in first.outdir.rglob("*.html")}
    data = srcdir / "data" / "proposals" / "proposal-2.md"
    data.write_text(
        data.read_text("utf-8").replace("summary: Résumé 2.", "summary: Autre résumé."), "utf-8"
    )
    touch_later(data)
    second = build("generated", "html", srcdir=srcdir, ideation_catalogue="data")
    rewritten = {
        path.relative_to(second.outdir).as_posix()
        for path, stamp in written.items()
        if path.stat().st_mtime_ns != stamp
    }
    # The proposal's page and the pages that show it; no neighbour, since no title changed.
    assert "ideation/proposals/proposal-2.html" in rewritten
    assert "ideation/proposals/proposal-1.html" not in rewritten
    assert "ideation/proposals/proposal-3.html" not in rewritten
