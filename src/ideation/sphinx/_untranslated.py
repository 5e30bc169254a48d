"""The extension's output is not offered to the site's translators.

Sphinx's ``gettext`` builder extracts every text of a page that has a source, and the ``Locale``
transform replaces it with the site's translation. What the extension shows is the catalogue's
data (titles, places, descriptions), which is shown as it is written (a programme in two
languages keeps one catalogue per language), and its own labels, which its own message catalog
translates. Without this transform, part of it would reach the site's ``.pot`` files, and which
part would depend on how the page was made: on an rST page, the headings and field names that
Sphinx gives a source; on a generated page, every text.

Every block of text inside a box the extension made (an element of class ``ideation``) is marked
``translatable = False``, before Sphinx translates or extracts anything. The author's own text
around it, and the roles in it (a role is part of the author's sentence), stay translatable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ._nodes import ancestors

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The class of every box the extension's directives and generated pages make.
BOX_CLASS = "ideation"

#: The key of the page being read's ``temp_data`` that says whether it holds a box, once
#: :class:`KeepOutputUntranslated` has looked (later transforms need not walk the page again).
HAS_BOXES = "ideation_has_boxes"


def is_box(node: nodes.Node) -> bool:
    """Whether ``node`` is a box the extension made (an element of class ``ideation``)."""
    return isinstance(node, nodes.Element) and BOX_CLASS in node["classes"]


class KeepOutputUntranslated(SphinxTransform):
    """Mark the texts of the extension's boxes as not translatable (see the module's docstring)."""

    # Before Sphinx's Locale transform (20), which translates the texts it finds translatable.
    default_priority = 15

    def apply(self, **kwargs: object) -> None:
        """Mark every block of text of each outermost box (nested boxes are in it).

        Inline elements are left alone: they are never messages of their own unless marked
        so, and Sphinx unwraps an inline that carries the attribute at all
        (``RemoveTranslatableInline``), which would drop its classes (a status badge, a cell's
        label).
        """
        found = False
        for box in self.document.findall(is_box):
            found = True
            if inside_box(box):
                continue
            keep_untranslated(box)
        self.env.temp_data[HAS_BOXES] = found


def keep_untranslated(output: nodes.Node) -> None:
    """Mark every block of text in ``output``, which the extension made, as not translatable."""
    for text in output.findall(nodes.TextElement):
        if not isinstance(text, nodes.Inline):
            text["translatable"] = False


def inside_box(node: nodes.Node) -> bool:
    """Whether ``node`` is inside a box the extension made (its output, not the author's)."""
    return any(is_box(parent) for parent in ancestors(node))


def setup_untranslated(app: Sphinx) -> None:
    """Keep the extension's output out of the site's translations."""
    app.add_transform(KeepOutputUntranslated)
