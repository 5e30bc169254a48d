"""What every format module hands back: plain data, and where each piece of it stands."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import attrs

__all__ = ["Document", "Locator", "parent_path"]

#: Finds the line (1-based) where the value at a JSON path is written, or ``None``.
Locator = Callable[[str], "int | None"]

_LAST_STEP = re.compile(r"(\.[^.\[]+|\[\d+\])$")


def parent_path(path: str) -> str | None:
    """``$.a.b[2]`` -> ``$.a.b`` -> ``$.a`` -> ``$`` -> ``None``."""
    if path == "$":
        return None
    shorter = _LAST_STEP.sub("", path)
    return shorter if shorter != path else "$"


def _no_lines(path: str) -> int | None:
    return None


@attrs.frozen
class Document:
    """A parsed data file: its plain ``data`` and a table of the line of each JSON path."""

    data: Any
    lines: dict[str, int] = attrs.field(factory=dict)
    offset: int = 0

    def line_of(self, path: str) -> int | None:
        """The line of ``path``, or of its nearest parent whose line is known."""
        current: str | None = path
        while current is not None:
            if current in self.lines:
                return self.lines[current] + self.offset
            current = parent_path(current)
        return None

    def shifted(self, offset: int) -> Document:
        """The same document, its lines counted from ``offset`` lines further down a file."""
        return attrs.evolve(self, offset=self.offset + offset)
