"""Reading and writing model objects in JSON, YAML, TOML and Markdown with front matter.

Each format has a module with the same few names (``NAME``, ``SUFFIXES``, ``parse``,
``render``), as ``cattrs.preconf`` has; this module dispatches between them, by name or by file
suffix, and turns plain data into model objects with :mod:`ideation.convert`.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar, overload

from .. import model
from ..convert import structure, unstructure
from ..errors import DataError, Problem, UsageError
from . import json, markdown, toml, yaml
from ._document import Document
from ._files import read_text, write_atomically
from .markdown import FrontMatter

__all__ = [
    "FORMATS",
    "CatalogueSources",
    "Loadable",
    "catalogue_files",
    "dump",
    "dumps",
    "format_for",
    "load",
    "load_with_sources",
    "loads",
]

T = TypeVar("T")

#: The format modules, by name.
FORMATS: dict[str, ModuleType] = {module.NAME: module for module in (json, yaml, toml, markdown)}

#: The classes that a data file can describe on its own.
Loadable = model.Catalogue | model.Event | model.Proposal | model.Programme | model.Organisation

_FOLDERS = {"events": model.Event, "proposals": model.Proposal, "candidates": model.Candidate}
_EVENT_KEYS = {
    "sessions",
    "attendance",
    "start",
    "end",
    "location",
    "timezone",
    "organisers",
    "outcomes",
}
_PROPOSAL_KEYS = {
    "status",
    "history",
    "lead",
    "repository",
    "sponsors",
    "use_cases",
    "wanted_profiles",
    "technical_domains",
    "problem",
}
_DATA_SUFFIXES = tuple(suffix for module in FORMATS.values() for suffix in module.SUFFIXES)


def format_for(path: str | Path) -> ModuleType:
    """The format module for a file, told by its suffix (``.md``, ``.yaml``, ``.toml``...)."""
    suffix = Path(path).suffix.lower()
    for module in FORMATS.values():
        if suffix in module.SUFFIXES:
            return module
    known = ", ".join(_DATA_SUFFIXES)
    raise UsageError(f"{path}: cannot tell the format from the suffix {suffix!r} (known: {known})")


def _module(format: str) -> ModuleType:
    try:
        return FORMATS[format]
    except KeyError:
        raise UsageError(
            f"unknown format {format!r}; expected one of {', '.join(FORMATS)}"
        ) from None


def _locate(error: DataError, document: Document, file: str | None, prefix: str = "$") -> DataError:
    """Give each problem its file and line, from the document its path (below ``prefix``) is in."""
    problems = []
    for problem in error.problems:
        relative = (
            "$" + problem.path[len(prefix) :] if problem.path.startswith(prefix) else problem.path
        )
        problems.append(
            Problem(
                message=problem.message,
                path=relative,
                file=problem.file or file,
                line=problem.line if problem.line is not None else document.line_of(relative),
            )
        )
    return DataError(problems)


def _build(document: Document, cl: type[T], file: str | None) -> T:
    try:
        return structure(document.data, cl)
    except DataError as error:
        raise _locate(error, document, file) from None


def loads(text: str, type: type[T], format: str = "yaml", *, file: str | None = None) -> T:
    """Read a ``type`` (``Event``, ``Proposal``, ``Catalogue``...) from ``text`` in ``format``.

    Raise :class:`~ideation.errors.DataError` listing every problem, each with ``file`` (as
    given), its line and its JSON path.
    """
    document = _module(format).parse(text, file)
    return _build(document, type, file)


def dumps(obj: object, format: str = "yaml", *, front_matter: FrontMatter = "yaml") -> str:
    """Write ``obj`` as text in ``format``: keys in the model's order, defaults left out.

    For ``markdown``, the description becomes the page's body and everything else its front
    matter, in YAML unless ``front_matter`` says ``toml`` or ``json``.
    """
    module = _module(format)
    data = unstructure(obj, native_dates=module is not json)
    if module is markdown:
        return markdown.render(data, front_matter)
    return module.render(data)  # type: ignore[no-any-return]


# -- files and folders -----------------------------------------------------------------------


def _read(path: Path) -> Document:
    return format_for(path).parse(read_text(path), str(path))  # type: ignore[no-any-return]


def _guess_type(path: Path, data: Any) -> type[Any]:
    # A catalogue file nests the programme; a programme file is the programme itself.
    if isinstance(data, dict) and isinstance(data.get("programme"), dict):
        return model.Catalogue
    if path.parent.name in _FOLDERS:
        return _FOLDERS[path.parent.name]
    if isinstance(data, dict):
        keys = set(data)
        if keys & _EVENT_KEYS and not keys & _PROPOSAL_KEYS:
            return model.Event
        if keys & _PROPOSAL_KEYS and not keys & _EVENT_KEYS:
            return model.Proposal
        if "phases" in keys:
            return model.Programme
    raise DataError(
        [
            Problem(
                file=str(path),
                message="cannot tell whether this file describes an event, a proposal or a "
                "catalogue: put it in an events/ or proposals/ folder, or pass type=",
            )
        ]
    )


def _with_default_slug(data: Any, path: Path) -> Any:
    # A page's slug is its file name unless it says otherwise, as in Hugo.
    if isinstance(data, dict) and "slug" not in data:
        return {"slug": path.stem, **data}
    return data


@overload
def load(path: str | Path) -> Loadable: ...
@overload
def load(path: str | Path, type: type[T]) -> T: ...
def load(path: str | Path, type: type[Any] | None = None) -> Any:
    """Read a catalogue folder, a catalogue file, or one event, proposal or programme file.

    The format is told by the file suffix. What the file describes is told by ``type``, else
    by the file: a ``kind`` key, the folder it is in (``events/``, ``proposals/``) or the keys it
    has. Raise :class:`~ideation.errors.DataError` listing every problem found.
    """
    path = Path(path)
    if path.is_dir():
        if type not in (None, model.Catalogue):
            raise UsageError(f"{path} is a folder, which holds a catalogue, not a {type.__name__}")
        from ._catalogue import load_catalogue

        return load_catalogue(path)
    document = _read(path)
    cl = type or _guess_type(path, document.data)
    if cl in (model.Event, model.Proposal, model.Organisation, model.Programme):
        document = document.with_data(_with_default_slug(document.data, path))
    return _build(document, cl, str(path))


def dump(obj: object, path: str | Path, *, front_matter: FrontMatter = "yaml") -> Path:
    """Write ``obj`` to ``path`` atomically, in the format its suffix names; return the path.

    A :class:`~ideation.Catalogue` written to a path with no suffix becomes a catalogue folder:
    ``programme.yaml`` with the programme and organisations, ``events/SLUG.md`` and
    ``proposals/SLUG.md``.
    """
    path = Path(path)
    if isinstance(obj, model.Catalogue) and not path.suffix:
        from ._catalogue import dump_catalogue

        dump_catalogue(obj, path, front_matter=front_matter)
        return path
    write_atomically(path, dumps(obj, format_for(path).NAME, front_matter=front_matter))
    return path


# Imported last: the folder loader builds on the functions above.
from ._catalogue import CatalogueSources, catalogue_files, load_with_sources  # noqa: E402
