"""``ideation.sphinx``: programmes, events and proposals as documentation pages.

Add ``"ideation.sphinx"`` to ``extensions`` and point ``ideation_catalogue`` at a catalogue; the
``ideation`` domain then offers directives (``ideation:event``, ``ideation:proposals``...) and
roles (``:ideation:event:``...) in reStructuredText and MyST pages alike.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.metadata
import importlib.util
from typing import TYPE_CHECKING

from .._version import __version__

if TYPE_CHECKING:
    # Named in full in the signature, for the API reference to know it without importing it.
    import sphinx.application
    import sphinx.util.typing

__all__ = ["setup"]

#: Bumped when what the extension stores in the environment changes shape, so that Sphinx
#: re-reads every document instead of trusting a stale pickle.
_ENV_VERSION = 3

#: The optional libraries whose presence (and version) changes what a page shows: a chart is
#: drawn with matplotlib, or replaced by its table and a warning without it.
_OPTIONAL_LIBRARIES = ("matplotlib",)


#: The extension's parts, in the order they register: each is the module ``_PART`` and its
#: ``setup_PART(app)``. The configuration values come first, since the others read them; the
#: domain before the data and the directives that record objects in it; the listings after
#: the proposals they render; publishing and links last, after every page is known.
_PARTS = (
    "config",
    "labels",
    "domain",
    "data",
    "events",
    "proposals",
    "listings",
    "programme",
    "html",
    "images",
    "page_parser",
    "pages",
    "latex",
    "charts",
    "figures",
    "operations",
    "outline",
    "navigation",
    "untranslated",
    "publish",
    "links",
)


def _built_with() -> tuple[str, ...]:
    """What the stored pages were made with: the extension's version and each optional
    library's version (``-`` when it is not installed).

    Looked up without importing the libraries (their metadata only), so that loading the
    extension stays cheap.
    """
    found = [__version__]
    for name in _OPTIONAL_LIBRARIES:
        try:
            found.append(
                importlib.metadata.version(name) if importlib.util.find_spec(name) else "-"
            )
        except (importlib.metadata.PackageNotFoundError, ValueError):
            found.append("-")
    return tuple(found)


def _environment_version() -> int:
    """The environment version Sphinx is given: :data:`_ENV_VERSION` and :func:`_built_with`
    together, so that when the extension or an optional library is upgraded, installed or
    removed, Sphinx reads every page again instead of keeping pages made without it (a page
    read without matplotlib keeps its warning and shows no chart until it is read again)."""
    text = "\0".join((str(_ENV_VERSION), *_built_with()))
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "big")


def setup(app: sphinx.application.Sphinx) -> sphinx.util.typing.ExtensionMetadata:
    """Register the extension; Sphinx calls this when ``ideation.sphinx`` is in ``extensions``.

    It registers the ``ideation_*`` configuration values, the ``ideation`` domain (directives,
    roles, the proposal index) and the handlers that load the catalogue and write the generated
    pages, and loads ``myst_parser``. It returns the extension's version and declares it safe
    for parallel reading and writing.
    """
    # Descriptions are Markdown, and pages may be too: MyST parses both. Loading it here is what
    # lets a project list only "ideation.sphinx" and still have .md pages.
    app.setup_extension("myst_parser")
    # Imported here so that importing ideation.sphinx stays cheap (for tools that list
    # extensions) and the library does not load Sphinx modules until Sphinx uses it.
    for part in _PARTS:
        module = importlib.import_module(f"._{part}", __name__)
        getattr(module, f"setup_{part}")(app)
    return {
        "version": __version__,
        "env_version": _environment_version(),
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
