"""``ideation import csv FILE -o CATALOGUE --type proposal|candidate --map KEY=COLUMN …``.

The answers exported from a form tool become one data file per row in the catalogue folder
(``proposals/`` as Markdown pages, ``candidates/`` as YAML). The report says what became of
each row, numbered as the spreadsheet numbers it; rows that fail do not stop the others.
``--season`` must name a season the programme declares, or be declared with ``--add-season``.
Exit codes: 0 when every row was imported or skipped as a duplicate, 1 when a row failed or the
file cannot be read, 2 for a wrong use.
"""

from __future__ import annotations

import argparse
import json
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ideation._io import read_text, write_run
from ideation._optional import require
from ideation.errors import UsageError
from ideation.formats import dumps, load_with_sources, programme_file
from ideation.model import Catalogue, PlainValue

if TYPE_CHECKING:
    from ideation.ops.intake import RowReport

from ._common import EXIT_DATA, EXIT_OK, add_command, catalogue_lock


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``csv`` to the sources ``sub`` of ``ideation import``."""
    parser = add_command(
        sub,
        "csv",
        run,
        "import a form tool's answers (CSV or XLSX) as proposals or candidates",
        "Turn each row of a CSV or XLSX export into a proposal or candidate file. "
        "CSV encoding (UTF-8 or Windows-1252) and delimiter are sniffed; lists are split on "
        "semicolons and line breaks (or --list-separator); dates may be ISO or French. Rows "
        "are numbered as in the spreadsheet: the header is row 1, blank rows count.",
    )
    parser.add_argument("file", metavar="FILE", help="the .csv or .xlsx file")
    parser.add_argument(
        "-o", "--output", metavar="CATALOGUE", required=True, help="the catalogue folder"
    )
    parser.add_argument(
        "--type",
        choices=("proposal", "candidate"),
        required=True,
        help="what each row is",
    )
    parser.add_argument(
        "--map",
        metavar="KEY=COLUMN",
        action="append",
        default=[],
        help="fill the field KEY (team_size.min for a nested one, contact.email for a "
        "candidate's e-mail) from the column COLUMN; repeatable; a list field (wishes, "
        "skills) repeated takes its columns in the order given (a ranking grid: first wish "
        "first), and COLUMN may be a pattern where * stands for any text",
    )
    parser.add_argument(
        "--map-file",
        metavar="FILE",
        help="a YAML file mapping each KEY to its COLUMN (or to a list of columns)",
    )
    parser.add_argument(
        "--list-separator",
        metavar="SEP",
        help="what the form tool joins several answers of one cell with, as Google Forms joins "
        "checkboxes with ', ' (default: semicolons; line breaks always separate)",
    )
    parser.add_argument(
        "--keep",
        choices=("first", "latest"),
        default="first",
        help="of several submissions of one proposal (same title or repository) or person "
        "(same name or e-mail), keep the first or the latest (default: first)",
    )
    parser.add_argument(
        "--timestamp",
        metavar="COLUMN",
        help="the column of each answer's date and time, which orders submissions (default: "
        "a column named Horodateur, Timestamp..., else the order of the rows)",
    )
    parser.add_argument(
        "--season",
        metavar="SLUG",
        help="the season of every row imported: one the programme declares",
    )
    parser.add_argument(
        "--add-season",
        action="store_true",
        help="declare the --season in programme.yaml if the programme does not yet",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="report what would be imported, write nothing"
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="the report: text or json"
    )


def _mapping(args: argparse.Namespace) -> dict[str, list[str]]:
    mapping: dict[str, list[str]] = {}
    if args.map_file:
        import yaml

        try:
            loaded = yaml.safe_load(read_text(Path(args.map_file)))
        except yaml.YAMLError as error:
            raise UsageError(f"{args.map_file}: not valid YAML: {error}") from None
        if not isinstance(loaded, dict) or not all(
            isinstance(k, str)
            and (
                isinstance(v, str)
                or (isinstance(v, list) and v and all(isinstance(c, str) for c in v))
            )
            for k, v in loaded.items()
        ):
            raise UsageError(
                f"{args.map_file}: expected a mapping of field names to column names (or to "
                "lists of column names)"
            )
        mapping.update({k: [v] if isinstance(v, str) else list(v) for k, v in loaded.items()})
    given: set[str] = set()
    for item in args.map:
        key, sep, column = item.partition("=")
        key = key.strip()
        if not sep or not key or not column.strip():
            raise UsageError(f"--map: expected KEY=COLUMN, got {item!r}")
        # A --map given on the command line replaces the map file's; repeated, it adds columns.
        if key not in given:
            mapping[key] = []
            given.add(key)
        mapping[key].append(column.strip())
    if not mapping:
        raise UsageError("expected --map KEY=COLUMN (at least the title or name) or --map-file")
    return mapping


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run ``ideation import csv`` with the parsed ``args``; return the exit code."""

    source = Path(args.file)
    if source.suffix.lower() in (".xlsx", ".xlsm"):
        require("openpyxl", "ops", "reading a spreadsheet (.xlsx)")
    # The catalogue's lock is held from the reading of what it holds (to skip duplicates) to
    # the last file written, so that two imports at once cannot both take a slug.
    with nullcontext() if args.dry_run else catalogue_lock(args.output, folder=True):
        return _run(args, source, out)


