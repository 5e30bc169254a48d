"""``ideation validate``: check data files and report every problem."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from ._checks import TYPES, check_paths, render
from ._common import EXIT_DATA, EXIT_OK, add_command


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``validate`` to the sub-commands ``sub``."""
    parser = add_command(
        sub,
        "validate",
        run,
        "check data files and report every problem",
        "Check catalogue folders, folders of data files or single files, and report every "
        "problem as FILE:LINE: $.PATH: MESSAGE.",
    )
    parser.add_argument(
        "paths", metavar="PATH", nargs="+", help="a catalogue folder, a folder or a file"
    )
    parser.add_argument(
        "--strict", action="store_true", help="also report keys the model does not know"
    )
    parser.add_argument(
        "--type",
        choices=("event", "proposal", "programme", "catalogue", "candidate"),
        help="what files outside a catalogue folder describe, where their folder "
        "(events/, proposals/) and keys do not tell",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text (default), json, or github for GitHub Actions annotations",
    )


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Check the paths; every problem on standard output, a summary on standard error."""
    kind = TYPES[args.type] if args.type else None
    report = check_paths([Path(path) for path in args.paths], strict=args.strict, kind=kind)
    out.write(render(report, args.format))
    if args.format == "text":
        if report.problems:
            count = len(report.problems)
            err.write(f"{count} problem{'s' if count != 1 else ''} in {report.files} file(s)\n")
        else:
            err.write(f"ok: {report.files} file(s), no problems\n")
    return EXIT_DATA if report.problems else EXIT_OK
