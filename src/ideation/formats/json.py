"""JSON, with dates as ISO 8601 text."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Mapping
from typing import NoReturn

import attrs

from ..errors import DataError, Problem
from ..model import PlainMapping, PlainValue
from ._document import (
    MAX_DEPTH,
    Document,
    FrontMatter,
    check_controls,
    check_limits,
    deep_bracket_line,
    number_problem,
    set_order,
    yaml_only,
)
from .yaml import line_table
from .yaml import parse as yaml_parse

__all__ = [
    "NAME",
    "NATIVE_DATES",
    "SUFFIXES",
    "parse",
    "render",
]

NAME = "json"
SUFFIXES = (".json",)
NATIVE_DATES = False


class _Duplicate(ValueError):
    """A key given twice in one object (which ``json`` would let the last one win)."""


class _NotJson(ValueError):
    """``NaN``, ``Infinity`` or ``-Infinity``: Python's ``json`` reads them, JSON has none."""


def _no_constants(name: str) -> NoReturn:
    raise _NotJson(name)


# A string (skipped) or one of the names Python's json reads as numbers that JSON does not have.
_CONSTANT = re.compile(r'"(?:[^"\\\n]|\\.)*"|(-?Infinity|NaN)')


def _constant_problem(text: str, file: str | None, first_line: int, what: str) -> Problem:
    found = next((match for match in _CONSTANT.finditer(text) if match[1]), None)
    name = found[1] if found else "NaN"
    return Problem(
        message=f"not valid {what}: {name} is no JSON value (JSON has no NaN or infinity)",
        file=file,
        line=first_line + text.count("\n", 0, found.start()) + 1 if found else None,
    )


def _decoder() -> json.JSONDecoder:
    return json.JSONDecoder(object_pairs_hook=_no_duplicates, parse_constant=_no_constants)


def _no_duplicates(pairs: list[tuple[str, PlainValue]]) -> PlainMapping:
    data = dict(pairs)
    if len(data) != len(pairs):
        raise _Duplicate
    return data


def decode(
    text: str, file: str | None, *, first_line: int = 0, what: str = "JSON", whole: bool = True
) -> tuple[PlainValue, int]:
    """The value of JSON ``text``, or a :class:`~ideation.errors.DataError` with the line of
    each problem.

    Refused like YAML: a key given twice in an object (both lines named), and data nested more
    than :data:`~ideation.formats._document.MAX_DEPTH` levels. ``first_line`` counts the lines
    of the file before ``text``. Unless ``whole``, only the first JSON value of ``text`` is
    read (as in front matter), and where it ends is returned with it.
    """
    decoder = _decoder()
    try:
        data, end = decoder.raw_decode(text) if not whole else (decoder.decode(text), len(text))
    except json.JSONDecodeError as error:
        raise DataError(
            [
                Problem(
                    message=f"not valid {what}: {error.msg}",
                    file=file,
                    line=first_line + error.lineno,
                )
            ]
        ) from None
    except _Duplicate:
        raise _duplicates(text, file, first_line) from None
    except _NotJson:
        raise DataError([_constant_problem(text, file, first_line, what)]) from None
    except ValueError:  # after JSONDecodeError, which is one: an integer too long to read
        problem = number_problem(text, file, what)
        line = None if problem.line is None else problem.line + first_line
        raise DataError([attrs.evolve(problem, line=line)]) from None
    except RecursionError:
        line = deep_bracket_line(text)
        raise DataError(
            [
                Problem(
                    message=f"refused: the {what} is nested more than {MAX_DEPTH} levels deep",
                    file=file,
                    line=None if line is None else first_line + line,
                )
            ]
        ) from None
    document = check_limits(
        Document(data, lambda: line_table(text[:end])).shifted(first_line), file, what
    )
    if "\\" in text:  # a control character can only come from an escape ("\u0000")
        check_controls(document, file)
    return document.data, end


# The escapes of the control characters refused in text: \b, \f, \u0000 to \u001f.
_CONTROL_ESCAPE = re.compile(r"\\(?:[bf]|u00[01])")


def _control_escape(text: str) -> bool:
    """Whether JSON ``text`` escapes a control character. A match after an odd number of
    backslashes is none: "C:\\\\build" is an escaped backslash, then "build"."""
    for found in _CONTROL_ESCAPE.finditer(text):
        before = found.start()
        while before > 0 and text[before - 1] == "\\":
            before -= 1
        if (found.start() - before) % 2 == 0:
            return True
    return False


