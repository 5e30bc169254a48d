"""A catalogue as a folder: ``programme.yaml``, ``events/*`` and ``proposals/*``.

Every file is read and checked before any problem is raised, so that one run reports the
problems of the whole folder; problems found across files (a reference that does not resolve)
are traced back to the file and line they come from.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .. import model
from ..convert import structure, unstructure
from ..errors import DataError, Problem
from . import FORMATS, _locate, _read, _with_default_slug, dumps
from ._document import Document
from ._files import write_atomically
from .markdown import FrontMatter

__all__ = ["PROGRAMME_STEM", "dump_catalogue", "load_catalogue"]

#: The stem of the programme file of a catalogue folder (``programme.yaml``, ``programme.toml``...).
PROGRAMME_STEM = "programme"
_SECTIONS = ("events", "proposals")
_TOP = re.compile(r"^\$\.(programme|organisations|events|proposals)(\[(\d+)\])?")


def _data_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    suffixes = {suffix for module in FORMATS.values() for suffix in module.SUFFIXES}
    return sorted(
        path
        for path in folder.iterdir()
        if path.is_file()
        and path.suffix.lower() in suffixes
        and not path.name.startswith((".", "_"))
    )


class _Sources:
    """Where each part of the catalogue was read from, to trace problems back to lines."""

    def __init__(self) -> None:
        self.programme: tuple[Path, Document] | None = None
        self.items: dict[str, list[tuple[Path, Document]]] = {section: [] for section in _SECTIONS}

    def trace(self, problem: Problem) -> Problem:
        match = _TOP.match(problem.path)
        if match is None or self.programme is None:
            return problem
        top, index = match[1], match[3]
        rest = problem.path[match.end() :]
        if top == "programme":
            path, document = self.programme
            relative = "$" + rest
        elif top == "organisations":
            # Organisations are listed in the programme file, under the same key.
            path, document = self.programme
            relative = problem.path
        else:
            path, document = self.items[top][int(index or 0)]
            relative = "$" + rest
        return Problem(
            message=problem.message, path=relative, file=str(path), line=document.line_of(relative)
        )


def load_catalogue(folder: Path) -> model.Catalogue:
    """Read a catalogue folder; raise one :class:`DataError` with the problems of every file."""
    problems: list[Problem] = []
    sources = _Sources()
    candidates = [
        folder / f"{PROGRAMME_STEM}{suffix}"
        for name in ("yaml", "json", "toml")
        for suffix in FORMATS[name].SUFFIXES
    ]
    found = [path for path in candidates if path.is_file()]
    if len(found) != 1:
        names = ", ".join(path.name for path in found)
        message = (
            f"expected a {PROGRAMME_STEM}.yaml (or .json, .toml) file in the folder, found none"
            if not found
            else f"expected one programme file, found {len(found)}: {names}"
        )
        raise DataError([Problem(message=message, file=str(folder))])

    programme: model.Programme | None = None
    organisations: tuple[model.Organisation, ...] = ()
    try:
        document = _read(found[0])
        sources.programme = (found[0], document)
        data = document.data if isinstance(document.data, dict) else {}
        programme_data = {key: value for key, value in data.items() if key != "organisations"}
        try:
            programme = structure(programme_data, model.Programme)
        except DataError as error:
            problems.extend(_locate(error, document, str(found[0])).problems)
        try:
            organisations = structure(data.get("organisations", []), tuple[model.Organisation, ...])
        except DataError as error:
            problems.extend(
                _locate(error.within("$.organisations"), document, str(found[0])).problems
            )
        if not isinstance(document.data, dict):
            problems.append(
                Problem(message="expected a mapping of keys to values", file=str(found[0]), line=1)
            )
    except DataError as error:
        problems.extend(error.problems)

    loaded: dict[str, list[Any]] = {section: [] for section in _SECTIONS}
    for section, cl in (("events", model.Event), ("proposals", model.Proposal)):
        for path in _data_files(folder / section):
            try:
                read = _read(path)
            except DataError as error:  # not even valid syntax
                problems.extend(error.problems)
                continue
            document = read.with_data(_with_default_slug(read.data, path))
            try:
                item = structure(document.data, cl)
            except DataError as error:
                problems.extend(_locate(error, document, str(path)).problems)
                continue
            sources.items[section].append((path, document))
            loaded[section].append(item)
    if problems or programme is None:
        raise DataError(problems)
    try:
        return model.Catalogue(
            programme=programme,
            organisations=organisations,
            events=loaded["events"],
            proposals=loaded["proposals"],
        )
    except DataError as error:
        raise DataError(sources.trace(problem) for problem in error.problems) from None


def dump_catalogue(
    catalogue: model.Catalogue, folder: Path, *, front_matter: FrontMatter = "yaml"
) -> None:
    """Write ``catalogue`` as a folder: the programme file, then a page per event and proposal."""
    data = unstructure(catalogue.programme)
    if catalogue.organisations:
        data["organisations"] = unstructure(catalogue.organisations)
    write_atomically(folder / f"{PROGRAMME_STEM}.yaml", FORMATS["yaml"].render(data))
    for section, items in (("events", catalogue.events), ("proposals", catalogue.proposals)):
        for item in items:
            write_atomically(
                folder / section / f"{item.slug}.md",
                dumps(item, "markdown", front_matter=front_matter),
            )
