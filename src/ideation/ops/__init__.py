"""Running a programme: intake of form answers, shortlisting at an event, team formation.

The modules here read and change catalogues; the command line (``ideation import csv``,
``ideation select``, ``ideation teams``) and the Sphinx directives are thin layers over them.
The team solver and the round-trip writers need the ``ops`` extra (SciPy, ruamel.yaml, tomlkit,
openpyxl): ``pip install -e '.[ops]'`` in a clone of ideation.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import Catalogue

if TYPE_CHECKING:
    from ..formats import CatalogueSources

__all__ = ["write_back"]


def write_back(
    path: Path, before: Catalogue, after: Catalogue, sources: CatalogueSources | None = None
) -> list[Path]:
    """Write the objects that differ between ``before`` and ``after`` into their own files.

    ``path`` is the catalogue folder or file both were read from, and ``sources`` where each
    object came from, if the caller has it (else the folder is read again to know). Each
    changed proposal or candidate is written into the file it came from, keeping everything
    else in that file as it was; a catalogue kept in one file is edited as a whole. Return the
    files changed.
    """
    # Imported here: ideation.ops.selection (which the Sphinx extension imports) stays free of
    # the loaders, which a build with nothing to read does not need.
    from ..formats import load_with_sources
    from ..formats.writeback import write_changes

    if path.is_file():
        return [path] if write_changes(path, before, after) else []
    if sources is None:
        _, sources = load_with_sources(path)
    written: list[Path] = []
    pairs: list[tuple[str, Any, Any]] = [
        *(
            ("proposal", old, new)
            for old, new in zip(before.proposals, after.proposals, strict=True)
        ),
        *(
            ("candidate", old, new)
            for old, new in zip(before.candidates, after.candidates, strict=True)
        ),
    ]
    for kind, old, new in pairs:
        if old != new or old.extra != new.extra:
            file = sources.objects[(kind, old.slug)]
            if write_changes(file, old, new):
                written.append(file)
    return written
