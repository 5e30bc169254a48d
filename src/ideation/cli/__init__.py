"""The ``ideation`` command (also ``python -m ideation``).

Exit codes: 0 when all went well, 1 when the data has problems (or a file cannot be read or
written), 2 when the command was used wrongly (an unknown option, a missing optional package).
Errors are messages on standard error, never tracebacks; output files are written atomically.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ideation._version import __version__
from ideation.errors import DataError, IdeationError, MissingExtraError, UsageError

from . import (
    _convert,
    _export,
    _import,
    _new,
    _schema,
    _select,
    _show,
    _sources,
    _teams,
    _validate,
)
from ._common import EPILOG, EXIT_DATA, EXIT_OK, EXIT_USAGE, CommandError

__all__ = ["EXIT_DATA", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]

# The commands, in the order ``ideation --help`` lists them. Each module adds its parser with
# ``add_parser(sub)``, and its parser runs ``run(args, out, err)`` of the same module.
_COMMANDS = (
    _validate,
    _show,
    _new,
    _convert,
    _export,
    _schema,
    _select,
    _teams,
    _import,
    _sources,
)


def build_parser() -> argparse.ArgumentParser:
    """The parser of the ``ideation`` command and all its sub-commands, for the tools that
    read one (shell completion, documentation of the command)."""
    parser = argparse.ArgumentParser(
        prog="ideation",
        description="Check, show, convert and export the data of a programme of shared projects.",
        epilog=EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)
    for command in _COMMANDS:
        command.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``ideation`` with ``argv`` (default: the process arguments); return the exit code.

    What the command prints goes to standard output and standard error (``sys.stdout`` and
    ``sys.stderr`` as they are when it is called). It raises nothing for a problem in the data
    or in its use: the exit code says what happened (:data:`EXIT_OK`, :data:`EXIT_DATA`,
    :data:`EXIT_USAGE`), standard error why.
    """
    out, err = sys.stdout, sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit:
        # argparse exits on --help (0) and on usage errors (2); keep main() a plain function.
        return exit.code if isinstance(exit.code, int) else EXIT_USAGE
    try:
        return int(args.command(args, out, err))
    except CommandError as error:
        err.write(f"ideation: error: {error}\n")
        return error.code
    except DataError as error:
        for problem in error.problems:
            err.write(f"{problem}\n")
        return EXIT_DATA
    except (UsageError, MissingExtraError) as error:
        # A missing extra is one line that names the extra to install, never a traceback.
        err.write(f"ideation: error: {error}\n")
        return EXIT_USAGE
    except IdeationError as error:
        err.write(f"ideation: error: {error}\n")
        return EXIT_DATA
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        err.write(f"ideation: error: {where}{error.strerror or error}\n")
        return EXIT_DATA
    except KeyboardInterrupt:
        err.write("ideation: interrupted\n")
        return 130
    except Exception as error:  # the last guard: a message, never a traceback
        err.write(
            f"ideation: internal error: {type(error).__name__}: {error}\n"
            "This is a bug in ideation; please report it with the command you ran.\n"
        )
        return EXIT_DATA
