"""The Markdown parser of descriptions is built once and reused: nothing carries over from one
description to the next, and its renderer is set up as MyST's own."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docutils.frontend import get_default_settings
from docutils.utils import new_document
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from myst_parser.config.main import MdParserConfig
from myst_parser.mdit_to_docutils.base import DocutilsRenderer
from myst_parser.parsers.docutils_ import Parser as MystParser
from sphinx_roots import Builder, warnings_of

from ideation.sphinx import _description as description


def test_the_renderer_sets_up_what_mysts_own_does() -> None:
    document = new_document("<description>", get_default_settings(MystParser))
    options = {"myst_config": MdParserConfig(), "document": document}
    theirs = DocutilsRenderer(MarkdownIt())
    theirs.setup_render(options, {})
    ours = description._Renderer(MarkdownIt())
    ours.setup_render(options, {})
    assert set(vars(ours)) == set(vars(theirs))
    for name in ("document", "current_node", "reporter", "md_config", "_heading_offset"):
        assert getattr(ours, name) == getattr(theirs, name), name


def _body(path: Path, text: str) -> None:
    head, _, _ = path.read_text(encoding="utf-8").partition("\n---\n")
    path.write_text(f"{head}\n---\n\n{text}\n", encoding="utf-8")


def test_nothing_carries_over_from_one_description_to_the_next(
    build: Builder, catalogue: Path
) -> None:
    proposals = catalogue / "proposals"
    _body(
        proposals / "liria.md",
        "First.[^note]\n\n[^note]: NOTE-OF-LIRIA\n\n[ref]: https://a.example\n\n## Same heading",
    )
    _body(proposals / "siretisation.md", "Second.[^note] and [a link][ref]\n\n## Same heading")
    app = build("generated", "html", ideation_catalogue=str(catalogue))
    assert "Traceback" not in warnings_of(app)
    pages = app.outdir / "ideation" / "proposals"
    first = (pages / "liria.html").read_text(encoding="utf-8")
    second = (pages / "siretisation.html").read_text(encoding="utf-8")
    assert "NOTE-OF-LIRIA" in first
    assert "NOTE-OF-LIRIA" not in second
    assert "https://a.example" not in second
    # Each page has its own heading, with no number carried over from the other page.
    assert re.findall(r"Same heading", second)


def _parsed(text: str, *, markdown: bool) -> list[tuple[str, Any, Any, list[str]]]:
    """The paragraphs ``text`` gives (as text, line, source and texts), parsed by MyST or, if
    ``markdown`` is false, as the plain prose it must be."""
    document = new_document("<description>", get_default_settings(MystParser))
    if markdown:
        description.render_markdown(text, document)
    else:
        description._parse_markdown(text, document)
    return [
        (child.pformat(), child.line, child.source, [str(text) for text in child.children])
        for child in document.children
    ]


#: Letters and digits of several scripts, spaces and newlines, the plain punctuation, and the
#: characters Markdown gives meaning to.
_CHARACTERS = st.sampled_from(
    [*"aZéÎ9ßж ", "\n", "\n\n", *description.PLAIN_PUNCTUATION, *"*_`#>-+=[]<&\\|~{}$1"]
)


@given(st.lists(_CHARACTERS, max_size=40).map("".join))
def test_plain_prose_is_parsed_as_myst_would(text: str) -> None:
    # Whenever the quick path takes a text, it makes exactly MyST's paragraphs.
    if description.plain_paragraphs(text) is not None:
        assert _parsed(text, markdown=False) == _parsed(text, markdown=True)


@given(
    st.lists(
        st.lists(
            st.text(st.sampled_from([*"aé9 ", *description.PLAIN_PUNCTUATION]), max_size=12).map(
                lambda line: "x" + line.strip()
            ),
            min_size=1,
            max_size=3,
        ).map("\n".join),
        min_size=1,
        max_size=3,
    ).map("\n\n".join)
)
def test_paragraphs_of_plain_prose_take_the_quick_path(text: str) -> None:
    assert description.plain_paragraphs(text) is not None
    assert _parsed(text, markdown=False) == _parsed(text, markdown=True)


def test_markdown_takes_mysts_path() -> None:
    for text in ("*a*", "- a", "1. a", "a\n\n\nb", " a", "a  \nb", "# a", "a <b>", "a_b_"):
        assert description.plain_paragraphs(text) is None, text
