"""The directives of the extension, one module per feature, each with its ``setup_<feature>``."""

from __future__ import annotations

from sphinx.application import Sphinx

from .events import setup_events
from .proposals import setup_proposals

__all__ = ["setup_directives", "setup_events", "setup_proposals"]


def setup_directives(app: Sphinx) -> None:
    """Register every directive of the ``ideation`` domain."""
    setup_events(app)
    setup_proposals(app)
