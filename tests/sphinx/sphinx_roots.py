"""Paths and helpers of the Sphinx tests: the test roots, the snapshots, the example catalogue,
warnings, and what a rebuild needs (a file changed later, the pages showing a text)."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path
from typing import Any, Protocol

from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from ideation.sphinx._listings import fill_listings

ROOTS = Path(__file__).parent / "roots"
SNAPSHOTS = Path(__file__).parent / "snapshots"
EXAMPLES = Path(__file__).parents[2] / "examples" / "programme-10"
#: The examples the docs show (docs/reference/sphinx-extension.md), a Sphinx project of their own.
SNIPPETS = Path(__file__).parents[2] / "docs" / "snippets"


class Builder(Protocol):
    """Builds a copy of a test root; see :func:`build`."""

    def __call__(
        self, root: str, buildername: str = "html", *, srcdir: Path | None = None, **conf: Any
    ) -> SphinxTestApp: ...


def copy_root(name: str, destination: Path) -> Path:
    """A copy of test root ``name`` at ``destination``, for tests that build it more than once."""
    return Path(shutil.copytree(ROOTS / f"test-{name}", destination))


def warnings_of(app: SphinxTestApp) -> str:
    """The warnings of a build, without colour codes."""
    return re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())


def normalise(text: str) -> str:
    """Output text with typographic apostrophes and non-breaking spaces made plain, to search."""
    return (
        text.replace("\u2019", "'")
        .replace("\u202f", " ")
        .replace("\xa0", " ")
        .replace("&#8217;", "'")
    )


def touch_later(path: Path) -> None:
    """Move ``path``'s modification time clearly past now, whatever the file system's
    resolution: Sphinx compares it with the time a page was read."""
    later = time.time() + 5
    os.utime(path, (later, later))


def edit_later(path: Path, old: str, new: str, count: int = -1) -> None:
    """Replace ``old`` (which must be there) by ``new`` in ``path`` (the first ``count`` times;
    every time by default), and mark the file changed for the next build (:func:`touch_later`)."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    touch_later(path)


def doctree_with_rows(app: SphinxTestApp, docname: str) -> nodes.document:
    """The doctree of ``docname`` as read (references left pending), its listings' rows in it
    as they are made when the page is written (their links resolved)."""
    doctree = app.env.get_doctree(docname)
    fill_listings(app, doctree, docname)
    return doctree


def pages_showing(app: SphinxTestApp, text: str) -> set[str]:
    """The documents whose doctree, as read and with its listings' rows, contains ``text``."""
    return {doc for doc in app.env.found_docs if text in doctree_with_rows(app, doc).astext()}
