"""The Markdown parser of descriptions is built once and reused: nothing carries over from one
description to the next, and its renderer is set up as MyST's own."""

from __future__ import annotations

import re
from pathlib import Path

from docutils.frontend import get_default_settings
from docutils.utils import new_document
from markdown_it import MarkdownIt
from myst_parser.config.main import MdParserConfig
from myst_parser.mdit_to_docutils.base import DocutilsRenderer
from myst_parser.parsers.docutils_ import Parser as MystParser
from sphinx_roots import Builder, warnings_of

from ideation.sphinx import description


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
