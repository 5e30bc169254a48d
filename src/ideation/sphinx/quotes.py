"""Smart quotes on the extension's pages, without the work on text they would leave unchanged.

Sphinx's ``SmartQuotes`` transform takes every block of text of a page (a paragraph, a table
cell, a title), looks up its language and runs the ``smartquotes`` educator over it, then
replaces every text node of the block by a new one. The extension's output is mostly short
blocks (labels, names, dates, table cells) with no quote, dash nor ellipsis to educate: on a
list of two thousand proposals, four blocks in five. There the transform is as costly as the
rest of the page's reading, for nothing.

:class:`QuickSmartQuotes` educates exactly what Sphinx's transform educates, with the same
settings, languages and warnings, and leaves alone the blocks in which the educator has nothing
to act on (see :data:`ACTIVE`); of the blocks it educates, only the text nodes that change are
replaced. :class:`UseQuickSmartQuotes` puts it in place of Sphinx's on the pages that show the
extension's output (generated pages, and pages with one of its directives); the site's other
pages keep Sphinx's own transform.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.utils import normalize_language_tag, smartquotes
from sphinx.transforms import SphinxSmartQuotes, SphinxTransform

from .nodes import ancestors
from .untranslated import HAS_BOXES, KeepOutputUntranslated, is_box

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = [
    "ACTIVE",
    "QuickSmartQuotes",
    "UseQuickSmartQuotes",
    "educate",
    "setup_quotes",
    "use_quick",
]

#: What the educator can change, whatever ``smartquotes_action`` asks for: quotes and
#: backticks, dashes (``--``), ellipses (``...``, ``. . .``), the ``&quot;`` entity, and the
#: escapes it reads and writes back (a backslash, and ``&#`` entities such as ``&#39;``, which
#: it turns into the character they stand for). A block of text with none of these comes out
#: as it went in. ``-1`` (turn typography back into ASCII) acts on any text: then every
#: block is educated.
ACTIVE = re.compile(r"['\"`\\]|--|\.\.\.|\. \. \.|&quot;|&#")

_EVERY_BLOCK_ACTION = "-1"


class QuickSmartQuotes(SphinxSmartQuotes):
    """Sphinx's smart quotes, which skip the blocks of text that they would leave unchanged."""

    def apply(self, **kwargs: Any) -> None:
        """Educate the blocks of text that have something to educate (as Sphinx would)."""
        if self.is_available():
            self.educate([self.document])

    def _prepare(self) -> tuple[bool, bool]:
        """Take the settings in; whether quotes are alternative, and every block educated."""
        self.smartquotes_action = self.config.smartquotes_action  # type: ignore[misc]
        settings = self.document.settings
        if settings.smartquotes_locales:
            smartquotes.smartchars.quotes.update(dict(settings.smartquotes_locales))
        alternative = str(settings.smart_quotes).startswith("alt")
        return alternative, self.smartquotes_action == _EVERY_BLOCK_ACTION

    def educate(self, roots: Sequence[nodes.Node]) -> None:
        """Educate the blocks of text in ``roots``, parts of the transform's document."""
        alternative, every_block = self._prepare()
        # Sphinx warns once per page about a language without smart quotes: a block's language
        # is its document's (found supported by is_available) unless an element sets another
        # one with a "language-" class. Only then must every block's language be looked up.
        languages_set = any(_sets_language(root) for root in roots)
        blocks = (block for root in roots for block in root.findall(nodes.TextElement))
        for block in blocks:
            if isinstance(block, self.nodes_to_skip) or isinstance(block.parent, nodes.TextElement):
                continue
            texts = [
                text
                for text in block.findall(nodes.Text)
                if not isinstance(text.parent, nodes.option_string)
            ]
            active = every_block or _active(texts)
            if not active and not languages_set:
                continue
            language = self._language(block, alternative)
            if active:
                self._educate_texts(texts, language)
        self.unsupported_languages.clear()

    def _educate_texts(self, texts: list[nodes.Text], language: str) -> None:
        # Only the texts that change are replaced.
        for text, new in zip(texts, self._educated(texts, language), strict=True):
            if new != text:
                text.parent.replace(text, nodes.Text(new))

    def _educated(self, texts: list[nodes.Text], language: str) -> list[str]:
        # A block's texts educated together: a quote may open in one and close in the next.
        tokens = self.get_tokens(texts)
        return list(
            smartquotes.educate_tokens(tokens, attr=self.smartquotes_action, language=language)
        )

    def string_educator(self, block: nodes.Element) -> Callable[[Sequence[str]], list[str]] | None:
        """What educates the texts of one block of text inside ``block`` (or ``block`` itself)
        as :meth:`educate` would (all of a block's texts at once: a quote may open in one and
        close in the next); ``None`` if the block's language has no smart quotes, for which
        :meth:`educate` warns."""
        alternative, every_block = self._prepare()
        language = self._supported_language(block, alternative)
        if language is None:
            return None

        def educated(texts: Sequence[str]) -> list[str]:
            if not every_block and not _active(texts):
                return list(texts)
            # Sphinx's tokens need each text's parents: one throwaway paragraph holds them.
            held = [nodes.Text(text) for text in texts]
            nodes.paragraph("", "", *held)
            return self._educated(held, language)

        return educated

    def _supported_language(self, block: nodes.Element, alternative: bool) -> str | None:
        # As docutils' SmartQuotes: the block's language, or its nearest supported tag.
        return _supported_tag(self._block_language(block, alternative))

    def _block_language(self, block: nodes.Element, alternative: bool) -> str:
        # The block's language, its alternative quotes if asked for.
        language = block.get_language_code(self.document.settings.language_code)
        if alternative:
            if "-x-altquot" in language:
                return language.replace("-x-altquot", "")
            return language + "-x-altquot"
        return language

    def _language(self, block: nodes.Element, alternative: bool) -> str:
        # The block's supported language, else none (ASCII quotes) and a warning.
        language = self._block_language(block, alternative)
        supported = _supported_tag(language)
        if supported is not None:
            return supported
        if language not in self.unsupported_languages:
            self.document.reporter.warning(
                f'No smart quotes defined for language "{language}".', base_node=block
            )
        self.unsupported_languages.add(language)
        return ""


