"""Navigation that stays right when pages change title, arrive, go or move.

Sphinx writes a page again when the page is read again, and at no other time. A page's
navigation names other pages: the previous and next ones (linked by their titles), its parent
(the way up) and, for a parent, its children (its table of contents). When one proposal's title
is edited in its data file, its page and the pages that show it are read again; its neighbours
went on naming it by its old title, and, since a listing sorted by title moved it, its old
neighbours went on linking to it while its new ones did not. Adding or removing a page left the
same stale links around it.

Before reading, the pages' relations and the titles of the pages about to be read are noted.
Once every page is read, the pages whose parent, previous or next page changed and the pages
that name a page whose title changed are handed to Sphinx (``env-get-updated``), which writes
them again; it writes the parents of the pages it read again itself. Themes whose every page
shows the whole table of contents (a global navigation sidebar) would need every page written
again: that is left to a full build, as Sphinx leaves it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from ._per_build import BuildSlot

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


@attrs.frozen
class _Before:
    """The navigation before reading: each page's parent, previous and next pages, and the
    titles of the pages about to be read."""

    relations: dict[str, list[str | None]]
    titles: dict[str, str]


#: What is noted before reading, for the end of reading.
_BEFORE: BuildSlot[_Before | None] = BuildSlot(lambda: None)


def _note_navigation(app: Sphinx, env: BuildEnvironment, docnames: Sequence[str]) -> None:
    titles = env.titles
    before = _Before(
        relations=env.collect_relations() if docnames else {},
        titles={docname: titles[docname].pformat() for docname in docnames if docname in titles},
    )
    _BEFORE.set(app, before)


def _pages_with_stale_navigation(app: Sphinx, env: BuildEnvironment) -> list[str]:
    before = _BEFORE.take(app)
    if before is None or not before.relations:
        return []  # nothing was read, or nothing was written before
    titles = env.titles
    retitled = {
        docname
        for docname, title in before.titles.items()
        if docname in titles and titles[docname].pformat() != title
    }
    # The parent of a page read again (its table of contents shows the page's title) is not
    # needed here: Sphinx writes the pages whose toctree holds a page it writes.
    return sorted(
        docname
        for docname, relations in env.collect_relations().items()
        # A page was added, removed or moved next to it, or it names a retitled page.
        if before.relations.get(docname) != relations or not retitled.isdisjoint(relations)
    )


def setup_navigation(app: Sphinx) -> None:
    """Write again the pages whose navigation would be stale (see the module's docstring)."""
    # After any handler that adds pages to read (priority 500 is the default).
    app.connect("env-before-read-docs", _note_navigation, priority=900)
    app.connect("env-get-updated", _pages_with_stale_navigation)
