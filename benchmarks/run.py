"""The performance benchmark of issue 11: build times, memory and load speed, as medians.

Run (``make bench`` installs what it needs first)::

    .venv/bin/pip install -r benchmarks/requirements.txt   # sphinx-needs, for the third site
    .venv/bin/python benchmarks/run.py                      # 200 events, 2,000 proposals, 3 runs
    .venv/bin/python benchmarks/run.py --events 50 --proposals 500   # the fast inner loop
    .venv/bin/python benchmarks/run.py --quick --json       # tiny, one run: what the test runs

For one synthetic catalogue (``benchmarks/synthetic.py``: the same arguments give the same
files) it writes three Sphinx sites in a temporary folder (``benchmarks/sites.py``): the
ideation site (the extension with generated pages), the same visible text written by hand in
reStructuredText, and the same text as sphinx-needs objects. All use the html builder, the
default theme and no sidebar. It checks that their built pages show the same number of words
(within 1%), then measures, alternating the sites in every run (ideation, hand, needs,
ideation, ...) so that a slower moment of a shared machine hits them all alike, and flushing
what the previous build wrote to disk before each timed build, so that no build pays for
another's writing:

- **full**: a build into a fresh output folder (the generated pages removed too, as in a
  fresh clone where they are ignored by git);
- **noop**: the same build again, nothing changed;
- **incremental**: after one proposal's title is edited in its data file (and in the
  hand-written site, in its page): the time, the number of documents Sphinx read again (from
  its "updating environment: N added, M changed" line), and whether every built page that
  showed the old title now shows the new one and none shows the old (``incremental_correct``);
- **parallel**: a full build with ``-j 2``, against the ``-j 1`` full build, for the ideation
  site and for the hand-written one (the control: if the control does not speed up either,
  the machine is busy); and whether the ideation output of ``-j 2`` is byte-identical to that
  of ``-j 1`` (every file but those listed in ``EXPECTED_DIFFERENCES``, which say why);
- **rss**: the peak resident memory of each build, as the kernel reports it for that one
  ``sphinx-build`` process and the workers it waited for (``os.wait4``);
- **load**: ``ideation.load`` of one JSON file of 100,000 proposals against ``json.loads`` of
  the same file's text, each in a fresh interpreter with the garbage collector off: the time
  ratio (wall clock, and processor time, which a busy machine shakes less), the peak memory
  over the interpreter's baseline (after imports) ratio, proposals per second. The proposals
  are shaped like an open-data catalogue's (a summary, sponsors, a history of three steps
  dated differently for each proposal); ``--load-shape build`` measures the file of the
  figures before December 2026 instead (the build benchmark's proposals: a paragraph of
  description each, and the same history dates for all).

It prints a table of medians and ratios; ``--json`` prints the figures as one JSON object
(``full_ratio``, ``needs_ratio``, ``incremental_ratio``, ``reread_docs``, ``noop_ratio``,
``parallel_ratio``, ``control_parallel_ratio``, ``build_rss_ratio``, ``load_ratio``,
``load_cpu_ratio``, ``load_rss_ratio``, ``load_per_s``, ``load_shape``,
``incremental_correct``, ``parallel_identical``, the word counts, the raw medians under
``medians``, each ratio as taken in each run under ``run_ratios``, and under ``machine`` the
machine, the versions of Python, Sphinx, MyST-Parser, docutils, ideation (and which code of
it) and sphinx-needs, and when the run started and ended). ``--keep DIR`` keeps the sites;
``--only`` limits the measures to some of ``build``, ``parallel``, ``load``.
Speed is measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import html
import importlib.metadata
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import attrs
import sites
import synthetic

import ideation

__all__ = ["EXPECTED_DIFFERENCES", "Build", "main", "measure", "strict"]

#: Output files that may differ between a -j 1 and a -j 2 build, and why.
EXPECTED_DIFFERENCES = {
    # Not a page: Sphinx's record of the configuration and tags the output was built with.
    ".buildinfo": "Sphinx's build record, not content",
}

SITES = ("ideation", "hand", "needs")
NEW_TITLE = "Titre modifié pour la mesure"
INSTALL_HINT = (
    "sphinx-needs is missing: install the benchmark's requirements with\n"
    "    .venv/bin/pip install -r benchmarks/requirements.txt\n"
    "(or run `make bench`, which does it)."
)


@dataclass
class Build:
    """What one ``sphinx-build`` run cost."""

    seconds: float
    rss_mib: float
    reread: int
    output: str = field(repr=False)


# A small interpreter between this benchmark and each build: the kernel starts a process's
# peak RSS at that of the process it was forked from (exec records the old image's peak), so
# a build forked from this benchmark, which holds thousands of pages in memory, would report
# the benchmark's peak, not its own. Forked from this small wrapper, it reports its own.
_WRAPPER = """\
import os, subprocess, sys, time
start = time.perf_counter()
process = subprocess.Popen(sys.argv[1:])
_, status, usage = os.wait4(process.pid, 0)
seconds = time.perf_counter() - start
print(f"\\nbenchmark-measure {seconds} {usage.ru_maxrss}", flush=True)
sys.exit(os.waitstatus_to_exitcode(status))
"""
_MEASURE = re.compile(r"^benchmark-measure (\S+) (\d+)$", re.MULTILINE)


def _run_measured(command: list[str], cwd: Path) -> tuple[str, float, float, int]:
    """Run ``command``; return its output, wall seconds, peak RSS in MiB and exit status.

    The process is reaped with ``os.wait4`` by the wrapper, which gives the peak of that
    process (and of the workers it waited for) alone. What earlier builds wrote is flushed to
    disk first (``os.sync``), outside the measure: the kernel writes a build's pages back in
    the seconds after it ends, and that writing would otherwise slow whichever build comes
    next: a no-op build of the ideation site right after the hand-written site's ``-j 2`` full
    build took 1.48 s, against 1.40 s once that writing had settled (medians of 3).
    """
    os.sync()
    done = subprocess.run(
        [sys.executable, "-c", _WRAPPER, *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=cwd,
        check=False,
    )
    found = list(_MEASURE.finditer(done.stdout))
    if not found:
        return done.stdout, float("nan"), float("nan"), done.returncode or 1
    seconds, rss_kib = found[-1].groups()
    return done.stdout, float(seconds), int(rss_kib) / 1024, done.returncode


def build(root: Path, out: str, jobs: int = 1, *, fresh: bool = False) -> Build:
    """One measured ``sphinx-build`` of ``root`` into ``_build/OUT`` (fresh: from nothing)."""
    if fresh:
        shutil.rmtree(root / "_build" / out, ignore_errors=True)
        shutil.rmtree(root / "_build" / f"doctrees-{out}", ignore_errors=True)
        if (root / "catalogue").is_dir():
            shutil.rmtree(root / sites.PAGES, ignore_errors=True)
    command = [
        sys.executable, "-m", "sphinx", "-b", "html", "-j", str(jobs),
        "-d", str(root / "_build" / f"doctrees-{out}"), str(root), str(root / "_build" / out),
    ]  # fmt: skip
    output, seconds, rss, status = _run_measured(command, root)
    if status != 0:
        raise RuntimeError(f"sphinx-build failed in {root}:\n{output[-3000:]}")
    return Build(seconds, rss, _reread(output), output)


_UPDATING = re.compile(r"(\d+) added, (\d+) changed, (\d+) removed")


def _reread(output: str) -> int:
    """The documents Sphinx read again, from its "updating environment" line."""
    found = _UPDATING.search(output)
    return int(found.group(1)) + int(found.group(2)) if found else 0


# -- the content checks -------------------------------------------------------------------


def html_pages(folder: Path) -> dict[str, str]:
    """Every built page under ``folder``, by path, but Sphinx's own genindex/search pages."""
    skip = {"genindex.html", "search.html", "ideation-proposals.html"}
    return {
        path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*.html"))
        if path.name not in skip and not path.name.startswith("ideation-")
    }


