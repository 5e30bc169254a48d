"""Deprecated: the Hugo site adapter is :mod:`ideation.hugo` now.

This module re-exports its names for one release, so that ``from ideation.formats.hugo import
import_site`` keeps working; it will be removed in the release after.
"""

from __future__ import annotations

from ideation.hugo import (
    DEFAULT_KEY_MAP,
    EVENTS_LABEL,
    PROPOSALS_LABEL,
    Extracted,
    HugoImport,
    Note,
    Outcome,
    PageEntry,
    export_site,
    import_site,
)

__all__ = [
    "DEFAULT_KEY_MAP",
    "EVENTS_LABEL",
    "PROPOSALS_LABEL",
    "Extracted",
    "HugoImport",
    "Note",
    "Outcome",
    "PageEntry",
    "export_site",
    "import_site",
]
