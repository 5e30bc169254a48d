"""``ideation.sphinx``: programmes, events and proposals as documentation pages.

Add ``"ideation.sphinx"`` to ``extensions`` and point ``ideation_catalogue`` at a catalogue; the
``ideation`` domain then offers directives (``ideation:event``, ``ideation:proposals``...) and
roles (``:ideation:event:``...) in reStructuredText and MyST pages alike.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
from typing import TYPE_CHECKING, Any

from .._version import __version__

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["ENV_VERSION", "OPTIONAL_LIBRARIES", "built_with", "environment_version", "setup"]

#: Bumped when what the extension stores in the environment changes shape, so that Sphinx
#: re-reads every document instead of trusting a stale pickle.
ENV_VERSION = 3

#: The optional libraries whose presence (and version) changes what a page shows: a chart is
#: drawn with matplotlib, or replaced by its table and a warning without it.
OPTIONAL_LIBRARIES = ("matplotlib",)


def built_with() -> tuple[str, ...]:
    """What the stored pages were made with: the extension's version and each optional
    library's version (``-`` when it is not installed).

    Looked up without importing the libraries (their metadata only), so that loading the
    extension stays cheap.
    """
    found = [__version__]
    for name in OPTIONAL_LIBRARIES:
        try:
            found.append(
                importlib.metadata.version(name) if importlib.util.find_spec(name) else "-"
            )
        except (importlib.metadata.PackageNotFoundError, ValueError):
            found.append("-")
    return tuple(found)


def environment_version() -> int:
    """The environment version Sphinx is given: :data:`ENV_VERSION` and :func:`built_with`
    together, so that when the extension or an optional library is upgraded, installed or
    removed, Sphinx reads every page again instead of keeping pages made without it (a page
    read without matplotlib keeps its warning and shows no chart until it is read again)."""
    text = "\0".join((str(ENV_VERSION), *built_with()))
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "big")


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension; Sphinx calls this when ``ideation.sphinx`` is in ``extensions``."""
    # Imported here so that importing ideation.sphinx stays cheap (for tools that list
    # extensions) and the library does not load Sphinx modules until Sphinx uses it.
    from .charts import setup_charts
    from .config import setup_config
    from .data import setup_data
    from .domain import setup_domain
    from .events import setup_events
    from .html import setup_html
    from .images import setup_images
    from .labels import setup_labels
    from .latex import setup_latex
    from .navigation import setup_navigation
    from .operations import setup_operations
    from .outline import setup_outline
    from .page_parser import setup_page_parser
    from .pages import setup_pages
    from .programme import setup_programme
    from .proposals import setup_proposals
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
    setup_images(app)
    setup_page_parser(app)
    setup_pages(app)
    setup_latex(app)
    setup_charts(app)
    setup_operations(app)
    setup_outline(app)
    setup_navigation(app)
    setup_untranslated(app)
    return {
        "version": __version__,
        "env_version": environment_version(),
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
