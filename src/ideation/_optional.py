"""Optional packages, imported where a feature needs them and nowhere else.

The bare package (the library, and ``ideation`` with its ``validate``, ``show``, ``convert``,
``schema``, ``import hugo`` and most exports) needs none of them. A feature that needs one calls
:func:`require` where it runs, so that a missing package is a
:class:`~ideation.errors.MissingExtraError` naming the extra to install, never a bare
:exc:`ModuleNotFoundError` at start-up.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from .errors import MissingExtraError


def require(module: str, extra: str, feature: str) -> ModuleType:
    """The module ``module``, imported; else a :class:`MissingExtraError` that says ``feature``
    needs it and that the extra ``extra`` brings it."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise MissingExtraError(module, extra, feature) from error
