"""What the directives share: the renderer for the current document, slugs, warnings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ... import model
from ..config import get_config
from ..data import get_store
from ..domain import unknown_object
from ..render import Renderer

__all__ = ["HEADING_OPTION", "IdeationDirective", "OptionSpec"]

#: What a directive's ``option_spec`` maps option names to: converters of the option text.
OptionSpec = dict[str, Callable[[str], Any]]

logger = logging.getLogger(__name__)


class IdeationDirective(SphinxDirective):
    """A directive of the ``ideation`` domain.

    Nothing a directive is given crashes the build: an unknown slug or filter value is a
    warning of type ``ideation`` (subtype ``ref`` or ``filter``) at the directive's line.
    """

    has_content = False
    final_argument_whitespace = False
    option_spec: ClassVar[OptionSpec] = {}

    def renderer(self) -> Renderer:
        """A renderer for the current document."""
        return Renderer(
            env=self.env,
            config=get_config(self.config),
            store=get_store(self.env),
            location=self.where(),
        )

    def where(self) -> tuple[str, int]:
        """Where warnings about this directive point: the document and line."""
        return (self.env.docname, self.lineno)

    def warn(self, subtype: str, message: str, *args: object) -> None:
        """Report a problem with what the directive was given; never raise."""
        logger.warning(
            message, *args, type="ideation", subtype=subtype, location=self.get_location()
        )

    def unknown(self, kind: str, slug: str) -> None:
        """Report an unknown slug, and re-read this page when the object appears."""
        unknown_object(self.env, (kind, slug), self.get_location())

    def heading(self) -> bool:
        """Whether to show the object's title as a section heading (``:no-heading:`` hides it)."""
        return "no-heading" not in self.options

    def under_own_heading(self) -> bool:
        """Whether the directive comes right after a heading of the page, nothing in between."""
        # reStructuredText's state knows the node being filled; MyST's mock state does not
        # (asking it raises), but its renderer does.
        renderer = getattr(self.state, "_renderer", None)
        parent = getattr(renderer, "current_node", None) if renderer else self.state.parent
        return (
            isinstance(parent, nodes.section)
            and len(parent.children) == 1
            and isinstance(parent[0], nodes.title)
        )

    def event(self, slug: str) -> tuple[model.Catalogue, model.Event] | None:
        """The event ``slug``, or ``None`` after a warning."""
        found = get_store(self.env).event(slug)
        if found is None:
            self.unknown("event", slug)
        return found


#: The option that hides the heading of a directive that shows one object.
HEADING_OPTION: OptionSpec = {"no-heading": directives.flag}
