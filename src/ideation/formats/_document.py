"""What every format module hands back: plain data, and where each piece of it stands."""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from typing import Any

__all__ = ["Document", "parent_path", "yaml_only"]

_LAST_STEP = re.compile(r"(\.[^.\[]+|\[\d+\])$")


def parent_path(path: str) -> str | None:
    """``$.a.b[2]`` -> ``$.a.b`` -> ``$.a`` -> ``$`` -> ``None``."""
    if path == "$":
        return None
    shorter = _LAST_STEP.sub("", path)
    return shorter if shorter != path else "$"


def yaml_only(value: object) -> object:
    """A value only YAML has (``!!set``, ``!!binary``), as formats without it can write it.

    Unknown keys are kept as they were read, so a YAML file can hand them to a JSON or TOML
    file: a set becomes a sorted list, bytes become their Base64 text (YAML's own spelling).
    Other values are returned unchanged.
    """
    if isinstance(value, set | frozenset):
        return sorted(value, key=repr)
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
        """The line of ``path`` in the file, or of its nearest parent whose line is known."""
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
