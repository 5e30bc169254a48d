"""JSON, with dates as ISO 8601 text."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import attrs

from ..errors import DataError, Problem
from ._document import (
    MAX_DEPTH,
    Document,
    FrontMatter,
    check_limits,
    deep_bracket_line,
    number_problem,
    yaml_only,
)
from .yaml import line_table
from .yaml import parse as yaml_parse

__all__ = ["NAME", "NATIVE_DATES", "SUFFIXES", "decode_valid", "parse", "render"]

NAME = "json"
SUFFIXES = (".json",)
NATIVE_DATES = False


class _Duplicate(ValueError):
    """A key given twice in one object (which ``json`` would let the last one win)."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        raise _Duplicate
    return data


def decode(
    text: str, file: str | None, *, first_line: int = 0, what: str = "JSON", whole: bool = True
) -> tuple[Any, int]:
    """The value of JSON ``text``, or a :class:`DataError` with the line of each problem.

    Refused like YAML: a key given twice in an object (both lines named), and data nested more
    than :data:`~ideation.formats._document.MAX_DEPTH` levels. ``first_line`` counts the lines
    of the file before ``text``. Unless ``whole``, only the first JSON value of ``text`` is
    read (as in front matter), and where it ends is returned with it.
    """
    decoder = json.JSONDecoder(object_pairs_hook=_no_duplicates)
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
    return document.data, end


def decode_valid(text: str) -> tuple[bool, Any]:
    """The value of JSON ``text`` if it has no problem: ``(True, value)``, else ``(False, None)``.

    The fast path of loading: no line table, no depth check (the structurer checks the depth of
    the only values that can nest freely, unknown keys'), and nothing kept of ``text``, so the
    caller can drop it before building objects. :func:`decode` tells what a problem is.
    """
    try:
        return True, json.JSONDecoder(object_pairs_hook=_no_duplicates).decode(text)
    except (ValueError, RecursionError):  # JSONDecodeError and _Duplicate are ValueErrors
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
    """Read JSON text; a syntax error is a :class:`DataError` with its line."""
    data, _ = decode(text, file)
    # JSON is (nearly) a subset of YAML, whose composer knows where each value stands; where it
    # disagrees, problems are reported without a line rather than with a wrong one.
    return Document(data, lambda: line_table(text))


def _default(value: object) -> Any:
    # Unknown keys are kept as they were read; a YAML or TOML file may have given them dates.
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    portable = yaml_only(value)
    if portable is not value:
        return portable
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def render(data: Any, *, front_matter: FrontMatter = "yaml") -> str:
    """JSON text for plain ``data``: two-space indents, keys in the order given, UTF-8 as is.

    ``front_matter`` is for pages only; it is taken so that every format is called alike.
    """
    return json.dumps(data, indent=2, ensure_ascii=False, default=_default) + "\n"
