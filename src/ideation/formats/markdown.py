"""Markdown pages with front matter, as Hugo reads them.

The front matter holds the structured fields, in YAML (between ``---`` lines), TOML (between
``+++`` lines) or JSON (an object at the top of the page); the body is the ``description``.
Splitting page and front matter is left to ``python-frontmatter``'s handlers; reading the front
matter goes through this package's own format modules, so that it gets their safe loading and
their line numbers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import attrs
import frontmatter
from frontmatter.default_handlers import BaseHandler, YAMLHandler

from ..errors import DataError, Problem
from . import json, toml, yaml
from ._document import CONTROL, Document, FrontMatter, control_problem

__all__ = [
    "NAME",
    "NATIVE_DATES",
    "SUFFIXES",
    "FrontMatter",
    "parse",
    "read_json_front_matter",
    "render",
]

NAME = "markdown"
SUFFIXES = (".md", ".markdown")
NATIVE_DATES = True


_BODY_KEY = "description"
# python-frontmatter's own TOML handler needs the old ``toml`` package; only the splitting is
# used here, so a handler with TOML's delimiters is enough.
_TOML_HANDLER = BaseHandler(
    fm_boundary=re.compile(r"^\+{3,}\s*$", re.MULTILINE), start_delimiter="+++"
)
_HANDLERS = (YAMLHandler(), _TOML_HANDLER)


def read_json_front_matter(text: str, file: str | None, first_line: int = 0) -> tuple[Any, int]:
    """The JSON object at the start of ``text`` (Hugo's JSON front matter), and where it ends.

    ``first_line`` counts the lines of the file before ``text``, so that a syntax error names
    the file's line.
    """
    data, end = json.decode(
        text, file, first_line=first_line, what="JSON front matter", whole=False
    )
    return data, end


def _body(content: str) -> str | None:
    # One blank line separates front matter and body when writing; it is not part of the body.
    body = content.lstrip("\r\n").rstrip()
    return body or None


def _delimited(
    stripped: str, handler: BaseHandler, file: str | None, leading: int
) -> tuple[Document, str]:
    """The YAML or TOML front matter between delimiter lines, and the rest of the page."""
    try:
        front, content = handler.split(stripped)
    except ValueError:
        closing = "---" if isinstance(handler, YAMLHandler) else "+++"
        raise DataError(
            [
                Problem(
                    message=f"front matter is not closed: expected a {closing} line",
                    file=file,
                    line=leading + 1,
                )
            ]
        ) from None
    reader = yaml if isinstance(handler, YAMLHandler) else toml
    # The split keeps the end of the delimiter line ("\n") at the front of the front matter,
    # so its line numbers are the file's, less any blank lines before the delimiter.
    try:
        return reader.parse(front, file), content
    except DataError as error:
        raise DataError(
            attrs.evolve(p, line=None if p.line is None else p.line + leading)
            for p in error.problems
        ) from None


def _check_body(content: str, text: str, file: str | None) -> None:
    """Refuse a body (``content``, the end of the page ``text``) holding a control character
    but tab and line breaks, at the line of the first."""
    found = CONTROL.search(content)
    if found is not None:
        at = len(text) - len(content) + found.start()
        line = text.count("\n", 0, at) + 1
        raise DataError([control_problem(found[0], f"$.{_BODY_KEY}", file, line)])


def parse(text: str, file: str | None = None) -> Document:
    """Read a page: its front matter as data, its body as the ``description``.

    A control character (but tab and line breaks) is refused in the body as in the front
    matter, at its line.
    """
    stripped = text.lstrip()
    leading = text[: len(text) - len(stripped)].count("\n")
    if stripped.startswith("{"):
        data, end = read_json_front_matter(stripped, file, leading)
        front, content = stripped[:end], stripped[end:]
        document = Document(data, lambda: yaml.line_table(front))
    else:
        handler = frontmatter.detect_format(stripped, _HANDLERS)
        if handler is None:
            # A page with no front matter is all body; the type's required keys will be missing
            # and reported as such.
            _check_body(text, text, file)
            body = _body(text)
            return Document({_BODY_KEY: body} if body else {})
        document, content = _delimited(stripped, handler, file, leading)
    data = {} if document.data is None else document.data
    if not isinstance(data, Mapping):
        raise DataError(
            [
                Problem(
                    message="expected the front matter to be a mapping of keys to values",
                    file=file,
                    line=leading + 1,
                )
            ]
        )
    _check_body(content, text, file)
    body = _body(content)
    data = dict(data)
    if body is not None:
        data[_BODY_KEY] = body
    return document.with_data(data).shifted(leading)


def render(data: Any, *, front_matter: FrontMatter = "yaml") -> str:
    """A page for plain ``data``: every key but the description in front matter, then the body.

    A description that a page body cannot hold as it is (only white space, leading blank lines
    and trailing spaces, which reading a body drops, or a carriage return, which reading a file
    turns into a line break) stays in the front matter instead, so that nothing changes on the
    way back.
    """
    body = data.get(_BODY_KEY)
    # Reading a file turns a lone "\r" into a line break (universal newlines): such a body too.
    if not isinstance(body, str) or _body(body) != body or "\r" in body:
        body = None
    fields = {key: value for key, value in data.items() if key != _BODY_KEY or body is None}
    if front_matter == "toml":
        head = f"+++\n{toml.render(fields)}+++\n"
    elif front_matter == "json":
        head = json.render(fields)
    else:
        head = f"---\n{yaml.render(fields)}---\n"
    return head if body is None else f"{head}\n{body}\n"
