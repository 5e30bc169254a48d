"""The rows of long listings, made when their page is written.

A page is read once and written at every build that finds it outdated; what is read is
walked by every transform, pickled, and unpickled again to be written. The rows of a listing
(``ideation:proposals`` as a table or a list) depend only on the catalogue, so the page keeps
a :class:`~.nodes.pending_rows` in their place while it is read: on a list of two thousand
proposals, that is most of the page's nodes out of the reading, and a page that is read again
in a fraction of the time when one proposal changes. Everything that depends on the reading
(what the page shows, so that it is read again when that changes, and the targets it defines)
is recorded while it is read.

:class:`MakePendingRows`, a post-transform run before references are resolved, puts the rows
in place, as the reading would have left them: their texts kept out of the site's
translations and their quotes educated as the page's (see :mod:`.untranslated` and
:mod:`.quotes`). For Sphinx's HTML builders, a table's rows are written as HTML at once,
byte for byte as the nodes would be (see :mod:`.html_rows`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs
from docutils import nodes
from sphinx.transforms.post_transforms import ReferencesResolver, SphinxPostTransform

from .config import get_config
from .data import get_store
from .html_rows import write_rows
from .nodes import anchor, pending_rows
from .proposals import ProposalRenderer
from .quotes import educate
from .untranslated import keep_untranslated

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["MakePendingRows", "setup_rows"]


@attrs.define(kw_only=True)
class _RowRenderer(ProposalRenderer):
    """Renders the rows of one :class:`~.nodes.pending_rows` while its page is written."""

    pending: pending_rows
    #: The targets the reading placed, by id.
    targets: dict[str, nodes.Node] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self.targets = {
            name: node for node in self.pending.findall(nodes.target) for name in node["ids"]
        }

    @property
    def docname(self) -> str:
        """The page the rows were read in (a LaTeX build writes it into another)."""
        return str(self.pending["refdoc"])

    def depend(self, kind: str, slug: str) -> None:
        """Nothing: what the rows show was recorded while the page was read."""

    def target(
        self, kind: str, slug: str, title: str, *, primary: bool, status: str = ""
    ) -> list[nodes.Node]:
        """The target the reading placed for ``(kind, slug)``, if it kept one."""
        node = self.targets.get(anchor(kind, slug))
        return [] if node is None else [node]


class MakePendingRows(SphinxPostTransform):
    """Put the rows of each listing of the page in place (see the module's docstring)."""

    # Before references are resolved: the rows link with pending_xref nodes.
    default_priority = ReferencesResolver.default_priority - 5

    def run(self, **kwargs: Any) -> None:
        """Replace each :class:`~.nodes.pending_rows` by the rows it stands for."""
        for pending in list(self.document.findall(pending_rows)):
            renderer = _RowRenderer(
                env=self.env,
                config=get_config(self.config),
                store=get_store(self.env),
                pending=pending,
            )
            # The rows are all the body or list holding them has.
            holder = pending.parent
            written = write_rows(renderer, pending, self.document)
            if written is not None:
                pending.replace_self(written)
                continue
            pending.replace_self(renderer.rows(pending))
            keep_untranslated(holder)
            educate(self.document, [holder])


def setup_rows(app: Sphinx) -> None:
    """Make the rows of long listings when their page is written."""
    app.add_node(pending_rows)
    app.add_post_transform(MakePendingRows)
