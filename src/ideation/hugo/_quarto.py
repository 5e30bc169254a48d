"""Quarto's Markdown that MyST does not read, made plain where a plain equivalent exists.

A Quarto page (``.qmd``) holds Pandoc markup that MyST would show as text, or take for its own
directives and refuse at build time:

- **cells** (```` ```{ojs} ````, ```` ```{python} ````, ```` ```{=html} ````...) run or are
  written only by Quarto: they are left out, each named in the report with its lines; a code
  block written with Pandoc's class syntax (```` ```{.python} ````) is shown as code;
- **fenced divs** (``::: {.column-page}`` ... ``:::``) only lay their content out: they are
  reduced to their content;
- **heading attributes** (``## Replay {#replay .unnumbered}``) become an anchor before the
  heading, ``(SLUG-replay)=``, named after the page's slug so that two pages of one site can both
  have a ``#replay``; links to it in the page (``[le replay](#replay)``) follow.

Each change is a note for the report, and is recorded like any change to a body, so that the
export gives the page back as it was (see ``ideation.hugo._origins``).
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})\s*(?P<info>.*?)\s*$")
_BRACED = re.compile(r"\{(?P<inside>[^{}]*)\}")
_DIV_OPEN = re.compile(r"^ {0,3}(?P<colons>:{3,})\s*(?:\{[^{}]*\}|[\w-]+)\s*:*\s*$")
_DIV_CLOSE = re.compile(r"^ {0,3}:{3,}\s*$")
_HEADING = re.compile(r"^(?P<head> {0,3}#{1,6}\s+.*?)\s+\{(?P<attrs>[^{}]*)\}\s*$")
_ID = re.compile(r"(?:^|\s)#(?P<id>[A-Za-z][\w:.-]*)")


def _closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return stripped.startswith(fence[0] * len(fence)) and set(stripped) == {fence[0]}


def _cell(info: str) -> str | None:
    """The name of a Quarto cell (``ojs``, ``=html``) for a fence's info string, or ``None``
    for a plain code block; ``.python`` (Pandoc's class syntax) is a plain code block too."""
    braced = _BRACED.fullmatch(info)
    if braced is None:
        return None
    words = braced["inside"].split()
    if not words or words[0].startswith("."):
        return None
    return words[0].strip(",")


def _code_language(info: str) -> str | None:
    braced = _BRACED.fullmatch(info)
    if braced is None:
        return None
    words = braced["inside"].split()
    return words[0][1:] if words and words[0].startswith(".") else None


def quarto_body(body: str, slug: str) -> tuple[str, list[tuple[int, str]]]:
    """``body`` with Quarto's cells left out, its fenced divs reduced to their content and its
    heading attributes made anchors (see above); the notes, as ``(line in the body, text)``."""
    lines = body.split("\n")
    out: list[str] = []
    notes: list[tuple[int, str]] = []
    anchors: dict[str, str] = {}
    divs = 0
    first_div: int | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        fence = _FENCE.match(line)
        if fence is not None:
            end = next(
                (k for k in range(index + 1, len(lines)) if _closes(lines[k], fence["fence"])),
                len(lines) - 1,
            )
            name = _cell(fence["info"])
            if name is not None:
                notes.append(
                    (
                        index + 1,
                        f"a Quarto {{{name}}} cell ({end - index + 1} lines) left out: only "
                        "Quarto runs or writes it",
                    )
                )
                index = end + 1
                # A blank line where the cell was would otherwise double the one before it.
                if out and not out[-1].strip() and index < len(lines) and not lines[index].strip():
                    index += 1
                continue
            language = _code_language(fence["info"])
            if language is not None:
                line = f"{fence['indent']}{fence['fence']}{language}"
            out.extend([line, *lines[index + 1 : end + 1]])
            index = end + 1
            continue
        if _DIV_OPEN.match(line) or (divs and _DIV_CLOSE.match(line)):
            if _DIV_OPEN.match(line):
                divs += 1
                first_div = index + 1 if first_div is None else first_div
            else:
                divs -= 1
            index += 1
            continue
        heading = _HEADING.match(line)
        if heading is not None:
            found = _ID.search(heading["attrs"])
            if found is not None:
                anchor = f"{slug}-{found['id']}".lower()
                anchors[found["id"]] = anchor
                out.extend([f"({anchor})=", heading["head"]])
                notes.append(
                    (index + 1, f"heading attributes {{{heading['attrs']}}}: an anchor, #{anchor}")
                )
            else:
                out.append(heading["head"])
                notes.append((index + 1, f"heading attributes {{{heading['attrs']}}} left out"))
            index += 1
            continue
        out.append(line)
        index += 1
    if first_div is not None:
        notes.append(
            (first_div, "Quarto fenced divs (::: {...}) reduced to their content (their layout)")
        )
    text = "\n".join(out)
    for given, anchor in anchors.items():
        text = text.replace(f"](#{given})", f"](#{anchor})")
    return text, notes
