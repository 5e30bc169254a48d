"""The HTML search index, without stemming the same word again on every page.

Sphinx stems every word of every page for its search index, and remembers the stems of one page
only: a site of a few thousand pages stems the same few thousand words again page after page,
which is about a fifth of a full build (``snowballstemmer`` is pure Python). A generated site
repeats its vocabulary more than most (every proposal page has the same labels and headings).

Once the HTML builder has made its indexer, the stemmer of its search language is given a
build-wide cache. A stemmer is a function of the word alone, so the index is the same, byte for
byte; only the time changes. A language whose stemmer kept a state between words would be the
one exception, which is why the cache wraps the indexer's own stemmer rather than replacing the
language: whatever ``html_search_language`` or an extension's language is, its stems are kept.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

__all__ = ["STEM_CACHE_SIZE", "cache_stems", "setup_search"]

#: The most stems kept per build. Far more than the vocabulary of a real site (a few tens of
#: thousands of words), and a bound all the same: the memory stays a few MiB whatever the input.
STEM_CACHE_SIZE = 1 << 17

_CACHED = "_ideation_cached_stem"


def cache_stems(language: object) -> bool:
    """Give ``language`` (a Sphinx ``SearchLanguage``) a stem cache; ``False`` if it has one.

    The cache is set on the instance, over the class's ``stem``, so that Sphinx's indexer, which
    looks the method up on each page, finds the cached one.
    """
    stem: Callable[[str], str] | None = getattr(language, "stem", None)
    if stem is None or getattr(stem, _CACHED, False):
        return False
    cached = functools.lru_cache(maxsize=STEM_CACHE_SIZE)(stem)
    setattr(cached, _CACHED, True)
    setattr(language, "stem", cached)  # noqa: B010  (an instance attribute over a method)
    return True


def _on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    # The indexer exists from the builder's prepare_writing on, which comes after the
    # "write-started" event: a page's "doctree-resolved" is the first event that sees it, and it
    # comes before that page is fed to the index. Cheap on every other page (one attribute).
    indexer = getattr(app.builder, "indexer", None)
    language = getattr(indexer, "lang", None)
    if language is not None:
        cache_stems(language)


def setup_search(app: Sphinx) -> None:
    """Cache the search stemmer's results for the whole build (see the module's docstring)."""
    app.connect("doctree-resolved", _on_doctree_resolved)
