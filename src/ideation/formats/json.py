"""JSON, with dates as ISO 8601 text."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ..errors import DataError, Problem
from ._document import Document, yaml_only
from .yaml import line_table

__all__ = ["NAME", "SUFFIXES", "parse", "render"]

NAME = "json"
SUFFIXES = (".json",)


def parse(text: str, file: str | None = None) -> Document:
    """Read JSON text; a syntax error is a :class:`DataError` with its line."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise DataError(
            [Problem(message=f"not valid JSON: {error.msg}", file=file, line=error.lineno)]
        ) from None
    except RecursionError:
        raise DataError(
            [Problem(message="refused: the JSON is nested too deeply", file=file)]
        ) from None
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


def render(data: Any) -> str:
    """JSON text for plain ``data``: two-space indents, keys in the order given, UTF-8 as is."""
    return json.dumps(data, indent=2, ensure_ascii=False, default=_default) + "\n"
