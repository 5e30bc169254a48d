"""How long loading a catalogue takes, and how much memory, against ``json.loads``.

Run: .venv/bin/python benchmarks/bench_load.py            (100,000 proposals, 3 rounds)
     .venv/bin/python benchmarks/bench_load.py --proposals 20000 --rounds 5 --json
     .venv/bin/python benchmarks/bench_load.py --table    (load and dump times by size)

The main figures are those of issue 11: loading one JSON catalogue file of many proposals with
:func:`ideation.load`, against :func:`json.loads` of the same text, both with the garbage
collector off. The file is the one ``run.py`` loads (``benchmarks/synthetic.py``): proposals
shaped like an open-data catalogue's, each with a title, a summary, one or two sponsors and a
history of three steps dated differently for each proposal (``--shape build``: the build
benchmark's proposals, with a paragraph of description and the same history dates for all, the
file measured before December 2026). Each figure is measured in a fresh interpreter of its
own, so that one measurement's leftovers (a warm cache, memory not yet given back) cannot
colour the next, and the rounds alternate the two contenders so that a noisy machine shows as
noise in both.
Memory is the growth of the process over its baseline after imports: the peak resident set
(what the operating system sees) and, separately, the peak of ``tracemalloc`` (what Python
allocated), which runs slower and is measured apart from the time.

Speed is measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
import timeit
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "programme-10"

# -- the catalogue ---------------------------------------------------------------------------


def write_catalogue(path: Path, proposals: int, shape: str = "realistic") -> Path:
    """Write the load benchmark's catalogue (``benchmarks/synthetic.py``, the same one
    ``run.py`` loads) as one JSON file, through :func:`ideation.dump`."""
    return synthetic.write_json(path, proposals, shape=shape)


# -- one measurement, in a fresh interpreter -------------------------------------------------

_CHILD = """
import gc, json, resource, sys, time, tracemalloc
from pathlib import Path
what, how, path = sys.argv[1], sys.argv[2], Path(sys.argv[3])
if what == "ideation":
    import ideation
    load = ideation.load
else:
    def load(path):
        return json.loads(path.read_text(encoding="utf-8"))
def rss():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize()
gc.collect()
gc.disable()
if how == "time":
    start, cpu = time.perf_counter(), time.process_time()
    result = load(path)
    print(time.perf_counter() - start, time.process_time() - cpu)
elif how == "rss":
    base = rss()
    result = load(path)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(max(peak, rss()) - base)
else:
    tracemalloc.start()
    result = load(path)
    print(tracemalloc.get_traced_memory()[1])
