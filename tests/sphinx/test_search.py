"""The build-wide stem cache of the search index: the same index, byte for byte, in every case."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from ideation.sphinx.search import cache_stems

# Words that stem to something else, repeated across pages, in the languages tested, with
# accents, capitals and punctuation: what a stem cache could get wrong if it were keyed wrongly.
_TEXTS = {
    "en": "Running runners ran; the Workshops' workshop RUNS. Proposals proposed, proposing.",
    "fr": "Les ateliers, l'atelier : propositions proposées, proposant. Élèves élevés ÉLEVÉS.",
    "de": "Die Werkstätten, der Werkstatt; Vorschläge vorgeschlagen. Häuser HÄUSER häuslich.",
    "ja": "ワークショップの提案。提案された提案、ワークショップ。",
}

_STEM_CACHE_EXTENSION = """\
from ideation.sphinx.search import setup_search

def setup(app):
    setup_search(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
"""


def _site(folder: Path, language: str, *, cached: bool) -> Path:
    folder.mkdir(parents=True)
    extensions = ["stem_cache"] if cached else []
    (folder / "conf.py").write_text(
        f"import sys, os\nsys.path.insert(0, os.path.dirname(__file__))\n"
        f"extensions = {extensions!r}\nlanguage = {language!r}\n",
        encoding="utf-8",
    )
    (folder / "stem_cache.py").write_text(_STEM_CACHE_EXTENSION, encoding="utf-8")
    text = _TEXTS[language]
    pages = [f"page{number}" for number in range(6)]
    toctree = "\n".join(f"   {page}" for page in pages)
    (folder / "index.rst").write_text(
        f"Index\n=====\n\n{text}\n\n.. toctree::\n\n{toctree}\n", encoding="utf-8"
    )
    for number, page in enumerate(pages):
        title = f"Page {number} {text[: 8 + number]}"
        (folder / f"{page}.rst").write_text(
            f"{title}\n{'=' * (len(title) + 4)}\n\n{text}\n\n{text.upper()}\n", encoding="utf-8"
        )
    return folder


def _build(srcdir: Path, parallel: int = 0) -> tuple[SphinxTestApp, bytes]:
    app = SphinxTestApp(
        "html", srcdir=srcdir, status=StringIO(), warning=StringIO(), parallel=parallel
    )
    try:
        app.build()
        return app, (app.outdir / "searchindex.js").read_bytes()
    finally:
        app.cleanup()


@pytest.mark.parametrize("language", sorted(_TEXTS))
@pytest.mark.parametrize("parallel", [0, 2])
def test_the_index_is_the_same_with_the_cache(tmp_path: Path, language: str, parallel: int) -> None:
    plain_app, plain = _build(_site(tmp_path / "plain", language, cached=False), parallel)
    cached_app, cached = _build(_site(tmp_path / "cached", language, cached=True), parallel)

    assert cached == plain
    stem = cached_app.builder.indexer.lang.stem  # type: ignore[attr-defined]
    assert stem.cache_info().hits > 0, "the cache was not used"
    assert not hasattr(plain_app.builder.indexer.lang.stem, "cache_info")  # type: ignore[attr-defined]


def test_an_incremental_build_gives_the_same_index(tmp_path: Path) -> None:
    # The indexer of a rebuild loads the last index and feeds only the changed pages.
    sites = {cached: _site(tmp_path / str(cached), "en", cached=cached) for cached in (False, True)}
    for site in sites.values():
        _build(site)
        page = site / "page2.rst"
        page.write_text(page.read_text(encoding="utf-8") + "\nRerunning reruns.\n", "utf-8")
    indexes = {cached: _build(site)[1] for cached, site in sites.items()}

    assert indexes[True] == indexes[False]
    assert b"rerun" in indexes[True]


def test_a_language_is_cached_once() -> None:
    class Language:
        calls = 0

        def stem(self, word: str) -> str:
            Language.calls += 1
            return word.lower()

    language = Language()
    assert cache_stems(language) is True
    assert cache_stems(language) is False  # not wrapped twice
    assert [language.stem(word) for word in ["Ateliers", "Ateliers", "ateliers"]] == [
        "ateliers"
    ] * 3
    assert Language.calls == 2
    assert cache_stems(object()) is False  # no stemmer: nothing to do


def test_an_ideation_build_caches_stems(build: object) -> None:
    app = build("mini")  # type: ignore[operator]
    # The stems of the pages went through the cache (the mini site is too small for hits).
    assert app.builder.indexer.lang.stem.cache_info().currsize > 0
    shutil.rmtree(app.outdir)
