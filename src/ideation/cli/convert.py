"""``ideation convert``: from one format to another (JSON, YAML, TOML, Markdown)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from ideation.formats import dump

from .checks import load_file
from .common import EXIT_OK, CommandError, add_command

__all__ = ["add_parser", "run"]


def add_parser(commands: Any) -> None:
    """Add ``convert`` to the sub-commands ``commands``."""
    parser = add_command(
        commands,
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


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Read the source, write the target."""
    source, target = Path(args.source), Path(args.target)
    if source.resolve() == target.resolve():
        raise CommandError(f"{target}: the target is the source; choose another path")
    written = dump(load_file(source), target, front_matter=args.front_matter)
    stderr.write(f"wrote {written}\n")
    return EXIT_OK
