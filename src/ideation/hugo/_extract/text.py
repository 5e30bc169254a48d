"""What every extractor shares: lines, bullets, and the :class:`Found` record."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence

import attrs

from ideation.model import PlainValue


@attrs.frozen
class Found:
    """One extracted value: where it goes (a JSON path), the value, and the line it came from."""

    path: str
    value: PlainValue
    line: int | None
    text: str


@attrs.frozen
class Line:
    """A line of a body, with its line number in the file."""

    number: int
    text: str


def fold(text: str) -> str:
    """``text`` lowercased, without accents: ``Présentation`` -> ``presentation``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def slugify(text: str) -> str:
    """A slug for ``text``: ``Ministère de l'Intérieur`` -> ``ministere-de-l-interieur``."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def body_lines(body: str, first_line: int) -> list[Line]:
    return [Line(first_line + i, text) for i, text in enumerate(body.split("\n"))]


BULLET = re.compile(r"^(?P<indent>\s*)[*+-]\s+(?P<text>.*\S)\s*$")
HEADING = re.compile(r"^\s*#{1,6}\s+(?P<text>.*?)\s*#*\s*$")


def clean_text(text: str) -> str:
    """A bullet or heading's text without emphasis markers and trailing punctuation spaces."""
    # A heading's Pandoc attributes (``## 10h00 – Atelier {.unnumbered}``) are no text.
    text = re.sub(r"\s*\{[#.][^{}]*\}\s*$", "", text)
    return re.sub(r"\s+", " ", text.replace("**", "").strip(" *_\t")).strip()


_LINK = re.compile(r"!?\[(?P<text>[^\]\n]*)\]\((?P<url>[^)\s]*)(?:\s+\"[^\"\n]*\")?\)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(?P<text>.+?)(?<=\S)\1")
# Single * or _ only at word edges: snake_case_names and 2*3 are not emphasis.
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=\S)(?P<text>[^*_\n]+?)(?<=\S)\1(?![\w*])")
_CODE = re.compile(r"(?P<role>\{[\w:.-]+\}`[^`\n]*`)|`(?P<text>[^`\n]+)`")


def plain_inline(text: str, *, urls: bool = False) -> str:
    """``text`` with its inline Markdown made plain, for a field the model keeps as text (a
    session's title, a profile, a summary): a link is its text (``text (https://...)`` with
    ``urls``, so that a summary keeps where it pointed), an image goes, ``**x**``, ``__x__``,
    ``*x*``, ``_x_`` and ```x``` are ``x``. MyST roles (``{role}`x```) are kept."""

    def link(match: re.Match[str]) -> str:
        if match[0].startswith("!"):
            return ""
        shown, url = match["text"], match["url"]
        web = re.match(r"https?://", url) is not None
        return f"{shown} ({url})" if urls and web and url not in shown else shown

    text = _LINK.sub(link, text)
    text = _STRONG.sub(lambda m: m["text"], text)
    text = _EMPHASIS.sub(lambda m: m["text"], text)
    return _CODE.sub(lambda m: m["role"] or m["text"], text).strip()


def bullet_blocks(lines: Sequence[Line]) -> Iterator[tuple[int, list[tuple[Line, list[str]]]]]:
    """Lists of top-level bullets, each bullet with its nested bullets' texts.

    Yield the index of the first line of the list and its items; blank lines inside a list do
    not end it, anything else that is not a bullet does.
    """
    index = 0
    while index < len(lines):
        match = BULLET.match(lines[index].text)
        if match is None or match["indent"]:
            index += 1
            continue
        start = index
        items: list[tuple[Line, list[str]]] = []
        while index < len(lines):
            text = lines[index].text
            bullet = BULLET.match(text)
            if bullet is not None and not bullet["indent"]:
                items.append((Line(lines[index].number, bullet["text"]), []))
            elif bullet is not None and items:
                items[-1][1].append(bullet["text"].strip())
            elif text.strip() and items and text.startswith((" ", "\t", ":")):
                # A continuation line of the previous item.
                last, nested = items[-1]
                items[-1] = (Line(last.number, f"{last.text} {text.strip()}"), nested)
            elif text.strip():
                break
            index += 1
        yield start, items


def split_top_level(text: str) -> list[str]:
    """Split on commas that are not inside parentheses."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [part.strip() for part in parts if part.strip()]


def front_matter_wins(
    fields: dict[str, PlainValue], found: list[Found], already: Mapping[str, PlainValue]
) -> list[tuple[int | None, str]]:
    """Drop what the front matter already says from ``fields`` and ``found``; say so once."""
    given = [key for key in fields if key in already]
    for key in given:
        del fields[key]
    found[:] = [f for f in found if not any(f.path.startswith(f"$.{key}") for key in given)]
    if not given:
        return []
    return [(None, f"{', '.join(given)}: in the front matter already, which wins over the prose")]