def word_counts(folder: Path) -> dict[str, int]:
    """The words a reader sees in the body of every page of a built site."""
    return {name: sites.page_words(text) for name, text in html_pages(folder).items()}


_HEAD = re.compile(r"<head>.*?(<title>.*?</title>).*?</head>", re.DOTALL)
_SCRIPT = re.compile(r"<script.*?</script>", re.DOTALL)


def _visible(text: str) -> str:
    """The part of a page a reader sees: its title and body (the ``<link rel="next">`` of
    the head, which Sphinx never refreshes on a neighbour's page, is not shown), with
    typographic apostrophes and entities spelled one way."""
    text = _SCRIPT.sub("", _HEAD.sub(r"\1", text))
    return html.unescape(text).replace("\u2019", "'")


def pages_showing(pages: dict[str, str], title: str) -> set[str]:
    """The pages that show ``title`` (not followed by a digit: titles end with a number)."""
    pattern = re.compile(re.escape(_visible(title)) + r"(?!\d)")
    return {name for name, text in pages.items() if pattern.search(_visible(text))}


@dataclass
class Edit:
    """One proposal's title changed in a site's source to ``title``, then put back.

    In a data file the change goes through the library (load, new title, dump in place), as
    a tool would make it; in a hand-written page, ``old`` text is replaced by ``new``.
    """

    path: Path
    title: str
    old: str = ""
    new: str = ""
    original: str = ""

    def apply(self) -> None:
        self.original = self.path.read_text(encoding="utf-8")
        if not self.old:
            proposal = ideation.load(self.path, ideation.Proposal)
            ideation.dump(attrs.evolve(proposal, title=self.title), self.path)
            return
        if self.old not in self.original:
            raise RuntimeError(f"{self.old!r} is not in {self.path}")
        self.path.write_text(self.original.replace(self.old, self.new, 1), encoding="utf-8")

    def revert(self) -> None:
        self.path.write_text(self.original, encoding="utf-8")


