"""``ideation.sphinx``: programmes, events and proposals as documentation pages.

Add ``"ideation.sphinx"`` to ``extensions`` and point ``ideation_catalogue`` at a catalogue; the
``ideation`` domain then offers directives (``ideation:event``, ``ideation:proposals``...) and
roles (``:ideation:event:``...) in reStructuredText and MyST pages alike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._version import __version__

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["ENV_VERSION", "setup"]

#: Bumped when what the extension stores in the environment changes shape, so that Sphinx
#: re-reads every document instead of trusting a stale pickle.
ENV_VERSION = 2


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension; Sphinx calls this when ``ideation.sphinx`` is in ``extensions``."""
    # Imported here so that importing ideation.sphinx stays cheap (for tools that list
    # extensions) and the library does not load Sphinx modules until Sphinx uses it.
    from .charts import setup_charts
    from .collector import setup_collector
    from .config import setup_config
    from .data import setup_data
    from .domain import setup_domain
    from .events import setup_events
    from .html import setup_html
    from .html_rows import setup_html_rows
    from .labels import setup_labels
    from .latex import setup_latex
    from .navigation import setup_navigation
    from .operations import setup_operations
    from .outline import setup_outline
    from .page_parser import setup_page_parser
    from .pages import setup_pages
    from .programme import setup_programme
    from .proposals import setup_proposals
    from .quotes import setup_quotes
    from .rows import setup_rows
    from .search import setup_search
    from .titles import setup_titles
    from .untranslated import setup_untranslated

    # Descriptions are Markdown, and pages may be too: MyST parses both. Loading it here is what
    # lets a project list only "ideation.sphinx" and still have .md pages.
    app.setup_extension("myst_parser")
    setup_config(app)
    setup_labels(app)
    setup_domain(app)
    setup_data(app)
    setup_events(app)
    setup_proposals(app)
    setup_programme(app)
    setup_html(app)
    setup_html_rows(app)
    setup_page_parser(app)
    setup_pages(app)
    setup_collector(app)
    setup_latex(app)
    setup_charts(app)
    setup_operations(app)
    setup_outline(app)
    setup_navigation(app)
    setup_quotes(app)
    setup_rows(app)
    setup_search(app)
    setup_titles(app)
    setup_untranslated(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
