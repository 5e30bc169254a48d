"""What every format module hands back: plain data, and where each piece of it stands."""

from __future__ import annotations

import base64
import re
import sys
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from typing import Any, Literal, Protocol, TypeVar

from ..errors import DataError, Problem
from ..model import PlainValue

T = TypeVar("T")

_LAST_STEP = re.compile(r"(\.[^.\[]+|\[\d+\])$")

#: How deeply lists and mappings may nest in a data file, in every format and under every key,
#: known or unknown. The model needs about ten levels; every tool that walks the data
#: afterwards (the writers, the Hugo export, Sphinx's pickling of its environment) recurses
#: once or more per level, and this keeps them all far from Python's recursion limit, so that
#: what ``validate`` accepts every command can handle.
MAX_DEPTH = 50

_LONG_NUMBER = re.compile(rf"\d{{{sys.get_int_max_str_digits() + 1},}}")
_BRACKETS = re.compile(r'"(?:[^"\\\n]|\\.)*"|[\[\]{}]')


_OBJECT_LISTS = ("$.events[", "$.proposals[", "$.organisations[")


def depth_of(path: str, parent_depth: int) -> int:
    """The depth of the value at ``path``, whose parent is ``parent_depth`` levels deep.

    Depth counts from the object a value belongs to: the root of the file, or, in a catalogue
    or programme file, its ``programme`` and each item of its ``events``, ``proposals`` and
    ``organisations``. So an event holds as deep a value in a catalogue file as in its own
    page, and converting between the two never makes data too deep.
    """
    if path == "$.programme":
        return 1
    for prefix in _OBJECT_LISTS:
        if path.startswith(prefix) and path.endswith("]") and path[len(prefix) : -1].isdigit():
            return 1
    return parent_depth + 1


def too_deep(data: PlainValue) -> str | None:
    """The path of the first value of ``data`` nested deeper than :data:`MAX_DEPTH`, if any."""
    # A walk with a stack, not recursion: the data may be too deep to recurse into.
    stack: list[tuple[PlainValue, str, int]] = [(data, "$", 1)]
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, dict | list) and depth > MAX_DEPTH:
            return path
        if isinstance(value, dict):
            children = [(item, f"{path}.{key}") for key, item in value.items()]
        elif isinstance(value, list):
            children = [(item, f"{path}[{index}]") for index, item in enumerate(value)]
        else:
            continue
        stack.extend((item, child, depth_of(child, depth)) for item, child in children)
    return None


def deep_bracket_line(text: str) -> int | None:
    """The line of the first bracket that opens a level deeper than :data:`MAX_DEPTH`.

    For a text too deep for its parser to return at all (JSON, or YAML's flow style): the
    brackets are counted, skipping double-quoted strings.
    """
    depth = 0
    for match in _BRACKETS.finditer(text):
        token = match[0]
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return text.count("\n", 0, match.start()) + 1
        elif token in "]}":
            depth -= 1
    return None


def number_problem(text: str, file: str | None, format: str) -> Problem:
    """The problem of a number too long for Python to read (more than 4300 digits)."""
    found = _LONG_NUMBER.search(text)
    return Problem(
        message=f"not valid {format}: a number has more than {sys.get_int_max_str_digits()} digits",
        file=file,
        line=text.count("\n", 0, found.start()) + 1 if found else None,
    )


def check_limits(document: Document, file: str | None, format: str) -> Document:
    """``document``, or a :class:`DataError` if it nests deeper than :data:`MAX_DEPTH`."""
    path = too_deep(document.data)
    if path is None:
        return document
    raise DataError(
        [
            Problem(
                message=f"refused: the {format} is nested more than {MAX_DEPTH} levels deep",
                path=path,
                file=file,
                line=document.line_of(path),
            )
        ]
    )


#: The control characters refused in text: those of C0 but tab, line feed and carriage return.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def control_problem(character: str, path: str, file: str | None, line: int | None) -> Problem:
    """The problem of a control character in the text at ``path``."""
    return Problem(
        message=f"the control character U+{ord(character):04X} is not allowed in text "
        "(tab and line breaks are the only ones that are)",
        path=path,
        file=file,
        line=line,
    )


def shown_key(key: object) -> str:
    """A key as a path shows it: its control characters written as escapes."""
    return CONTROL.sub(lambda found: f"\\u{ord(found[0]):04x}", str(key))


