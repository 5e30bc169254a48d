"""``ideation teams CATALOGUE``: place candidates on the selected proposals, and explain it.

The objective and its order are those of :mod:`ideation.ops.teams`. The teams recorded in the
proposals' files are kept: only the withdrawn (and the organiser's ``--exclude``) leave them,
and the free places go to the others; ``--from-scratch`` recomputes everything. ``--format
json`` prints ``{"teams": {PROPOSAL: [CANDIDATE, …]}, "unplaced": […], "objective": {…},
"changes": […]}``; ``--write`` records each team in its proposal's file (``team``), and a dated
note in the history of each proposal whose recorded team changed, keeping the rest of the file
as it was. Candidates are named by slug: the names behind them stay in the catalogue.
"""

from __future__ import annotations

import argparse
import json
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ideation._io import write_atomically
from ideation._optional import require

if TYPE_CHECKING:
    from ideation.ops.teams import TeamPlan, Teams

from ._common import EXIT_OK, add_command, catalogue_lock, load_catalogue_with_sources


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``teams`` to the sub-commands ``sub`` of the ``ideation`` parser."""
    parser = add_command(
        sub,
        "teams",
        run,
        "form teams for the selected proposals from the candidates' wishes and skills",
        "Place candidates on selected proposals: the smallest shortfall (places "
        "missing to each minimum plus wanted profiles not covered), then the mixed-team rule "
        "where a proposal states one, then the most candidates placed, then the smallest sum "
        "of wish ranks; ties broken by slug order. The teams recorded in the proposals' files "
        "are kept (the withdrawn leave them; the free places go to the others). Explains each "
        "placement, and who moved and why.",
    )
    parser.add_argument("catalogue", metavar="CATALOGUE", help="a catalogue folder or file")
    parser.add_argument("--season", metavar="SLUG", help="only the proposals of this season")
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="text (default) or json"
    )
    parser.add_argument(
        "--write", action="store_true", help="record the teams in the proposals' files"
    )
    parser.add_argument(
        "--csv", metavar="FILE", help="also write the teams as CSV for the organisers"
    )
    parser.add_argument(
        "--from-scratch",
        action="store_true",
        help="recompute every team, ignoring the recorded ones (people may move)",
    )
    parser.add_argument(
        "--pin",
        metavar="CANDIDATE=PROPOSAL",
        action="append",
        default=[],
        help="place CANDIDATE on PROPOSAL whatever their wishes (repeatable)",
    )
    parser.add_argument(
        "--exclude",
        metavar="CANDIDATE",
        action="append",
        default=[],
        help="leave CANDIDATE out of every team (repeatable)",
    )


def _pins(values: list[str]) -> dict[str, str]:
    """``--pin`` values as a mapping; a malformed one is a usage error, all named at once."""
    from ideation.errors import UsageError

    pins: dict[str, str] = {}
    bad = []
    for value in values:
        candidate, sep, proposal = value.partition("=")
        if not sep or not candidate.strip() or not proposal.strip():
            bad.append(value)
        elif pins.get(candidate.strip(), proposal.strip()) != proposal.strip():
            bad.append(f"{value} (pinned twice)")
        else:
            pins[candidate.strip()] = proposal.strip()
    if bad:
        raise UsageError(
            "expected --pin CANDIDATE=PROPOSAL, got " + ", ".join(repr(item) for item in bad)
        )
    return pins


def explain_changes(plan: TeamPlan) -> str:
    """Who left, moved or joined a recorded team, and why; a line saying so when nobody moved."""
    moved = plan.moved
    lines = ["Changes to the recorded teams"]
    if not plan.recorded:
        lines.append("  no team was recorded yet")
    elif not moved:
        lines.append("  nobody moved: every recorded placement is kept")
    for change in moved:
        where = f"to {change.after}" if change.after else "off the team"
        lines.append(f"  {change.candidate}: {change.before} -> {where} ({change.reason})")
    for change in plan.changes:
        if not change.moved:
            lines.append(f"  {change.candidate}: joins {change.after} ({change.reason})")
    lines += [f"  warning: {warning}" for warning in plan.warnings]
    return "\n".join(lines) + "\n"


def explain(teams: Teams) -> str:
    """The teams, each proposal's needs, and each candidate's rank and why not a better one."""
    from ideation.ops.teams import shortfall_reasons

    objective = teams.objective
    lines = [
        f"Objective: shortfall {objective.shortfall}, mixed-team rule missed by "
        f"{objective.mix}, {objective.placed} placed, rank sum {objective.rank_sum}",
        "",
        "Teams",
    ]
    for report in teams.reports:
        bound = f"{report.minimum}–{report.maximum if report.maximum is not None else '∞'}"
        lines.append(
            f"  {report.slug} ({len(report.members)} of {bound}): "
            f"{', '.join(report.members) or '(nobody)'}"
        )
        for name, have, needed in report.profiles:
            state = "covered" if have >= needed else "MISSING"
            lines.append(f"    {name}: {have}/{needed} {state}")
        if report.max_per_ministry is not None or report.min_ministries is not None:
            rule = [
                *(
                    [f"at most {report.max_per_ministry} per ministry"]
                    if report.max_per_ministry
                    else []
                ),
                *(
                    [f"at least {report.min_ministries} ministries"]
                    if report.min_ministries
                    else []
                ),
            ]
            counts = ", ".join(f"{name}: {n}" for name, n in report.ministries) or "none known"
            state = "holds" if report.mix == 0 else f"missed by {report.mix}"
            lines.append(f"    mixed team ({' and '.join(rule)}): {counts}; {state}")
    unmet = [reason for report in teams.reports for reason in shortfall_reasons(report)]
    if unmet:
        lines += ["", "Needs that cannot all be met"]
        lines += [f"  {reason}" for reason in unmet]
    lines += ["", "Candidates"]
    placements = teams.placements
    for slug, (rank, reasons) in teams.explanations.items():
        got = f"wish {rank}" if rank else "not placed"
        if rank is None and slug in placements:
            got = f"on {placements[slug]}, not a wish"
        lines.append(f"  {slug}: {got}")
        lines += [f"    {reason}" for reason in reasons]
    return "\n".join(lines) + "\n"


def teams_csv(teams: Teams) -> str:
    """One row per placement (proposal, candidate, wish rank), then the candidates unplaced."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["proposal", "candidate", "wish_rank"])
    for proposal, members in teams.teams.items():
        for member in members:
            writer.writerow([proposal, member, teams.explanations[member][0]])
    for member in teams.unplaced:
        writer.writerow(["", member, ""])
    return out.getvalue()


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run ``ideation teams`` with the parsed ``args``; return the exit code."""
    require("scipy.optimize", "ops", "ideation teams (its solver)")
    if args.write:
        require("ruamel.yaml", "ops", "ideation teams --write (editing YAML files in place)")
        require("tomlkit", "ops", "ideation teams --write (editing TOML files in place)")
    # With --write, the catalogue's lock is held from its reading to the last file written.
    with catalogue_lock(args.catalogue) if args.write else nullcontext():
        return _run(args, out, err)


def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ideation.ops.teams import plan_teams

    pins = _pins(args.pin)
    catalogue, sources = load_catalogue_with_sources(args.catalogue)
    plan = plan_teams(
        catalogue,
        season=args.season,
        from_scratch=args.from_scratch,
        pins=pins,
        exclude=args.exclude,
    )
    teams = plan.teams
    if args.format == "json":
        data = {
            **teams.as_json(),
            "changes": [
                {
                    "candidate": c.candidate,
                    "before": c.before,
                    "after": c.after,
                    "reason": c.reason,
                }
                for c in plan.changes
            ],
            "warnings": list(plan.warnings),
        }
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(explain(teams))
        out.write("\n" + explain_changes(plan))
    if args.csv:
        write_atomically(Path(args.csv), teams_csv(teams))
        err.write(f"wrote {args.csv}\n")
    if args.write:
        from ideation.ops import write_back

        for path in write_back(Path(args.catalogue), catalogue, plan.catalogue, sources):
            err.write(f"wrote {path}\n")
    return EXIT_OK
