"""Season pages: a page of an events section that announces a season ("Programme de la saison
2023", "Season 2024 is open") becomes a :class:`~ideation.model.Season` of the programme, not an
event and not a skipped page.

A page is a season's when its title names a season by its year (``saison 2023``, ``saison
2023-2024``, ``season 2024``, ``promotion 2022``, ``cohort 2022``) and the rules of
``ideation.hugo._news`` find no event in it. The season's slug is its year (``2023``,
``2023-2024``), its name the page's title, its summary and description the page's; the page
is recorded (``hugo: {file: ...}`` in the season's extra keys) so that the report says where it
came from. A season the programme has already (from ``data/ideation/programme.yaml``, as an
export writes it) is not made twice.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ideation import model
from ideation.convert import structure
from ideation.errors import DataError
from ideation.model import PlainValue

from ._extract.text import fold

_SEASON = re.compile(
    r"\b(?:saison|season|promotion|promo|cohorte?|cohort|edition)\s+"
    r"(?P<year>(?:19|20)\d{2}(?:\s*[-/]\s*(?:19|20)?\d{2})?)\b"
)


def season_of(front: Mapping[str, PlainValue]) -> str | None:
    """The slug of the season the page's title names (``2023``, ``2023-2024``), or ``None``."""
    title = front.get("title")
    if not isinstance(title, str):
        return None
    match = _SEASON.search(fold(title))
    if match is None:
        return None
    first, _, second = re.sub(r"\s", "", match["year"]).replace("/", "-").partition("-")
    if second and len(second) == 2:
        second = first[:2] + second
    return f"{first}-{second}" if second else first


def season(slug: str, data: Mapping[str, PlainValue], file: str) -> tuple[model.Season | None, str]:
    """The season a page describes, and what the report says of it."""
    name = data.get("title")
    fields: dict[str, PlainValue] = {
        "slug": slug,
        "name": name if isinstance(name, str) else slug,
        "hugo": {"file": file},
    }
    for key in ("summary", "description"):
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            fields[key] = value
    try:
        return structure(fields, model.Season), f"the season {slug!r} of the programme"
    except DataError as error:
        return None, f"not a season: {error.problems[0].message}"
