"""The ``ideation`` command (also ``python -m ideation``).

Exit codes: 0 when all went well, 1 when the data has problems (or a file cannot be read or
written), 2 when the command was used wrongly (an unknown option, a missing optional package).
Errors are messages on standard error, never tracebacks; output files are written atomically.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ideation._version import __version__
from ideation.errors import DataError, IdeationError, UsageError

if TYPE_CHECKING:
    from ideation.model import Catalogue, Event

__all__ = ["EXIT_DATA", "EXIT_OK", "EXIT_USAGE", "build_parser", "command_parser", "main"]

#: Everything went well.
EXIT_OK = 0
#: The data has problems, or a file could not be read or written.
EXIT_DATA = 1
#: The command was used wrongly, or an optional package it needs is missing.
EXIT_USAGE = 2

_EXPORTS = ("ical", "jsonld", "schedule", "csv", "hugo")
_HUGO_IMPORT = "ideation.cli.import_hugo"
_HUGO_EXPORT = "ideation.formats.hugo"


class CommandError(IdeationError):
    """A command cannot go on; ``code`` is the exit code, the message is for the user."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def _need(module: str, package: str, extra: str) -> Any:
    """Import an optional dependency, or stop with a message that says how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        missing = error.name or package
        raise CommandError(
            f"this command needs the {package!r} package ({missing!r} could not be imported); "
            f"install it with: pip install -e '.[{extra}]' in a clone of ideation "
            f"(or pip install 'ideation[{extra}]' once ideation is on PyPI)"
        ) from None


def _available(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ImportError:
        return False


# -- output ----------------------------------------------------------------------------------


def _write(out: str, text: str, stdout: TextIO) -> None:
    """Write ``text`` to the file ``out`` atomically, or to standard output for ``-``."""
    if out == "-":
        stdout.write(text)
        return
    from ideation.formats._files import write_atomically

    write_atomically(Path(out), text)


def _catalogue(path: str) -> Catalogue:
    from ideation.cli._validate import load_file
    from ideation.model import Catalogue as CatalogueClass

    loaded = load_file(Path(path))
    if not isinstance(loaded, CatalogueClass):
        raise CommandError(
            f"{path}: expected a catalogue (a folder with a programme.yaml, or one catalogue "
            f"file), got a {type(loaded).__name__.lower()}",
            EXIT_DATA,
        )
    return loaded


def _url_template(template: str | None) -> str | None:
    if template is None:
        return None
    try:
        template.format(slug="slug")
    except (KeyError, IndexError, ValueError):
        raise CommandError(
            f"--url: expected a URL with {{slug}} where the slug goes, like "
            f"'https://example.org/events/{{slug}}/', got {template!r}"
        ) from None
    return template


# -- commands --------------------------------------------------------------------------------


def _cmd_validate(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from ._validate import TYPES, check_paths, render

    kind = TYPES[args.type] if args.type else None
    report = check_paths([Path(path) for path in args.paths], strict=args.strict, kind=kind)
    stdout.write(render(report, args.format))
    if args.format == "text":
        if report.problems:
            count = len(report.problems)
            stderr.write(f"{count} problem{'s' if count != 1 else ''} in {report.files} file(s)\n")
        else:
            stderr.write(f"ok: {report.files} file(s), no problems\n")
    return EXIT_DATA if report.problems else EXIT_OK


def _when(event: Event) -> str:
    starts, ends = event.starts_at, event.ends_at
    # An event with only a page date has no known hours (the exports say the same).
    if event.all_day or event.start is None:
        if ends is not None and ends.date() != starts.date():
            return f"{starts.date().isoformat()} → {ends.date().isoformat()}"
        return starts.date().isoformat()
    text = f"{starts.date().isoformat()} {starts:%H:%M}"
    if ends is not None:
        text += f"–{ends:%H:%M}" if ends.date() == starts.date() else f" → {ends:%Y-%m-%d %H:%M}"
    return text


def _cmd_show(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    catalogue = _catalogue(args.catalogue)
    programme = catalogue.programme
    lines = [f"{programme.name} ({programme.slug})"]
    if programme.website:
        lines.append(f"  {programme.website}")
    lines.append(
        f"  {len(programme.phases)} phases, {len(catalogue.organisations)} organisations, "
        f"{len(catalogue.events)} events, {len(catalogue.proposals)} proposals"
    )
    if programme.phases:
        lines += ["", "Phases"]
        for phase in programme.phases:
            span = " → ".join(
                day.isoformat() for day in (phase.start, phase.end) if day is not None
            )
            lines.append(f"  {span or '(no dates)':<25} {phase.name} ({phase.slug})")
    lines += ["", "Events"]
    for event in catalogue.events_in_order():
        extras = (
            f", {event.attendance.count} participants"
            if event.attendance and event.attendance.count
            else ""
        )
        lines.append(
            f"  {_when(event):<25} {event.title} ({event.slug}; {event.kind.value}{extras})"
        )
    if not catalogue.events:
        lines.append("  (none)")
    lines += ["", "Proposals"]
    for status, proposals in catalogue.proposals_by_status().items():
        lines.append(f"  {status.value} ({len(proposals)})")
        lines.extend(f"    {proposal.slug}: {proposal.title}" for proposal in proposals)
    if not catalogue.proposals:
        lines.append("  (none)")
    stdout.write("\n".join(lines) + "\n")
    return EXIT_OK


def _cmd_convert(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from ideation.cli._validate import load_file
    from ideation.formats import dump

    source, target = Path(args.source), Path(args.target)
    if source.resolve() == target.resolve():
        raise CommandError(f"{target}: the target is the source; choose another path")
    obj = load_file(source)
    written = dump(obj, target, front_matter=args.front_matter)
    stderr.write(f"wrote {written}\n")
    return EXIT_OK


def _cmd_export_ical(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    _need("icalendar", "icalendar", "export")
    from ideation.export.ical import to_ical

    catalogue = _catalogue(args.catalogue)
    data = to_ical(catalogue, event=args.event, sessions=args.sessions, url=_url_template(args.url))
    _write(args.output, data.decode("utf-8"), stdout)
    return EXIT_OK


def _cmd_export_jsonld(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from ideation.export.jsonld import to_jsonld

    catalogue = _catalogue(args.catalogue)
    _write(args.output, to_jsonld(catalogue, event=args.event, url=_url_template(args.url)), stdout)
    return EXIT_OK


def _cmd_export_schedule(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from ideation.export.schedule import to_schedule_json

    catalogue = _catalogue(args.catalogue)
    text = to_schedule_json(catalogue, event=args.event, url=_url_template(args.url))
    _write(args.output, text, stdout)
    return EXIT_OK


def _cmd_export_csv(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from ideation.export.opendata import to_opendata
    from ideation.formats._files import write_atomically

    catalogue = _catalogue(args.catalogue)
    folder = Path(args.output)
    if folder.exists() and not folder.is_dir():
        raise CommandError(f"{folder}: expected a folder for the CSV files and datapackage.json")
    for name, text in to_opendata(catalogue).items():
        write_atomically(folder / name, text)
        stderr.write(f"wrote {folder / name}\n")
    return EXIT_OK


def _cmd_export_hugo(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    hugo = importlib.import_module(_HUGO_EXPORT)
    catalogue = _catalogue(args.catalogue)
    written = hugo.export_site(
        catalogue, Path(args.output), events=args.events, proposals=args.proposals
    )
    for path in written:
        stderr.write(f"wrote {path}\n")
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from ideation.schema import schema_for

    text = json.dumps(schema_for(args.kind), ensure_ascii=False, indent=2) + "\n"
    _write(args.output, text, stdout)
    return EXIT_OK


# -- the parser ------------------------------------------------------------------------------

_EPILOG = (
    "exit codes: 0 ok, 1 problems in the data (or files that cannot be read or written), "
    "2 usage errors"
)

Command = Callable[[argparse.Namespace, TextIO, TextIO], int]


def _add(
    subparsers: Any, name: str, command: Command | None, help: str, description: str
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        name, help=help, description=description, epilog=_EPILOG
    )
    if command is not None:
        parser.set_defaults(command=command)
    return parser


def _add_export_options(
    parser: argparse.ArgumentParser, *, event: bool = True, url: bool = True
) -> None:
    parser.add_argument(
        "catalogue", metavar="CATALOGUE", help="a catalogue folder or catalogue file"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        default="-",
        help="the file to write (default: standard output)",
    )
    if event:
        parser.add_argument("--event", metavar="SLUG", help="export only this event")
    if url:
        parser.add_argument(
            "--url",
            metavar="TEMPLATE",
            help="the URL of each event's page, with {slug} for its slug "
            "(like https://example.org/events/{slug}/)",
        )


def build_parser() -> argparse.ArgumentParser:
    """The parser of the ``ideation`` command and all its sub-commands."""
    parser = argparse.ArgumentParser(
        prog="ideation",
        description="Check, show, convert and export the data of a programme of shared projects.",
        epilog=_EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    validate = _add(
        commands,
        "validate",
        _cmd_validate,
        "check data files and report every problem",
        "Check catalogue folders, folders of data files or single files, and report every "
        "problem as FILE:LINE: $.PATH: MESSAGE.",
    )
    validate.add_argument(
        "paths", metavar="PATH", nargs="+", help="a catalogue folder, a folder or a file"
    )
    validate.add_argument(
        "--strict", action="store_true", help="also report keys the model does not know"
    )
    validate.add_argument(
        "--type",
        choices=("event", "proposal", "programme", "catalogue", "candidate"),
        help="what files outside a catalogue folder describe, where their folder "
        "(events/, proposals/) and keys do not tell",
    )
    validate.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text (default), json, or github for GitHub Actions annotations",
    )

    show = _add(
        commands,
        "show",
        _cmd_show,
        "summarise a catalogue",
        "Print the programme, its phases, its events by date and its proposals by status.",
    )
    show.add_argument("catalogue", metavar="CATALOGUE", help="a catalogue folder or catalogue file")

    convert = _add(
        commands,
        "convert",
        _cmd_convert,
        "convert between JSON, YAML, TOML and Markdown",
        "Read SRC and write it to DST in the format its suffix names (.json, .yaml, .toml, .md). "
        "A catalogue written to a path without suffix becomes a catalogue folder.",
    )
    convert.add_argument("source", metavar="SRC", help="a data file or a catalogue folder")
    convert.add_argument("target", metavar="DST", help="the file (or folder) to write")
    convert.add_argument(
        "--front-matter",
        choices=("yaml", "toml", "json"),
        default="yaml",
        help="the front matter of Markdown pages (default: yaml)",
    )

    export = _add(
        commands,
        "export",
        None,
        "export a catalogue for other tools",
        "Export a catalogue as iCalendar, schema.org JSON-LD, a frab/c3voc schedule, open-data "
        "CSV with a Frictionless data package, or a Hugo site.",
    )
    formats = export.add_subparsers(title="formats", metavar="FORMAT", required=True)
    ical = _add(
        formats,
        "ical",
        _cmd_export_ical,
        "an iCalendar (.ics) feed of the events",
        "Write an iCalendar feed: one VEVENT per event, with stable UIDs, time zones and the "
        "event's URL in its description.",
    )
    _add_export_options(ical)
    ical.add_argument(
        "--sessions", action="store_true", help="also one VEVENT per session of the agenda"
    )
    jsonld = _add(
        formats,
        "jsonld",
        _cmd_export_jsonld,
        "schema.org JSON-LD of the events and proposals",
        "Write schema.org JSON-LD: an Event per event (with its sessions as subEvent), a Project "
        "per proposal, the programme as an EventSeries.",
    )
    _add_export_options(jsonld)
    schedule = _add(
        formats,
        "schedule",
        _cmd_export_schedule,
        "a frab/c3voc schedule JSON",
        "Write a schedule in the frab/c3voc JSON format of conference tools: one event, or the "
        "whole season, with a room per parallel workshop.",
    )
    _add_export_options(schedule)
    csv = _add(
        formats,
        "csv",
        _cmd_export_csv,
        "open-data CSV tables and a Frictionless data package",
        "Write events.csv, proposals.csv and a datapackage.json describing them to the folder OUT.",
    )
    csv.add_argument("catalogue", metavar="CATALOGUE", help="a catalogue folder or catalogue file")
    csv.add_argument("-o", "--output", metavar="OUT", required=True, help="the folder to write")
    if _available(_HUGO_EXPORT):
        hugo = _add(
            formats,
            "hugo",
            _cmd_export_hugo,
            "a Hugo site's content pages",
            "Write the catalogue as the content pages of a Hugo site in the folder OUT.",
        )
        hugo.add_argument(
            "catalogue", metavar="CATALOGUE", help="a catalogue folder or catalogue file"
        )
        hugo.add_argument(
            "-o", "--output", metavar="OUT", required=True, help="the site folder to write"
        )
        hugo.add_argument(
            "--events",
            metavar="SECTION",
            default="actualites",
            help="the section (folder of content/) for event pages (default: actualites)",
        )
        hugo.add_argument(
            "--proposals",
            metavar="SECTION",
            default="projets",
            help="the section for proposal pages (default: projets)",
        )

    from ideation.schema import KINDS

    schema = _add(
        commands,
        "schema",
        _cmd_schema,
        "print the JSON Schema of a kind of data file",
        "Print the JSON Schema (draft 2020-12) of a kind of data file, for editors and CI.",
    )
    schema.add_argument(
        "kind",
        metavar="KIND",
        nargs="?",
        choices=KINDS,
        default="catalogue",
        help=f"one of {', '.join(KINDS)} (default: catalogue)",
    )
    schema.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        default="-",
        help="the file to write (default: standard output)",
    )

    from . import select as select_command
    from . import teams as teams_command

    select_command.add_parser(commands)
    teams_command.add_parser(commands)

    imports = _add(
        commands,
        "import",
        None,
        "import data from another tool",
        "Import data written for another tool into a catalogue.",
    )
    sources = imports.add_subparsers(title="sources", metavar="SOURCE", required=True)
    from . import import_csv

    import_csv.add_parser(sources)
    if _available(_HUGO_IMPORT):
        importer = importlib.import_module(_HUGO_IMPORT)
        hugo_import = _add(
            sources,
            "hugo",
            lambda args, stdout, stderr: int(importer.run(args)),
            "import a Hugo site",
            "Read the pages of a Hugo site into a catalogue folder.",
        )
        importer.add_arguments(hugo_import)
    return parser


def command_parser(*words: str) -> argparse.ArgumentParser:
    """The parser of the sub-command named by ``words`` (``"export", "ical"``), for its help."""
    parser = build_parser()
    for word in words:
        commands = [
            action for action in parser._actions if isinstance(action, argparse._SubParsersAction)
        ]
        if not commands or word not in commands[0].choices:
            raise KeyError(" ".join(words))
        parser = commands[0].choices[word]
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``ideation`` with ``argv`` (default: the process arguments); return the exit code."""
    stdout, stderr = sys.stdout, sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit:
        # argparse exits on --help (0) and on usage errors (2); keep main() a plain function.
        return exit.code if isinstance(exit.code, int) else EXIT_USAGE
    try:
        return int(args.command(args, stdout, stderr))
    except CommandError as error:
        stderr.write(f"ideation: error: {error}\n")
        return error.code
    except DataError as error:
        for problem in error.problems:
            stderr.write(f"{problem}\n")
        return EXIT_DATA
    except UsageError as error:
        stderr.write(f"ideation: error: {error}\n")
        return EXIT_USAGE
    except IdeationError as error:
        stderr.write(f"ideation: error: {error}\n")
        return EXIT_DATA
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        stderr.write(f"ideation: error: {where}{error.strerror or error}\n")
        return EXIT_DATA
    except KeyboardInterrupt:
        stderr.write("ideation: interrupted\n")
        return 130
    except Exception as error:  # the last guard: a message, never a traceback
        stderr.write(
            f"ideation: internal error: {type(error).__name__}: {error}\n"
            "This is a bug in ideation; please report it with the command you ran.\n"
        )
        return EXIT_DATA
