"""The checks behind ``ideation validate``: every problem of every file, and unknown keys."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

from ideation import model
from ideation._io import read_text
from ideation.convert import model_fields
from ideation.errors import DataError, Problem
from ideation.formats import (
    catalogue_files,
    format_for,
    is_catalogue_folder,
    is_data_file,
    is_programme_file,
    load,
    load_programme_file,
)


@attrs.frozen
class Report:
    """What a validation found: how many files were read, and every problem in them."""

    files: int
    problems: tuple[Problem, ...]


def unknown_keys(obj: object, path: str = "$") -> Iterator[tuple[str, str]]:
    """The path and name of every key in ``obj`` (and the objects in it) the model does not know."""
    # A contact's other keys (a chat handle, an office) are its documented way to hold any
    # means of reaching someone, not misspellings.
    if not isinstance(obj, model.Contact):
        for key in getattr(obj, "extra", {}):
            yield f"{path}.{key}", key
    for field in model_fields(type(obj)).values():
        value = getattr(obj, field.name)
        if attrs.has(type(value)):
            yield from unknown_keys(value, f"{path}.{field.name}")
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                if attrs.has(type(item)):
                    yield from unknown_keys(item, f"{path}.{field.name}[{index}]")


#: What ``--type`` names: the kinds a lone data file can describe.
TYPES: dict[str, type[Any]] = {
    "event": model.Event,
    "proposal": model.Proposal,
    "programme": model.Programme,
    "catalogue": model.Catalogue,
    "candidate": model.Candidate,
}


def load_file(file: Path, kind: type[Any] | None = None) -> Any:
    """Load a file or folder as the loader would, knowing more of what a file holds.

    A ``programme.yaml`` (or ``.json``, ``.toml``) holds a programme and its organisations,
    read as a catalogue without events, so that references between them are checked too.
    ``kind`` says what any other file describes, where its folder and keys do not tell.
    """
    if file.is_file() and is_programme_file(file):
        return load_programme_file(file)
    return load(file) if kind is None or file.is_dir() else load(file, kind)


def _unknown_key_problems(file: Path, kind: type[Any] | None = None) -> list[Problem]:
    """The unknown keys of one file; nothing if the file has other problems (reported apart)."""
    try:
        document = format_for(file).parse(read_text(file), str(file))
        loaded = load_file(file, kind)
    except DataError:
        return []
    if isinstance(loaded, model.Catalogue) and is_programme_file(file):
        # A programme file: the programme's keys are at the top, its organisations below.
        found = list(unknown_keys(loaded.programme))
        for index, organisation in enumerate(loaded.organisations):
            found.extend(unknown_keys(organisation, f"$.organisations[{index}]"))
    else:
        found = list(unknown_keys(loaded))
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


def _check_one(path: Path, *, strict: bool, kind: type[Any] | None) -> tuple[int, list[Problem]]:
    problems: list[Problem] = []
    if not path.exists():
        return 0, [Problem(message="no such file or folder", file=str(path))]
    if is_catalogue_folder(path):
        # Read as the library and the Sphinx extension read it: the same rules and messages.
        files = catalogue_files(path)
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
        files = sorted(file for file in path.rglob("*") if is_data_file(file))
        if not files:
            return 0, [Problem(message="no data files found in this folder", file=str(path))]
    else:
        files = [path]
    for file in files:
        try:
            load_file(file, kind)
        except DataError as error:
            problems.extend(error.problems)
        else:
            if strict:
                problems.extend(_unknown_key_problems(file, kind))
    return len(files), problems


def check_paths(
    paths: Iterable[Path], *, strict: bool = False, kind: type[Any] | None = None
) -> Report:
    """Validate catalogue folders, folders of data files and single files; report every problem.

    ``kind`` (a model class) says what the files outside a catalogue folder describe.
    """
    count = 0
    problems: list[Problem] = []
    for path in paths:
        files, found = _check_one(path, strict=strict, kind=kind)
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
