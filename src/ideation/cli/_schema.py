"""``ideation schema``: the JSON Schema of a kind of data file."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from ideation.schema import KINDS, schema_for

from ._common import EXIT_OK, add_command, write_output


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``schema`` to the sub-commands ``sub``."""
    parser = add_command(
        sub,
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


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print (or write) the schema."""
    text = json.dumps(schema_for(args.kind), ensure_ascii=False, indent=2) + "\n"
    write_output(args.output, text, out)
    return EXIT_OK
