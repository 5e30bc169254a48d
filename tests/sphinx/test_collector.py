"""The collector kept off what a build keeps: the loaded environment, and what workers inherit."""

from __future__ import annotations

import gc
import os
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx_roots import Builder, warnings_of
from synthetic_site import site

from ideation.sphinx.collector import LOADING_THRESHOLD

#: (event, priority) -> what to note then; each test's handlers are added to every app it makes.
Spies = dict[tuple[str, int], Callable[..., None]]


#: The extension that adds a test's spies, loaded after ``ideation.sphinx``.
SPY = "ideation_test_collector_spy"


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> Iterator[Spies]:
    """Handlers to add to every Sphinx application the test makes, at the given priorities,
    by an extension: connected as the application starts, before ``builder-inited``."""
    spies: Spies = {}

    def setup(app: Any) -> dict[str, Any]:
        for (event, priority), handler in spies.items():
            app.connect(event, handler, priority=priority)
        return {"parallel_read_safe": True, "parallel_write_safe": True}

    extension = types.ModuleType(SPY)
    extension.setup = setup  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, SPY, extension)
    assert gc.get_freeze_count() == 0
    yield spies
    assert gc.get_freeze_count() == 0  # everything given back once each build ended


def _build_twice(build: Builder, srcdir: Path, **conf: Any) -> SphinxTestApp:
    """A first build, then a second one that loads the first's environment."""
    for _ in range(2):
        app = build(
            "generated", "html", srcdir=srcdir, ideation_catalogue="data",
            extensions=["ideation.sphinx", SPY], **conf,
        )  # fmt: skip
        assert warnings_of(app) == ""
    return app


def test_a_loaded_environment_is_kept_off_the_collector_until_the_build_ends(
    build: Builder, tmp_path: Path, spy: Spies
) -> None:
    # Runs while the environment loaded freed nothing and made every later run go through
    # it again: the youngest generation waits while it loads, and what the build holds once
    # the catalogue is loaded is frozen until the build ends.
    seen: list[tuple[str, tuple[int, ...], int]] = []

    def note(moment: str) -> Callable[..., None]:
        return lambda app, *args: seen.append((moment, gc.get_threshold(), gc.get_freeze_count()))

    before = gc.get_threshold()
    spy[("builder-inited", 100)] = note("loading")  # between the extension's two handlers
    spy[("builder-inited", 999)] = note("loaded")
    spy[("build-finished", 0)] = note("ending")
    _build_twice(build, site(tmp_path / "site", 4))
    first, second = seen[:3], seen[3:]
    # The first build started from nothing: it holds the collector back while the catalogue
    # loads, and freezes nothing.
    assert first == [
        ("loading", (LOADING_THRESHOLD, *before[1:]), 0),
        ("loaded", before, 0),
        ("ending", before, 0),
    ]
    # The second loaded the first's environment: frozen from then to the end of the build.
    loading, loaded, ending = second
    assert loading == ("loading", (LOADING_THRESHOLD, *before[1:]), 0)
    assert loaded[1] == ending[1] == before
    assert loaded[2] > 0
    assert ending[2] > 0  # still frozen as the build ends; given back right after
    assert gc.get_threshold() == before


def test_a_collector_turned_off_by_the_user_stays_off(
    build: Builder, tmp_path: Path, spy: Spies, monkeypatch: pytest.MonkeyPatch
) -> None:
    thresholds: list[tuple[int, ...]] = []
    spy[("builder-inited", 100)] = lambda app: thresholds.append(gc.get_threshold())
    before = gc.get_threshold()
    gc.set_threshold(0)
    try:
        _build_twice(build, site(tmp_path / "site", 2))
        assert thresholds == [gc.get_threshold()] * 2 == [(0, *before[1:])] * 2
    finally:
        gc.set_threshold(*before)


@pytest.mark.parametrize("parallel", [0, 2])
def test_parallel_workers_inherit_objects_the_collector_leaves_alone(
    build: Builder, tmp_path: Path, spy: Spies, parallel: int
) -> None:
    # A forked worker's first full collection wrote to every object it inherited, copying
    # the main process's memory; the objects held when a phase starts are frozen instead, in
    # a parallel build only, and given back to the collector when the build ends.
    frozen: dict[str, int] = {}

    def count(phase: str) -> Callable[..., None]:
        return lambda app, *args: frozen.__setitem__(phase, gc.get_freeze_count())

    # Late: after the extension's own handler of each event.
    spy[("env-before-read-docs", 999)] = count("reading")
    spy[("write-started", 999)] = count("writing")
    app = build(
        "generated", "html", srcdir=site(tmp_path / "site", 4), ideation_catalogue="data",
        extensions=["ideation.sphinx", SPY], parallel=parallel,
    )  # fmt: skip
    assert warnings_of(app) == ""
    if parallel:
        assert frozen["reading"] > 0
        assert frozen["writing"] >= frozen["reading"]
    else:
        assert frozen == {"reading": 0, "writing": 0}


@pytest.mark.parametrize("parallel", [0, 2])
def test_a_process_forked_during_a_parallel_build_freezes_what_it_inherits(
    build: Builder, tmp_path: Path, spy: Spies, parallel: int
) -> None:
    # While writing, the main process holds the pages waiting for the worker, unfrozen; the
    # worker freezes them as it starts, so that its collections leave its parent's pages alone.
    unfrozen: list[int] = []

    def fork(app: Any, *args: Any) -> None:
        # Unfrozen, as the pages resolved after the freeze are.
        waiting: list[object] = [[] for _ in range(100)]
        reading, writing = os.pipe()
        child = os.fork()
        if child == 0:  # pragma: no cover - the child reports what its collector would see
            os.write(writing, str(len(gc.get_objects())).encode())
            os._exit(0)
        os.close(writing)
        os.waitpid(child, 0)
        with os.fdopen(reading) as pipe:
            unfrozen.append(int(pipe.read()))
        del waiting

    spy[("write-started", 999)] = fork  # after the extension's own freeze
    app = build(
        "generated", "html", srcdir=site(tmp_path / "site", 2), ideation_catalogue="data",
        extensions=["ideation.sphinx", SPY], parallel=parallel,
    )  # fmt: skip
    assert warnings_of(app) == ""
    # The child's collector sees only what the child made since it started; without the
    # freeze, it would go through the parent's hundred lists at least.
    (seen,) = unfrozen
    if parallel:
        assert seen < 100
    else:
        assert seen >= 100


def test_a_build_that_fails_to_start_leaves_the_users_thresholds_to_the_next(
    build: Builder, tmp_path: Path, spy: Spies
) -> None:
    # A failure between the window's two handlers leaves the collector held back (it still
    # runs, less often); the next build gives the user's thresholds back, not the raised ones.
    before = gc.get_threshold()

    def fail(app: Any) -> None:
        raise RuntimeError("an extension failed to start")

    spy[("builder-inited", 100)] = fail
    with pytest.raises(Exception, match="failed to start"):
        build(
            "generated", "html", srcdir=site(tmp_path / "failed", 2), ideation_catalogue="data",
            extensions=["ideation.sphinx", SPY],
        )  # fmt: skip
    assert gc.get_threshold() == (LOADING_THRESHOLD, *before[1:])
    del spy[("builder-inited", 100)]
    _build_twice(build, site(tmp_path / "site", 2))
    assert gc.get_threshold() == before
