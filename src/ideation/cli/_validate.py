"""``ideation validate``: every problem of every file, and unknown keys with ``--strict``."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

from ideation import model
from ideation.convert import structure
from ideation.errors import DataError, Problem
from ideation.formats import FORMATS, format_for, load
from ideation.formats._catalogue import PROGRAMME_STEM
from ideation.formats._files import read_text

__all__ = ["Report", "check_paths", "load_file", "render", "unknown_keys"]

# What a file in a folder of these names describes, as the catalogue loader reads them.
_FOLDER_TYPES: dict[str, type[Any]] = {"events": model.Event, "proposals": model.Proposal}
_SUFFIXES = frozenset(suffix for module in FORMATS.values() for suffix in module.SUFFIXES)
_PROGRAMME_FILES = tuple(
    f"{PROGRAMME_STEM}{suffix}"
    for name in ("yaml", "json", "toml")
    for suffix in FORMATS[name].SUFFIXES
)


@attrs.frozen
class Report:
    """What a validation found: how many files were read, and every problem in them."""

    files: int
    problems: tuple[Problem, ...]


def _is_data_file(path: Path) -> bool:
    return (
        path.is_file() and path.suffix.lower() in _SUFFIXES and not path.name.startswith((".", "_"))
    )


def _programme_file(folder: Path) -> Path | None:
    found = [folder / name for name in _PROGRAMME_FILES if (folder / name).is_file()]
    return found[0] if found else None


def _catalogue_files(folder: Path) -> list[Path]:
    # The files the catalogue loader reads, in its order.
    files = [path for name in _PROGRAMME_FILES if (path := folder / name).is_file()]
    for section in ("events", "proposals"):
        if (folder / section).is_dir():
            files.extend(
                sorted(path for path in (folder / section).iterdir() if _is_data_file(path))
            )
    return files


def unknown_keys(obj: object, path: str = "$") -> Iterator[tuple[str, str]]:
    """The path and name of every key in ``obj`` (and the objects in it) the model does not know."""
    for key in getattr(obj, "extra", {}):
        yield f"{path}.{key}", key
    for field in attrs.fields(type(obj)):  # type: ignore[arg-type]
        if not field.init or field.name == "extra":
            continue
        value = getattr(obj, field.name)
        if attrs.has(type(value)):
            yield from unknown_keys(value, f"{path}.{field.name}")
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                if attrs.has(type(item)):
                    yield from unknown_keys(item, f"{path}.{field.name}[{index}]")


def _load_programme_file(file: Path) -> model.Catalogue:
    # A programme file holds the programme and its organisations: read them as a catalogue
    # without events, so that the organisers are checked against the organisations too.
    document = format_for(file).parse(read_text(file), str(file))
    data = document.data
    if not isinstance(data, dict):
        raise DataError(
            [Problem(message="expected a mapping of keys to values", file=str(file), line=1)]
        )
    programme = {key: value for key, value in data.items() if key != "organisations"}
    try:
        return structure(
            {"programme": programme, "organisations": data.get("organisations", [])},
            model.Catalogue,
        )
    except DataError as error:
        problems = []
        for problem in error.problems:
            path = problem.path
            if path.startswith("$.programme"):
                path = "$" + path[len("$.programme") :]
            problems.append(
                Problem(
                    message=problem.message, path=path, file=str(file), line=document.line_of(path)
                )
            )
        raise DataError(problems) from None


def load_file(file: Path) -> Any:
    """Load a file or folder as the loader would, knowing more of what a file holds.

    A file in an ``events/`` or ``proposals/`` folder is an event or a proposal; a
    ``programme.yaml`` (or ``.json``, ``.toml``) holds a programme and its organisations.
    """
    if file.is_file() and file.name in _PROGRAMME_FILES:
        return _load_programme_file(file)
    cl = _FOLDER_TYPES.get(file.parent.name)
    return load(file) if cl is None else load(file, cl)


def _unknown_key_problems(file: Path) -> list[Problem]:
    """The unknown keys of one file; nothing if the file has other problems (reported apart)."""
    try:
        document = format_for(file).parse(read_text(file), str(file))
        if file.name in _PROGRAMME_FILES and isinstance(document.data, dict):
            data = document.data
            found = list(
                unknown_keys(
                    structure(
                        {k: v for k, v in data.items() if k != "organisations"}, model.Programme
                    )
                )
            )
            organisations = structure(data.get("organisations", []), tuple[model.Organisation, ...])
            for index, organisation in enumerate(organisations):
                found.extend(unknown_keys(organisation, f"$.organisations[{index}]"))
        else:
            found = list(unknown_keys(load_file(file)))
    except DataError:
        return []
    return [
        Problem(
            message=f"unknown key {key!r}: kept and written back, but the model does not use it "
            "(a misspelt key?)",
            path=path,
            file=str(file),
            line=document.line_of(path),
        )
        for path, key in found
    ]


def _check_one(path: Path, *, strict: bool) -> tuple[int, list[Problem]]:
    problems: list[Problem] = []
    if not path.exists():
        return 0, [Problem(message="no such file or folder", file=str(path))]
    if path.is_dir() and _programme_file(path) is not None:
        files = _catalogue_files(path)
        try:
            load(path)
        except DataError as error:
            problems.extend(error.problems)
        if strict:
            for file in files:
                problems.extend(_unknown_key_problems(file))
        return len(files), problems
    if path.is_dir():
        # Not a catalogue: check every data file below it on its own.
        files = sorted(file for file in path.rglob("*") if _is_data_file(file))
        if not files:
            return 0, [Problem(message="no data files found in this folder", file=str(path))]
    else:
        files = [path]
    for file in files:
        try:
            load_file(file)
        except DataError as error:
            problems.extend(error.problems)
        else:
            if strict:
                problems.extend(_unknown_key_problems(file))
    return len(files), problems


def check_paths(paths: Iterable[Path], *, strict: bool = False) -> Report:
    """Validate catalogue folders, folders of data files and single files; report every problem."""
    count = 0
    problems: list[Problem] = []
    for path in paths:
        files, found = _check_one(path, strict=strict)
        count += files
        problems.extend(found)
    return Report(files=count, problems=tuple(problems))


def _github_escape(text: str, *, property: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def render(report: Report, format: str) -> str:
    """The problems of ``report`` as ``text``, ``json`` or ``github`` (workflow annotations)."""
    if format == "json":
        data: dict[str, Any] = {
            "valid": not report.problems,
            "files": report.files,
            "problems": [
                {"file": p.file, "line": p.line, "path": p.path, "message": p.message}
                for p in report.problems
            ],
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if format == "github":
        lines = []
        for problem in report.problems:
            where = [f"file={_github_escape(problem.file or '', property=True)}"]
            if problem.line is not None:
                where.append(f"line={problem.line}")
            where.append("title=ideation")
            lines.append(
                f"::error {','.join(where)}::{_github_escape(f'{problem.path}: {problem.message}')}"
            )
        return "".join(line + "\n" for line in lines)
    return "".join(f"{problem}\n" for problem in report.problems)