def _run(args: argparse.Namespace, source: Path, out: TextIO) -> int:
    from ideation.ops.intake import import_rows, read_table

    # Read first: a file that cannot be read safely (an XLSX zip bomb, entities) or whose CSV
    # rows mix encodings is refused before anything else is done (see read_table).
    table = read_table(source)
    output = Path(args.output)
    folder = output / ("proposals" if args.type == "proposal" else "candidates")
    catalogue = None
    if output.is_dir() and programme_file(output) is not None:
        catalogue, _ = load_with_sources(output)
    taken = {path.stem for path in folder.iterdir()} if folder.is_dir() else set()
    mapping = _mapping(args)
    if args.add_season and not args.season:
        raise UsageError("--add-season: expected --season SLUG, the season to declare")
    season = _season(args, output, catalogue) if args.season else None
    defaults: dict[str, PlainValue] | None = {"season": args.season} if args.season else None
    intake = import_rows(
        table,
        args.type,
        mapping,
        catalogue=catalogue,
        taken=taken,
        defaults=defaults,
        list_separator=args.list_separator,
        keep=args.keep,
        timestamp=args.timestamp,
    )
    reports = []
    # All the rows' files or none: a write that fails (a full disk) leaves no row imported.
    with write_run() as batch:
        if season is not None and not args.dry_run:
            batch.write(*season)
        for report, item in intake.made:
            suffix = ".md" if args.type == "proposal" else ".yaml"
            path = folder / f"{item.slug}{suffix}"
            if not args.dry_run:
                batch.write(path, dumps(item, "markdown" if args.type == "proposal" else "yaml"))
            reports.append({**_plain(report), "file": str(path)})
    reports += [_plain(report) for report in intake.others]
    reports.sort(key=lambda r: int(str(r["row"])))
    notes = [] if season is None else [f"declared the season {args.season!r} in {season[0]}"]
    _report(reports, table.read_as, notes, list(intake.warnings), args.format, out)
    return EXIT_DATA if any(r["outcome"] == "failed" for r in reports) else EXIT_OK


def _season(
    args: argparse.Namespace, output: Path, catalogue: Catalogue | None
) -> tuple[Path, str] | None:
    """Check that the programme declares ``--season``; with ``--add-season``, the programme
    file and its new text, which declares it. Files naming a season the programme does not
    declare would fail the next ``ideation validate``, every one of them."""
    from ideation.ops.intake import declare_season

    slug = args.season
    path = programme_file(output) if output.is_dir() else None
    if catalogue is None or path is None:
        raise UsageError(
            f"--season {slug}: {output} has no programme file to declare the season in; "
            "import into a catalogue folder"
        )
    declared = [season.slug for season in catalogue.programme.seasons]
    if slug in declared:
        return None
    if not args.add_season:
        known = ", ".join(declared) or "none"
        raise UsageError(
            f"--season {slug}: the programme declares no such season (declared: {known}); "
            "add it to the seasons: of the programme file, or give --add-season"
        )
    return path, declare_season(read_text(path), path.suffix, slug)


def _plain(report: RowReport) -> dict[str, str | int]:
    import attrs

    return {k: v for k, v in attrs.asdict(report).items() if v is not None}


def _report(
    reports: list[dict[str, str | int]],
    read_as: str,
    notes: list[str],
    warnings: list[str],
    form: str,
    out: TextIO,
) -> None:
    counts = {
        outcome: sum(1 for r in reports if r["outcome"] == outcome)
        for outcome in ("imported", "skipped", "failed")
    }
    if form == "json":
        data = {
            "read_as": read_as,
            "rows": reports,
            "counts": counts,
            "notes": notes,
            "warnings": warnings,
        }
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    out.write(f"read as {read_as} (rows numbered as in the spreadsheet, the header is row 1)\n")
    for note in notes:
        out.write(f"note: {note}\n")
    for warning in warnings:
        out.write(f"warning: {warning}\n")
    for r in reports:
        where = r.get("file") or r.get("reason", "")
        out.write(f"  row {r['row']}: {r['outcome']}: {where}\n")
    out.write(", ".join(f"{n} {outcome}" for outcome, n in counts.items()) + "\n")
