"""``ideation import hugo SITE -o OUT``: a Hugo site's pages as a catalogue folder.

The report (every file of ``content/`` and what became of it, then the counts) goes to standard
output, as text or JSON; the catalogue of what could be imported is written to ``OUT`` even
when some pages failed, so that a person can fix the pages named in the report and run the
import again. Exit codes: 0 when every page was imported or skipped, 1 when a page failed or
the site cannot be read, 2 for a wrong use of the command.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import TextIO

from ideation._io import LOCK_NAME, outside, write_run
from ideation.errors import DataError, UsageError
from ideation.formats import catalogue_files, dump
from ideation.hugo import DEFAULT_KEY_MAP, MAX_IMAGE_BYTES, import_site
from ideation.model import Catalogue

from ._common import EXIT_DATA, EXIT_OK, EXIT_USAGE, add_command, catalogue_lock


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``hugo`` to the sources ``sub`` of ``ideation import``."""
    parser = add_command(
        sub,
        "hugo",
        run,
        "import a Hugo site",
        "Read the pages of a Hugo site into a catalogue folder.",
    )
    parser.add_argument("site", metavar="SITE", help="the folder of the Hugo site")
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        required=True,
        help="the catalogue folder to write (or a .yaml, .json or .toml file for one file)",
    )
    _add_section_arguments(parser)
    _add_reading_arguments(parser)
    parser.add_argument(
        "--force",
        action="store_true",
        help="write into an output folder that is not empty: the catalogue files the import "
        "writes are replaced and stale ones (events and proposals no longer in the site) "
        "removed; other files are left alone",
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


def _add_section_arguments(parser: argparse.ArgumentParser) -> None:
    """Which pages of the site are events and which are proposals."""
    parser.add_argument(
        "--events",
        metavar="SECTION",
        nargs="+",
        default=None,
        help="the sections (folders of content/) whose pages are events (default: the first the "
        "site has of actualites, evenements, events, event; of events, event, news, actualites "
        "for an English site); a section that does not exist is an error that lists the site's "
        "sections",
    )
    parser.add_argument(
        "--proposals",
        metavar="SECTION",
        nargs="+",
        default=None,
        help="the sections whose pages are proposals (default: the first the site has of "
        "projets, projects, project; projects first for an English site)",
    )
    parser.add_argument(
        "--as-events",
        metavar="GLOB",
        action="append",
        default=[],
        help="pages of an events section that are events whatever the rules say, as a glob of "
        "paths under content/ (actualites/2023-*); repeatable",
    )
    parser.add_argument(
        "--not-events",
        metavar="GLOB",
        action="append",
        default=[],
        help="pages of an events section that are not events (newsletters, portraits...), "
        "as a glob; repeatable; wins over --as-events",
    )


def _add_reading_arguments(parser: argparse.ArgumentParser) -> None:
    """How the pages' keys and prose are read."""
    defaults = ", ".join(f"{key}={field}" for key, field in DEFAULT_KEY_MAP.items())
    parser.add_argument(
        "--map",
        metavar="KEY=FIELD",
        action="append",
        default=[],
        help=f"read the front-matter key KEY as the model's FIELD (location.name for a nested "
        f"one); repeatable; KEY= keeps KEY as the site's own, dropping a default mapping, even "
        f"when KEY is a field's name (kept as hugo_KEY); KEY=NAME with a NAME that is no field "
        f"moves KEY aside under NAME (defaults: {defaults}); an entry that matches no key in any "
        f"page is reported",
    )
    parser.add_argument(
        "--extract",
        action="store_true",
        help="also read agendas, attendance, organisations, workshop topics and proposal "
        "sections out of the prose; every value found is in the report",
    )


def parse_key_map(items: list[str]) -> dict[str, str]:
    """The key map: :data:`DEFAULT_KEY_MAP` with each ``KEY=FIELD`` added; ``KEY=`` reads the
    key under its own name (mapped to ``""``), which drops a default mapping."""
    key_map = dict(DEFAULT_KEY_MAP)
    for item in items:
        key, sep, field = item.partition("=")
        key, field = key.strip().lower(), field.strip()
        if not sep or not key:
            raise UsageError(f"--map: expected KEY=FIELD, like responsible=lead, got {item!r}")
        key_map[key] = field
    return key_map


def check_output(output: Path, *, force: bool) -> list[Path]:
    """Refuse an output that holds something already, unless ``force``; return the catalogue
    files it holds, which the import owns (the programme file, events and proposals)."""
    present = (
        sorted(p for p in output.iterdir() if p.name != LOCK_NAME)
        if output.is_dir()
        else [p for p in [output] if p.exists()]
    )
    if present and not force:
        listed = ", ".join(path.name for path in present[:5]) + (
            ", ..." if len(present) > 5 else ""
        )
        raise UsageError(
            f"{output}: not empty ({listed}); the import would mix its files with these. "
            "Choose an empty folder, or give --force to replace the catalogue there"
        )
    return catalogue_files(output) if output.is_dir() else []


def remove_stale(catalogue: Catalogue, output: Path, owned: list[Path]) -> list[Path]:
    """Remove the catalogue files of ``owned`` that the import did not write again."""
    if not output.is_dir():
        return []
    kept = {output / "programme.yaml"}
    kept.update(output / "events" / f"{event.slug}.md" for event in catalogue.events)
    kept.update(output / "proposals" / f"{p.slug}.md" for p in catalogue.proposals)
    removed = [path for path in owned if path not in kept and path.is_file()]
    for path in removed:
        path.unlink()
    return removed


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run the import; print the report; return the exit code.

    The output's lock is held from the look at what it holds to the last file written, so
    that two imports into one output at once cannot mix their files.
    """
    output = Path(args.output)
    with catalogue_lock(output, folder=output.is_dir() or not output.suffix):
        return _run(args, out, err)


def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        owned = check_output(Path(args.output), force=args.force)
        key_map = parse_key_map(args.map)
        result = import_site(
            args.site,
            events=args.events,
            proposals=args.proposals,
            key_map=key_map,
            extract=args.extract,
            programme_slug=args.programme_slug,
            as_events=args.as_events,
            not_events=args.not_events,
        )
    except UsageError as error:
        err.write(f"ideation: error: {error}\n")
        return EXIT_USAGE
    except DataError as error:
        for problem in error.problems:
            err.write(f"{problem}\n")
        return EXIT_DATA
    out.write(result.to_json() if args.report == "json" else result.summary())
    try:
        written = dump(result.catalogue, Path(args.output))
        for stale in remove_stale(result.catalogue, Path(args.output), owned):
            err.write(f"removed {stale}\n")
    except UsageError as error:
        err.write(f"ideation: error: {error}\n")
        return EXIT_USAGE
    except DataError as error:
        err.write(f"ideation: error: cannot write {args.output}: {error}\n")
        return EXIT_DATA
    except OSError as error:
        # The file or folder that failed, and why (permission denied, no space left).
        where = error.filename or args.output
        err.write(f"ideation: error: {where}: {error.strerror or error}\n")
        return EXIT_DATA
    err.write(f"wrote {written}\n")
    try:
        copied = copy_images(result.images, Path(args.output))
    except OSError as error:
        where = error.filename or args.output
        err.write(f"ideation: error: {where}: {error.strerror or error}\n")
        return EXIT_DATA
    if copied:
        err.write(f"copied {copied} images beside their pages\n")
    elif result.images:
        err.write(
            f"{len(result.images)} images not copied: a one-file catalogue has no folder for "
            "them; import into a folder to keep them\n"
        )
    return EXIT_OK if result.ok else EXIT_DATA


def copy_images(images: Sequence[tuple[Path, str]], output: Path) -> int:
    """Copy the pages' images into the catalogue folder ``output`` (nothing for a one-file
    catalogue); how many were copied. Each target is checked to stay inside ``output`` and each
    source read with its size bound, in case the site changed since the import looked."""
    if not output.is_dir():
        return 0
    copied = 0
    with write_run() as run:
        for source, target in images:
            path = output / target
            if ".." in PurePosixPath(target).parts or path.is_symlink():
                continue
            folder = path.parent
            if folder.exists() and outside(folder, output) is not None:
                continue
            with source.open("rb") as stream:
                data = stream.read(MAX_IMAGE_BYTES + 1)
            if len(data) > MAX_IMAGE_BYTES:
                continue
            run.write(path, data)
            copied += 1
    return copied
