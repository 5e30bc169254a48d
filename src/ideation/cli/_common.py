"""What every command of ``ideation`` shares: exit codes, the error a command stops with,
output, and how a command is added to the parser.

A command that needs an optional package asks for it with ``ideation._optional.require``
where it runs, never at import: ``ideation --help`` imports every command's module.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from ideation._io import LockTimeout, write_atomically, write_lock
from ideation.errors import IdeationError
from ideation.formats import CatalogueSources, load_with_sources
from ideation.model import Catalogue
from ideation.sources import assemble, is_sources_file

from ._checks import load_file

#: Everything went well.
EXIT_OK = 0
#: The data has problems, or a file could not be read or written.
EXIT_DATA = 1
#: The command was used wrongly, or an optional package it needs is missing
#: (:class:`~ideation.errors.MissingExtraError`).
EXIT_USAGE = 2

#: The closing line of every command's ``--help``.
EPILOG = (
    "exit codes: 0 ok, 1 problems in the data (or files that cannot be read or written), "
    "2 usage errors"
)

#: A command: its parsed arguments, standard output and standard error in; the exit code out.
Command = Callable[[argparse.Namespace, TextIO, TextIO], int]


class CommandError(IdeationError):
    """A command cannot go on; ``code`` is the exit code, the message is for the user."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def write_output(out: str, text: str, stdout: TextIO) -> None:
    """Write ``text`` to the file ``out`` atomically, or to standard output for ``-``."""
    if out == "-":
        stdout.write(text)
        return
    write_atomically(Path(out), text)


@contextmanager
def catalogue_lock(
    path: str | Path, *, folder: bool | None = None, what: str = "catalogue"
) -> Iterator[None]:
    """Hold the lock of the catalogue (or site) at ``path`` while the block reads, changes
    and writes it, so that two commands writing it at once cannot lose each other's changes.

    A command that finds the lock held waits (``IDEATION_LOCK_TIMEOUT`` seconds, 30 by
    default), then stops with one line that names ``path`` and exit code 2. ``folder`` says
    whether ``path`` is (or will be) a folder; by default, whether it is one now. See
    :func:`ideation._io.write_lock`.
    """
    try:
        with write_lock(Path(path), folder=folder, what=what):
            yield
    except LockTimeout as error:
        raise CommandError(str(error), EXIT_USAGE) from None


def load_catalogue(path: str) -> Catalogue:
    """The catalogue at ``path``, or a :class:`CommandError` saying what was found instead.

    A sources file (a path whose name ends in ``sources.toml``) gives the catalogue its
    sources assemble, as the lock fixes them (see :mod:`ideation.sources`).
    """
    if is_sources_file(path):
        return assemble(path).catalogue
    loaded = load_file(Path(path))
    if not isinstance(loaded, Catalogue):
        raise CommandError(
            f"{path}: expected a catalogue (a folder with a programme.yaml, or one catalogue "
            f"file), got a {type(loaded).__name__.lower()}",
            EXIT_DATA,
        )
    return loaded


def load_catalogue_with_sources(path: str) -> tuple[Catalogue, CatalogueSources]:
    """The catalogue at ``path`` and the file of each of its objects, from one reading.

    A one-file catalogue is its own source; a folder says which file holds each object. The
    commands that use it write into the catalogue: a sources file, whose repositories are read
    from copies in a cache, is refused with a message that says what to do instead.
    """
    if is_sources_file(path):
        raise CommandError(
            f"{path}: this command writes into the catalogue, and a sources file's sources are "
            "read-only copies: run it on the source's own folder (a clone of its repository)"
        )
    if Path(path).is_dir():
        return load_with_sources(Path(path))
    return load_catalogue(path), CatalogueSources(files=(Path(path),), objects={})


def url_template(template: str | None) -> str | None:
    """``--url``, checked to hold ``{slug}`` and nothing else to fill in."""
    if template is None:
        return None
    try:
        template.format(slug="slug")
    except (KeyError, IndexError, ValueError):
        raise CommandError(
            f"--url: expected a URL with {{slug}} where the slug goes, like "
            f"'https://example.org/events/{{slug}}/', got {template!r}"
        ) from None
    return template


def add_command(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    command: Command | None,
    help: str,
    description: str,
) -> argparse.ArgumentParser:
    """Add the sub-command ``name`` to ``sub``; parsing it sets ``args.command`` to ``command``,
    the ``run`` of the module that adds it (None for a group of commands)."""
    parser = sub.add_parser(name, help=help, description=description, epilog=EPILOG)
    if command is not None:
        parser.set_defaults(command=command)
    return parser


def add_catalogue_argument(parser: argparse.ArgumentParser) -> None:
    """The ``CATALOGUE`` argument of the commands that read a whole catalogue."""
    parser.add_argument(
        "catalogue",
        metavar="CATALOGUE",
        help="a catalogue folder, a catalogue file, or a sources file (sources.toml)",
    )
