"""The extension's own writes during a build (the saved catalogue, generated pages, chart
images), whose failure is a warning rather than a traceback.

A full disk or a read-only folder stops the build if Sphinx itself cannot write; what the
extension writes besides is reported as a warning of type ``ideation``, subtype ``write``,
naming the file and the reason, and the build goes on without it: the catalogue is read again
at the next build, a chart shows its data table alone, a page that could not be generated is
missing from the toctree (which Sphinx reports).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)


@contextlib.contextmanager
def reported(path: Path | str, what: str, consequence: str) -> Iterator[list[OSError]]:
    """Run a write; an :exc:`OSError` becomes a warning naming ``path`` and is recorded in
    the list this yields (empty when the write went through)."""
    failed: list[OSError] = []
    try:
        yield failed
    except OSError as error:
        failed.append(error)
        # OSError's own file name may be a temporary file: the one the user knows is ``path``.
        reason = error.strerror or (os.strerror(error.errno) if error.errno else str(error))
        logger.warning(
            "could not write %s %s: %s; %s",
            what,
            path,
            reason.lower(),
            consequence,
            type="ideation",
            subtype="write",
        )
