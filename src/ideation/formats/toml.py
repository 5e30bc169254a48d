"""TOML, read with the standard library's ``tomllib`` and written with ``tomli_w``.

TOML parsers do not say where a value stands, so lines come from a light scan of the text for
table headers and keys; a problem whose place the scan cannot find has no line.
TOML has no null: keys whose value is null are left out when writing.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping

import tomli_w

from ..errors import DataError, Problem
from ..model import PlainValue
from ._document import (
    MAX_DEPTH,
    Document,
    FrontMatter,
    check_controls,
    check_limits,
    deep_bracket_line,
    number_problem,
    yaml_only,
)

__all__ = ["NAME", "NATIVE_DATES", "SUFFIXES", "parse", "render"]

NAME = "toml"
SUFFIXES = (".toml",)
NATIVE_DATES = True

_AT_LINE = re.compile(r"\(at line (\d+), column \d+\)")
_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-\"'. ]+?)\s*=")
# A key whose value is shaped like a date or a date-time: digits, a dash, digits, a dash.
_DATE_VALUE = re.compile(
    r"^\s*[A-Za-z0-9_\-\"'. ]+?\s*=\s*(\d+-\d+-\d+(?:[Tt ][0-9:.+\-Zz]*)?)\s*(?:#.*)?$"
)


def _line_table(text: str) -> dict[str, int]:
    lines: dict[str, int] = {}
    table = "$"
    counts: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if header := _HEADER.match(line):
            dotted = "".join(f".{part.strip().strip(chr(34))}" for part in header[2].split("."))
            if header[1] == "[[":
                index = counts.get(dotted, 0)
                counts[dotted] = index + 1
                table = f"${dotted}[{index}]"
            else:
                table = f"${dotted}"
            lines.setdefault(table, number)
        elif key := _KEY.match(line):
            # A dotted key (a.b.c = 1) names a value tables deep.
            dotted = "".join(f".{part.strip().strip(chr(34))}" for part in key[1].split("."))
            lines.setdefault(f"{table}{dotted}", number)
    return lines


def _syntax_problem(text: str, file: str | None, line: int | None, message: str) -> Problem:
    """The problem of a syntax error at ``line``; a date TOML cannot read (``2022-13-45``,
    ``99999-01-01``) is named with its key's path, as a date of the wrong shape would be."""
    lines = text.splitlines()
    shown = lines[line - 1] if line is not None and 0 < line <= len(lines) else ""
    date = _DATE_VALUE.match(shown)
    if line is None or date is None:
        return Problem(message=f"not valid TOML: {message}", file=file, line=line)
    path = next((path for path, at in _line_table(text).items() if at == line), "$")
    return Problem(
        message=f"expected a date like 2022-05-16, got {date[1]}: not a date TOML can read",
        path=path,
        file=file,
        line=line,
    )


def parse(text: str, file: str | None = None) -> Document:
    """Read TOML text; a syntax error is a :class:`~ideation.errors.DataError` with its line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _AT_LINE.search(str(error))
        message = _AT_LINE.sub("", str(error)).strip()
        line = int(found[1]) if found else None
        raise DataError([_syntax_problem(text, file, line, message)]) from None
    except ValueError:  # after TOMLDecodeError, which is one: an integer too long to read
        raise DataError([number_problem(text, file, "TOML")]) from None
    except RecursionError:
        line = deep_bracket_line(text)
        raise DataError(
            [
                Problem(
                    message=f"refused: the TOML is nested more than {MAX_DEPTH} levels deep",
                    file=file,
                    line=line,
                )
            ]
        ) from None
    document = check_limits(Document(data, lambda: _line_table(text)), file, "TOML")
    # A control character can only come from an escape ("\u0000"): TOML refuses them as they are.
    return check_controls(document, file) if "\\" in text else document


def _writable(data: object) -> object:
    # TOML has no null (keys whose value is null are left out) and no set or bytes.
    data = yaml_only(data)
    if isinstance(data, Mapping):
        return {key: _writable(value) for key, value in data.items() if value is not None}
    if isinstance(data, list):
        return [_writable(item) for item in data if item is not None]
    return data


def render(
    data: PlainValue | Mapping[str, PlainValue], *, front_matter: FrontMatter = "yaml"
) -> str:
    """TOML text for plain ``data`` (a mapping at the top).

    ``front_matter`` is for pages only; it is taken so that every format is called alike.
    """
    written = _writable(data)
    if not isinstance(written, Mapping):
        raise TypeError(f"TOML writes a mapping at the top, not {type(data).__name__}")
    return tomli_w.dumps(written)
