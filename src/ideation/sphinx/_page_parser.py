"""The parser of generated object pages: the page's doctree built from the catalogue directly.

A generated page of one event or one proposal is a ``.ideation`` file of two lines: the
generated-page marker and the directive it stands for (``.. ideation:event:: SLUG``). Reading it
as reStructuredText would run the whole rST state machine to find that one directive; this parser
reads the line itself and asks the same renderer the directive uses, so the page shows exactly
what ``ideation:event`` or ``ideation:proposal`` shows, at a fraction of the cost. A large
catalogue has thousands of these pages, which is where the time of a build goes.

It is registered through Sphinx's documented API (``add_source_suffix`` and
``add_source_parser``); the page then goes through every transform Sphinx and docutils run on any
page, so it needs nothing of their private behaviour.
"""

from __future__ import annotations

import re
from typing import ClassVar, TypeVar

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.parsers import Parser
from sphinx.util import logging

from ._base import Renderer
from ._config import get_config
from ._data import get_store
from ._domain import unknown_object
from ._events import EventRenderer
from ._proposals import ProposalRenderer

logger = logging.getLogger(__name__)

#: The file suffix of generated object pages, and the file type Sphinx maps it to.
SUFFIX = ".ideation"
FILETYPE = "ideation"

#: The kinds of object a generated page can show, one per page.
KINDS = ("event", "proposal")

_LINE = re.compile(r"^\.\. ideation:(?P<kind>[a-z]+)::[ \t]+(?P<slug>\S+)[ \t]*$")


def page_text(marker: str, kind: str, slug: str) -> str:
    """The text of the generated page of ``(kind, slug)``: the marker, then its directive."""
    if kind not in KINDS:
        raise ValueError(f"no generated page shows a {kind!r}; expected one of {KINDS}")
    return f"{marker}\n\n.. ideation:{kind}:: {slug}\n"


class GeneratedPageParser(Parser):
    """Reads a ``.ideation`` page: its one directive line, rendered without the rST parser."""

    supported: ClassVar[tuple[str, ...]] = (FILETYPE,)

    def parse(self, inputstring: str | StringList, document: nodes.document) -> None:
        """Build ``document`` from the page's directive line; warn about any other line."""
        self.setup_parse(str(inputstring), document)
        env: BuildEnvironment = document.settings.env
        found = None
        for number, line in enumerate(str(inputstring).splitlines(), start=1):
            text = line.strip()
            if not text or (text.startswith("..") and "::" not in text):
                continue  # blank lines and comments, the marker among them
            match = _LINE.match(text)
            if found is None and match is not None and match["kind"] in KINDS:
                found = (match["kind"], match["slug"], number)
                continue
            logger.warning(
                "a generated page holds one line, '.. ideation:event:: SLUG' or "
                "'.. ideation:proposal:: SLUG'; this line is left out",
                type="ideation",
                subtype="pages",
                location=(env.docname, number),
            )
        if found is not None:
            document.extend(_render(env, *found))
            _locate(document, found[2])
        self.finish_parse()


_R = TypeVar("_R", bound=Renderer)


def _render(env: BuildEnvironment, kind: str, slug: str, line: int) -> list[nodes.Node]:
    store = get_store(env)
    location = (env.docname, line)
    config = get_config(env.config)

    def renderer(kind_of: type[_R]) -> _R:
        return kind_of(env=env, config=config, store=store, location=location)

    view: nodes.Node | None = None
    if kind == "event":
        event = store.event(slug)
        if event is not None:
            view = renderer(EventRenderer).event(*event, heading=True)
    else:
        proposal = store.proposal(slug)
        if proposal is not None:
            view = renderer(ProposalRenderer).proposal(*proposal, heading=True)
    if view is None:
        unknown_object(env, (kind, slug), location)
        return []
    return [view]


def _locate(document: nodes.document, line: int) -> None:
    """Give every node without a source the page's file and the directive's line, and mark
    every block of text untranslatable.

    Warnings about a node then point at the page; and Sphinx's source workaround, which runs
    on every page, otherwise looks up (and describes, for its debug log) each heading, field
    name and image that has no source: most of the cost of reading a page built from data.
    Everything on the page is the extension's output, which the site's translations leave
    alone (see :mod:`.untranslated`, whose transform this walk stands in for here).
    """
    source = document["source"]
    for node in document.findall(nodes.Element):
        if node.source is None:
            node.source, node.line = source, line
        if isinstance(node, nodes.TextElement) and not isinstance(node, nodes.Inline):
            node["translatable"] = False


def setup_page_parser(app: Sphinx) -> None:
    """Register the ``.ideation`` suffix of generated object pages, and their parser."""
    app.add_source_suffix(SUFFIX, FILETYPE)
    app.add_source_parser(GeneratedPageParser)
