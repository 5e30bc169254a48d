"""``ideation export FORMAT``: a catalogue for other tools (iCalendar, JSON-LD, schedule, CSV,
SQLite, Hugo), and the organisers' team lists (``teams``), the one export that is private."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TextIO

from ideation._io import write_bytes_atomically, write_run
from ideation._optional import require

from ._common import (
    EXIT_OK,
    CommandError,
    add_catalogue_argument,
    add_command,
    catalogue_lock,
    load_catalogue,
    url_template,
    write_output,
)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``export`` and its formats to the sub-commands ``sub``; each format runs :func:`run`."""
    export = add_command(
        sub,
        "export",
        None,
        "export a catalogue for other tools",
        "Export a catalogue as iCalendar, schema.org JSON-LD, a frab/c3voc schedule, open-data "
        "CSV with a Frictionless data package, a SQLite database, or a Hugo site.",
    )
    formats = export.add_subparsers(
        title="formats", metavar="FORMAT", required=True, dest="export_format"
    )
    _add_feeds(formats)
    _add_tables(formats)
    _add_hugo(formats)
    _add_teams(formats)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Export the catalogue in the format ``args.export_format`` names."""
    return _FORMATS[args.export_format](args, out, err)


# -- iCalendar, JSON-LD and schedule: one file, to standard output by default -------------------


def _add_feeds(formats: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ical = add_command(
        formats,
        "ical",
        run,
        "an iCalendar (.ics) feed of the events",
        "Write an iCalendar feed: one VEVENT per event, with stable UIDs, time zones and the "
        "event's URL in its description.",
    )
    _add_feed_options(ical)
    ical.add_argument(
        "--sessions", action="store_true", help="also one VEVENT per session of the agenda"
    )
    jsonld = add_command(
        formats,
        "jsonld",
        run,
        "schema.org JSON-LD of the events and proposals",
        "Write schema.org JSON-LD: an Event per event (with its sessions as subEvent), a Project "
        "per proposal, the programme as an EventSeries.",
    )
    _add_feed_options(jsonld)
    schedule = add_command(
        formats,
        "schedule",
        run,
        "a frab/c3voc schedule JSON",
        "Write a schedule in the frab/c3voc JSON format of conference tools: one event, or the "
        "whole season, with a room per parallel workshop.",
    )
    _add_feed_options(schedule)


def _add_feed_options(parser: argparse.ArgumentParser) -> None:
    add_catalogue_argument(parser)
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        default="-",
        help="the file to write (default: standard output)",
    )
    parser.add_argument("--event", metavar="SLUG", help="export only this event")
    parser.add_argument(
        "--url",
        metavar="TEMPLATE",
        help="the URL of each event's page, with {slug} for its slug "
        "(like https://example.org/events/{slug}/)",
    )


def _ical(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    # Asked for before the catalogue is read: a missing extra is said at once, in one line.
    require("icalendar", "export", "the iCalendar export")
    from ideation.export.ical import to_ical

    catalogue = load_catalogue(args.catalogue)
    data = to_ical(catalogue, event=args.event, sessions=args.sessions, url=url_template(args.url))
    write_output(args.output, data.decode("utf-8"), out)
    return EXIT_OK


def _jsonld(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ideation.export.jsonld import to_jsonld

    catalogue = load_catalogue(args.catalogue)
    text = to_jsonld(catalogue, event=args.event, url=url_template(args.url))
    write_output(args.output, text, out)
    return EXIT_OK


def _schedule(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ideation.export.schedule import to_schedule_json

    catalogue = load_catalogue(args.catalogue)
    text = to_schedule_json(catalogue, event=args.event, url=url_template(args.url))
    write_output(args.output, text, out)
    return EXIT_OK


# -- CSV and SQLite: files for analysts ------------------------------------------------------


def _add_tables(formats: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    csv = add_command(
        formats,
        "csv",
        run,
        "open-data CSV tables and a Frictionless data package",
        "Write events.csv, proposals.csv and a datapackage.json describing them to the folder OUT.",
    )
    add_catalogue_argument(csv)
    csv.add_argument("-o", "--output", metavar="OUT", required=True, help="the folder to write")
    sqlite = add_command(
        formats,
        "sqlite",
        run,
        "a SQLite database, with a metadata.json for Datasette",
        "Write the catalogue as a SQLite database (the tables of the CSV export, one table per "
        "kind of object, full-text search, views) to OUT, and metadata.json beside it.",
    )
    add_catalogue_argument(sqlite)
    sqlite.add_argument(
        "-o", "--output", metavar="OUT", required=True, help="the .db file to write"
    )


def _csv(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ideation.export.opendata import to_opendata

    catalogue = load_catalogue(args.catalogue)
    folder = Path(args.output)
    if folder.exists() and not folder.is_dir():
        raise CommandError(f"{folder}: expected a folder for the CSV files and datapackage.json")
    files = to_opendata(catalogue)
    # All the files or none: a failed write leaves no new file and no folder it made.
    with write_run() as batch:
        for name, text in files.items():
            batch.write(folder / name, text)
    for name in files:
        err.write(f"wrote {folder / name}\n")
    return EXIT_OK


def _sqlite(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ideation.export.sqlite import datasette_metadata, write_sqlite

    catalogue = load_catalogue(args.catalogue)
    path = Path(args.output)
    if path.is_dir():
        raise CommandError(f"{path}: expected a database file name, got a folder")
    metadata = path.with_name("metadata.json")
    text = json.dumps(datasette_metadata(catalogue, path.stem), ensure_ascii=False, indent=2)
    # Both or neither: metadata.json is renamed into place once the database is.
    with write_run() as batch:
        batch.write(metadata, text + "\n")
        write_sqlite(catalogue, path)
    err.write(f"wrote {path}\n")
    err.write(f"wrote {metadata}\n")
    return EXIT_OK


# -- Hugo: the pages of a site ---------------------------------------------------------------


def _add_hugo(formats: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    hugo = add_command(
        formats,
        "hugo",
        run,
        "a Hugo site's content pages",
        "Write the catalogue as the content pages of a Hugo site in the folder OUT.",
    )
    add_catalogue_argument(hugo)
    hugo.add_argument(
        "-o", "--output", metavar="OUT", required=True, help="the site folder to write"
    )
    hugo.add_argument(
        "--events",
        metavar="SECTION",
        help="the section (folder of content/) for event pages (default: the one imported "
        "from, else actualites)",
    )
    hugo.add_argument(
        "--proposals",
        metavar="SECTION",
        help="the section for proposal pages (default: the one imported from, else projets)",
    )
    hugo.add_argument(
        "--from",
        dest="source",
        metavar="SITE",
        help="the Hugo site the catalogue was imported from: its pages are given back as they "
        "were written, with only what changed written again, and the files of its page "
        "bundles (images...) are copied beside the pages",
    )


def _hugo(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ideation.hugo import export_site

    catalogue = load_catalogue(args.catalogue)
    site = Path(args.output)
    if site.exists() and not site.is_dir():
        raise CommandError(f"{site}: expected the folder of a Hugo site, got a file")
    # The site's pages are read (to keep them as they were written) and written again: its
    # lock is held meanwhile, so that two exports into one site at once cannot mix.
    with catalogue_lock(args.output, folder=True, what="site"):
        exported = export_site(
            catalogue,
            Path(args.output),
            events=args.events,
            proposals=args.proposals,
            source=args.source,
        )
    # The report goes where the other exports' messages go: standard output may be a pipe.
    err.write(exported.summary())
    return EXIT_OK


# -- the organisers' lists: private --------------------------------------------------------


def _add_teams(formats: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    teams = add_command(
        formats,
        "teams",
        run,
        "the organisers' list of each team's members, with their contacts (private)",
        "Write one row per member of each recorded team: proposal, name, organisation, "
        "ministry, wish rank and contact (e-mail, phone). The file holds personal data: it is "
        "for the organisers, never to be published, and is refused inside a published folder "
        "(a Sphinx build's output, a Hugo site's content).",
    )
    add_catalogue_argument(teams)
    teams.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        required=True,
        help="the .csv or .xlsx file to write (- for CSV on standard output)",
    )
    teams.add_argument("--season", metavar="SLUG", help="only the teams of this season")


def _teams(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ideation.export.organisers import team_rows, teams_csv, teams_xlsx
    from ideation.privacy import published_folder

    xlsx = Path(args.output).suffix.lower() == ".xlsx"
    if xlsx:
        require("openpyxl", "ops", "writing a spreadsheet (.xlsx)")
    elif args.output != "-" and Path(args.output).suffix.lower() != ".csv":
        raise CommandError(f"{args.output}: expected a .csv or .xlsx file name")
    if args.output != "-" and (where := published_folder(args.output)) is not None:
        raise CommandError(
            f"{args.output}: not written: {where}, and the list holds names and contacts"
        )
    catalogue = load_catalogue(args.catalogue)
    if args.season is not None and args.season not in {
        season.slug for season in catalogue.programme.seasons
    }:
        known = ", ".join(season.slug for season in catalogue.programme.seasons) or "none"
        raise CommandError(f"--season {args.season}: no such season (declared: {known})")
    rows = list(team_rows(catalogue, season=args.season))
    if xlsx:
        write_bytes_atomically(Path(args.output), teams_xlsx(rows))
    else:
        write_output(args.output, teams_csv(rows), out)
    people = len({row["member"] for row in rows})
    teams = len({row["proposal"] for row in rows})
    if args.output != "-":
        err.write(f"wrote {args.output}\n")
    if not rows:
        err.write("note: no team is recorded yet; 'ideation teams --write' records them\n")
    err.write(
        f"note: this list holds personal data, the names and contacts of {people} people in "
        f"{teams} teams: it is for the organisers only; keep it private and do not publish it\n"
    )
    return EXIT_OK


#: The function that writes each format (the parser's choices).
_FORMATS = {
    "ical": _ical,
    "jsonld": _jsonld,
    "schedule": _schedule,
    "csv": _csv,
    "sqlite": _sqlite,
    "hugo": _hugo,
    "teams": _teams,
}