def edited_proposal(proposals: int) -> int:
    """The proposal whose title the incremental build edits: an even one (named by two
    events), in the middle."""
    return (proposals // 2) & ~1


def _edits(roots: dict[str, Path], index: int) -> dict[str, Edit]:
    slug = synthetic.proposal_slug(index)
    new = f"{NEW_TITLE}, projet {index + 1}"
    found = {"ideation": Edit(roots["ideation"] / "catalogue" / "proposals" / f"{slug}.md", new)}
    page = roots["hand"] / sites.PAGES / "proposals" / f"{slug}.rst"
    # The title and its underline: the hand-written page's title is its first line.
    lines = page.read_text(encoding="utf-8").splitlines()
    found["hand"] = Edit(page, new, f"{lines[0]}\n{lines[1]}", f"{new}\n{'=' * (len(new) + 2)}")
    return found


def incremental_correct(before: dict[str, str], after: dict[str, str], old: str, new: str) -> bool:
    """Every page that showed ``old`` shows ``new``, and no page shows ``old`` any more."""
    showed = pages_showing(before, old)
    return bool(showed) and not pages_showing(after, old) and showed <= pages_showing(after, new)


# -- the measures -------------------------------------------------------------------------


@dataclass
class Runs:
    """Every measured figure, one list per (site, measure)."""

    values: dict[str, list[float]] = field(default_factory=dict)
    flags: dict[str, list[bool]] = field(default_factory=dict)

    def add(self, key: str, value: float) -> None:
        self.values.setdefault(key, []).append(value)

    def flag(self, key: str, value: bool) -> None:
        self.flags.setdefault(key, []).append(value)

    def median(self, key: str) -> float:
        return statistics.median(self.values[key]) if key in self.values else float("nan")


def _say(message: str, quiet: bool) -> None:
    if not quiet:
        print(message, file=sys.stderr, flush=True)


def prepare(folder: Path, events: int, proposals: int, with_needs: bool) -> dict[str, Path]:
    """Write the catalogue and the sites; build the ideation site once to write the others."""
    catalogue = synthetic.write_folder(folder / "catalogue", events, proposals)
    roots = {"ideation": sites.write_ideation_site(folder / "ideation", catalogue)}
    build(roots["ideation"], "html", fresh=True)
    roots["hand"] = sites.write_hand_site(folder / "hand", roots["ideation"])
    if with_needs:
        roots["needs"] = sites.write_needs_site(folder / "needs", roots["ideation"])
    return roots


def check_words(roots: dict[str, Path]) -> dict[str, Any]:
    """Compare the words the pages of the sites (just built) show."""
    counts = {name: word_counts(root / "_build" / "html") for name, root in roots.items()}
    reference = counts["ideation"]
    total = sum(reference.values())
    report: dict[str, Any] = {"words": {name: sum(c.values()) for name, c in counts.items()}}
    for name, found in counts.items():
        if name == "ideation":
            continue
        off = [
            page
            for page in reference
            if abs(found.get(page, 0) - reference[page]) > max(1, reference[page] // 100)
        ]
        report[f"words_{name}_pages_off"] = len(off)
        report[f"words_{name}_diff"] = (sum(found.values()) - total) / total
        report[f"words_{name}_example_off"] = off[:3]
    report["words_equal"] = all(
        abs(report[f"words_{n}_diff"]) <= 0.01 for n in counts if n != "ideation"
    )
    return report


def run_full(roots: dict[str, Path], runs: Runs, quiet: bool) -> None:
    """Full builds from nothing, one per site."""
    for name, root in roots.items():
        result = build(root, "html", fresh=True)
        runs.add(f"{name}.full", result.seconds)
        runs.add(f"{name}.rss", result.rss_mib)
        _say(f"  {name} full {result.seconds:.1f} s, {result.rss_mib:.0f} MiB", quiet)


def run_noop(roots: dict[str, Path], runs: Runs, quiet: bool) -> None:
    """The same builds again, nothing changed."""
    for name, root in roots.items():
        result = build(root, "html")
        runs.add(f"{name}.noop", result.seconds)
        runs.add(f"{name}.noop_reread", result.reread)
        _say(f"  {name} noop {result.seconds:.1f} s, {result.reread} read", quiet)


def run_incremental(roots: dict[str, Path], runs: Runs, index: int, old: str, quiet: bool) -> None:
    """One proposal's title edited, then a build, then the edit undone (the next run's full
    build starts from nothing again)."""
    for name, edit in _edits(roots, index).items():
        folder = roots[name] / "_build" / "html"
        before = html_pages(folder)
        edit.apply()
        try:
            result = build(roots[name], "html")
            correct = incremental_correct(before, html_pages(folder), old, edit.title)
        finally:
            edit.revert()
        runs.add(f"{name}.incremental", result.seconds)
        runs.add(f"{name}.reread", result.reread)
        runs.flag(f"{name}.correct", correct)
        _say(
            f"  {name} incremental {result.seconds:.1f} s, {result.reread} read, "
            f"{'correct' if correct else 'STALE'}",
            quiet,
        )


def differing_files(first: Path, second: Path) -> list[str]:
    """The output files that are not byte-identical between two builds (or in one only)."""
    names = {p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file()}
    names |= {p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file()}
    return sorted(
        name
        for name in names
        if not ((first / name).is_file() and (second / name).is_file())
        or (first / name).read_bytes() != (second / name).read_bytes()
    )


def run_parallel(roots: dict[str, Path], runs: Runs, quiet: bool) -> list[str]:
    """One run of -j 2 full builds of copies of the ideation and hand-written sites; the
    ideation output files that differ from the -j 1 output just built.

    Copies, so that rewriting the generated pages there leaves the originals' modification
    times, and so their no-op build, alone.
    """
    differ: list[str] = []
    for name in ("ideation", "hand"):
        copy = roots[name].with_name(f"{roots[name].name}-j2")
        if not copy.exists():
            shutil.copytree(roots[name], copy, ignore=shutil.ignore_patterns("_build"))
        result = build(copy, "html", jobs=2, fresh=True)
        runs.add(f"{name}.full_j2", result.seconds)
        runs.add(f"{name}.rss_j2", result.rss_mib)
        _say(f"  {name} -j 2 {result.seconds:.1f} s", quiet)
        if name == "ideation":
            differ = differing_files(roots[name] / "_build" / "html", copy / "_build" / "html")
    return differ


# -- loading ------------------------------------------------------------------------------

# Run in a fresh interpreter per measure: the baseline is the interpreter with ideation
# imported, the peak is the kernel's high-water mark of resident memory.
_LOAD_SCRIPT = """\
import gc, json, resource, sys, time
from pathlib import Path
import ideation

def resident(key):
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(key):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

mode, path = sys.argv[1], Path(sys.argv[2])
gc.disable()
base = resident("VmRSS:")
start, cpu = time.perf_counter(), time.process_time()
if mode == "ideation":
    count = len(ideation.load(path).proposals)
else:
    count = len(json.loads(path.read_text(encoding="utf-8"))["proposals"])
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
print(json.dumps({
    "seconds": seconds, "cpu_seconds": cpu, "rss_mib": resident("VmHWM:") - base, "count": count
}))
"""


def load_once(mode: str, path: Path) -> dict[str, float]:
    """One load of ``path`` by ``ideation`` or ``json``, in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", _LOAD_SCRIPT, mode, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the {mode} load failed:\n{done.stderr[-3000:]}")
    result: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    return result


def run_load(path: Path, runs: Runs, quiet: bool) -> None:
    """One run of the load measure, ideation then json."""
    for mode in ("ideation", "json"):
        result = load_once(mode, path)
        runs.add(f"load.{mode}", result["seconds"])
        runs.add(f"load.{mode}_cpu", result["cpu_seconds"])
        runs.add(f"load.{mode}_rss", result["rss_mib"])
        runs.add("load.count", result["count"])
        _say(f"  load {mode} {result['seconds']:.2f} s, {result['rss_mib']:.0f} MiB", quiet)


# -- the figures --------------------------------------------------------------------------


def _ratio(top: float, bottom: float) -> float:
    return top / bottom if bottom else float("nan")


def _all(flags: list[bool] | None) -> bool | None:
    """True if every run said so; None if it was not measured."""
    return None if flags is None else all(flags)


#: Each ratio of the figures: (its name, the measure above the line, the one below).
RATIOS = (
    ("full_ratio", "ideation.full", "hand.full"),
    ("needs_ratio", "needs.full", "ideation.full"),
    ("incremental_ratio", "ideation.incremental", "ideation.full"),
    ("noop_ratio", "ideation.noop", "hand.noop"),
    ("parallel_ratio", "ideation.full_j2", "ideation.full"),
    ("control_parallel_ratio", "hand.full_j2", "hand.full"),
    ("build_rss_ratio", "ideation.rss", "hand.rss"),
    ("load_ratio", "load.ideation", "load.json"),
    ("load_cpu_ratio", "load.ideation_cpu", "load.json_cpu"),
    ("load_rss_ratio", "load.ideation_rss", "load.json_rss"),
)


def run_ratios(runs: Runs) -> dict[str, list[float]]:
    """Each ratio taken within each run (the two builds of a run are minutes apart; the runs
    may be far apart on a shared machine): the ratios of the medians are the headline, these
    say how much they moved from run to run."""
    found: dict[str, list[float]] = {}
    for name, top, bottom in RATIOS:
        pairs = zip(runs.values.get(top, []), runs.values.get(bottom, []), strict=False)
        values = [_ratio(above, below) for above, below in pairs]
        if values:
            found[name] = values
    return found


def figures(runs: Runs, differ: list[str]) -> dict[str, Any]:
    """The medians, the ratios issue 11 names, and the correctness flags."""
    m = runs.median
    unexpected = [name for name in differ if name not in EXPECTED_DIFFERENCES]
    return {
        **{name: _ratio(m(top), m(bottom)) for name, top, bottom in RATIOS},
        "reread_docs": m("ideation.reread"),
        "load_per_s": _ratio(m("load.count"), m("load.ideation")),
        "incremental_correct": _all(runs.flags.get("ideation.correct")),
        "hand_incremental_correct": _all(runs.flags.get("hand.correct")),
        "parallel_identical": not unexpected if "ideation.full_j2" in runs.values else None,
        "parallel_differing_files": unexpected[:20],
        "parallel_expected_differences": sorted(set(differ) & set(EXPECTED_DIFFERENCES)),
        "medians": {key: m(key) for key in sorted(runs.values)},
        "run_ratios": run_ratios(runs),
    }


def version_of(distribution: str) -> str | None:
    """The installed version of ``distribution``, or None when it is not installed."""
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def now() -> str:
    """The time, in UTC, to the minute."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%MZ")


def source_state() -> str | None:
    """Which code of ideation was measured: the commit of the clone it is imported from
    (``-dirty`` when the clone had changes, to any file), else where it was installed from
    (``direct_url.json``, for an install from a folder or a URL); None when neither is known."""
    try:
        done = subprocess.run(
            ["git", "describe", "--always", "--dirty", "--abbrev=12"],
            capture_output=True,
            text=True,
            cwd=Path(ideation.__file__).parent,
            check=False,
        )
    except OSError:  # no git
        done = None
    if done is not None and done.returncode == 0 and done.stdout.strip():
        return done.stdout.strip()
    try:
        origin = importlib.metadata.distribution("ideation").read_text("direct_url.json")
    except importlib.metadata.PackageNotFoundError:
        return None
    url = json.loads(origin).get("url") if origin else None
    return f"installed from {url}" if isinstance(url, str) else None


def machine() -> dict[str, Any]:
    """Where the figures were measured, and with what."""
    return {
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "sphinx": version_of("sphinx"),
        "myst_parser": version_of("myst-parser"),
        "docutils": version_of("docutils"),
        "ideation": ideation.__version__,
        "ideation_source": source_state(),
        "sphinx_needs": version_of("sphinx-needs"),
        # How busy the machine was while the figures were taken (1, 5 and 15 minutes).
        "load_average": [round(value, 2) for value in os.getloadavg()],
    }


_ROWS = (
    ("full build (s)", "full", "full_ratio", "ideation / hand"),
    ("full build -j 2 (s)", "full_j2", "parallel_ratio", "ideation -j2 / -j1"),
    ("no-op rebuild (s)", "noop", "noop_ratio", "ideation / hand"),
    ("rebuild, one title edited (s)", "incremental", "incremental_ratio", "of ideation full"),
    ("documents re-read after the edit", "reread", "reread_docs", "ideation"),
    ("peak RSS of the full build (MiB)", "rss", "build_rss_ratio", "ideation / hand"),
)


def table(result: dict[str, Any]) -> str:
    """The figures as a text table."""
    med = result["medians"]
    heading = f"median of {result['runs']} runs"
    lines = [f"{heading:<34}{'ideation':>10}{'hand':>10}{'needs':>10}   ratio"]
    for label, key, ratio, what in _ROWS:
        cells = "".join(f"{med.get(f'{site}.{key}', float('nan')):>10.2f}" for site in SITES)
        lines.append(f"{label:<34}{cells}   {result[ratio]:.2f} {what}")
    lines += [
        f"{'needs / ideation full build':<34}{'':>30}   {result['needs_ratio']:.2f}",
        f"{'hand -j 2 / -j 1 (control)':<34}{'':>30}   {result['control_parallel_ratio']:.2f}",
        f"incremental build correct: ideation {result['incremental_correct']}, "
        f"hand-written {result['hand_incremental_correct']}",
        f"-j 2 output byte-identical to -j 1: {result['parallel_identical']}"
        + (
            f" (differ: {', '.join(result['parallel_differing_files'][:5])})"
            if result["parallel_differing_files"]
            else ""
        ),
        _words_line(result),
    ]
    if "load.json" in med:
        lines += [
            f"load {int(med['load.count'])} proposals ({result['load_shape']}): ideation "
            f"{med['load.ideation']:.2f} s, json.loads {med['load.json']:.2f} s = "
            f"{result['load_ratio']:.2f}x (processor time {result['load_cpu_ratio']:.2f}x); "
            f"{result['load_per_s']:.0f} proposals/s",
            f"memory of the load over baseline: ideation {med['load.ideation_rss']:.0f} MiB, "
            f"json.loads {med['load.json_rss']:.0f} MiB = {result['load_rss_ratio']:.2f}x",
        ]
    lines.append(f"machine: {result['machine']}")
    return "\n".join(lines)


# -- the command --------------------------------------------------------------------------


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--proposals", type=int, default=2000)
    parser.add_argument("--load-proposals", type=int, default=100_000)
    parser.add_argument(
        "--load-shape", choices=sorted(synthetic.LOAD_SHAPES), default="realistic",
        help="the load file's proposals (build: the build benchmark's, as measured before)",
    )  # fmt: skip
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="tiny sizes, one run (for tests)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--keep", type=Path, help="write the sites here and keep them")
    parser.add_argument(
        "--only", nargs="+", choices=("build", "parallel", "load"),
        default=["build", "parallel", "load"], help="measure only these",
    )  # fmt: skip
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    parser.add_argument("--no-needs", action="store_true", help="leave the sphinx-needs site out")
    args = parser.parse_args(argv)
    if args.quick:
        args.events, args.proposals, args.load_proposals, args.runs = 3, 12, 500, 1
    return args


