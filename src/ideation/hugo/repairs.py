"""One page of an events or proposals section, read and repaired into plain data for the model.

Real sites are messy, and pages are read as Hugo reads them: keys in any case and with spaces
around them, empty values left out, a list where one text was expected joined, a
comma-separated text where a list was expected split, dates quoted or bare. Every repair is
noted, with its line, for the report.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from ideation import model
from ideation.errors import DataError, Problem, UsageError
from ideation.formats._document import Document
from ideation.formats._files import read_text

from .dates import PRECISION_KEY, read_date
from .extract import slugify
from .page import HUGO_DESCRIPTION, Page, plain, split_page
from .report import Extracted, Note, PageEntry

__all__ = [
    "DEFAULT_KEY_MAP",
    "Candidate",
    "check_key_map",
    "failed",
    "field_types",
    "in_order",
    "read_page",
]

DEFAULT_KEY_MAP: Mapping[str, str] = {
    "responsible": "lead",
    "github": "repository",
    "wordcloud": "tags",
}
# Fields given in a page's front matter as one comma-separated text rather than a list.
_COMMA_LISTS = frozenset({"tags", "technical_domains", "wanted_profiles"})


@attrs.define
class Candidate:
    """A page of an events or proposals section, on its way to becoming an object."""

    path: Path
    file: str
    kind: type[model.Event] | type[model.Proposal]
    slug_from_path: str
    notes: list[Note] = attrs.field(factory=list)
    page: Page | None = None
    data: dict[str, Any] = attrs.field(factory=dict)
    lines: dict[str, int] = attrs.field(factory=dict)
    extracted: list[Extracted] = attrs.field(factory=list)
    organisations: list[dict[str, Any]] = attrs.field(factory=list)
    #: Why the page is an event or a proposal, for the report.
    reason: str = ""
    #: The precision of a page date given as a year or a month only.
    precision: str | None = None

    def line_of(self, path: str) -> int | None:
        document = Document(self.data, self.lines)
        return document.line_of(path)


def field_types(cl: type[Any]) -> dict[str, Any]:
    """The fields of ``cl`` a front matter may set, with their types."""
    attrs.resolve_types(cl)
    return {f.name: f.type for f in attrs.fields(cl) if f.init and f.name != "extra"}


def _is_text_list(tp: Any) -> bool:
    return typing.get_origin(tp) is tuple and typing.get_args(tp)[:1] == (str,)


def _is_text(tp: Any) -> bool:
    return tp is str or (
        typing.get_origin(tp) in (typing.Union, types.UnionType)
        and set(typing.get_args(tp)) == {str, type(None)}
    )


def _scalar_text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _repair(key: str, value: Any, tp: Any, line: int | None, notes: list[Note]) -> tuple[bool, Any]:
    """A front-matter value as the model's field wants it; ``(False, _)`` to leave it out."""
    if value is None or value == "" or value == []:
        notes.append(Note(message=f"{key}: empty, left out", line=line))
        return False, None
    if _is_text(tp) and isinstance(value, list) and value:
        texts = [_scalar_text(item) for item in value]
        if all(text is not None for text in texts):
            joined = ", ".join(t for t in texts if t is not None)
            notes.append(
                Note(
                    message=f"{key}: a list where one text was expected, joined as {joined!r}",
                    line=line,
                )
            )
            return True, joined
    if _is_text_list(tp) and isinstance(value, str | int | float) and not isinstance(value, bool):
        text = str(value)
        if key in _COMMA_LISTS:
            items = [item.strip() for item in text.split(",") if item.strip()]
            notes.append(
                Note(
                    message=f"{key}: one text where a list was expected, split on commas into "
                    f"{len(items)} items",
                    line=line,
                )
            )
        else:
            items = [text.strip()]
            notes.append(
                Note(
                    message=f"{key}: one text where a list was expected, read as a list of one",
                    line=line,
                )
            )
        return (True, items) if items else (False, None)
    if _is_text_list(tp) and isinstance(value, list):
        repaired = [
            _scalar_text(item) if _scalar_text(item) is not None else item for item in value
        ]
        kept = [
            item.strip() if isinstance(item, str) else item
            for item in repaired
            if item not in (None, "")
        ]
        if len(kept) != len(value):
            notes.append(
                Note(message=f"{key}: {len(value) - len(kept)} empty items left out", line=line)
            )
        return (True, kept) if kept else (False, None)
    if _is_text(tp) and isinstance(value, str) and value != value.strip():
        return True, value.strip()
    return True, value


