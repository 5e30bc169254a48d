"""A listing's rows are made when its page is written, and show in every builder as if read."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docutils import nodes
from sphinx_roots import Builder, normalise, warnings_of

from ideation.sphinx.data import get_store
from ideation.sphinx.nodes import pending_rows

#: Words of titles the seed's listing shows (a text table wraps long titles in its cells).
LISTED = ("SIRETisation", "Pseudonymisation")
#: A listed title with an apostrophe, educated in HTML.
EDUCATED = "Faciliter l\u2019association de sources de données"


def _listing_page(folder: Path, layout: str) -> None:
    (folder / "proposals.md").write_text(
        "# Proposals\n\n```{ideation:proposals}\n"
        f":columns: title, status, sponsors, events\n:layout: {layout}\n```\n",
        encoding="utf-8",
    )


@pytest.mark.parametrize("layout", ["table", "list"])
def test_the_read_page_keeps_no_rows(build: Builder, tmp_path: Path, layout: str) -> None:
    srcdir = tmp_path / "seed"
    app = build("seed", "html", srcdir=srcdir)
    _listing_page(srcdir, layout)
    app = build("seed", "html", srcdir=srcdir)
    doctree = app.env.get_doctree("proposals")
    (pending,) = doctree.findall(pending_rows)
    assert not [row for row in doctree.findall(nodes.row) if isinstance(row.parent, nodes.tbody)]
    assert not list(doctree.findall(nodes.list_item))
    listed = [p for c in get_store(app.env).catalogues for p in c.proposals if not p.draft]
    assert {slug for _index, slug in pending["items"]} == {p.slug for p in listed}
    # What the rows show is recorded as the page is read: organisations and events too.
    shown = app.env.domains["ideation"].data["shown"]["proposals"]
    assert {kind for kind, _slug in shown} == {"proposal", "organisation", "event"}
    html = (app.outdir / "proposals.html").read_text(encoding="utf-8")
    for title in (*LISTED, EDUCATED):
        assert title in html, title
    assert 'href="ideation/proposals/' not in html  # no generated pages: links go to anchors
    assert len(re.findall(r'id="ideation-proposal-[a-z0-9-]+"', html)) == len(listed)


@pytest.mark.parametrize("buildername", ["singlehtml", "latex", "text", "epub", "man"])
def test_every_builder_shows_the_rows(build: Builder, buildername: str) -> None:
    app = build("seed", buildername, version="1", copyright="2022")
    assert warnings_of(app) == ""
    text = normalise(
        "\n".join(
            path.read_text(encoding="utf-8")
            for path in app.outdir.rglob("*")
            if path.suffix in {".html", ".xhtml", ".tex", ".txt", ".1"}
        )
    )
    # LaTeX and man pages break lines in long cells; compare words.
    words = " ".join(text.split())
    for title in LISTED:
        assert title in words, (buildername, title)


def test_rows_are_educated_where_the_builder_educates(build: Builder) -> None:
    # Sphinx leaves the text builder's quotes alone (smartquotes_excludes): so do the rows.
    html = build("seed", "html").outdir / "proposals.html"
    assert EDUCATED in html.read_text(encoding="utf-8")
    text = build("seed", "text").outdir / "proposals.txt"
    assert "Faciliter l'association" in text.read_text(encoding="utf-8")


def test_a_full_view_after_a_listing_takes_the_row_anchor(build: Builder, tmp_path: Path) -> None:
    srcdir = tmp_path / "seed"
    build("seed", "html", srcdir=srcdir)
    page = srcdir / "proposals.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n```{ideation:proposal} annotation\n```\n",
        encoding="utf-8",
    )
    app = build("seed", "html", srcdir=srcdir)
    assert warnings_of(app) == ""
    html = (app.outdir / "proposals.html").read_text(encoding="utf-8")
    # One element holds the anchor: the full view's section, not the listing's row.
    assert html.count('id="ideation-proposal-annotation"') == 1
    assert re.search(r'<section [^>]*id="ideation-proposal-annotation"', html)
    assert 'href="#ideation-proposal-annotation"' in html


def test_rows_are_not_offered_to_translators(build: Builder) -> None:
    app = build("seed", "gettext")
    pots = "\n".join(path.read_text(encoding="utf-8") for path in app.outdir.rglob("*.pot"))
    assert "Proposals" in pots  # the page's own heading is the author's
    for title in LISTED:
        assert title not in pots, title
