"""The team objective as one integer program, solved with SciPy's ``milp`` (HiGHS).

Variables, in this order: ``x[c, p]`` (binary) for each candidate ``c`` and each selected
proposal ``p`` they wished for (or are kept on); ``s[p]`` the places missing to ``p``'s minimum;
``u[p, k]`` the members missing for each profile ``k`` that ``p`` requires; for a mixed-team
rule, ``e[p, m]`` the members of ministry ``m`` beyond ``p``'s bound, ``y[p, m]`` (binary)
whether ``m`` is on ``p``'s team and ``g[p]`` the ministries missing to ``p``'s least number.
The slack variables are continuous: with integer bounds and a totally integral right-hand side
they take integer values at any optimum. A kept placement is a placement variable whose lower
bound is 1. Candidates and proposals enter the program in slug order, and HiGHS is
deterministic: the same input gives the same program and the same teams.
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


class _Rows:
    """A sparse constraint matrix, built row by row."""

    def __init__(self) -> None:
        self.rows: list[int] = []
        self.cols: list[int] = []
        self.values: list[float] = []
        self.lower: list[float] = []
        self.upper: list[float] = []

    def add(self, entries: list[tuple[int, float]], low: float, high: float) -> None:
        index = len(self.lower)
        for col, value in entries:
            self.rows.append(index)
            self.cols.append(col)
            self.values.append(value)
        self.lower.append(low)
        self.upper.append(high)


class _Program:
    """The rows and columns of the integer program, built once, solved once."""

    def __init__(self, problem: TeamInput) -> None:
        position = {p.slug: index for index, p in enumerate(problem.proposals)}
        self.pairs: list[tuple[int, int, int]] = []  # (candidate, proposal, rank; 0 unwished)
        self.kept: list[int] = []  # the columns of the kept placements
        self.scored: list[int] = []  # the columns of the mixed-team rule's slacks
        for c_index, candidate in enumerate(problem.candidates):
            fixed = problem.fixed.get(candidate.slug)
            if fixed is not None and fixed in position:
                # A kept placement is the candidate's only variable, and it is 1.
                self.kept.append(len(self.pairs))
                self.pairs.append((c_index, position[fixed], candidate.rank_of(fixed) or 0))
                continue
            for rank, wish in enumerate(candidate.wishes, start=1):
                if wish in position:
                    self.pairs.append((c_index, position[wish], rank))
        self.needs: list[tuple[int, str, int]] = []  # (proposal, profile, count)
        for p_index, proposal in enumerate(problem.proposals):
            for name, needed in proposal.required_profiles().values():
                self.needs.append((p_index, name, needed))
        self.n_x = len(self.pairs)
        self.n_short = len(problem.proposals) + len(self.needs)
        rows = _Rows()
        by_candidate: dict[int, list[int]] = {}
        by_proposal: dict[int, list[int]] = {}
        for col, (c_index, p_index, _) in enumerate(self.pairs):
            by_candidate.setdefault(c_index, []).append(col)
            by_proposal.setdefault(p_index, []).append(col)
        for cols_of in by_candidate.values():  # placed at most once
            rows.add([(col, 1.0) for col in cols_of], -np.inf, 1.0)
        kept_on: dict[int, int] = {}
        for col in self.kept:
            kept_on[self.pairs[col][1]] = kept_on.get(self.pairs[col][1], 0) + 1
        for p_index, proposal in enumerate(problem.proposals):
            size = proposal.team_size
            members = [(col, 1.0) for col in by_proposal.get(p_index, [])]
            if size is not None and size.max is not None:  # no team beyond its maximum
                # ... but a recorded team beyond it stays as recorded: nobody joins it.
                rows.add(members, -np.inf, float(max(size.max, kept_on.get(p_index, 0))))
            minimum = size.min if size is not None else 0
            rows.add([*members, (self.n_x + p_index, 1.0)], float(minimum), np.inf)
        for k, (p_index, name, needed) in enumerate(self.needs):
            having = [
                (col, 1.0)
                for col in by_proposal.get(p_index, [])
                if problem.candidates[self.pairs[col][0]].has_profile(name)
            ]
            rows.add([*having, (self.n_x + len(problem.proposals) + k, 1.0)], float(needed), np.inf)
        self.n_mix, self.mix_bound, binaries = self._mix_rows(problem, by_proposal, rows)
        self.size = self.n_x + self.n_short + self.n_mix
        self.matrix = coo_array(
            (rows.values, (rows.rows, rows.cols)), shape=(len(rows.lower), self.size)
        ).tocsr()
        self.lower, self.upper = rows.lower, rows.upper
        self.integrality = np.zeros(self.size, dtype=np.int64)
        self.integrality[: self.n_x] = 1
        self.binary = np.zeros(self.size, dtype=bool)
        self.binary[: self.n_x] = True
        for col in binaries:
            self.integrality[col] = 1
            self.binary[col] = True

    def _mix_rows(
        self, problem: TeamInput, by_proposal: dict[int, list[int]], rows: _Rows
    ) -> tuple[int, int, list[int]]:
        """The rows of the mixed-team rules: (variables added, their largest sum, binaries)."""
        first = self.n_x + self.n_short
        added = 0
        bound = 0
        binaries: list[int] = []
        for p_index, proposal in enumerate(problem.proposals):
            rule = problem.mix.get(proposal.slug)
            if rule is None:
                continue
            most, least = rule
            by_ministry: dict[str, list[int]] = {}
            for col in by_proposal.get(p_index, []):
                ministry = problem.ministries.get(problem.candidates[self.pairs[col][0]].slug)
                if ministry is not None:
                    by_ministry.setdefault(ministry, []).append(col)
            if most is not None:
                for cols_of in by_ministry.values():
                    if len(cols_of) > most:  # e[p, m]: the members beyond the bound
                        slack = first + added
                        added += 1
                        bound += len(cols_of) - most
                        rows.add(
                            [*((col, 1.0) for col in cols_of), (slack, -1.0)], -np.inf, float(most)
                        )
            if least is not None and least > 0:
                present = []
                for cols_of in by_ministry.values():  # y[p, m] <= members of m on p
                    flag = first + added
                    added += 1
                    binaries.append(flag)
                    present.append(flag)
                    rows.add([(flag, 1.0), *((col, -1.0) for col in cols_of)], -np.inf, 0.0)
                missing = first + added  # g[p]
                added += 1
                bound += least
                rows.add([*((flag, 1.0) for flag in present), (missing, 1.0)], float(least), np.inf)
        flags = set(binaries)
        self.scored = [first + i for i in range(added) if first + i not in flags]
        return added, bound, binaries

    def bounds(self, kept: list[int]) -> Bounds:
        """Each placement is 0 or 1 (a kept one, 1); each shortfall is 0 or more.

        Made only for a program with variables: SciPy 1.18 refuses empty bounds.
        """
        low = np.zeros(self.size)
        low[kept] = 1.0
        high = np.where(self.binary, 1.0, np.inf)
        return Bounds(low, high)

    def objective(self) -> np.ndarray[Any, np.dtype[np.float64]]:
        """The levels as one cost vector to minimise, with weights that keep them in order.

        Each placement weighs more than any sum of ranks can (one more than the largest
        possible sum); each unit of the mixed-team rule more than any value of placements and
        ranks together; each unit of shortfall more than the largest value of all the rest.
        Every coefficient is a whole number far below 2**53, so floating point holds each level
        exactly; one solve is much faster than a solve per level, where the earlier levels
        become dense constraints that slow HiGHS down by orders of magnitude.
        """
        largest: dict[int, int] = {}
        for c_index, _, rank in self.pairs:
            largest[c_index] = max(largest.get(c_index, 0), rank)
        weight = 1.0 + sum(largest.values())
        mix = 1.0 + weight * len(largest)
        cost = np.zeros(self.size)
        cost[self.n_x : self.n_x + self.n_short] = mix * (self.mix_bound + 1)
        cost[self.scored] = mix
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
        bounds=program.bounds(program.kept),
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