def decode_valid(text: str) -> tuple[bool, PlainValue]:
    """The value of JSON ``text`` if it has no problem: ``(True, value)``, else ``(False, None)``.

    The fast path of loading: no line table, no depth check (the structurer checks the depth of
    the only values that can nest freely, unknown keys'), and nothing kept of ``text``, so the
    caller can drop it before building objects. :func:`decode` tells what a problem is.
    """
    if "\\" in text and _control_escape(text):  # a backslash first: a search at memory speed
        return False, None  # maybe a control character, which the detailed path tells
    try:
        return True, _decoder().decode(text)
    except (ValueError, RecursionError):  # JSONDecodeError, _Duplicate, _NotJson too
        return False, None


# A \u escape of a UTF-16 surrogate, which JSON writes for characters past U+FFFF (two of them)
# and YAML refuses; an escape is one after an even number of backslashes.
_SURROGATE_PAIR = re.compile(
    r"(?<!\\)((?:\\\\)*)\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})"
)
_SURROGATE = re.compile(r"(?<!\\)((?:\\\\)*)\\u([dD][89a-fA-F][0-9a-fA-F]{2})")


def _pair(match: re.Match[str]) -> str:
    high, low = int(match[2], 16), int(match[3], 16)
    return f"{match[1]}\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08x}"


def _lone(match: re.Match[str]) -> str:
    # A private-use character of its own for each: keys stay as distinct as they were.
    return f"{match[1]}\\U{0xF0000 + int(match[2], 16) - 0xD800:08x}"


def _yaml_readable(text: str) -> str:
    """``text`` with the JSON escapes YAML refuses written as YAML reads them, on the same
    lines: only to find where the keys given twice are."""
    if "\\u" not in text:
        return text
    return _SURROGATE.sub(_lone, _SURROGATE_PAIR.sub(_pair, text))


def _duplicates(text: str, file: str | None, first_line: int) -> DataError:
    # JSON is (nearly) YAML, whose composer knows the line of every key: it finds them.
    try:
        _, end = json.JSONDecoder().raw_decode(text)  # where the value ends, in front matter
        yaml_parse(_yaml_readable(text[:end]), file)
    except DataError as error:
        duplicates = [p for p in error.problems if "is given twice" in p.message]
        if duplicates:
            return DataError(
                attrs.evolve(p, line=None if p.line is None else p.line + first_line)
                for p in duplicates
            )
    return DataError.single("a key is given twice in an object", file=file)


def parse(text: str, file: str | None = None) -> Document:
    """Read JSON text; a syntax error is a :class:`~ideation.errors.DataError` with its line."""
    data, _ = decode(text, file)
    # JSON is (nearly) a subset of YAML, whose composer knows where each value stands; where it
    # disagrees, problems are reported without a line rather than with a wrong one.
    return Document(data, lambda: line_table(text))


def _default(value: object) -> object:
    # Unknown keys are kept as they were read; a YAML or TOML file may have given them dates.
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    portable = yaml_only(value)
    if portable is not value:
        return portable
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_text(data: PlainValue | Mapping[str, PlainValue], *, indent: int | None = 2) -> str:
    """JSON text for plain ``data``, UTF-8 as is; what only YAML or TOML hold is written as
    :func:`render` writes it.

    A number JSON has no way to write (NaN or an infinity, which YAML's ``.nan`` and ``.inf``
    and TOML's ``nan`` and ``inf`` give) is a :class:`~ideation.errors.DataError` naming the
    path of each, rather than the ``NaN`` or ``Infinity`` Python would write and no other JSON
    reader reads.
    """
    try:
        return json.dumps(
            data, indent=indent, ensure_ascii=False, default=_default, allow_nan=False
        )
    except ValueError:
        paths = _non_finite(data)
        if not paths:
            raise
    raise DataError(
        Problem(
            message=f"cannot write {value} in JSON, which has no NaN or infinity: "
            "write it as text, or keep the file in YAML or TOML",
            path=path,
        )
        for path, value in paths
    )


def _non_finite(data: object) -> list[tuple[str, float]]:
    """The path of every NaN or infinity in ``data``, with the value."""
    found = []
    stack: list[tuple[object, str]] = [(data, "$")]
    while stack:
        value, path = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            found.append((path, value))
        elif isinstance(value, dict):
            stack.extend((item, f"{path}.{key}") for key, item in reversed(value.items()))
        elif isinstance(value, list | tuple | set | frozenset):
            items = list(value) if isinstance(value, list | tuple) else set_order(value)
            stack.extend(
                (item, f"{path}[{index}]") for index, item in reversed(list(enumerate(items)))
            )
    return found


def render(
    data: PlainValue | Mapping[str, PlainValue], *, front_matter: FrontMatter = "yaml"
) -> str:
    """JSON text for plain ``data``: two-space indents, keys in the order given, UTF-8 as is.

    ``front_matter`` is for pages only; it is taken so that every format is called alike.
    """
    return to_text(data) + "\n"
