"""``ideation import SOURCE``: data written for another tool, as a catalogue."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from . import import_csv, import_hugo
from .common import add_command

__all__ = ["add_parser"]


def add_parser(commands: Any) -> None:
    """Add ``import`` and its sources to the sub-commands ``commands``."""
    imports = add_command(
        commands,
        "import",
        None,
        "import data from another tool",
        "Import data written for another tool into a catalogue.",
    )
    sources = imports.add_subparsers(title="sources", metavar="SOURCE", required=True)
    hugo = add_command(
        sources,
        "hugo",
        _hugo,
        "import a Hugo site",
        "Read the pages of a Hugo site into a catalogue folder.",
    )
    import_hugo.add_arguments(hugo)
    import_csv.add_parser(sources)


def _hugo(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    return import_hugo.run(args)
