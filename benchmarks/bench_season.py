"""A season's re-run: 2,000 candidates, 150 proposals, teams recorded; 5 withdraw, 20 join.

Run once (the machine is shared): .venv/bin/python benchmarks/bench_season.py

Prints the time of :func:`ideation.ops.teams.plan_teams` on the changed season (recorded
placements kept, the places left filled), checks that no placement of the others changed, and,
for comparison, how many placements a solve from scratch would have changed. The target is
under 10 s; it is measured here, never asserted in tests.
"""

from __future__ import annotations

import datetime as dt
import random
import time

import attrs
from bench_teams import synthetic

from ideation import model
from ideation.ops.teams import plan_teams

CANDIDATES, PROPOSALS, WISHES = 2000, 150, 5
WITHDRAWN, JOINING = 5, 20


def season() -> model.Catalogue:
    """The season before the changes: every proposal's team recorded by a first run."""
    problem = synthetic(CANDIDATES, PROPOSALS, WISHES)
    catalogue = model.Catalogue(
        programme=model.Programme(slug="p", name="P"),
        proposals=problem.proposals,
        candidates=problem.candidates,
    )
    return plan_teams(catalogue, today=dt.date(2023, 5, 1)).catalogue


def changed(catalogue: model.Catalogue, seed: int = 28) -> model.Catalogue:
    """``catalogue`` with 5 placed candidates withdrawn and 20 new ones wishing to join."""
    rng = random.Random(seed)
    placed = sorted(slug for p in catalogue.proposals for slug in p.team)
    leaving = set(rng.sample(placed, WITHDRAWN))
    slugs = [p.slug for p in catalogue.proposals]
    joining = [
        model.Candidate(
            slug=f"late-{i:02d}",
            name=f"Late {i}",
            skills=["developer"],
            wishes=rng.sample(slugs, WISHES),
        )
        for i in range(JOINING)
    ]
    candidates = [
        attrs.evolve(c, withdrawn=dt.date(2023, 6, 1)) if c.slug in leaving else c
        for c in catalogue.candidates
    ]
    return attrs.evolve(catalogue, candidates=[*candidates, *joining])


def main() -> None:
    before = changed(season())
    recorded = {slug: p.slug for p in before.proposals for slug in p.team}
    gone = {c.slug for c in before.candidates if c.withdrawn is not None}
    started, cpu = time.perf_counter(), time.process_time()
    plan = plan_teams(before, today=dt.date(2023, 6, 2))
    elapsed, used = time.perf_counter() - started, time.process_time() - cpu
    after = plan.teams.placements
    moved = [s for s, p in recorded.items() if s not in gone and after.get(s) != p]
    joined = [c.after for c in plan.changes if c.before is None]
    print(
        f"keep recorded: {CANDIDATES} candidates, {PROPOSALS} proposals, {WITHDRAWN} withdrawn, "
        f"{JOINING} joining: {elapsed:.2f} s ({used:.2f} s of CPU); "
        f"other placements changed: {len(moved)}; removed: {len(gone & set(recorded))}; "
        f"newly placed: {len(joined)}; objective {plan.teams.objective.as_dict()}"
    )
    started = time.perf_counter()
    scratch = plan_teams(before, from_scratch=True, today=dt.date(2023, 6, 2)).teams.placements
    elapsed = time.perf_counter() - started
    reshuffled = sum(1 for s, p in recorded.items() if s not in gone and scratch.get(s) != p)
    print(f"from scratch, for comparison: {elapsed:.2f} s; other placements changed: {reshuffled}")


if __name__ == "__main__":
    main()
