"""Loading and writing by path: one data file, or a catalogue folder."""

from __future__ import annotations

from pathlib import Path
from typing import overload

from .. import model
from .._io import write_atomically
from ..errors import DataError, Problem, UsageError
from ._catalogue import dump_catalogue, load_catalogue
from ._document import FrontMatter
from ._load import L, Loadable, Loaded, check_type, dumps, format_for, load_file
from .writeback import write_changes

# The classes whose files people keep by hand, and edit: these are edited in place.
_IN_PLACE = (model.Catalogue, model.Event, model.Proposal, model.Programme, model.Candidate)


@overload
def load(path: str | Path) -> Loadable: ...
@overload
def load(path: str | Path, type: type[L]) -> L: ...
def load(path: str | Path, type: type[L] | None = None) -> Loaded:
    """Read a catalogue folder, a catalogue file, or one event, proposal or programme file.

    The format is told by the file suffix. What the file describes is told by ``type``, else
    by the file: a ``kind`` key, the folder it is in (``events/``, ``proposals/``) or the keys it
    has. With ``type``, the result is of that type (and typed so): write
    ``load(path, Catalogue)`` to get a :class:`~ideation.Catalogue` a type checker knows.

    Raise :class:`~ideation.errors.DataError` listing every problem found (a path that does not
    exist is one), and :class:`~ideation.errors.UsageError` for a ``type`` that is not one of
    :data:`~ideation.formats.Loadable`'s classes or that a folder cannot hold.
    """
    path = Path(path)
    check_type(type)
    if not path.exists():
        raise DataError([Problem(message="no such file or folder", file=str(path))])
    if path.is_dir():
        if type not in (None, model.Catalogue):
            raise UsageError(f"{path} is a folder, which holds a catalogue, not a {type.__name__}")
        return load_catalogue(path)
    return load_file(path, type)


def dump(obj: object, path: str | Path, *, front_matter: FrontMatter = "yaml") -> Path:
    """Write ``obj`` to ``path`` atomically, in the format its suffix names; return the path.

    A :class:`~ideation.Catalogue` written to a path with no suffix becomes a catalogue folder:
    ``programme.yaml`` with the programme and organisations, ``events/SLUG.md`` and
    ``proposals/SLUG.md``.

    Over an existing data file that holds the same kind of object, only what differs is
    changed (with the ``ops`` extra): the file keeps its comments, key order, quoting, front
    matter and body for the rest, so its diff shows only what changed.
    """
    path = Path(path)
    if isinstance(obj, model.Catalogue) and not path.suffix:
        dump_catalogue(obj, path, front_matter=front_matter)
        return path
    # Rendered first, even when the file is then edited in place: a value no format can write
    # must stop the dump before the file is touched.
    text = dumps(obj, format_for(path).NAME, front_matter=front_matter)
    if not _edit_in_place(path, obj):
        write_atomically(path, text)
    return path


def _edit_in_place(path: Path, obj: object) -> bool:
    """Write ``obj`` over the data file ``path`` by changing only what differs; whether it could.

    A file that people edit keeps its comments, key order, quoting, line breaks and body for
    everything that did not change, so its diff shows only what did. That needs the ``ops``
    extra (ruamel.yaml, tomlkit); without it, or when the file does not hold a valid object of
    the same class, or when the edited file would not read back as ``obj``, the caller writes
    the whole file instead: the data is always what was asked for.
    """
    if not path.is_file() or type(obj) not in _IN_PLACE:
        return False
    try:
        before = load_file(path, type(obj))
        # ImportError: ruamel.yaml or tomlkit (the ops extra) is missing.
        write_changes(path, before, obj)
        return bool(load_file(path, type(obj)) == obj)
    except (DataError, ImportError, UsageError, OSError):
        return False