def check_controls(document: Document, file: str | None) -> Document:
    """``document``, or a :class:`DataError` naming every text (keys too) with a control
    character that is not a tab or a line break: a NUL byte or an escape sequence in a value
    reaches terminals, HTML and other tools' files, which read it each their own way.

    A format whose text cannot hold one as it is (YAML, TOML and JSON refuse them but through
    escapes, which start with a backslash) need not call this for a text without one.
    """
    problems = []
    stack: list[tuple[PlainValue, str, str]] = [(document.data, "$", "$")]
    while stack:
        value, path, shown = stack.pop()
        if isinstance(value, str):
            if found := CONTROL.search(value):
                problems.append(control_problem(found[0], shown, file, document.line_of(path)))
        elif isinstance(value, dict):
            children = []
            for key, item in value.items():
                child, child_shown = f"{path}.{key}", f"{shown}.{shown_key(key)}"
                if isinstance(key, str) and (found := CONTROL.search(key)):
                    line = document.line_of(child)
                    problems.append(control_problem(found[0], child_shown, file, line))
                children.append((item, child, child_shown))
            stack.extend(reversed(children))
        elif isinstance(value, list):
            stack.extend(
                (item, f"{path}[{index}]", f"{shown}[{index}]")
                for index, item in reversed(list(enumerate(value)))
            )
    if problems:
        raise DataError(sorted(problems, key=lambda problem: problem.line or 0))
    return document


def parent_path(path: str) -> str | None:
    """``$.a.b[2]`` -> ``$.a.b`` -> ``$.a`` -> ``$`` -> ``None``."""
    if path == "$":
        return None
    shorter = _LAST_STEP.sub("", path)
    return shorter if shorter != path else "$"


def set_order(value: AbstractSet[T]) -> list[T]:
    """The items of a set in the order every format writes them: one that does not change from
    run to run, as a set's own order does (with ``PYTHONHASHSEED``)."""
    return sorted(value, key=repr)


def yaml_only(value: object) -> object:
    """A value only YAML has (``!!set``, ``!!binary``), as formats without it can write it.

    Unknown keys are kept as they were read, so a YAML file can hand them to a JSON or TOML
    file: a set becomes a sorted list, bytes become their Base64 text (YAML's own spelling).
    Other values are returned unchanged.
    """
    if isinstance(value, set | frozenset):
        return set_order(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value


class Document:
    """A parsed data file: its plain ``data``, and the line of each JSON path in it.

    ``lines`` is a table from JSON path to line, or a function that makes the table: formats
    whose parser does not tell lines (JSON, TOML) find them only when a problem needs them, so
    that loading good files costs one parse.
    """

    __slots__ = ("_lines", "data", "offset")

    def __init__(
        self,
        data: Any,
        lines: dict[str, int] | Callable[[], dict[str, int]] | None = None,
        offset: int = 0,
    ) -> None:
        self.data = data
        self._lines = lines if lines is not None else {}
        self.offset = offset

    @property
    def lines(self) -> dict[str, int]:
        """The table from JSON path to line, counted in the parsed text."""
        if callable(self._lines):
            self._lines = self._lines()
        return self._lines

    def line_of(self, path: str) -> int | None:
        """The line of ``path`` in the file, or of its nearest parent whose line is known.

        A path whose own line is not known but whose values' lines are (a TOML dotted key,
        ``a.b.c = 1``, names its tables only through its last value) has the first of those.
        """
        if path not in self.lines:
            below = [
                line
                for known, line in self.lines.items()
                if known.startswith(path) and known[len(path) : len(path) + 1] in (".", "[")
            ]
            if below:
                return min(below) + self.offset
        current: str | None = path
        while current is not None:
            if current in self.lines:
                return self.lines[current] + self.offset
            current = parent_path(current)
        return None

    def shifted(self, offset: int) -> Document:
        """The same document, its lines counted from ``offset`` lines further down a file."""
        return Document(self.data, self._lines, self.offset + offset)

    def with_data(self, data: Any) -> Document:
        """The same document holding ``data`` (a copy with defaults filled in, say)."""
        return Document(data, self._lines, self.offset)


#: The syntax of a page's front matter.
FrontMatter = Literal["yaml", "toml", "json"]


class Format(Protocol):
    """What each format module (``json``, ``yaml``, ``toml``, ``markdown``) provides.

    The modules are the implementations: ``FORMATS`` maps each name to its module, and the
    loader and writers go through these names only, with no case per format.
    """

    #: The name ``loads`` and ``dumps`` take (``"yaml"``).
    NAME: str
    #: The file suffixes of the format, lower case, with their dot.
    SUFFIXES: tuple[str, ...]
    #: Whether the format writes dates and date-times as values of their own (YAML, TOML)
    #: rather than as ISO 8601 text (JSON).
    NATIVE_DATES: bool

    def parse(self, text: str, file: str | None = None) -> Document:
        """The data of ``text``, with the line of each path.

        Raise :class:`~ideation.errors.DataError` for text that is not valid.
        """
        ...

    def render(
        self, data: PlainValue | Mapping[str, PlainValue], *, front_matter: FrontMatter = "yaml"
    ) -> str:
        """The text for plain ``data``; ``front_matter`` is the syntax of a page's head."""
        ...


# Documented where users import them from.
Format.__module__ = Document.__module__ = "ideation.formats"