def needs_available() -> bool:
    """Whether sphinx-needs can be imported by the interpreter that builds the sites."""
    try:
        import sphinx_needs  # noqa: F401
    except ImportError:
        return False
    return True


def _words_line(words: dict[str, Any]) -> str:
    return f"words shown: {words['words']} (equal within 1%: {words['words_equal']})"


def compile_modules() -> None:
    """Compile ideation's modules, and those of the environment the builds run in (Sphinx,
    docutils, MyST...), to bytecode, once, before anything is measured.

    A package installed by pip has its bytecode from the install; one installed by ``uv pip``
    (which does not compile by default), or an editable install (a clone's ``.venv``), gets it
    at its first import, unless ``PYTHONDONTWRITEBYTECODE`` is set, as it is on some CI
    machines and development shells. Then every build would compile the modules it imports
    again: about 1.3 s of a 2.5 s rebuild with nothing to do, and more for the ideation site,
    which imports more (MyST, markdown-it, the extension), than for the hand-written one. No
    user pays that twice, so neither site pays it here.
    """
    folders = {Path(ideation.__file__).parent}
    folders |= {Path(sysconfig.get_paths()[key]) for key in ("purelib", "platlib")}
    for folder in sorted(folders):
        if folder.is_dir():
            # quiet=2: not even a file that fails to compile (some packages ship test data
            # written in old Python) may print, since --json prints on standard output.
            compileall.compile_dir(folder, quiet=2)


