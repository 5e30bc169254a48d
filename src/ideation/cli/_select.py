"""``ideation select CATALOGUE --event SLUG (--top N | --threshold X)``: rank, then record.

The proposals of the event are ranked by the rule of :data:`ideation.ops.selection.RULE`, and
the outcome is shown. With ``--write`` (and only then, as for ``ideation teams``) it is written
into each proposal's own file as a dated step of its history (``shortlisted`` or ``selected``;
``rejected`` for the others only with ``--reject-others``), keeping the rest of the file as it
was. A tie at the ``--top`` cut-off is reported with the tied proposals; ``--ties`` says what
to do with them.
"""

from __future__ import annotations

import argparse
import json
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ideation._io import write_atomically
from ideation._optional import require
from ideation.errors import DataError, Problem
from ideation.formats import CatalogueSources, split_catalogue_path
from ideation.model import ProposalStatus

if TYPE_CHECKING:
    from ideation.model import Catalogue

from ._common import EXIT_OK, add_command, catalogue_lock, load_catalogue_with_sources


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``select`` to the sub-commands ``sub`` of the ``ideation`` parser."""
    parser = add_command(
        sub,
        "select",
        run,
        "rank an event's proposals by their votes and record the shortlist",
        "Rank the proposals discussed or voted on at an event by their votes and "
        "scores (sum of scores, then distinct voters, then slug), and record the outcome in "
        "each proposal's history, dated at the event.",
    )
    parser.add_argument("catalogue", metavar="CATALOGUE", help="a catalogue folder or file")
    parser.add_argument("--event", metavar="SLUG", required=True, help="the event that voted")
    cut = parser.add_mutually_exclusive_group(required=True)
    cut.add_argument("--top", metavar="N", type=int, help="keep the N best-ranked proposals")
    cut.add_argument(
        "--threshold",
        metavar="X",
        type=float,
        help="keep the proposals whose score is X or more (X may be decimal: 17.5)",
    )
    parser.add_argument(
        "--as",
        dest="status",
        choices=("shortlisted", "selected"),
        default="shortlisted",
        help="the status of the proposals kept (default: shortlisted)",
    )
    others = parser.add_mutually_exclusive_group()
    others.add_argument(
        "--reject-others",
        action="store_true",
        help="record the proposals not kept as rejected (a final status); by default they are "
        "left as they are",
    )
    others.add_argument(
        "--keep-others",
        action="store_true",
        help="leave the proposals not kept as they are (the default; kept for scripts)",
    )
    parser.add_argument(
        "--ties",
        choices=("report", "include"),
        default="report",
        help="a tie at the --top cut-off: report it and record none of the tied proposals, "
        "for a run-off (default), or include them all",
    )
    parser.add_argument("--season", metavar="SLUG", help="only the proposals of this season")
    parser.add_argument(
        "--write",
        action="store_true",
        help="record the outcome in the proposals' files (without it, nothing is written)",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="show the outcome without writing any file (the default; kept for scripts)",
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="text (default) or json"
    )
    parser.add_argument(
        "--csv", metavar="FILE", help="also write the ranking as CSV for the organisers"
    )


def _in_files(
    error: DataError, catalogue: Catalogue, path: Path, sources: CatalogueSources
) -> DataError:
    """``error`` with each proposal's problem moved to the proposal's own file."""
    if path.is_file():
        return error.in_file(str(path))
    problems = []
    for problem in error.problems:
        split = split_catalogue_path(problem.path)
        if split is None or split[0] != "proposals" or split[1] is None:
            problems.append(problem)
            continue
        file = sources.objects[("proposal", catalogue.proposals[split[1]].slug)]
        problems.append(Problem(message=problem.message, path="$" + split[2], file=str(file)))
    return DataError(problems)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run ``ideation select`` with the parsed ``args``; return the exit code.

    With ``--write``, the catalogue's lock is held from its reading to the last file written,
    so that two commands run at once see each other's outcome; without it nothing is written
    and no lock is taken.
    """
    from ideation.errors import UsageError

    if args.write and args.dry_run:
        raise UsageError("--write and --dry-run contradict each other: choose one")
    if args.write:
        require("ruamel.yaml", "ops", "ideation select --write (editing YAML files in place)")
        require("tomlkit", "ops", "ideation select --write (editing TOML files in place)")
    with catalogue_lock(args.catalogue) if args.write else nullcontext():
        return _run(args, out, err)


def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ideation.ops import write_back
    from ideation.ops.selection import RULE, format_score, select, shortlist_csv

    catalogue, sources = load_catalogue_with_sources(args.catalogue)
    threshold = args.threshold
    if threshold is not None and float(threshold).is_integer():
        threshold = int(threshold)
    try:
        selection = select(
            catalogue,
            args.event,
            top=args.top,
            threshold=threshold,
            status=ProposalStatus(args.status),
            reject_others=args.reject_others,
            season=args.season,
            ties=args.ties,
        )
    except DataError as error:
        raise _in_files(error, catalogue, Path(args.catalogue), sources) from None
    tie = selection.tie
    if args.format == "json":
        data = {
            "event": selection.event.slug,
            "rule": RULE,
            "ranking": [
                {
                    "rank": o.rank,
                    "proposal": o.score.proposal,
                    "score": o.score.total,
                    "voters": o.score.voters,
                    "criteria": dict(o.score.criteria),
                    "kept": o.passed,
                    "tied": o.tied,
                    "recorded": o.status.value if o.status else None,
                    "note": o.note,
                }
                for o in selection.outcomes
            ],
            "tie": None
            if tie is None
            else {
                "proposals": list(tie.proposals),
                "score": tie.total,
                "voters": tie.voters,
                "places": tie.places,
                "resolution": tie.resolution,
            },
            "written": bool(args.write),
        }
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(f"Ranking at {selection.event.slug} ({RULE}):\n")
        verb = "recorded as" if args.write else "to record as"
        for o in selection.outcomes:
            recorded = f"{verb} {o.status.value}" if o.status else o.note
            mark = "kept" if o.passed else "not kept"
            if o.tied:
                mark = f"tied, {mark}"
            out.write(
                f"  {o.rank:>3}. {o.score.proposal:<40} score {format_score(o.score.total):>5}, "
                f"{o.score.voters} voter(s): {mark}, {recorded}\n"
            )
        if tie is not None:
            out.write(f"\n{tie.describe()[0].upper()}{tie.describe()[1:]}.\n")
    if tie is not None:
        err.write(f"warning: {tie.describe()}\n")
    if args.csv:
        write_atomically(Path(args.csv), shortlist_csv(selection.catalogue, selection))
        err.write(f"wrote {args.csv}\n")
    if not args.write:
        err.write(
            f"nothing written: {len(selection.changed)} proposal(s) would change; "
            "run again with --write to record the outcome\n"
        )
        return EXIT_OK
    for path in write_back(Path(args.catalogue), catalogue, selection.catalogue, sources):
        err.write(f"wrote {path}\n")
    return EXIT_OK
