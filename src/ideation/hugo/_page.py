"""One Hugo page: its front matter split from its body, and its body made portable.

Hugo is lenient where YAML parsers are strict about the page around the front matter (blank
lines before the opening ``---``, no final newline, CRLF line ends), so the page is split here
rather than by ``python-frontmatter``: the line of every key is then the line of the file,
which is what the import report shows. The front matter itself is read by this package's own
safe YAML and TOML readers.

Bodies keep their Markdown and raw HTML as they are, with two exceptions, both reversible:
Hugo's ``ref``/``relref`` shortcodes become cross-references (see :func:`shortcodes_to_refs`),
and leading blank lines and trailing white space are dropped, as every other format of the
package does, so that a body read here, written and read again is the same text.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Any

import attrs

from ideation.errors import DataError, Problem
from ideation.formats import Document, Format, toml, yaml
from ideation.formats.markdown import read_json_front_matter

#: The label a ``ref`` to an events section becomes (``{ref}`text <ideation-events>```).
EVENTS_LABEL = "ideation-events"
#: The label a ``ref`` to a proposals section becomes.
PROPOSALS_LABEL = "ideation-proposals"
#: Where :func:`export_site` writes the programme and organisations, under the site.
DATA_FILE = PurePosixPath("data/ideation/programme.yaml")
#: The key of :data:`DATA_FILE` that lists the pages :func:`export_site` wrote as events
#: (relative to the content folder): the next import takes those, and only those, as events
#: without judging them, since the site's events section may hold news too.
EVENT_PAGES_KEY = "event_pages"
#: The key a page's own ``description`` (Hugo's meta description) is kept under, since the
#: model's ``description`` is the page's body.
HUGO_DESCRIPTION = "hugo_description"
#: The suffixes of the pages Hugo renders.
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown")
HTML_SUFFIXES = (".html", ".htm")
# A bundle's page, in the default language or another one: index.md, index.en.md.
INDEX = re.compile(r"index(\.[A-Za-z-]+)?")


def page_path(relative: PurePosixPath) -> PurePosixPath:
    """The Hugo path of a page: ``projets/liria`` for ``projets/liria.md`` or a bundle's
    ``projets/liria/index.md``."""
    if INDEX.fullmatch(relative.stem):
        return relative.parent
    return relative.with_suffix("")


@attrs.frozen
class Page:
    """A page split in two: its front matter (``None`` when there is none) and its body.

    ``body_line`` is the line of the file where the body starts; ``leading_blank`` counts the
    blank lines found before the front matter; ``repairs`` lists the front-matter lines that
    had to be mended to be read, as ``(line, what was done)``.
    """

    front: Document | None
    body: str
    body_line: int
    leading_blank: int = 0
    syntax: str | None = None
    repairs: tuple[tuple[int, str], ...] = ()


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


_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")


def _body(lines: list[str], start: int) -> tuple[str, int]:
    """The body from line index ``start``, normalised, and the file line it starts on."""
    content = "\n".join(lines[start:])
    stripped = _LEADING_BLANK_LINES.sub("", content)
    skipped = content[: len(content) - len(stripped)].count("\n")
    return stripped.rstrip(), start + skipped + 1


def split_page(text: str, file: str | None = None) -> Page:
    """Split ``text`` into front matter (YAML ``---``, TOML ``+++`` or JSON) and body.

    Raise :class:`DataError` with the file's line for front matter that is not closed or does
    not parse.
    """
    lines = text.split("\n")
    first = 0
    while first < len(lines) and not lines[first].strip():
        first += 1
    if first == len(lines):
        return Page(None, "", 1, first)
    opening = lines[first].strip()
    if opening in ("---", "+++"):
        return _delimited_page(lines, first, opening, file)
    if opening.startswith("{"):
        rest = "\n".join(lines[first:])
        data, end = read_json_front_matter(rest, file, first)
        consumed = rest[:end].count("\n")
        document = Document(data, yaml.line_table(rest[:end])).shifted(first)
        body, body_line = _body(lines, first + consumed + 1)
        return Page(document, body, body_line, first, "json")
    body, body_line = _body(lines, 0)
    return Page(None, body, body_line, first)


def _delimited_page(lines: list[str], first: int, opening: str, file: str | None) -> Page:
    """A page whose front matter sits between two ``---`` (YAML) or ``+++`` (TOML) lines."""
    close = next((i for i in range(first + 1, len(lines)) if lines[i].rstrip() == opening), None)
    if close is None:
        message = f"the front matter opened on this line is never closed: expected a {opening} line"
        raise DataError([Problem(message=message, file=file, line=first + 1)])
    front_text = "\n".join(lines[first + 1 : close]) + "\n"
    reader = yaml if opening == "---" else toml
    # The front matter's line 1 is the line after the opening delimiter.
    offset = first + 1
    document, repairs = _parse_front_matter(reader, front_text, file, offset)
    body, body_line = _body(lines, close + 1)
    return Page(
        document.shifted(offset),
        body,
        body_line,
        first,
        reader.NAME,
        tuple((line + offset, message) for line, message in repairs),
    )


def _parse_front_matter(
    reader: Format, front_text: str, file: str | None, offset: int
) -> tuple[Document, list[tuple[int, str]]]:
    """Parse front matter, mending YAML values that hold ``': '`` when the text as written fails.

    The problems raised are those of the page as written, at the page's lines, never those of
    the attempted repair.
    """
    try:
        return reader.parse(front_text, file), []
    except DataError as error:
        mended, repairs = _quote_plain_values(front_text) if reader.NAME == yaml.NAME else ("", [])
        try:
            if not repairs:
                raise
            return reader.parse(mended, file), repairs
        except DataError:
            raise DataError(
                attrs.evolve(p, line=None if p.line is None else p.line + offset)
                for p in error.problems
            ) from None


# -- shortcodes and cross-references ---------------------------------------------------------

# -- raw HTML --------------------------------------------------------------------------------

_FENCE = re.compile(r"^\s*(```|~~~)")
_INLINE_CODE = re.compile(r"`[^`]*`")
_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9-]*)(?:\s[^<>]*)?/?>")


def find_raw_html(body: str) -> list[tuple[int, str]]:
    """Raw HTML tags in a Markdown body, outside code, as ``(line in the body, tag)``."""
    found: list[tuple[int, str]] = []
    fenced = False
    for number, line in enumerate(body.split("\n"), start=1):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        for match in _TAG.finditer(_INLINE_CODE.sub("", line)):
            found.append((number, match[1].lower()))
    return found


def plain(data: Any) -> Any:
    """``data`` with mapping keys as text: YAML lets keys be numbers or dates."""
    if isinstance(data, dict):
        return {str(key): plain(value) for key, value in data.items()}
    if isinstance(data, list):
        return [plain(item) for item in data]
    return data