def measure(args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    """Write the sites under ``folder``, check them, measure; the figures.

    With ``--keep``, the figures so far are written to ``figures.json`` there after each run.
    """
    quiet = args.quiet
    with_needs = not args.no_needs
    builds = bool({"build", "parallel"} & set(args.only))
    if with_needs and builds and not needs_available():
        raise SystemExit(INSTALL_HINT)
    compile_modules()
    _say(f"writing {args.events} events, {args.proposals} proposals in {folder}", quiet)
    started = [round(value, 2) for value in os.getloadavg()]
    started_at = now()
    roots = prepare(folder, args.events, args.proposals, with_needs) if builds else {}
    index = edited_proposal(args.proposals)
    old = synthetic.catalogue(0, index + 1).proposals[index].title
    runs = Runs()
    differ: set[str] = set()
    words: dict[str, Any] = {"words": None, "words_equal": None}
    load_file = None
    if "load" in args.only:
        load_file = synthetic.write_json(
            folder / "proposals.json", args.load_proposals, shape=args.load_shape
        )
    for number in range(1, args.runs + 1):
        _say(f"run {number} of {args.runs}", quiet)
        if builds:
            run_full(roots, runs, quiet)
            if words["words"] is None:
                words = check_words(roots)
                _say("  " + _words_line(words), quiet)
        if "parallel" in args.only:
            differ.update(run_parallel(roots, runs, quiet))
        if "build" in args.only:
            run_noop(roots, runs, quiet)
            run_incremental(roots, runs, index, old, quiet)
        if load_file is not None:
            run_load(load_file, runs, quiet)
        result = figures(runs, sorted(differ))
        result.update(words)
        result.update(
            runs=number, events=args.events, proposals=args.proposals,
            load_proposals=args.load_proposals, load_shape=args.load_shape, machine=machine(),
        )  # fmt: skip
        result["machine"].update(load_average_at_start=started, started=started_at, finished=now())
        if args.keep is not None:
            figures_json = json.dumps(strict(result), indent=2, sort_keys=True, allow_nan=False)
            (folder / "figures.json").write_text(figures_json)
    return result


def strict(value: Any) -> Any:
    """``value`` with every NaN (a figure not measured) as None, so that it is strict JSON."""
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, dict):
        return {key: strict(item) for key, item in value.items()}
    if isinstance(value, list):
        return [strict(item) for item in value]
    return value


def main(argv: Sequence[str] | None = None) -> None:
    """Measure, and print the table (or the JSON)."""
    args = parse(argv)
    if args.keep is not None:
        shutil.rmtree(args.keep, ignore_errors=True)
        args.keep.mkdir(parents=True)
        result = measure(args, args.keep.resolve())
    else:
        with tempfile.TemporaryDirectory(prefix="ideation-bench-") as folder:
            result = measure(args, Path(folder))
    if args.json:
        print(json.dumps(strict(result), indent=2, sort_keys=True, allow_nan=False))
    else:
        print(table(result))


if __name__ == "__main__":
    main()
