"""How long loading, checking and writing catalogues takes, by size.

Run: .venv/bin/python benchmarks/bench_load.py

Prints the best of several runs for the example catalogue and for generated catalogues of
growing size, so that a change that makes loading quadratic shows up as a jump between rows.
Speed is measured here, never asserted in tests.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import timeit
from pathlib import Path

import ideation
from ideation import model

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "programme-10"


def synthetic(size: int) -> model.Catalogue:
    """A catalogue of ``size`` events and ``size`` proposals, each event naming two proposals."""
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
    return min(timeit.repeat(statement, globals=names, number=number, repeat=3)) / number


def main() -> None:
    print(f"{'what':<40} {'seconds':>10}")
    example = best("load(path)", 5, load=ideation.load, path=EXAMPLE)
    print(f"{'load examples/programme-10':<40} {example:>10.4f}")
    for size in (100, 400, 1600):
        catalogue = synthetic(size)
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


if __name__ == "__main__":
    main()
