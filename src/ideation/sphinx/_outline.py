"""Headings that follow the page's outline.

The extension's headings inside an object ("Agenda", "Objectives", a card's title, a
description's own headings) are rubrics, since a rubric can sit anywhere (in a list item, an
admonition) and stays out of the table of contents. Once a page is read, each gets the level
that follows the sections around it (Sphinx writes a rubric with ``heading-level`` as a real
``<h2>``...``<h6>`` in HTML, a starred section in LaTeX), so that a screen reader's list of
headings reads as the page's outline. A directive's ``:heading-level:`` sets another level.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ._base import LEVEL_ATTRIBUTE
from ._nodes import ancestors

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The deepest rubric level given to LaTeX: deeper ones have no sectioning command there in
#: every document class (Sphinx warns), so they stop at a starred paragraph heading.
LATEX_DEEPEST = 4
LEVELLED_MARK = "ideation_levelled"


def heading_level_of(node: nodes.Node) -> int | None:
    """The level of a heading the extension put at ``node``; ``None`` if it is not ours.

    One more than the sections around it (2 at least: the page's title is the only level 1),
    or the ``:heading-level:`` of the directive that made it.
    """
    sections = 0
    ours = False
    for parent in ancestors(node):
        if parent.get(LEVEL_ATTRIBUTE):
            return int(parent[LEVEL_ATTRIBUTE])
        ours = ours or "ideation" in parent["classes"]
        if isinstance(parent, nodes.section):
            sections += 1
    return min(6, max(2, sections + 1)) if ours else None


def _set_levels(app: Sphinx, doctree: nodes.document) -> None:
    for rubric in doctree.findall(nodes.rubric):
        if "heading-level" in rubric:  # set by the page's author
            continue
        level = heading_level_of(rubric)
        if level is not None:
            rubric["heading-level"] = level
            rubric[LEVELLED_MARK] = True


def _fit_latex(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "latex":
        return
    for rubric in doctree.findall(nodes.rubric):
        if rubric.get(LEVELLED_MARK):
            rubric["heading-level"] = min(rubric["heading-level"], LATEX_DEEPEST)


def setup_outline(app: Sphinx) -> None:
    """Give the extension's headings their level once each page is read."""
    app.connect("doctree-read", _set_levels)
    app.connect("doctree-resolved", _fit_latex)
