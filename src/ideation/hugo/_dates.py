"""Dates as Hugo sites write them: a year (``2022``), a month (``2022-05``), or words
(``16 mai 2023``, ``mardi 1er juin 2023``, ``16 May 2023``, ``May 16, 2023``).

Hugo accepts a year or a month alone; the model's dates are days. The rule: such a date is
read as the first day of its year or month, and its precision (``year`` or ``month``) is kept
beside it as ``date_precision``, so that :func:`~ideation.hugo.export_site` writes it back as it
was. Dates in words are read in French and English; anything else is left for the model to
refuse, with its line.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from ideation.model import PlainValue

from ._extract.text import fold

#: The key that keeps a date's precision beside it, in the object's extra keys.
PRECISION_KEY = "date_precision"

Precision = Literal["day", "month", "year"]

_MONTHS = {
    **{
        name: number
        for number, names in enumerate(
            (
                ("janvier", "janv", "january", "jan"),
                ("fevrier", "fevr", "fev", "february", "feb"),
                ("mars", "march", "mar"),
                ("avril", "avr", "april", "apr"),
                ("mai", "may"),
                ("juin", "june", "jun"),
                ("juillet", "juil", "july", "jul"),
                ("aout", "august", "aug"),
                ("septembre", "sept", "september", "sep"),
                ("octobre", "oct", "october"),
                ("novembre", "nov", "november"),
                ("decembre", "dec", "december"),
            ),
            start=1,
        )
        for name in names
    }
}
_MONTH = r"(?P<month>[a-z]+)\.?"
_DAY = r"(?P<day>\d{1,2})(?:er|st|nd|rd|th)?"
_WEEKDAY = (
    r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday"
    r"|thursday|friday|saturday|sunday),?\s+)?"
)
_DAY_FIRST = re.compile(rf"{_WEEKDAY}{_DAY}\s+{_MONTH}\s+(?P<year>\d{{4}})")
_MONTH_FIRST = re.compile(rf"{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+(?P<year>\d{{4}})")
_YEAR = re.compile(r"(?P<year>\d{4})")
_YEAR_MONTH = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})")


def _in_words(text: str) -> dt.date | None:
    folded = fold(text.strip())
    for pattern in (_DAY_FIRST, _MONTH_FIRST):
        match = pattern.fullmatch(folded)
        if match and match["month"] in _MONTHS:
            try:
                return dt.date(int(match["year"]), _MONTHS[match["month"]], int(match["day"]))
            except ValueError:
                return None
    return None


def read_date(value: object) -> tuple[dt.date, Precision] | None:
    """A year, a month or a date in words as a day and its precision; ``None`` for anything
    else (an ISO date, a date-time, or text that is no date), which is read as it is."""
    if isinstance(value, bool):
        return None
    text = str(value).strip() if isinstance(value, int | str) else None
    if text is None:
        return None
    if _YEAR.fullmatch(text) and 1 <= int(text) <= 9999:
        return dt.date(int(text), 1, 1), "year"
    month = _YEAR_MONTH.fullmatch(text)
    if month and 1 <= int(month["month"]) <= 12 and int(month["year"]) >= 1:
        return dt.date(int(month["year"]), int(month["month"]), 1), "month"
    day = _in_words(text) if isinstance(value, str) else None
    return (day, "day") if day is not None else None


def precision_key(key: str) -> str:
    """The key that keeps the precision of the date under ``key``: :data:`PRECISION_KEY` for
    a page's ``date``, ``start_precision`` and ``end_precision`` for an event's bounds."""
    return PRECISION_KEY if key == "date" else f"{key}_precision"


def last_day(day: dt.date, precision: Precision) -> dt.date:
    """The last day of the year or month that starts on ``day``: what an end given as
    ``2022`` or ``2022-05`` means."""
    if precision == "year":
        return dt.date(day.year, 12, 31)
    if precision == "month":
        following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return day


def _bound(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def as_written(day: PlainValue, precision: PlainValue) -> PlainValue:
    """The value to write back for ``day`` read with ``precision``: ``2022`` for a year,
    ``2022-05`` for a month (from their first or their last day), ``day`` itself otherwise."""
    if not isinstance(day, dt.date | str):
        return day
    text = day.isoformat() if isinstance(day, dt.date) else day
    parsed = _bound(text) if len(text) == 10 else None
    if parsed is not None and precision in ("year", "month") and parsed != dt.date(1, 1, 1):
        first = dt.date(parsed.year, parsed.month if precision == "month" else 1, 1)
        if parsed == last_day(first, "year" if precision == "year" else "month"):
            text = first.isoformat()
    if precision == "year" and re.fullmatch(r"\d{4}-01-01", text):
        # A bare number as sites write it; before the year 1000 only text keeps four digits.
        return int(text[:4]) if text[0] != "0" else text[:4]
    if precision == "month" and re.fullmatch(r"\d{4}-\d{2}-01", text):
        return text[:7]
    return day
