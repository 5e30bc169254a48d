"""A ``cli-help`` directive: the ``--help`` text of an ``ideation`` command, made at build time.

``{cli-help} export ical`` shows what ``ideation export ical --help`` prints, so the reference
cannot drift from the command.
"""

from __future__ import annotations

import argparse
import os
from typing import Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ideation.cli import build_parser

# argparse wraps help text to the terminal's width; the docs use a fixed one.
_WIDTH = "88"


def command_parser(*words: str) -> argparse.ArgumentParser:
    """The parser of the sub-command named by ``words`` (``"export", "ical"``), for its help."""
    parser = build_parser()
    for word in words:
        commands = [
            action for action in parser._actions if isinstance(action, argparse._SubParsersAction)
        ]
        if not commands or word not in commands[0].choices:
            raise KeyError(" ".join(words))
        parser = commands[0].choices[word]
    return parser


class CliHelp(SphinxDirective):
    """Insert the help text of the ``ideation`` sub-command named by the arguments."""

    optional_arguments = 4
    has_content = False

    def run(self) -> list[nodes.Node]:
        try:
            parser = command_parser(*self.arguments)
        except KeyError:
            raise self.error(f"no ideation command {' '.join(self.arguments)!r}") from None
        before = os.environ.get("COLUMNS")
        os.environ["COLUMNS"] = _WIDTH
        try:
            text = parser.format_help()
        finally:
            if before is None:
                del os.environ["COLUMNS"]
            else:
                os.environ["COLUMNS"] = before
        block = nodes.literal_block(text, text, language="text")
        self.set_source_info(block)
        return [block]


def setup(app: Any) -> dict[str, Any]:
    app.add_directive("cli-help", CliHelp)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
