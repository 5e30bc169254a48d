"""``ideation validate``: check data files and report every problem."""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path
from typing import TextIO

from ideation.errors import DataError, Problem
from ideation.sources import assemble, is_sources_file

from ._checks import TYPES, Report, check_paths, render
from ._common import EXIT_DATA, EXIT_OK, CommandError, add_command

#: What ``--format`` takes.
FORMATS = ("text", "json", "github", "gitlab")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``validate`` to the sub-commands ``sub``."""
    parser = add_command(
        sub,
        "validate",
        run,
        "check data files and report every problem",
        "Check catalogue folders, folders of data files, single files or sources files "
        "(sources.toml: the catalogue its sources assemble), and report every problem as "
        "FILE:LINE: $.PATH: MESSAGE.",
    )
    parser.add_argument(
        "paths",
        metavar="PATH",
        nargs="*",
        help="a catalogue folder, a folder, a file, or a sources file (sources.toml)",
    )
    parser.add_argument(
        "--sources",
        metavar="FILE",
        action="append",
        default=[],
        help="a sources file to assemble and check, whatever its name",
    )
    parser.add_argument(
        "--offline",
        action="store_true",
        help="with a sources file: fetch nothing, read what the lock fixes from the cache",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="also report keys the model does not know (not for sources files)",
    )
    parser.add_argument(
        "--type",
        choices=("event", "proposal", "programme", "catalogue", "candidate"),
        help="what files outside a catalogue folder describe, where their folder "
        "(events/, proposals/) and keys do not tell",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (default), json, github (GitHub Actions workflow commands, one per "
        "problem) or gitlab (a GitLab code quality report)",
    )


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Check the paths; every problem on standard output, a summary on standard error."""
    if not args.paths and not args.sources:
        raise CommandError("expected at least one PATH or --sources FILE")
    kind = TYPES[args.type] if args.type else None
    sources = [Path(path) for path in args.sources]
    sources += [Path(path) for path in args.paths if is_sources_file(path)]
    others = [Path(path) for path in args.paths if not is_sources_file(path)]
    report = check_paths(others, strict=args.strict, kind=kind) if others else Report(0, ())
    for path in sources:
        report = _with_sources(report, path, offline=args.offline)
    out.write(gitlab_report(report) if args.format == "gitlab" else render(report, args.format))
    if args.format == "text":
        if report.problems:
            count = len(report.problems)
            err.write(f"{count} problem{'s' if count != 1 else ''} in {report.files} file(s)\n")
        else:
            err.write(f"ok: {report.files} file(s), no problems\n")
    return EXIT_DATA if report.problems else EXIT_OK


def _with_sources(report: Report, path: Path, *, offline: bool) -> Report:
    """``report`` and what assembling the sources file at ``path`` finds."""
    if not path.is_file():
        problem = Problem(message="no such sources file", file=str(path))
        return Report(report.files, (*report.problems, problem))
    try:
        assembled = assemble(path, offline=offline)
    except DataError as error:
        return Report(report.files + 1, (*report.problems, *error.problems))
    return Report(report.files + len(assembled.files.files), report.problems)


def gitlab_report(report: Report) -> str:
    """The problems of ``report`` as a GitLab code quality report (a JSON list of issues).

    Each issue's fingerprint is a digest of its file, path and message, so that GitLab tells
    a problem that stays from one that is new.
    """
    issues = []
    for problem in report.problems:
        where = f"{problem.file or ''}\0{problem.path}\0{problem.message}"
        issues.append(
            {
                "description": f"{problem.path}: {problem.message}",
                "check_name": "ideation",
                "fingerprint": hashlib.sha256(where.encode("utf-8")).hexdigest(),
                "severity": "major",
                "location": {"path": problem.file or "", "lines": {"begin": problem.line or 1}},
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