def _active(texts: Iterable[str]) -> bool:
    """Whether the smart quotes would change anything in ``texts``."""
    return any(ACTIVE.search(text) for text in texts)


def _supported_tag(language: str) -> str | None:
    """The nearest tag of ``language`` that has smart quotes; ``None`` if none has."""
    for tag in normalize_language_tag(language):
        if tag in smartquotes.smartchars.quotes:
            return str(tag)
    return None


def _sets_language(root: nodes.Node) -> bool:
    """Whether an element in ``root``, or around it, has a ``language-`` class."""
    elements = itertools.chain(ancestors(root), root.findall(nodes.Element))
    # Most elements have no class at all: the test of each class is left to the others.
    return any(
        classes and any(str(name).startswith("language-") for name in classes)
        for classes in (element.attributes.get("classes") for element in elements)
    )


def educate(document: nodes.document, roots: Sequence[nodes.Node]) -> None:
    """Educate the quotes of ``roots``, nodes put in ``document`` after it was read, as the
    reading educated the rest of the page (if the current builder and language have smart
    quotes)."""
    transform = QuickSmartQuotes(document, None)
    if transform.is_available():
        transform.educate(roots)


def use_quick(document: nodes.document) -> None:
    """Put :class:`QuickSmartQuotes` in place of Sphinx's in the transforms ``document`` has yet
    to run (a subclass of Sphinx's, an extension's own, is left in place)."""
    transformer: Any = getattr(document, "transformer", None)
    if transformer is None:
        return
    transformer.transforms = [
        (priority, QuickSmartQuotes if transform is SphinxSmartQuotes else transform, *rest)
        for priority, transform, *rest in transformer.transforms
    ]


class UseQuickSmartQuotes(SphinxTransform):
    """On a page that shows the extension's output, the quick smart quotes (see the module)."""

    # After KeepOutputUntranslated, which has looked for boxes already; well before
    # SmartQuotes (750).
    default_priority = KeepOutputUntranslated.default_priority + 1

    def apply(self, **kwargs: Any) -> None:
        """Swap the smart quotes transform if the page holds a box of the extension."""
        has_boxes = self.env.temp_data.get(HAS_BOXES)
        if has_boxes is None:
            # A generated page skips that transform: its first node is the box.
            has_boxes = next(iter(self.document.findall(is_box)), None) is not None
        if has_boxes:
            use_quick(self.document)


def setup_quotes(app: Sphinx) -> None:
    """Educate the quotes of the extension's pages quickly (see the module's docstring)."""
    app.add_transform(UseQuickSmartQuotes)
