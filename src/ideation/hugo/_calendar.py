"""Several dated events written as a list in one page: a training calendar in a section's
``_index.md``.

With ``--extract``, each bullet that starts with a date in words and then a title becomes an
event::

    * 12 janvier 2024 : Formation Python (9h30-12h30)
    * 9 février 2024 – Formation SQL

The date is read as :func:`ideation.hugo._dates.read_date` reads it (French or English words,
or ISO), a time range in parentheses gives the start and the end, and the slug is made from
the date and the title. Lines that do not follow the pattern are left alone.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from ideation.model import PlainValue

from ._dates import read_date
from ._extract.text import clean_text, slugify

_ITEM = re.compile(
    r"^\s*[*+-]\s+[*_]*(?:(?:le|du|on)\s+)?(?P<date>\d{1,2}(?:er|st|nd|rd|th)?\s+\S+\.?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2})[*_]*\s*(?:[:–—-]|,)\s*(?P<title>.+?)\s*$",
    re.I,
)
_HOURS = re.compile(
    r"\s*\(\s*(?P<sh>\d{1,2})\s*[h:]\s*(?P<sm>\d{2})?\s*[-–à]\s*(?P<eh>\d{1,2})\s*[h:]\s*"
    r"(?P<em>\d{2})?\s*\)"
)


@attrs.frozen
class Dated:
    """One event of a calendar: its data for the model, and the line it was read from."""

    data: dict[str, PlainValue]
    line: int
    text: str


def _hours(title: str, day: dt.date) -> tuple[str, dict[str, PlainValue]]:
    match = _HOURS.search(title)
    if match is None:
        return title, {}
    try:
        start = dt.datetime.combine(day, dt.time(int(match["sh"]), int(match["sm"] or 0)))
        end = dt.datetime.combine(day, dt.time(int(match["eh"]), int(match["em"] or 0)))
    except ValueError:
        return title, {}
    if end <= start:
        return title, {}
    return (title[: match.start()] + title[match.end() :]).strip(), {"start": start, "end": end}


def read_calendar(body: str, first_line: int) -> list[Dated]:
    """The dated events listed in ``body``, whose first line is ``first_line`` of the file."""
    found: list[Dated] = []
    for number, line in enumerate(body.split("\n"), start=first_line):
        match = _ITEM.match(line)
        if match is None:
            continue
        read = read_date(match["date"]) if not match["date"][:4].isdigit() else None
        if match["date"][:4].isdigit():
            try:
                day = dt.date.fromisoformat(match["date"])
            except ValueError:
                continue
        elif read is None or read[1] != "day":
            continue
        else:
            day = read[0]
        title, hours = _hours(clean_text(match["title"]), day)
        title = title.rstrip(" .;,")
        slug = slugify(f"{day.isoformat()} {title}")
        if not title or not slug:
            continue
        found.append(Dated({"slug": slug, "title": title, "date": day, **hours}, number, line))
    return found
