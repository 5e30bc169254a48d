"""``ideation sources lock SOURCES [--update [NAME]] [--offline]``: pin the sources of a
sources file to commits and digests in ``sources.lock``, and say what a moved pin changes."""

from __future__ import annotations

import argparse
from typing import TextIO

from ideation.sources import is_sources_file, lock

from ._common import EXIT_OK, CommandError, add_command, catalogue_lock


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``sources`` and its commands to the sub-commands ``sub``."""
    group = add_command(
        sub,
        "sources",
        None,
        "lock the sources a catalogue is assembled from",
        "Work with a sources file (sources.toml): the local folders, git repositories and "
        "published catalogues a catalogue is assembled from.",
    )
    commands = group.add_subparsers(title="commands", metavar="COMMAND", required=True)
    parser = add_command(
        commands,
        "lock",
        run,
        "pin each git source to a commit and each URL to a digest",
        "Resolve each git ref to a commit and fetch each URL, and write sources.lock beside "
        "the sources file. Sources already locked keep their pin unless --update names them; "
        "each moved pin prints the objects added, removed and edited.",
    )
    # Optional for argparse only: ``lock --update sources.toml`` hands the file to --update,
    # which run() gives back (see _sources_file).
    parser.add_argument(
        "sources", metavar="SOURCES", nargs="?", help="the sources file (sources.toml)"
    )
    parser.add_argument(
        "--update",
        metavar="NAME",
        nargs="?",
        const=True,
        default=False,
        help="move every source (or the one NAME) to what its ref or URL gives now",
    )
    parser.add_argument(
        "--offline",
        action="store_true",
        help="fetch nothing: resolve git refs in the cache only",
    )


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Lock the sources; print each moved pin and what it changed."""
    path, update = _sources_file(args.sources, args.update)
    with catalogue_lock(path, folder=False, what="sources file"):
        result = lock(path, update=update, offline=args.offline)
    for change in result.changes:
        out.write(f"{change}\n")
    count = len(result.lock.pins)
    moved = len(result.changes)
    err.write(f"locked {count} source(s), {moved} moved\n")
    return EXIT_OK


def _sources_file(sources: str | None, update: bool | str) -> tuple[str, bool | str]:
    """The sources file and what to update, from ``SOURCES`` and ``--update [NAME]``: in
    ``lock --update sources.toml``, argparse gives the file to ``--update``."""
    if sources is None:
        if not isinstance(update, str):
            raise CommandError("expected the sources file (sources.toml)")
        sources, update = update, True
    if not is_sources_file(sources):
        raise CommandError(f"{sources}: expected a sources file, named sources.toml")
    return sources, update
