"""The quick smart quotes educate what Sphinx's do, and are used on the extension's pages."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from docutils import nodes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp
from sphinx.transforms import SphinxSmartQuotes
from sphinx.util.docutils import new_document
from sphinx_roots import Builder

from ideation.sphinx.quotes import QuickSmartQuotes

# Every character the educator acts on, or reads as an escape, and plain ones around them.
_ALPHABET = list("ab '\"`-.\\&#;39quot é\x00«’“–—…")

_TEXT = st.text(alphabet=st.sampled_from(_ALPHABET), max_size=10)

_INLINE = st.one_of(
    _TEXT.map(nodes.Text),
    _TEXT.map(lambda text: nodes.emphasis("", text)),
    _TEXT.map(lambda text: nodes.literal("", text)),
    _TEXT.map(lambda text: nodes.strong("", "", nodes.literal("", text), nodes.Text(text))),
    _TEXT.map(lambda text: nodes.option_string("", text)),
)

_BLOCK_KINDS = {
    "paragraph": nodes.paragraph,
    "title": nodes.title,
    "rubric": nodes.rubric,
    "term": nodes.term,
    "literal_block": nodes.literal_block,
    "field_name": nodes.field_name,
}

#: A block's own language, set as a class on a container around it (unsupported ones too).
_LANGUAGES = st.sampled_from([None, "language-fr", "language-de", "language-xx", "language-en-GB"])

_BLOCKS = st.lists(
    st.tuples(st.sampled_from(sorted(_BLOCK_KINDS)), st.lists(_INLINE, max_size=4), _LANGUAGES),
    max_size=6,
)

_ACTIONS = st.sampled_from(["qDe", "qbBdDiew", "1", "2", "3", "0", "-1", "w", "B", "qe"])


@pytest.fixture(scope="module")
def sphinx_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    """A Sphinx application, whose environment and configuration the transforms read."""
    srcdir = tmp_path_factory.mktemp("quotes")
    (srcdir / "conf.py").write_text("", encoding="utf-8")
    (srcdir / "index.rst").write_text("Index\n=====\n", encoding="utf-8")
    app = SphinxTestApp("html", srcdir=srcdir, status=StringIO(), warning=StringIO())
    yield app
    app.cleanup()


def _document(
    app: SphinxTestApp, blocks: list[tuple[str, list[nodes.Node], str | None]]
) -> nodes.document:
    document = new_document("<quotes>")
    document.settings.env = app.env
    for kind, children, language in blocks:
        block = _BLOCK_KINDS[kind]("", "", *copy.deepcopy(children))
        if language is None:
            document += block
        else:
            document += nodes.container("", block, classes=[language])
    return document


def _educated(
    transform: type[SphinxSmartQuotes], document: nodes.document
) -> tuple[str, list[str]]:
    warnings: list[str] = []

    def note(message: nodes.system_message) -> None:
        # Docutils' notes about loading a language module come once per process: the first
        # transform run gets them. What is compared is what smart quotes say.
        if "smart quotes" in message.astext():
            warnings.append(message.astext())

    # Sphinx's new documents share one reporter: the observer must go once the transform ran.
    document.reporter.attach_observer(note)
    stream, document.reporter.stream = document.reporter.stream, StringIO()  # type: ignore[assignment]
    try:
        transform(document, None).apply()
    finally:
        document.reporter.detach_observer(note)
        document.reporter.stream = stream
    return document.pformat(), warnings


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    blocks=_BLOCKS,
    action=_ACTIONS,
    language=st.sampled_from(["en", "fr", "de", "sv", "xx"]),
    smart_quotes=st.sampled_from([True, "alt"]),
)
def test_quick_smart_quotes_educate_as_sphinx_does(
    sphinx_app: SphinxTestApp,
    blocks: list[tuple[str, list[nodes.Node], str | None]],
    action: str,
    language: str,
    smart_quotes: Any,
) -> None:
    sphinx_app.config.smartquotes_action = action
    sphinx_app.env.settings["language_code"] = language
    documents = []
    for _ in range(2):
        document = _document(sphinx_app, blocks)
        document.settings.language_code = language
        document.settings.smart_quotes = smart_quotes
        document.settings.smartquotes_locales = []
        documents.append(document)

    expected = _educated(SphinxSmartQuotes, documents[0])
    assert _educated(QuickSmartQuotes, documents[1]) == expected


def test_the_extension_s_pages_use_the_quick_smart_quotes(
    build: Builder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    educated: list[str] = []
    original = QuickSmartQuotes.apply

    def spy(self: QuickSmartQuotes, **kwargs: Any) -> None:
        educated.append(self.env.docname)
        original(self, **kwargs)

    monkeypatch.setattr(QuickSmartQuotes, "apply", spy)
    site = tmp_path / "site"
    app = build("mini", srcdir=site)
    # Every page of the mini site with the extension's output, and none other.
    shown = {
        page
        for page in app.env.found_docs
        if "ideation" in (site / f"{page}.rst").read_text("utf-8")
    }
    assert shown
    assert set(educated) == shown
