"""The extension's own work grows linearly with the site: counted calls, never timings.

A build of a synthetic site is run twice, the second site twice the size of the first, with a
profile hook that counts, for every function of ``ideation``, the calls into it and the calls it
makes to built-ins (``dict.pop``...). A step that is quadratic somewhere (a scan of every object
for every page) shows as a function whose count grows about four times; linear work doubles.
"""

from __future__ import annotations

import functools
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

from sphinx_roots import Builder, warnings_of
from synthetic_site import site

import ideation
from ideation.sphinx._domain import ObjectEntry, get_domain

_T = TypeVar("_T")

SOURCE = str(Path(ideation.__file__).parent)

#: A function counts if it does this much at the larger size (below it, constants dominate).
FLOOR = 200
#: Twice the site, at most this much more work per function (linear is 2, quadratic about 4).
GROWTH = 2.5


def _counted(run: Callable[[], _T]) -> tuple[_T, Counter[str]]:
    """What ``run`` returns, and the calls into and built-in calls made by each function of
    ideation while it ran."""
    counts: Counter[str] = Counter()

    def profile(frame: FrameType, event: str, arg: object) -> None:
        # "call": the frame is the function called; "c_call": the frame is the caller.
        if event in ("call", "c_call"):
            code = frame.f_code
            if code.co_filename.startswith(SOURCE):
                counts[f"{code.co_filename[len(SOURCE) :]}:{code.co_qualname}"] += 1

    sys.setprofile(profile)
    try:
        found = run()
    finally:
        sys.setprofile(None)
    return found, counts


def _work(build: Builder, srcdir: Path) -> Counter[str]:
    """The counted work of a build of ``srcdir``, which must not warn."""
    app, counts = _counted(
        lambda: build("generated", "html", srcdir=srcdir, ideation_catalogue="data")
    )
    assert warnings_of(app) == ""
    return counts


def test_the_extension_does_linear_work(build: Builder, tmp_path: Path) -> None:
    small = _work(build, site(tmp_path / "small", 6))
    large = _work(build, site(tmp_path / "large", 12))
    grown = {
        name: (small[name], count)
        for name, count in large.items()
        if count >= FLOOR and count > GROWTH * small[name]
    }
    assert grown == {}, "superlinear: " + ", ".join(
        f"{name} {before} -> {after}" for name, (before, after) in sorted(grown.items())
    )
    # The hook saw the extension at work (a hook that counts nothing would pass anything).
    assert sum(large.values()) > 10 * FLOOR


def _other_process(size: int) -> dict[str, Any]:
    """The domain data of a reading process that read ``size`` pages, one object each."""
    docs = [f"page-{i}" for i in range(size)]
    return {
        "objects": {("proposal", doc): {doc: ObjectEntry(doc, doc, True)} for doc in docs},
        "documents": {doc: {("proposal", doc)} for doc in docs},
        "shown": {doc: {("proposal", doc)} for doc in docs},
        "listings": {doc: {"proposal"} for doc in docs},
        "rows": {},
        "wanted": {},
    }


def test_merging_a_chunk_costs_what_the_chunk_read(build: Builder) -> None:
    # A parallel build merges each chunk's documents from a process that also holds every
    # chunk merged before it was started: the merge must look at the chunk only.
    domain = get_domain(build("domain", "dummy").env)
    chunk = {f"page-{i}" for i in range(5)}
    work = []
    for size in (100, 1000):
        other = _other_process(size)
        _, counts = _counted(functools.partial(domain.merge_domaindata, chunk, other))
        work.append(sum(counts.values()))
        for doc in chunk:
            assert domain.find(("proposal", doc)) == (doc, ObjectEntry(doc, doc, True))
        assert domain.find(("proposal", "page-50")) is None
        for doc in chunk:
            domain.clear_doc(doc)
    assert work[1] == work[0]
