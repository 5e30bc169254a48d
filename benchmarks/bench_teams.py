"""How long team formation takes: 1,000 candidates, 100 proposals, 5 wishes each.

Run: .venv/bin/python benchmarks/bench_teams.py

Prints the time of each run (HiGHS through SciPy's ``milp``, four levels of the objective) and
the objective reached. The target on a small shared machine is under 2 s; it is measured here,
never asserted in tests.
"""

from __future__ import annotations

import random
import time

from ideation import model
from ideation.ops.teams import TeamInput, solve

PROFILES = ("data scientist", "developer", "designer", "data engineer", "product owner")


def synthetic(candidates: int, proposals: int, wishes: int, seed: int = 10) -> TeamInput:
    """A reproducible random problem of the given size."""
    rng = random.Random(seed)
    selected = [
        model.Proposal(
            slug=f"p-{i:03d}",
            title=f"Proposal {i}",
            status="selected",
            wanted_profiles=rng.sample(PROFILES, 2),
            team_size=model.TeamSize(min=rng.randint(3, 6), max=rng.randint(8, 14)),
        )
        for i in range(proposals)
    ]
    people = [
        model.Candidate(
            slug=f"c-{i:04d}",
            name=f"Candidate {i}",
            skills=rng.sample(PROFILES, rng.randint(1, 2)),
            wishes=[p.slug for p in rng.sample(selected, wishes)],
        )
        for i in range(candidates)
    ]
    return TeamInput(proposals=selected, candidates=people)


def scarce(candidates: int, proposals: int, wishes: int, seed: int = 2) -> TeamInput:
    """A harder problem: large minimums, two data scientists needed everywhere, and wishes
    crowded on the first proposals, so that some needs cannot be met."""
    rng = random.Random(seed)
    selected = [
        model.Proposal(
            slug=f"p-{i:03d}",
            title=f"Proposal {i}",
            status="selected",
            wanted_profiles=rng.sample(PROFILES, 3),
            needs=[model.Need(profile=PROFILES[0], count=2)],
            team_size=model.TeamSize(min=rng.randint(8, 12), max=rng.randint(12, 14)),
        )
        for i in range(proposals)
    ]
    weights = [1 / (i + 1) for i in range(proposals)]
    people = []
    for i in range(candidates):
        wished: list[str] = []
        while len(wished) < wishes:
            slug = rng.choices(selected, weights)[0].slug
            if slug not in wished:
                wished.append(slug)
        people.append(
            model.Candidate(
                slug=f"c-{i:04d}",
                name=f"Candidate {i}",
                skills=rng.sample(PROFILES, 1),
                wishes=wished,
            )
        )
    return TeamInput(proposals=selected, candidates=people)


def main() -> None:
    for name, problem in (("even", synthetic(1000, 100, 5)), ("crowded", scarce(1000, 100, 5))):
        _time(name, problem)


def _time(name: str, problem: TeamInput) -> None:
    for run in range(3):
        started, cpu = time.perf_counter(), time.process_time()
        teams = solve(problem)
        elapsed, used = time.perf_counter() - started, time.process_time() - cpu
        print(
            f"{name}, run {run + 1}: 1000 candidates, 100 proposals, 5 wishes: {elapsed:.2f} s "
            f"({used:.2f} s of CPU); "
            f"objective {teams.objective.as_dict()}"
        )


if __name__ == "__main__":
    main()
