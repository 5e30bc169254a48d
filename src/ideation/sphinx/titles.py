"""Page titles rendered to HTML once per build, not once for every page that shows them.

Sphinx's HTML builder renders a title node on its own (``render_partial``: a new document, the
writer's transforms, a new HTML translator) each time a page shows it: the page's own title, and
the titles of its previous and next pages and of every parent up to the root. A page inside a
section of two thousand generated pages shows the same parent title two thousand times; on the
benchmark site these renders are about a seventh of a full build, six in seven of them repeats.

Once the pages are read, the titles the environment holds (``env.titles`` and
``env.longtitles``) no longer change until the next build: each is rendered the first time it is
asked for, and given back from then on. The HTML is the same, byte for byte; only the time
changes. Any other node passed to ``render_partial`` (a table of contents, a title an extension
made) is rendered every time, as before. Sphinx's title collector keeps only the text and its
inline markup (no link, no image), so a title renders the same whichever page shows it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

__all__ = ["TitleCache", "setup_titles"]

_Render = Callable[["nodes.Node | None"], dict[str, str]]


class TitleCache:
    """The renders of one build's page titles, in front of a builder's ``render_partial``."""

    def __init__(self, render: _Render, env: BuildEnvironment) -> None:
        self.render = render
        # Keyed by id, with the node kept in the value: a node that is no longer a title of the
        # environment cannot be taken for one that is, even if its id were reused.
        self.titles = {id(node): node for node in (*env.titles.values(), *env.longtitles.values())}
        self.rendered: dict[int, dict[str, str]] = {}

    def __call__(self, node: nodes.Node | None) -> dict[str, str]:
        """What ``render_partial(node)`` gives: from the cache when ``node`` is a page's title."""
        key = id(node)
        if self.titles.get(key) is not node:
            return self.render(node)
        parts = self.rendered.get(key)
        if parts is None:
            parts = self.rendered[key] = self.render(node)
        # A copy, so that a caller that changes what it was given does not change the cache.
        return dict(parts)


def _on_env_updated(app: Sphinx, env: BuildEnvironment) -> None:
    # The titles are final once every page is read, and the write phase follows: a new cache
    # for each build, over the builder's own method (kept from the first one).
    builder = app.builder
    render = getattr(builder, "render_partial", None)
    if render is None:
        return
    if isinstance(render, TitleCache):
        render = render.render
    cache = TitleCache(render, env)
    setattr(builder, "render_partial", cache)  # noqa: B010  (an instance attribute over a method)


def setup_titles(app: Sphinx) -> None:
    """Render each page title once per build (see the module's docstring)."""
    # Late, after any other extension's last changes to the environment.
    app.connect("env-updated", _on_env_updated, priority=900)
