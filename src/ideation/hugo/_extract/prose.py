"""Facts of an event written in sentences: counts in words, the projects pitched as a list of
links, the place, the end date.

Each rule reads one way of writing a fact, and finds nothing rather than something wrong:

- a count in words or an estimate (``une trentaine d'agents``, ``plus d'une cinquantaine de
  participants``, ``environ 40 personnes``, ``about 25 people``, ``over 50 participants``) is an
  approximate attendance count, and a plain number of people other than participants
  (``réunir 25 experts``) an exact one; for people other than "participants" (agents,
  personnes, experts, talents, people...) the sentence must also say they took part (réunis,
  mobilisés, ont participé, came, attended, joined...), and a sentence about a community or a
  network ("une communauté d'une cinquantaine d'experts", "la DINUM compte une trentaine
  d'agents") counts no one at the event;
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
_ABOUT = (
    r"plus d'|plus de |pres d'|pres de |environ |quelque |au moins |une? |about |around |over "
    r"|more than |nearly |almost |roughly |approximately |some |at least |close to "
)
_NOUNS = (
    r"participant(?:\(e\)|e)?s|personnes|agents(?: publics)?|experts|membres|inscrits|collegues"
    r"|talents|contributeur(?:\(rice\)|rice)?s|developpeur(?:\(se\)|se)?s|data scientists"
    r"|people|participants|attendees|members|colleagues|civil servants|developers"
)
_COUNT = re.compile(
    rf"(?P<about>{_ABOUT})?"
    r"(?P<number>\d+|(?:une? )?(?:" + "|".join(_ORDERS) + r"))\s+(?:de |d'|of )?"
    rf"(?P<noun>{_NOUNS})\b"
)
# Words that say the people counted took part in the event (French and English).
_TOOK_PART = re.compile(
    r"\b(reuni|rassembl|particip|present|accueilli|venu|assist|mobilis|inscrit"
    r"|came|attend|joined|took part|gathered|showed up|registered|brought together|were there)"
)
# A sentence about a community, a network or an organisation counts no one at the event.
_NOT_THE_EVENT = re.compile(
    r"\b(communaute|reseau|compte|comptent|regroupe|community|network|counts|employs)\b"
)


def _sentences(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.!?;])\s+", text) if part.strip()]


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
    """An attendance count written in a sentence: in words or as an estimate (``une
    trentaine d'experts``, ``about 25 people``, with ``approximate``), or exact for people other
    than participants (``réunir 25 experts``). The sentence must be about the event: for people
    other than "participants" it says they took part, and never that they are a community or a
    network (``une communauté d'une cinquantaine d'experts`` counts no one at the event)."""
    for line in lines:
        for sentence in _sentences(fold(line.text)):
            found = _count(sentence)
            if found is None:
                continue
            count, approximate = found
            text = line.text.strip()
            values: dict[str, PlainValue] = {"count": count}
            finds = [Found("$.attendance.count", count, line.number, text)]
            if approximate:
                values["approximate"] = True
                finds.append(Found("$.attendance.approximate", True, line.number, text))
            return values, finds
    return {}, []


def _count(sentence: str) -> tuple[int, bool] | None:
    """The head-count of one sentence (folded), and whether it is an estimate."""
    if _NOT_THE_EVENT.search(sentence):
        return None
    for match in _COUNT.finditer(sentence):
        number = match["number"].split()[-1]
        about = match["about"] not in (None, "une ", "un ")
        estimate = number in _ORDERS or about
        participants = match["noun"].startswith("participant")
        if participants and not estimate:
            continue  # "25 participants": the attendance rule of the agenda's reader reads it
        if not participants and not _TOOK_PART.search(sentence):
            continue
        return _ORDERS.get(number) or int(number), estimate
    return None


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
