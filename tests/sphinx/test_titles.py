"""Page titles rendered once per build: the same HTML, byte for byte, in every case."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from ideation.sphinx.titles import TitleCache

_TITLE_CACHE_EXTENSION = """\
from ideation.sphinx.titles import setup_titles

def setup(app):
    setup_titles(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
"""

# Titles with what a title can hold once Sphinx has collected it: inline markup, a literal, a
# substitution, text to escape, accents, and a title set by metadata (a long title).
_TITLES = [
    "Ateliers *du* 16 mai",
    '``code`` & <tags> "quoted"',
    "Élèves |today-ish| **forts**",
    "Math :math:`a^2` here",
    "A link `to somewhere <https://example.org>`_",
    "Same title",
    "Same title",
]


def _site(folder: Path, *, cached: bool) -> Path:
    folder.mkdir(parents=True)
    extensions = ["title_cache"] if cached else []
    (folder / "conf.py").write_text(
        "import sys, os\nsys.path.insert(0, os.path.dirname(__file__))\n"
        f"extensions = {extensions!r}\n"
        "rst_prolog = '.. |today-ish| replace:: *now*'\n",
        encoding="utf-8",
    )
    (folder / "title_cache.py").write_text(_TITLE_CACHE_EXTENSION, encoding="utf-8")
    # Three levels, so that pages have parents, a previous and a next page.
    (folder / "index.rst").write_text(
        "Root *title*\n============\n\n.. toctree::\n\n   section/index\n", encoding="utf-8"
    )
    section = folder / "section"
    section.mkdir()
    pages = [f"page{number}" for number in range(len(_TITLES))]
    toctree = "\n".join(f"   {page}" for page in pages)
    (section / "index.rst").write_text(
        f"Section ``one``\n===============\n\n.. toctree::\n\n{toctree}\n", encoding="utf-8"
    )
    for page, title in zip(pages, _TITLES, strict=True):
        meta = ":title: A *long* title\n\n" if page == "page2" else ""
        (section / f"{page}.rst").write_text(
            f"{meta}{title}\n{'=' * (len(title) + 4)}\n\nText of {page}.\n", encoding="utf-8"
        )
    return folder


def _build(srcdir: Path, parallel: int = 0) -> tuple[SphinxTestApp, dict[str, bytes]]:
    app = SphinxTestApp(
        "html", srcdir=srcdir, status=StringIO(), warning=StringIO(), parallel=parallel
    )
    try:
        app.build()
        outdir = Path(app.outdir)
        pages = {
            str(path.relative_to(outdir)): path.read_bytes() for path in outdir.rglob("*.html")
        }
        return app, pages
    finally:
        app.cleanup()


@pytest.mark.parametrize("parallel", [0, 2])
def test_the_pages_are_the_same_with_the_cache(tmp_path: Path, parallel: int) -> None:
    plain_app, plain = _build(_site(tmp_path / "plain", cached=False), parallel)
    cached_app, cached = _build(_site(tmp_path / "cached", cached=True), parallel)

    assert sorted(cached) == sorted(plain)
    for name, page in plain.items():
        assert cached[name] == page, name
    assert isinstance(cached_app.builder.render_partial, TitleCache)  # type: ignore[attr-defined]
    assert not isinstance(plain_app.builder.render_partial, TitleCache)  # type: ignore[attr-defined]


def test_a_rebuild_gives_the_same_pages(tmp_path: Path) -> None:
    # The second build has new title nodes for the pages it reads again: none of the first
    # build's renders may be shown for them.
    sites = {cached: _site(tmp_path / str(cached), cached=cached) for cached in (False, True)}
    for site in sites.values():
        _build(site)
        page = site / "section" / "page3.rst"
        page.write_text("Renamed *page*\n================\n\nNew text.\n", encoding="utf-8")
        (site / "section" / "index.rst").touch()
    rebuilt = {cached: _build(site)[1] for cached, site in sites.items()}

    assert rebuilt[True] == rebuilt[False]
    assert b"Renamed <em>page</em>" in rebuilt[True]["section/page3.html"]


def test_each_title_is_rendered_once(tmp_path: Path) -> None:
    app = SphinxTestApp(
        "html",
        srcdir=_site(tmp_path / "site", cached=True),
        status=StringIO(),
        warning=StringIO(),
    )
    try:
        app.build()
        cache = app.builder.render_partial  # type: ignore[attr-defined]
        assert isinstance(cache, TitleCache)
        # Every page's title was shown several times (its own, its neighbours', its
        # children's parent), and rendered once.
        assert 0 < len(cache.rendered) <= len(cache.titles)
        titles = app.env.titles
        assert {id(titles["section/index"]), id(titles["section/page0"])} <= set(cache.rendered)
    finally:
        app.cleanup()


def test_other_nodes_are_rendered_every_time() -> None:
    calls: list[nodes.Node | None] = []

    def render(node: nodes.Node | None) -> dict[str, str]:
        calls.append(node)
        return {"title": str(len(calls)), "fragment": ""}

    class Env:
        title = nodes.title("", "A title")

        def __init__(self) -> None:
            self.titles = self.longtitles = {"page": self.title}

    cache = TitleCache(render, Env())  # type: ignore[arg-type]
    other = nodes.title("", "A title")  # equal text, but not the environment's title
    first = cache(Env.title)
    first["title"] = "changed by a caller"
    assert cache(Env.title) == {"title": "1", "fragment": ""}
    assert [cache(other)["title"], cache(other)["title"], cache(None)["title"]] == ["2", "3", "4"]
    assert calls == [Env.title, other, other, None]
