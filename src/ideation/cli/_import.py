"""``ideation import SOURCE``: data written for another tool, as a catalogue.

A group of commands: each source is a command of its own module (``_import_hugo``,
``_import_csv``), whose parser runs that module's ``run``.
"""

from __future__ import annotations

import argparse

from . import _import_csv, _import_hugo
from ._common import add_command


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``import`` and its sources to the sub-commands ``sub``."""
    imports = add_command(
        sub,
        "import",
        None,
        "import data from another tool",
        "Import data written for another tool into a catalogue.",
    )
    sources = imports.add_subparsers(title="sources", metavar="SOURCE", required=True)
    _import_hugo.add_parser(sources)
    _import_csv.add_parser(sources)
