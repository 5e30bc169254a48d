"""Listings whose rows are made as their page is written: right after an edit, and cheaper.

After one proposal's title is edited, the pages listing it are written again, not read again,
and every page shows the new title (rST and MyST listings, HTML and text). A proposal whose
status changes moves between the listings of each status: those pages are read again, since
what they list changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docutils
import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx_roots import Builder, edit_later, touch_later, warnings_of
from synthetic_site import proposal_title, site

import sphinx
from ideation.sphinx._domain import get_domain

#: Hand-written pages listing proposals, in both syntaxes, beside the generated ones.
_PAGES = {
    "all.rst": "All\n===\n\n.. ideation:proposals::\n   :columns: title, status, sponsors\n"
    "   :sort: title\n",
    "cards.md": "# Cards\n\n```{ideation:proposals}\n:layout: cards\n"
    ":columns: title, summary\n```\n",
    "submitted.rst": "Submitted\n=========\n\n.. ideation:proposals::\n   :status: submitted\n"
    "   :layout: list\n",
    "selected.md": "# Selected\n\n```{ideation:proposals}\n:status: selected\n```\n",
}
_SUFFIX = {"html": ".html", "text": ".txt"}


def _site(root: Path) -> Path:
    srcdir = site(root, 4)
    for name, text in _PAGES.items():
        (srcdir / name).write_text(text, encoding="utf-8")
    pages = "\n".join(f"   {name.rpartition('.')[0]}" for name in _PAGES)
    (srcdir / "index.rst").write_text(
        f"Site\n====\n\n.. toctree::\n\n   ideation/index\n{pages}\n", encoding="utf-8"
    )
    return srcdir


def _edit(srcdir: Path, slug: str, old: str, new: str) -> None:
    edit_later(srcdir / "data" / "proposals" / f"{slug}.md", old, new)


def _outputs(app: SphinxTestApp, builder: str) -> dict[str, str]:
    suffix = _SUFFIX[builder]
    return {
        path.relative_to(app.outdir).as_posix().removesuffix(suffix): _shown(path, builder)
        for path in app.outdir.rglob(f"*{suffix}")
    }


def _shown(path: Path, builder: str) -> str:
    text = path.read_text("utf-8")
    if builder == "html" and sphinx.version_info < (8, 1):
        # Sphinx before 8.1 writes no page again for its sidebar's table of contents of the
        # whole site: on any site, that stays stale until a full build (see _navigation).
        return text.split('<div class="sphinxsidebar"', 1)[0]
    return text


@pytest.mark.parametrize(("builder", "parallel"), [("html", 0), ("html", 2), ("text", 0)])
def test_an_edited_title_is_on_every_page_without_reading_the_listings_again(
    build: Builder, tmp_path: Path, builder: str, parallel: int
) -> None:
    srcdir = _site(tmp_path / "site")
    conf: dict[str, Any] = {"ideation_catalogue": "data", "parallel": parallel}
    first = build("generated", builder, srcdir=srcdir, **conf)
    assert warnings_of(first) == ""
    old = proposal_title(6)
    showing = {doc for doc, text in _outputs(first, builder).items() if old in text}
    listings = set(get_domain(first.env).typed["rows"])
    assert {"all", "cards", "submitted"} <= showing & listings
    before = dict(first.env.all_docs)

    new = "L'idée d'un titre neuf"
    _edit(srcdir, "proposal-6", f"title: {old}", f"title: {new}")
    second = build("generated", builder, srcdir=srcdir, **conf)
    assert warnings_of(second) == ""
    reread = {doc for doc, read in second.env.all_docs.items() if before.get(doc) != read}
    # Its page, and the events that name it, are read again; the listings are only written.
    assert "ideation/proposals/proposal-6" in reread
    assert reread.isdisjoint(listings)
    outputs = _outputs(second, builder)
    assert not {doc for doc, text in outputs.items() if old in text}
    # Written as the page that shows the proposal in full writes it: with typographic
    # apostrophes in HTML, with plain ones in text (Sphinx's smartquotes_excludes).
    shown = "L\u2019idée d\u2019un titre neuf" if builder == "html" else new
    assert shown in outputs["ideation/proposals/proposal-6"]
    # The listings and the events that named it name it by its new title (its neighbours
    # changed, the listing of generated pages being sorted by title: see test_navigation).
    events = {doc for doc in showing if doc.startswith("ideation/events/")}
    assert events
    for doc in showing & listings | events:
        assert shown in outputs[doc], doc
    # The targets the listings define carry the new title (the inventory, the search index).
    entries = get_domain(second.env).objects[("proposal", "proposal-6")]
    assert {entry.title for entry in entries.values()} == {new}


def test_a_proposal_changing_status_moves_between_the_status_listings(
    build: Builder, tmp_path: Path
) -> None:
    srcdir = _site(tmp_path / "site")
    first = build("generated", "html", srcdir=srcdir, ideation_catalogue="data")
    title = proposal_title(3)
    assert title in (first.outdir / "submitted.html").read_text("utf-8")
    assert title not in (first.outdir / "selected.html").read_text("utf-8")
    before = dict(first.env.all_docs)

    _edit(
        srcdir,
        "proposal-3",
        "  date: 2022-01-10\n",
        "  date: 2022-01-10\n- status: selected\n  date: 2022-03-01\n",
    )
    second = build("generated", "html", srcdir=srcdir, ideation_catalogue="data")
    assert warnings_of(second) == ""
    reread = {doc for doc, read in second.env.all_docs.items() if before.get(doc) != read}
    # What these list changed: read again (their targets and their warnings are read-time).
    assert {"submitted", "selected"} <= reread
    assert title not in (second.outdir / "submitted.html").read_text("utf-8")
    assert title in (second.outdir / "selected.html").read_text("utf-8")
    # The listing of all proposals lists the same ones: written again, with the new status.
    assert "all" not in reread
    page = (second.outdir / "all.html").read_text("utf-8")
    row = page.split(f">{title}<", 1)[1].split("</tr>")[0]
    assert "ideation-status-selected" in row


def test_a_filter_naming_what_appears_later_reads_the_page_again(
    build: Builder, tmp_path: Path
) -> None:
    # A warning of the filter is a read-time fact: the page is read again when it would go.
    srcdir = _site(tmp_path / "site")
    (srcdir / "tagged.rst").write_text(
        "Tagged\n======\n\n.. ideation:proposals::\n   :tag: nouveau\n", encoding="utf-8"
    )
    first = build("generated", "html", srcdir=srcdir, ideation_catalogue="data")
    assert "no proposal has the tag 'nouveau'" in warnings_of(first)
    _edit(srcdir, "proposal-3", "tags: [tag-3]", "tags: [tag-3, nouveau]")
    second = build("generated", "html", srcdir=srcdir, ideation_catalogue="data")
    assert "nouveau" not in warnings_of(second)
    assert proposal_title(3) in (second.outdir / "tagged.html").read_text("utf-8")


def test_smart_quotes_follow_the_settings(build: Builder, tmp_path: Path) -> None:
    srcdir = _site(tmp_path / "site")
    _edit(srcdir, "proposal-3", f"title: {proposal_title(3)}", "title: L'idée")
    app = build("generated", "html", srcdir=srcdir, ideation_catalogue="data", smartquotes=False)
    # Off: the rows keep the apostrophe as written, as the proposal's own page does.
    assert ">L'idée<" in (app.outdir / "all.html").read_text("utf-8")
    assert "L'idée" in (app.outdir / "ideation/proposals/proposal-3.html").read_text("utf-8")
    assert "L\u2019idée" not in (app.outdir / "all.html").read_text("utf-8")


def test_smart_quotes_follow_the_language_of_the_labels(build: Builder, tmp_path: Path) -> None:
    # Labels in French on an English site: the box around the rows says so, and its quotes
    # are French ones, in the rows as in the proposal's own page, read with the page.
    srcdir = _site(tmp_path / "site")
    _edit(srcdir, "proposal-3", f"title: {proposal_title(3)}", "title: 'Le \"grand\" projet'")
    app = build(
        "generated", "html", srcdir=srcdir, ideation_catalogue="data", ideation_language="fr"
    )
    assert warnings_of(app) == ""
    page = (app.outdir / "ideation/proposals/proposal-3.html").read_text("utf-8")
    quoted = page.split("<h1>", 1)[1].split("<", 1)[0]
    # Docutils educates a title in its box's language from 0.22 on, and in the site's before.
    french = docutils.__version_info__ >= (0, 22)
    assert quoted.startswith("Le \u00ab" if french else "Le \u201c")
    assert f">{quoted}<" in (app.outdir / "all.html").read_text("utf-8")


def test_a_page_gone_with_its_listing_is_not_written(build: Builder, tmp_path: Path) -> None:
    # An event whose page listed proposals goes: its page is removed, not handed back to be
    # written (Sphinx would fail on a page it no longer has).
    srcdir = _site(tmp_path / "site")
    first = build("generated", "html", srcdir=srcdir, ideation_catalogue="data")
    assert "ideation/events/event-1" in get_domain(first.env).typed["rows"]
    (srcdir / "data" / "events" / "event-1.md").unlink()
    for proposal in (srcdir / "data" / "proposals").iterdir():
        text = proposal.read_text(encoding="utf-8")
        proposal.write_text(text.replace("events: [event-1]", "events: []"), encoding="utf-8")
        touch_later(proposal)
    second = build("generated", "html", srcdir=srcdir, ideation_catalogue="data")
    assert warnings_of(second) == ""
    assert "ideation/events/event-1" not in second.env.all_docs
    assert proposal_title(6) in (second.outdir / "all.html").read_text("utf-8")
