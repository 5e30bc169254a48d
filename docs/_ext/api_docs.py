"""Module constants keep their own ``#:`` doc comment where a package re-exports them.

autodoc reads a constant's ``#:`` comment from the module it is documented under. A package
that re-exports a constant (``ideation.model.DEFAULT_TIMEZONE``, defined in
``ideation.model._event``) has no such comment, and autodoc falls back to the value's
``__doc__``: for a string, the docstring of ``str``. This handler looks for the comment in the
submodule that defines the constant, and shows nothing rather than a builtin type's docstring.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import Any

from sphinx.application import Sphinx
from sphinx.pycode import ModuleAnalyzer
from sphinx.util.docstrings import prepare_docstring


def _is_builtin_doc(obj: object, lines: list[str]) -> bool:
    """Whether ``lines`` are only the docstring of the builtin type of ``obj`` (or, for a type
    alias such as ``dict[str, X]``, of the builtin type it parameterises)."""
    kind = getattr(obj, "__origin__", None) or type(obj)
    if not isinstance(kind, type) or kind.__module__ != "builtins" or not kind.__doc__:
        return False
    shown = [line for line in lines if line.strip()]
    builtin = [line for line in prepare_docstring(kind.__doc__) if line.strip()]
    return bool(shown) and shown == builtin


def _defining_modules(package: ModuleType, attribute: str, obj: object) -> list[ModuleType]:
    """The submodules of ``package`` that hold the same ``obj`` under ``attribute``."""
    prefix = package.__name__ + "."
    return [
        module
        for name, module in sorted(sys.modules.items())
        if name.startswith(prefix) and getattr(module, attribute, None) is obj
    ]


def _doc_comment(module: ModuleType, attribute: str) -> list[str]:
    analyzer = ModuleAnalyzer.for_module(module.__name__)
    return list(analyzer.find_attr_docs().get(("", attribute), []))


def own_doc_comment(
    app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    """Replace a builtin type's docstring under a constant with the constant's own comment."""
    if what not in ("data", "attribute") or not _is_builtin_doc(obj, lines):
        return
    module_name, _, attribute = name.rpartition(".")
    try:
        package = importlib.import_module(module_name)
    except ImportError:
        package = None
    comment: list[str] = []
    for module in _defining_modules(package, attribute, obj) if package else []:
        if comment := _doc_comment(module, attribute):
            break
    lines[:] = comment


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("autodoc-process-docstring", own_doc_comment)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
