"""Parallel builds whose worker processes share the main process's memory instead of copying it.

With ``-j N``, Sphinx forks a new process for every chunk of documents it reads or writes
(about twenty for each phase on a site of 2,000 pages). A forked process shares the main
process's memory until it writes to it, and Python's cyclic garbage collector writes to every
object it examines: the first full collection in each worker copied, page by page, the whole
environment, catalogue and doctree cache it inherited (300 MiB on the benchmark site), so a
``-j 2`` build of a large generated site was slower than ``-j 1``.

Before each phase of a parallel build, the objects the main process holds are moved out of the
collector's reach (:func:`gc.freeze`, which the Python documentation recommends before a
``fork``), and given back to it when the build ends (:func:`gc.unfreeze`). What the main
process holds at those moments is, nearly all of it, what the build keeps to its end (the
environment, the catalogue); what a phase makes afterwards is collected as usual, and cycles
of the frozen objects that die during the build are collected once it ends (the benchmark's
``-j 2`` build peaks at the same memory with and without). A serial build, which forks
nothing, is left as it is.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["setup_parallel"]

_FROZE = "_ideation_froze_gc"


def _freeze(app: Sphinx, *args: object) -> None:
    # Connected to the events that come right before Sphinx forks its workers: reading
    # ("env-before-read-docs") and writing ("write-started").
    if app.parallel > 1:
        gc.freeze()
        setattr(app, _FROZE, True)


def _unfreeze(app: Sphinx, exception: BaseException | None) -> None:
    if getattr(app, _FROZE, False):
        gc.unfreeze()
        setattr(app, _FROZE, False)


def setup_parallel(app: Sphinx) -> None:
    """Keep the collector off the objects that parallel workers inherit (see the module)."""
    app.connect("env-before-read-docs", _freeze)
    app.connect("write-started", _freeze)
    app.connect("build-finished", _unfreeze)
