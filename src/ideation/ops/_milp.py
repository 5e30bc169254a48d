"""The team objective as one integer program, solved with SciPy's ``milp`` (HiGHS).

Variables, in this order: ``x[c, p]`` (binary) for each candidate ``c`` and each selected
proposal ``p`` they wished for; ``s[p]`` the places missing to ``p``'s minimum; ``u[p, k]`` the
members missing for each profile ``k`` that ``p`` requires. The slack variables are continuous:
with integer bounds and a totally integral right-hand side they take integer values at any
optimum. Candidates and proposals enter the program in slug order, and HiGHS is deterministic:
the same input gives the same program and the same teams.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ideation.errors import MissingExtraError

try:
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_array
except ImportError as error:  # imported by the solver alone: the bare package lacks SciPy
    raise MissingExtraError("scipy", "ops", "the team solver") from error

if TYPE_CHECKING:
    from .teams import TeamInput


class SolverError(RuntimeError):
    """HiGHS did not reach an optimum (a time limit, or a bug): never expected on valid input."""


class _Program:
    """The rows and columns of the integer program, built once, solved once per level."""

    def __init__(self, problem: TeamInput) -> None:
        position = {p.slug: index for index, p in enumerate(problem.proposals)}
        count = len(problem.proposals)
        self.pairs: list[tuple[int, int, int]] = []  # (candidate, proposal, rank)
        for c_index, candidate in enumerate(problem.candidates):
            for rank, wish in enumerate(candidate.wishes, start=1):
                if wish in position:
                    self.pairs.append((c_index, position[wish], rank))
        self.needs: list[tuple[int, str, int]] = []  # (proposal, profile, count)
        for p_index, proposal in enumerate(problem.proposals):
            for name, needed in proposal.required_profiles().values():
                self.needs.append((p_index, name, needed))
        n_x, n_s = len(self.pairs), count
        self.size = n_x + n_s + len(self.needs)
        rows: list[int] = []
        cols: list[int] = []
        values: list[float] = []
        lower: list[float] = []
        upper: list[float] = []

        def row(entries: list[tuple[int, float]], low: float, high: float) -> None:
            index = len(lower)
            for col, value in entries:
                rows.append(index)
                cols.append(col)
                values.append(value)
            lower.append(low)
            upper.append(high)

        by_candidate: dict[int, list[int]] = {}
        by_proposal: dict[int, list[int]] = {}
        for col, (c_index, p_index, _) in enumerate(self.pairs):
            by_candidate.setdefault(c_index, []).append(col)
            by_proposal.setdefault(p_index, []).append(col)
        for cols_of in by_candidate.values():  # placed at most once
            row([(col, 1.0) for col in cols_of], -np.inf, 1.0)
        for p_index, proposal in enumerate(problem.proposals):
            size = proposal.team_size
            members = [(col, 1.0) for col in by_proposal.get(p_index, [])]
            if size is not None and size.max is not None:  # no team beyond its maximum
                row(members, -np.inf, float(size.max))
            minimum = size.min if size is not None else 0
            row([*members, (n_x + p_index, 1.0)], float(minimum), np.inf)
        for k, (p_index, name, needed) in enumerate(self.needs):
            having = [
                (col, 1.0)
                for col in by_proposal.get(p_index, [])
                if problem.candidates[self.pairs[col][0]].has_profile(name)
            ]
            row([*having, (n_x + n_s + k, 1.0)], float(needed), np.inf)
        self.matrix = coo_array((values, (rows, cols)), shape=(len(lower), self.size)).tocsr()
        self.lower, self.upper = lower, upper
        self.n_x, self.count = n_x, count
        self.integrality = np.zeros(self.size, dtype=np.int64)
        self.integrality[:n_x] = 1

    def bounds(self) -> Bounds:
        """Each placement is 0 or 1; each shortfall is 0 or more.

        Made only for a program with variables: SciPy 1.18 refuses empty bounds.
        """
        return Bounds(
            np.zeros(self.size),
            np.concatenate([np.ones(self.n_x), np.full(self.size - self.n_x, np.inf)]),
        )

    def objective(self) -> np.ndarray[Any, np.dtype[np.float64]]:
        """The three levels as one cost vector to minimise, with weights that keep them in order.

        Each placement weighs more than any sum of ranks can (one more than the largest
        possible sum), and each unit of shortfall more than any value of placements and ranks
        together. Every coefficient is a whole number far below 2**53, so floating point holds
        each level exactly; one solve is much faster than a solve per level, where the earlier
        levels become dense constraints that slow HiGHS down by orders of magnitude.
        """
        largest: dict[int, int] = {}
        for c_index, _, rank in self.pairs:
            largest[c_index] = max(largest.get(c_index, 0), rank)
        weight = 1.0 + sum(largest.values())
        cost = np.zeros(self.size)
        cost[self.n_x :] = 1.0 + weight * len(largest)
        for col, (_c, _p, rank) in enumerate(self.pairs):
            cost[col] = rank - weight
        return cost


def assign(problem: TeamInput) -> dict[str, str]:
    """The optimal placements, as a mapping of candidate slug to proposal slug."""
    program = _Program(problem)
    if program.n_x == 0:
        return {}
    result = milp(
        program.objective(),
        constraints=[LinearConstraint(program.matrix, program.lower, program.upper)],
        integrality=program.integrality,
        bounds=program.bounds(),
        # No relative gap: the optimum itself, not one within 0.01 % of it.
        options={"mip_rel_gap": 0.0, "presolve": True},
    )
    if not result.success or result.x is None:
        raise SolverError(f"the team solver stopped without an optimum: {result.message}")
    solution = result.x
    return {
        problem.candidates[c_index].slug: problem.proposals[p_index].slug
        for col, (c_index, p_index, _) in enumerate(program.pairs)
        if solution[col] > 0.5
    }
