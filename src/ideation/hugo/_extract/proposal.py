"""Proposals from prose: the sections of a proposal page (objectives, use cases...)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from ideation.model import PlainMapping, PlainValue

from .text import (
    HEADING,
    Found,
    Line,
    body_lines,
    bullet_blocks,
    clean_text,
    fold,
    front_matter_wins,
    plain_inline,
    split_top_level,
)

# -- proposals ---------------------------------------------------------------------------------

# Words of a section's heading (folded), in French and English; the first that matches wins.
_PROPOSAL_SECTIONS = (
    ("objectif", "objectives"),
    ("objective", "objectives"),
    ("goals", "objectives"),
    ("cas d'usage", "use_cases"),
    ("use case", "use_cases"),
    ("domaines techniques", "technical_domains"),
    ("technical domain", "technical_domains"),
    ("profils recherch", "wanted_profiles"),
    ("competences recherch", "wanted_profiles"),
    ("competences", "wanted_profiles"),
    ("skills", "wanted_profiles"),
    ("profiles wanted", "wanted_profiles"),
    ("wanted profiles", "wanted_profiles"),
    ("ressources", "resources"),
    ("resources", "resources"),
    ("problematique", "problem"),
    ("probleme", "problem"),
    ("problem", "problem"),
)
_URL = re.compile(r"https?://[^\s)>\]]+")
_MD_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\(\s*(?P<url>[^\s)]+)[^)]*\)")


def _link(text: str) -> PlainMapping | None:
    link = _MD_LINK.search(text)
    url = link["url"] if link else (bare[0] if (bare := _URL.search(text)) else None)
    if url is None:
        return None
    title = _MD_LINK.sub(lambda m: m["text"], text)
    title = _URL.sub("", title)
    # A link written as "(https://...)" leaves empty parentheses behind.
    title = clean_text(re.sub(r"\(\s*\)", "", title)).strip(" :")
    return {"url": url.rstrip(".,;"), "title": title} if title else {"url": url.rstrip(".,;")}


def extract_proposal(
    body: str, first_line: int, already: Mapping[str, PlainValue]
) -> tuple[PlainMapping, list[Found], list[tuple[int | None, str]]]:
    """Objectives, use cases, technical domains, wanted profiles, resources and problem.

    Each comes from the section of the body whose heading names it (``##### Les objectifs``):
    the section's bullets, or for the problem its paragraphs.
    """
    lines = body_lines(body, first_line)
    sections: dict[str, list[Line]] = {}
    current: str | None = None
    for line in lines:
        heading = HEADING.match(line.text)
        if heading is not None:
            folded = fold(heading["text"])
            current = next((field for word, field in _PROPOSAL_SECTIONS if word in folded), None)
            if current is not None:
                sections.setdefault(current, [])
            continue
        if current is not None:
            sections[current].append(line)
    fields: PlainMapping = {}
    found: list[Found] = []
    notes: list[tuple[int | None, str]] = []
    for field, section in sections.items():
        if field == "problem":
            text = "\n".join(line.text.rstrip() for line in section).strip()
            text = re.sub(r"\n[ \t]*\n[ \t\n]*", "\n\n", text)
            if text:
                fields[field] = text
                found.append(Found(f"$.{field}", text, section[0].number, text[:60]))
            continue
        items = [item for _, block in bullet_blocks(section) for item in block]
        values: list[tuple[int, str]] = []
        if items:
            # A list item is text in the model: its Markdown would be shown as written. A
            # resource keeps its link, which is what it is.
            plain = (lambda t: t) if field == "resources" else plain_inline
            for item, nested in items:
                text = clean_text(plain(item.text))
                if nested:
                    parts = "; ".join(clean_text(plain(n)) for n in nested)
                    text = f"{text.rstrip(' :')} : {parts}"
                values.append((item.number, text))
        elif field == "technical_domains":
            paragraph = [line for line in section if line.text.strip()]
            if paragraph:
                values = [
                    (paragraph[0].number, part) for part in split_top_level(paragraph[0].text)
                ]
        kept: list[PlainValue] = []
        for number, text in values:
            if field == "resources":
                link = _link(text)
                if link is None:
                    notes.append((number, f"resource without a URL left in the prose: {text!r}"))
                    continue
                value: PlainValue = link
            else:
                value = text.rstrip(",;").strip()
            kept.append(value)
            found.append(Found(f"$.{field}[{len(kept) - 1}]", value, number, text))
        if kept:
            fields[field] = kept
    notes.extend(front_matter_wins(fields, found, already))
    return fields, found, notes
