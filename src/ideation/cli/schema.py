"""``ideation schema``: the JSON Schema of a kind of data file."""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from ideation.schema import KINDS, schema_for

from .common import EXIT_OK, add_command, write_output

__all__ = ["add_parser", "run"]


def add_parser(commands: Any) -> None:
    """Add ``schema`` to the sub-commands ``commands``."""
    parser = add_command(
        commands,
        "schema",
        run,
        "print the JSON Schema of a kind of data file",
        "Print the JSON Schema (draft 2020-12) of a kind of data file, for editors and CI.",
    )
    parser.add_argument(
        "kind",
        metavar="KIND",
        nargs="?",
        choices=KINDS,
        default="catalogue",
        help=f"one of {', '.join(KINDS)} (default: catalogue)",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        default="-",
        help="the file to write (default: standard output)",
    )


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Print (or write) the schema."""
    text = json.dumps(schema_for(args.kind), ensure_ascii=False, indent=2) + "\n"
    write_output(args.output, text, stdout)
    return EXIT_OK
