"""``ideation convert``: from one format to another (JSON, YAML, TOML, Markdown).

A conversion copies the data whole, names without consent included (the ``consent`` flag
travels with each name): its output is private data. It says so when the data names anyone
without consent, and then refuses to write into a published folder (see
:func:`ideation.privacy.published_folder`); ``ideation export`` writes what may be published.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from ideation.formats import dump
from ideation.privacy import published_folder, unnamed_people

from ._checks import load_file
from ._common import EXIT_OK, CommandError, add_command


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``convert`` to the sub-commands ``sub``."""
    parser = add_command(
        sub,
        "convert",
        run,
        "convert between JSON, YAML, TOML and Markdown",
        "Read SRC and write it to DST in the format its suffix names (.json, .yaml, .toml, .md). "
        "A catalogue written to a path without suffix becomes a catalogue folder.",
    )
    parser.add_argument("source", metavar="SRC", help="a data file or a catalogue folder")
    parser.add_argument("target", metavar="DST", help="the file (or folder) to write")
    parser.add_argument(
        "--front-matter",
        choices=("yaml", "toml", "json"),
        default="yaml",
        help="the front matter of Markdown pages (default: yaml)",
    )


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Read the source, write the target."""
    source, target = Path(args.source), Path(args.target)
    if source.resolve() == target.resolve():
        raise CommandError(f"{target}: the target is the source; choose another path")
    data = load_file(source)
    people = unnamed_people(data)
    where = published_folder(target) if people else None
    if where is not None:
        raise CommandError(
            f"{target}: not written: {where}, and the data names {people} people who did not "
            "consent to be named (or voters, never named); use 'ideation export' for what is "
            "published"
        )
    written = dump(data, target, front_matter=args.front_matter)
    err.write(f"wrote {written}\n")
    if people:
        err.write(
            f"note: {written} names {people} people who did not consent to be named (or voters, "
            "never named): it is private data, like its source; publish with 'ideation export' "
            "or the Sphinx extension instead\n"
        )
    return EXIT_OK
