"""``ideation import hugo SITE -o OUT``: a Hugo site's pages as a catalogue folder.

The report (every file of ``content/`` and what became of it, then the counts) goes to standard
output, as text or JSON; the catalogue of what could be imported is written to ``OUT`` even
when some pages failed, so that a person can fix the pages named in the report and run the
import again. Exit codes: 0 when every page was imported or skipped, 1 when a page failed or
the site cannot be read, 2 for a wrong use of the command.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ideation.errors import DataError, UsageError
from ideation.formats import dump
from ideation.hugo import DEFAULT_KEY_MAP, import_site

__all__ = ["add_arguments", "parse_key_map", "run"]

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``ideation import hugo`` to ``parser``."""
    parser.add_argument("site", metavar="SITE", help="the folder of the Hugo site")
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        required=True,
        help="the catalogue folder to write (or a .yaml, .json or .toml file for one file)",
    )
    parser.add_argument(
        "--events",
        metavar="SECTION",
        nargs="+",
        default=["actualites"],
        help="the sections (folders of content/) whose pages are events (default: actualites)",
    )
    parser.add_argument(
        "--proposals",
        metavar="SECTION",
        nargs="+",
        default=["projets"],
        help="the sections whose pages are proposals (default: projets)",
    )
    defaults = ", ".join(f"{key}={field}" for key, field in DEFAULT_KEY_MAP.items())
    parser.add_argument(
        "--map",
        metavar="KEY=FIELD",
        action="append",
        default=[],
        help=f"read the front-matter key KEY as the model's FIELD; repeatable; KEY= drops a "
        f"default mapping (defaults: {defaults})",
    )
    parser.add_argument(
        "--extract",
        action="store_true",
        help="also read agendas, attendance, organisations, workshop topics and proposal "
        "sections out of the prose; every value found is in the report",
    )
    parser.add_argument(
        "--programme-slug",
        metavar="SLUG",
        help="the programme's slug (default: made from the site's title)",
    )
    parser.add_argument(
        "--report",
        choices=("text", "json"),
        default="text",
        help="the report on standard output: text (default) or json",
    )


def parse_key_map(items: list[str]) -> dict[str, str]:
    """The key map: :data:`DEFAULT_KEY_MAP` with each ``KEY=FIELD`` added, ``KEY=`` removed."""
    key_map = dict(DEFAULT_KEY_MAP)
    for item in items:
        key, sep, field = item.partition("=")
        key, field = key.strip().lower(), field.strip()
        if not sep or not key:
            raise UsageError(f"--map: expected KEY=FIELD, like responsible=lead, got {item!r}")
        if field:
            key_map[key] = field
        else:
            key_map.pop(key, None)
    return key_map


def run(args: argparse.Namespace) -> int:
    """Run the import; print the report; return the exit code."""
    try:
        key_map = parse_key_map(args.map)
        result = import_site(
            args.site,
            events=args.events,
            proposals=args.proposals,
            key_map=key_map,
            extract=args.extract,
            programme_slug=args.programme_slug,
        )
    except UsageError as error:
        sys.stderr.write(f"ideation: error: {error}\n")
        return EXIT_USAGE
    except DataError as error:
        for problem in error.problems:
            sys.stderr.write(f"{problem}\n")
        return EXIT_DATA
    sys.stdout.write(result.to_json() if args.report == "json" else result.summary())
    try:
        written = dump(result.catalogue, Path(args.output))
    except UsageError as error:
        sys.stderr.write(f"ideation: error: {error}\n")
        return EXIT_USAGE
    except (DataError, OSError) as error:
        sys.stderr.write(f"ideation: error: cannot write {args.output}: {error}\n")
        return EXIT_DATA
    sys.stderr.write(f"wrote {written}\n")
    return EXIT_OK if result.ok else EXIT_DATA