def _date(key: str, value: Any, line: int | None, candidate: Candidate) -> Any:
    """A date as Hugo sites write it (a year, a month, words) as a day; see :mod:`.dates`."""
    read = read_date(value)
    if read is None:
        return value
    day, precision = read
    if precision == "day":
        message = f"{key}: {value!r} read as {day.isoformat()}"
    elif key != "date":
        # Only the page's own date keeps a precision; a start or an end needs a day.
        return value
    else:
        message = (
            f"date: {value!r} is a {precision} only, read as its first day, {day.isoformat()}; "
            f"{PRECISION_KEY}: {precision} keeps it, and the export writes {value!r} back"
        )
        candidate.precision = precision
    candidate.notes.append(Note(message=message, line=line))
    return day


def _location(value: Any, line: int | None, notes: list[Note]) -> Any:
    """A location given as one text (``Zoom``, ``BercyLab, Paris``, a URL), as the model's
    mapping; themes such as Wowchemy write it so."""
    if not isinstance(value, str) or not value.strip():
        return value
    text = value.strip()
    if re.match(r"https?://", text):
        notes.append(Note(message="location: a URL, read as the online place's url", line=line))
        return {"url": text}
    notes.append(Note(message="location: one text, read as the place's name", line=line))
    return {"name": text}


def _front_matter(candidate: Candidate, key_map: Mapping[str, str]) -> None:
    """The page's front matter, keys mapped and values repaired, in ``candidate.data``."""
    page = candidate.page
    assert page is not None
    assert page.front is not None
    raw = page.front.data
    fields = field_types(candidate.kind)
    data: dict[str, Any] = {}
    lines: dict[str, int] = {}
    kind_name = candidate.kind.__name__.lower()
    for original, value in raw.items():
        line = page.front.line_of(f"$.{original}")
        key = str(original).strip().lower()
        if key != original:
            # Hugo reads front-matter keys whatever their case.
            candidate.notes.append(
                Note(message=f"key {str(original)!r} read as {key!r}", line=line)
            )
        if key in key_map:
            target = key_map[key]
            if target in fields:
                candidate.notes.append(
                    Note(message=f"{key} read as the {kind_name}'s {target}", line=line)
                )
                key = target
        elif key == "description" and key not in key_map:
            if "summary" not in raw and isinstance(value, str) and value.strip():
                candidate.notes.append(
                    Note(
                        message="description (Hugo's meta description) read as the summary",
                        line=line,
                    )
                )
                key = "summary"
            else:
                candidate.notes.append(
                    Note(
                        message="description (Hugo's meta description) kept as "
                        f"{HUGO_DESCRIPTION}: the body is the description",
                        line=line,
                    )
                )
                key = HUGO_DESCRIPTION
        if key == "location" and candidate.kind is model.Event:
            value = _location(value, line, candidate.notes)
        if key in ("date", "start", "end") and candidate.kind is model.Event:
            value = _date(key, value, line, candidate)
        if key in fields:
            keep, value = _repair(key, value, fields[key], line, candidate.notes)
            if not keep:
                continue
        if key in data:
            if (
                _is_text_list(fields.get(key))
                and isinstance(data[key], list)
                and isinstance(value, list)
            ):
                data[key] = data[key] + [v for v in value if v not in data[key]]
                candidate.notes.append(
                    Note(message=f"{str(original)!r} merged into {key}", line=line)
                )
                continue
            candidate.notes.append(
                Note(
                    message=f"{key} given twice: {str(original)!r} kept under its own name",
                    line=line,
                )
            )
            key = str(original)
        data[key] = plain(value)
        if line is not None:
            lines[f"$.{key}"] = line
        for path, number in page.front.lines.items():
            if path.startswith((f"$.{original}.", f"$.{original}[")):
                lines[f"$.{key}" + path[len(f"$.{original}") :]] = number + page.front.offset
    if candidate.precision is not None and PRECISION_KEY not in data:
        data[PRECISION_KEY] = candidate.precision
    candidate.data, candidate.lines = data, lines


