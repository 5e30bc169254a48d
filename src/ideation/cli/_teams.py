"""``ideation teams CATALOGUE``: place candidates on the selected proposals, and explain it.

The objective and its order are those of :mod:`ideation.ops.teams`. ``--format json`` prints
``{"teams": {PROPOSAL: [CANDIDATE, …]}, "unplaced": […], "objective": {…}}``; ``--write``
records each team in its proposal's file (``team``), keeping the rest of the file as it was.
Candidates are named by slug: the names behind them stay in the catalogue.
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
    from ideation.ops.teams import Teams

from ._common import EXIT_OK, add_command, catalogue_lock, load_catalogue_with_sources


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``teams`` to the sub-commands ``sub`` of the ``ideation`` parser."""
    parser = add_command(
        sub,
        "teams",
        run,
        "form teams for the selected proposals from the candidates' wishes and skills",
        "Place candidates on selected proposals: the smallest shortfall (places "
        "missing to each minimum plus wanted profiles not covered), then the most candidates "
        "placed, then the smallest sum of wish ranks; ties broken by slug order. Explains each "
        "placement.",
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


def explain(teams: Teams) -> str:
    """The teams, each proposal's needs, and each candidate's rank and why not a better one."""
    from ideation.ops.teams import shortfall_reasons

    objective = teams.objective
    lines = [
        f"Objective: shortfall {objective.shortfall}, {objective.placed} placed, "
        f"rank sum {objective.rank_sum}",
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
    unmet = [reason for report in teams.reports for reason in shortfall_reasons(report)]
    if unmet:
        lines += ["", "Needs that cannot all be met"]
        lines += [f"  {reason}" for reason in unmet]
    lines += ["", "Candidates"]
    for slug, (rank, reasons) in teams.explanations.items():
        got = f"wish {rank}" if rank else "not placed"
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
    import attrs

    from ideation.ops.teams import form_teams

    catalogue, sources = load_catalogue_with_sources(args.catalogue)
    teams = form_teams(catalogue, season=args.season)
    if args.format == "json":
        out.write(json.dumps(teams.as_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(explain(teams))
    if args.csv:
        write_atomically(Path(args.csv), teams_csv(teams))
        err.write(f"wrote {args.csv}\n")
    if args.write:
        from ideation.ops import write_back

        updated = attrs.evolve(
            catalogue,
            proposals=[
                attrs.evolve(p, team=teams.teams[p.slug]) if p.slug in teams.teams else p
                for p in catalogue.proposals
            ],
        )
        for path in write_back(Path(args.catalogue), catalogue, updated, sources):
            err.write(f"wrote {path}\n")
    return EXIT_OK
