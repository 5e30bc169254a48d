"""What Python's cyclic garbage collector examines during a build: not what the build keeps.

The collector runs once every 700 new container objects; each run examines the objects made
since the one before, and as objects age into the older generations, runs of the whole heap
follow. It writes to every object it examines. Two kinds of object are worth keeping out of
its reach, because a build keeps them to its end and every run over them is wasted:

**The saved environment.** A build that finds an environment from an earlier build loads it
from one pickle: every document's titles, tables of contents and domain data, a few hundred
thousand objects on a site of 2,000 pages. An unpickling makes only objects that are kept, so
the runs during it free nothing (on the benchmark site they took half the loading time, 80 ms
against 37 ms), and every later run of the build went through the loaded objects again. From
the end of ``config-inited`` (Sphinx loads the environment right after it) the youngest
generation's threshold is raised, so that no run happens while the environment and the
catalogue load; right after the catalogue is loaded at ``builder-inited``, what the process then
holds is moved out of the collector's reach (:func:`gc.freeze`) if an environment was loaded,
and the thresholds come back. A build with nothing to do took 1.46 s instead of 1.67 s, and
an incremental build after one title edit about 10% less. A fresh build is left alone: it has
loaded nothing the build keeps but the catalogue, and freezing it gained nothing measurable.

**What a parallel build's workers inherit.** With ``-j N``, Sphinx forks a new process for
every chunk of documents it reads or writes (about twenty for each phase on a site of 2,000
pages). A forked process shares the main process's memory until it writes to it, and the first
full run in each worker copied, page by page, the whole environment, catalogue and doctree cache
it inherited (300 MiB on the benchmark site), so a ``-j 2`` build of a large generated site was
slower than ``-j 1``. Before each phase of a parallel build (``env-before-read-docs``,
``write-started``), what the main process holds is frozen too, as the Python documentation
recommends before a ``fork``. While writing, the main process resolves the pages and hands them
to the worker in chunks, and what it made since the freeze (the pages waiting for the worker) is
inherited unfrozen: each worker freezes what it inherits as it starts
(:func:`os.register_at_fork`), so that its collections go through what it makes, not through
its parent's pages. The benchmark's ``-j 2`` build took about 2 s less (25.6 s against 27.7 s).

Everything frozen is given back to the collector when the build ends (:func:`gc.unfreeze`), and
cycles among frozen objects that died during the build are collected then. The collector is
never turned off: if something fails between the two handlers of the loading window, it still
runs, only less often, until the next build gives the user's thresholds back. A collector the
user has turned off (a threshold of 0) is left alone.
"""

from __future__ import annotations

import gc
import os
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

__all__ = ["LOADING_THRESHOLD", "setup_collector"]

#: New objects between two runs of the youngest generation while the environment and the
#: catalogue load: more than loading makes on a site of several thousand pages.
LOADING_THRESHOLD = 1_000_000

# Kept on the application, which lives for one build and is not pickled.
#: Whether this build holds the collector back while loading.
_HOLDS = "_ideation_holds_gc"
#: Whether this build froze objects, to give them back when it ends.
_FROZE = "_ideation_froze_gc"
#: Whether this build is counted among the process's forking builds.
_FORKS = "_ideation_forks"


@attrs.define
class _ProcessCollector:
    """What the extension did to the collector of this process: the collector is
    process-wide, so this is the one process-wide record of the extension."""

    #: The thresholds to give back when the loading window closes (``None`` when none is open).
    #: A build whose start failed between the two handlers leaves it open: the next build
    #: gives back these, the user's, not the raised ones it finds.
    held: tuple[int, ...] | None = None
    #: Parallel builds that are forking workers now, and whether the at-fork hook is set.
    forking_builds: int = 0
    hooked: bool = False


_PROCESS = _ProcessCollector()


def _hold(app: Sphinx, config: Config) -> None:
    thresholds = _PROCESS.held or gc.get_threshold()
    if thresholds[0] == 0:
        return  # turned off by the user
    _PROCESS.held = thresholds
    setattr(app, _HOLDS, True)
    gc.set_threshold(max(thresholds[0], LOADING_THRESHOLD), *thresholds[1:])


def _freeze(app: Sphinx) -> None:
    gc.freeze()
    setattr(app, _FROZE, True)


def _release(app: Sphinx) -> None:
    if not getattr(app, _HOLDS, False):
        return
    setattr(app, _HOLDS, False)
    thresholds, _PROCESS.held = _PROCESS.held, None
    if app.env.all_docs:  # loaded from an earlier build: kept to the end of this one
        _freeze(app)
    if thresholds is not None:
        gc.set_threshold(*thresholds)


def _freeze_inherited() -> None:
    # Run in every process forked while a parallel build of this process is on (see
    # os.register_at_fork): what a worker inherits is its parent's, which the parent collects.
    if _PROCESS.forking_builds:
        gc.freeze()


def _freeze_before_forking(app: Sphinx, *args: object) -> None:
    if app.parallel <= 1:
        return
    _freeze(app)
    if not getattr(app, _FORKS, False):
        setattr(app, _FORKS, True)
        _PROCESS.forking_builds += 1
    if not _PROCESS.hooked:
        os.register_at_fork(after_in_child=_freeze_inherited)
        _PROCESS.hooked = True


def _unfreeze(app: Sphinx, exception: BaseException | None) -> None:
    if getattr(app, _FORKS, False):
        setattr(app, _FORKS, False)
        _PROCESS.forking_builds -= 1
    if getattr(app, _FROZE, False):
        gc.unfreeze()
        setattr(app, _FROZE, False)


def setup_collector(app: Sphinx) -> None:
    """Keep the collector off what the build keeps (see the module)."""
    # The last of config-inited's handlers; after the catalogue is loaded at builder-inited
    # (priority 400, ideation.sphinx.data) and before the default priority.
    app.connect("config-inited", _hold, priority=1000)
    app.connect("builder-inited", _release, priority=450)
    # Sphinx forks its workers right after these.
    app.connect("env-before-read-docs", _freeze_before_forking)
    app.connect("write-started", _freeze_before_forking)
    app.connect("build-finished", _unfreeze)