def _slug(candidate: Candidate) -> None:
    data = candidate.data
    given = data.get("slug")
    line = candidate.line_of("$.slug") if "slug" in data else 1
    source = (
        str(given)
        if isinstance(given, str | int) and str(given).strip()
        else candidate.slug_from_path
    )
    made = slugify(source)
    if not made:
        return
    if made != source:
        where = "slug" if "slug" in data else "file name"
        candidate.notes.append(
            Note(message=f"{where} {source!r} gives the slug {made!r}", line=line)
        )
    data["slug"] = made
    if "slug" not in candidate.lines and line is not None:
        candidate.lines["$.slug"] = line


_DATED_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def _date_from_name(candidate: Candidate) -> None:
    if (
        candidate.kind is model.Event
        and "date" not in candidate.data
        and "start" not in candidate.data
    ):
        match = _DATED_NAME.match(candidate.path.stem)
        if match:
            try:
                day = dt.date.fromisoformat(match[1])
            except ValueError:
                return
            candidate.data["date"] = day
            candidate.notes.append(
                Note(
                    message=f"no date in the front matter: {day.isoformat()} taken from the "
                    "file name"
                )
            )


def in_order(notes: Iterable[Note]) -> tuple[Note, ...]:
    """Notes by line; those about the whole page last."""
    return tuple(sorted(notes, key=lambda note: (note.line is None, note.line or 0)))


def failed(candidate: Candidate, problems: Iterable[Problem]) -> PageEntry:
    located = [
        Problem(
            message=p.message,
            path=p.path,
            file=candidate.file,
            line=p.line if p.line is not None else candidate.line_of(p.path),
        )
        for p in problems
    ]
    first = next((p.line for p in located if p.line is not None), 1)
    reason = "; ".join(p.message if p.path == "$" else f"{p.path}: {p.message}" for p in located)
    return PageEntry(
        file=candidate.file,
        outcome="failed",
        reason=reason,
        line=first,
        notes=in_order(candidate.notes),
        extracted=tuple(candidate.extracted),
        problems=tuple(located),
    )


def read_page(candidate: Candidate, key_map: Mapping[str, str]) -> PageEntry | None:
    """Read and normalise a candidate page; a :class:`PageEntry` if it failed already."""
    try:
        text = read_text(candidate.path)
        candidate.page = split_page(text, candidate.file)
    except DataError as error:
        return failed(candidate, error.problems)
    page = candidate.page
    for line, message in page.repairs:
        candidate.notes.append(Note(message=message, line=line))
    if page.leading_blank:
        candidate.notes.append(
            Note(
                message=f"{page.leading_blank} blank lines before the front matter ignored", line=1
            )
        )
    if page.front is None:
        return failed(
            candidate,
            [
                Problem(
                    message="no front matter: a page needs at least a title (and an event a "
                    "date) between --- lines",
                    line=1,
                )
            ],
        )
    if not isinstance(page.front.data, dict):
        return failed(
            candidate,
            [
                Problem(
                    message="expected the front matter to be a mapping of keys to values",
                    line=page.body_line,
                )
            ],
        )
    if text and not text.endswith("\n"):
        candidate.notes.append(
            Note(message="no final newline (harmless)", line=text.count("\n") + 1)
        )
    _front_matter(candidate, key_map)
    _slug(candidate)
    _date_from_name(candidate)
    return None


def check_key_map(key_map: Mapping[str, str]) -> dict[str, str]:
    known = set(field_types(model.Event)) | set(field_types(model.Proposal))
    checked: dict[str, str] = {}
    for key, field in key_map.items():
        if field not in known:
            raise UsageError(
                f"key map: {key!r} is mapped to {field!r}, which is not a field of an event or a "
                f"proposal (known: {', '.join(sorted(known))})"
            )
        checked[key.strip().lower()] = field
    return checked
