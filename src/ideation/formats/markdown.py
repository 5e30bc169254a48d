"""Markdown pages with front matter, as Hugo reads them.

The front matter holds the structured fields, in YAML (between ``---`` lines), TOML (between
``+++`` lines) or JSON (an object at the top of the page); the body is the ``description``.
:func:`split_page` splits a page in two, for this module and for the Hugo site adapter, line by
line so that the line of every key is the line of the file; reading the front matter goes
through this package's own format modules, so that it gets their safe loading and their line
numbers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TypeGuard

import attrs

from ..errors import DataError, Problem
from ..model import PlainValue
from . import json, toml, yaml
from ._document import CONTROL, Document, Format, FrontMatter, control_problem

__all__ = [
    "NAME",
    "NATIVE_DATES",
    "SUFFIXES",
    "FrontMatter",
    "Page",
    "parse",
    "render",
    "split_page",
]

NAME = "markdown"
SUFFIXES = (".md", ".markdown")
NATIVE_DATES = True


_BODY_KEY = "description"
_FENCES = {"---": yaml, "+++": toml}


@attrs.frozen
class Page:
    """A page split in two: its front matter (``None`` when there is none) and its body.

    ``body`` is the page after the front matter less its leading blank lines and trailing white
    space, and ``body_line`` the line of the file where it starts; ``leading_blank`` counts the
    blank lines before the front matter; ``syntax`` is ``"yaml"``, ``"toml"`` or ``"json"``
    (``None`` without front matter); ``span`` says where the front matter is in the text: the
    start of its first line (after the opening fence), the start of the closing fence and the
    end of the closing fence's line (for JSON, the start and twice the end of the object);
    ``repairs`` lists the front-matter lines a lenient split had to mend to read them, as
    ``(line, what was done)``.
    """

    front: Document | None
    body: str
    body_line: int
    leading_blank: int = 0
    syntax: str | None = None
    repairs: tuple[tuple[int, str], ...] = ()
    span: tuple[int, int, int] | None = None


# Blank lines at the start of a body: one blank line separates front matter and body when
# writing, and more are not part of the body either.
_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t\r]*\n)+")
_BLANK_REST_OF_LINE = re.compile(r"[ \t\r]*(?:\n|\Z)")


def _normal_body(text: str) -> str:
    """``text`` as a body is read: no leading blank lines, no trailing white space."""
    return _LEADING_BLANK_LINES.sub("", text).rstrip()


def holds_as_body(value: object) -> TypeGuard[str]:
    """Whether a page body can hold the description ``value`` as it is.

    Not an empty or blank text, nor one with leading blank lines or trailing white space
    (reading a body drops them), nor a carriage return (reading a file makes it a line break):
    such a description is written in the front matter instead.
    """
    return (
        isinstance(value, str)
        and bool(value)
        and _normal_body(value) == value
        and "\r" not in value
    )


def split_page(text: str, file: str | None = None, *, lenient: bool = False) -> Page:
    """Split ``text`` into front matter (YAML ``---``, TOML ``+++`` or JSON) and body.

    Blank lines before the front matter are skipped (and counted), as Hugo does. Raise
    :class:`~ideation.errors.DataError` with the file's line for front matter that is not closed or
    does not parse. ``lenient`` reads front matter as Hugo does where YAML is stricter: a plain
    value holding ``": "`` (``summary: Saison 2 : le programme``), which YAML reads as a second key,
    is read as quoted text when the page does not parse as written, and each line so mended is
    listed in the page's ``repairs``. This package's own pages are read strictly.
    """
    lines = text.split("\n")
    first = 0
    while first < len(lines) and not lines[first].strip():
        first += 1
    if first == len(lines):
        return Page(None, "", 1, first)
    opening = lines[first].strip()
    start = sum(len(line) + 1 for line in lines[:first])
    if opening in _FENCES:
        return _delimited(text, lines, first, start, file, lenient=lenient)
    if opening.startswith("{"):
        start += lines[first].index("{")
        data, end = json.decode(
            text[start:], file, first_line=first, what="JSON front matter", whole=False
        )
        front = text[start : start + end]
        document = Document(data, lambda: yaml.line_table(front)).shifted(first)
        body, body_line = _body(text, start + end)
        return Page(document, body, body_line, first, "json", (), (start, start + end, start + end))
    body, body_line = _body(text, None)
    return Page(None, body, body_line, first)


def _body(text: str, end: int | None) -> tuple[str, int]:
    """The body of ``text``, normalised, and the line of the file it starts on: after position
    ``end``, the end of the front matter, or the whole text when ``end`` is ``None``."""
    start, line = 0, 1
    if end is not None:
        start, line = end, text.count("\n", 0, end) + 1
        if (rest := _BLANK_REST_OF_LINE.match(text, end)) is not None:
            # The rest of the front matter's last line, when blank, is not part of the body.
            start, line = rest.end(), line + 1
    content = text[start:]
    stripped = _LEADING_BLANK_LINES.sub("", content)
    skipped = content[: len(content) - len(stripped)].count("\n")
    return stripped.rstrip(), line + skipped


def _delimited(
    text: str, lines: list[str], first: int, start: int, file: str | None, *, lenient: bool
) -> Page:
    """A page whose front matter sits between two ``---`` (YAML) or ``+++`` (TOML) lines."""
    opening = lines[first].strip()
    close = next((i for i in range(first + 1, len(lines)) if lines[i].rstrip() == opening), None)
    if close is None:
        message = f"the front matter opened on this line is never closed: expected a {opening} line"
        raise DataError([Problem(message=message, file=file, line=first + 1)])
    front_start = start + len(lines[first]) + 1
    front_end = front_start + sum(len(line) + 1 for line in lines[first + 1 : close])
    after = front_end + len(lines[close])
    reader = _FENCES[opening]
    # The front matter is read with a blank line for each line above it, so that every line
    # (of a key, of a problem, and those a message names) is the file's.
    front_text = "\n" * (first + 1) + "\n".join(lines[first + 1 : close]) + "\n"
    document, repairs = _parse_front_matter(reader, front_text, file, lenient=lenient)
    body, body_line = _body(text, after)
    return Page(
        document,
        body,
        body_line,
        first,
        reader.NAME,
        tuple(repairs),
        (front_start, front_end, after),
    )


# ``summary: Saison 2 : le programme``: a plain value with ": " in it, which YAML reads as a
# second key on the line. Hugo sites have such lines; quoting the value is what was meant.
_PLAIN_WITH_COLON = re.compile(
    r"^(?P<key>[^\s#'\"\-\[{][^:#]*?)\s*:[ \t]+(?P<value>[^'\"\[{|>&*!\s].*: .*?)\s*$"
)


def _quote_plain_values(text: str) -> tuple[str, list[tuple[int, str]]]:
    """``text`` with top-level plain values that hold ": " single-quoted, and what changed."""
    lines = text.split("\n")
    repairs: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        match = _PLAIN_WITH_COLON.match(line)
        if match is None:
            continue
        value = match["value"].replace("'", "''")
        lines[index] = f"{match['key']}: '{value}'"
        repairs.append(
            (index + 1, f"the value of {match['key'].strip()!r} holds ': ', read as quoted text")
        )
    return "\n".join(lines), repairs


def _parse_front_matter(
    reader: Format, front_text: str, file: str | None, *, lenient: bool
) -> tuple[Document, list[tuple[int, str]]]:
    """Parse front matter, mending YAML values that hold ``': '`` when ``lenient`` and the text
    as written fails.

    The problems raised are those of the page as written, never those of the attempted repair.
    """
    try:
        return reader.parse(front_text, file), []
    except DataError as error:
        mended, repairs = (
            _quote_plain_values(front_text) if lenient and reader.NAME == yaml.NAME else ("", [])
        )
        if not repairs:
            raise
        try:
            return reader.parse(mended, file), repairs
        except DataError:
            raise error from None


def _check_body(text: str, start: int, file: str | None) -> None:
    """Refuse a body (the end of the page ``text`` from ``start``) holding a control character
    but tab and line breaks, at the line of the first."""
    found = CONTROL.search(text, start)
    if found is not None:
        line = text.count("\n", 0, found.start()) + 1
        raise DataError([control_problem(found[0], f"$.{_BODY_KEY}", file, line)])


def parse(text: str, file: str | None = None) -> Document:
    """Read a page: its front matter as data, its body as the ``description``.

    A control character (but tab and line breaks) is refused in the body as in the front
    matter, at its line.
    """
    page = split_page(text, file)
    if page.front is None or page.span is None:
        # A page with no front matter is all body; the type's required keys will be missing
        # and reported as such.
        _check_body(text, 0, file)
        return Document({_BODY_KEY: page.body} if page.body else {})
    data = {} if page.front.data is None else page.front.data
    if not isinstance(data, Mapping):
        raise DataError(
            [
                Problem(
                    message="expected the front matter to be a mapping of keys to values",
                    file=file,
                    line=page.leading_blank + 1,
                )
            ]
        )
    _check_body(text, page.span[2], file)
    data = dict(data)
    if page.body:
        data[_BODY_KEY] = page.body
    return page.front.with_data(data)


def render(
    data: PlainValue | Mapping[str, PlainValue], *, front_matter: FrontMatter = "yaml"
) -> str:
    """A page for plain ``data``: every key but the description in front matter, then the body.

    A description that a page body cannot hold as it is (empty or only white space, leading
    blank lines and trailing white space, which reading a body drops, or a carriage return,
    which reading a file turns into a line break) stays in the front matter instead, so that
    nothing changes on the way back.
    """
    if not isinstance(data, Mapping):
        raise TypeError(f"a page's front matter is a mapping, not {type(data).__name__}")
    body = data.get(_BODY_KEY)
    if not holds_as_body(body):
        body = None
    fields = {key: value for key, value in data.items() if key != _BODY_KEY or body is None}
    if front_matter == "toml":
        head = f"+++\n{toml.render(fields)}+++\n"
    elif front_matter == "json":
        head = json.render(fields)
    else:
        head = f"---\n{yaml.render(fields)}---\n"
    return head if body is None else f"{head}\n{body}\n"