"""


def measure(what: str, how: str, path: Path) -> list[float]:
    """The figures of one measure in a fresh process: ``time`` gives the wall-clock and the
    processor seconds; ``rss`` and ``traced`` give bytes."""
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, what, how, str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    return [float(figure) for figure in done.stdout.split()]


def figures(path: Path, proposals: int, rounds: int) -> dict[str, float]:
    """The medians of ``rounds`` alternated measurements of each contender, and their ratios."""
    runs: dict[tuple[str, str], list[float]] = {}
    for _ in range(rounds):
        for how in ("time", "rss", "traced"):
            for what in ("json", "ideation"):
                found = measure(what, how, path)
                runs.setdefault((what, how), []).append(found[0])
                if how == "time":  # the processor time: less shaken by a busy machine
                    runs.setdefault((what, "cpu"), []).append(found[1])
    median = {key: statistics.median(values) for key, values in runs.items()}
    mib = 1024 * 1024
    return {
        "proposals": proposals,
        "file_mib": path.stat().st_size / mib,
        "load_s": median["ideation", "time"],
        "json_s": median["json", "time"],
        "load_ratio": median["ideation", "time"] / median["json", "time"],
        "load_cpu_s": median["ideation", "cpu"],
        "json_cpu_s": median["json", "cpu"],
        "load_cpu_ratio": median["ideation", "cpu"] / median["json", "cpu"],
        "load_per_s": proposals / median["ideation", "time"],
        "load_rss_mib": median["ideation", "rss"] / mib,
        "json_rss_mib": median["json", "rss"] / mib,
        "load_rss_ratio": median["ideation", "rss"] / median["json", "rss"],
        "load_traced_mib": median["ideation", "traced"] / mib,
        "json_traced_mib": median["json", "traced"] / mib,
        "load_traced_ratio": median["ideation", "traced"] / median["json", "traced"],
    }


def print_figures(found: dict[str, float]) -> None:
    """The figures as a short table."""
    print(f"{found['proposals']:,.0f} proposals, one JSON file of {found['file_mib']:.1f} MiB")
    print(f"{'figure':<34} {'ideation':>10} {'json':>10} {'ratio':>7}")
    rows: tuple[tuple[str, str, str, str], ...] = (("time (s)", "load_s", "json_s", "load_ratio"),)
    rows += (("processor time (s)", "load_cpu_s", "json_cpu_s", "load_cpu_ratio"),)
    rows += (("peak RSS over baseline (MiB)", "load_rss_mib", "json_rss_mib", "load_rss_ratio"),)
    rows += (("tracemalloc peak (MiB)", "load_traced_mib", "json_traced_mib", "load_traced_ratio"),)
    for label, ours, theirs, ratio in rows:
        print(f"{label:<34} {found[ours]:>10.3f} {found[theirs]:>10.3f} {found[ratio]:>6.2f}x")
    print(f"{'proposals per second':<34} {found['load_per_s']:>10,.0f}")


# -- the table by size -----------------------------------------------------------------------


def growing(size: int) -> Any:
    """A catalogue of ``size`` events and ``size`` proposals, each event naming two proposals."""
    from ideation import model

    proposals = [
        model.Proposal(slug=f"proposal-{i}", title=f"Proposal {i}", summary="A shared project.")
        for i in range(size)
    ]
    events = [
        model.Event(
            slug=f"event-{i}",
            title=f"Event {i}",
            start=dt.datetime(2022, 1, 1, 9, 30) + dt.timedelta(days=i),
            sessions=[
                model.Session(
                    start=dt.time(10, 0),
                    title="Workshops",
                    kind=model.SessionKind.WORKSHOP,
                    proposals=[f"proposal-{i}", f"proposal-{(i + 1) % size}"],
                )
            ],
        )
        for i in range(size)
    ]
    return model.Catalogue(
        programme=model.Programme(slug="bench", name="Bench"), events=events, proposals=proposals
    )


def best(statement: str, number: int, **names: object) -> float:
    """The best of three timings of ``statement``, per run."""
    return min(timeit.repeat(statement, globals=names, number=number, repeat=3)) / number


def print_table() -> None:
    """Load and dump times of the example and of generated catalogues of growing size, so that
    a change that makes loading quadratic shows up as a jump between rows."""
    import ideation

    print(f"{'what':<40} {'seconds':>10}")
    example = best("load(path)", 5, load=ideation.load, path=EXAMPLE)
    print(f"{'load examples/programme-10':<40} {example:>10.4f}")
    for size in (100, 400, 1600):
        catalogue = growing(size)
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / "catalogue"
            written = best("dump(c, t)", 1, dump=ideation.dump, c=catalogue, t=target)
            read = best("load(t)", 1, load=ideation.load, t=target)
            single = Path(folder) / "catalogue.json"
            ideation.dump(catalogue, single)
            one_file = best("load(t)", 1, load=ideation.load, t=single)
        print(f"{f'dump folder, {size} events + proposals':<40} {written:>10.4f}")
        print(f"{f'load folder, {size} events + proposals':<40} {read:>10.4f}")
        print(f"{f'load one JSON file, {size} + {size}':<40} {one_file:>10.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--proposals", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--table", action="store_true", help="load and dump times by size")
    parser.add_argument(
        "--shape", choices=sorted(synthetic.LOAD_SHAPES), default="realistic",
        help="the proposals' shape (build: the build benchmark's, as measured before)",
    )  # fmt: skip
    parser.add_argument(
        "--keep", type=Path, help="write the catalogue file here and keep it (or reuse it)"
    )
    args = parser.parse_args()
    if args.table:
        print_table()
        return
    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or Path(folder) / "catalogue.json"
        if not path.exists():  # a kept file is measured again as it is
            write_catalogue(path, args.proposals, args.shape)
        found = figures(path, args.proposals, args.rounds)
    if args.json:
        print(json.dumps(found, indent=2))
    else:
        print_figures(found)


if __name__ == "__main__":
    main()
