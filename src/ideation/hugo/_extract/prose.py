"""Facts of an event written in sentences: counts in words, the projects pitched as a list of
links, the place, the end date.

Each rule reads one way of writing a fact, and finds nothing rather than something wrong:

- a count in words or an estimate (``une trentaine d'agents``, ``plus d'une cinquantaine de
  participants``, ``environ 40 personnes``) is an approximate attendance count; for people other
  than "participants" (agents, personnes, experts...) the line must also say they took part
  (réunis, rassemblés, ont participé, présents...), since "la DINUM compte une trentaine
  d'agents" counts no one at the event;
- a bullet list whose items start with a link to a proposal lists the event's proposals;
- a ``Lieu :`` (or ``Adresse :``) line gives the place;
- ``du 13 au 14 juin 2022`` or ``les 13 et 14 juin`` gives the end date, when the first day is
  the page's date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence

from ideation.model import PlainValue

from .text import Found, Line, clean_text, fold

_ORDERS = {
    "dizaine": 10,
    "douzaine": 12,
    "quinzaine": 15,
    "vingtaine": 20,
    "trentaine": 30,
    "quarantaine": 40,
    "cinquantaine": 50,
    "soixantaine": 60,
    "centaine": 100,
}
_COUNT = re.compile(
    r"(?P<about>plus d'|plus de |pres d'|pres de |environ |quelque |au moins |une? )?"
    r"(?P<number>\d+|(?:une? )?(?:" + "|".join(_ORDERS) + r"))\s+(?:de |d')?"
    r"(?P<noun>participant(?:\(e\)|e)?s|personnes|agents|experts|membres|inscrits|collegues)\b"
)
_TOOK_PART = re.compile(
    r"\b(reuni|rassembl|particip|present|accueilli|venu|assist|mobilis|inscrit)"
)
_PLACE = re.compile(
    r"^\s*[*_>-]*\s*[*_]*\s*(?:lieu|adresse|ou|where|venue|location|address)\s*[*_]*\s*:\s*\S"
)
_MONTHS = [
    *("janvier", "fevrier", "mars", "avril", "mai", "juin"),
    *("juillet", "aout", "septembre", "octobre", "novembre", "decembre"),
]
_RANGE = re.compile(
    r"\b(?:du|les) (?P<first>\d{1,2})(?:er)? (?:au|et) (?P<last>\d{1,2}) "
    r"(?P<month>" + "|".join(_MONTHS) + r")(?: (?P<year>\d{4}))?\b"
)


def approximate_count(lines: Sequence[Line]) -> tuple[dict[str, PlainValue], list[Found]]:
    """An attendance count written in words or as an estimate, with ``approximate``."""
    for line in lines:
        folded = fold(line.text)
        for match in _COUNT.finditer(folded):
            number = match["number"].split()[-1]
            estimate = number in _ORDERS or match["about"] not in (None, "une ", "un ")
            if not estimate:
                continue  # an exact count ("25 participants"): the first rule reads it
            if not match["noun"].startswith("participant") and not _TOOK_PART.search(folded):
                continue
            count = _ORDERS.get(number) or int(number)
            text = line.text.strip()
            return {"count": count, "approximate": True}, [
                Found("$.attendance.count", count, line.number, text),
                Found("$.attendance.approximate", True, line.number, text),
            ]
    return {}, []


def linked_proposals(
    blocks: Sequence[tuple[int, list[tuple[Line, list[str]]]]],
) -> tuple[list[str], list[Found]]:
    """The proposals a bullet list links to, item by item (``* {ideation:proposal}`X <x>```)."""
    role = re.compile(r"^\{ideation:proposal\}`(?:[^`<]*<(?P<slug>[^<>`]+)>|(?P<bare>[^`<>]+))`")
    for _, items in blocks:
        slugs: list[str] = []
        found: list[Found] = []
        for item, _children in items:
            match = role.match(clean_text(item.text))
            if match is None:
                break
            slug = (match["slug"] or match["bare"]).strip()
            if slug not in slugs:
                found.append(Found(f"$.proposals[{len(slugs)}]", slug, item.number, item.text))
                slugs.append(slug)
        else:
            if slugs:
                return slugs, found
    return [], []


def place(lines: Sequence[Line]) -> tuple[dict[str, PlainValue], list[Found]]:
    """The place given on a ``Lieu :`` (or ``Where:``) line."""
    for line in lines:
        match = _PLACE.match(fold(line.text))
        if match is not None:
            # The folded text finds the label; the place keeps the page's own spelling.
            name = clean_text(line.text.split(":", 1)[1]).strip(" .")
            if name:
                return {"name": name}, [Found("$.location.name", name, line.number, line.text)]
    return {}, []


def end_date(
    lines: Sequence[Line], already: Mapping[str, PlainValue]
) -> tuple[dt.date | None, list[Found]]:
    """The last day of an event over several days (``du 13 au 14 juin 2022``), when the first
    day is the page's date; ``None`` otherwise."""
    date = already.get("date")
    if not isinstance(date, dt.date):
        return None, []
    day = date.date() if isinstance(date, dt.datetime) else date
    for line in lines:
        for match in _RANGE.finditer(fold(line.text)):
            month = _MONTHS.index(match["month"]) + 1
            year = int(match["year"]) if match["year"] else day.year
            if (year, month, int(match["first"])) != (day.year, day.month, day.day):
                continue
            try:
                end = dt.date(year, month, int(match["last"]))
            except ValueError:
                continue
            if end > day:
                return end, [Found("$.end", end, line.number, line.text.strip())]
    return None, []
