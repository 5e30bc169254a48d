"""Telling events from news: which pages of an events section describe an event.

A site's news section mixes events with newsletters, portraits of team members, season-closing
announcements and calls for applications. Each page is judged by stated rules, and the decision
and its reasons go to the report:

- **signs of news**: a news word in the title or in the page's ``kind``, ``type`` or
  ``categories`` (newsletter, lettre d'information, portrait, bilan, appel à candidatures,
  appel à projets, recrutement, the end of a season);
- **signs of an event**: an event word in the title or kind (atelier, bootcamp, kick-off, démo,
  restitution, formation, séminaire, webinaire, meetup, hackathon, journée, conférence,
  rencontre, lancement...), a time of day in the date, an agenda in the body (``* 9h30 :
  Accueil``), a place (``location``, ``lieu``, ``address`` keys, or a ``Lieu :`` line), or keys
  only events have (``date_end``, ``all_day``, ``event_url``, ``event``).

A page with an event sign and no news sign is an event; a page with a news sign is news unless
it has an agenda, a time and a place, or event-only keys (a bilan *with* an agenda is a recap
written as an event page); a page with no sign either way is not an event, since importing news
as events invents events. ``--as-events GLOB`` and ``--not-events GLOB`` decide for the pages
they match, whatever the rules say. A site written by ``ideation export hugo`` (it has
``data/ideation/programme.yaml``) is trusted: each page of its events section is an event.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from .extract import fold
from .extract.event import AGENDA_LINE

__all__ = ["Verdict", "judge", "matching_glob"]

_EVENT_WORD = re.compile(
    r"\b(ateliers?|bootcamps?|kick-?off|demos?|demonstrations?|restitutions?|formations?"
    r"|seminaires?|webinaires?|webinars?|meetups?|hackathons?|journees?|conferences?"
    r"|rencontres?|lancement|colloques?|workshops?|tables? rondes?|forums?|masterclass"
    r"|ceremonie|soirees?|sessions? de travail|comites? de selection|jurys?|pitchs?)\b"
)
_NEWS_WORD = re.compile(
    r"\b(newsletters?|lettres? d'information|infolettres?|portraits?|bilans?"
    r"|appels? a (?:candidatures?|projets?|manifestation d'interet)|recrutements?|on recrute"
    r"|offres? d'emploi|(?:fin|cloture) de (?:la )?saison|la saison \S+ (?:se termine|s'acheve))\b"
)
_PLACE_LINE = re.compile(r"^\s*[*_>-]*\s*[*_]*\s*(lieu|adresse|ou)\s*[*_]*\s*:", re.I)
_PLACE_KEYS = ("location", "lieu", "address", "adresse", "venue", "place")
_EVENT_KEYS = (
    *("date_end", "end_date", "enddate", "all_day", "event_url", "event", "start", "end"),
    *("sessions", "attendance", "organisers"),
)
_KIND_KEYS = ("kind", "type", "categories", "category")


@attrs.frozen
class Verdict:
    """Whether a page is an event, and the reasons, in words for the report."""

    event: bool
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        """The decision and its reasons as one sentence."""
        what = "an event" if self.event else "not an event"
        return f"{what}: {'; '.join(self.reasons)}"


def matching_glob(paths: Sequence[str], globs: Sequence[str]) -> str | None:
    """The first of ``globs`` that matches one of ``paths`` (a page's path under the site and
    under ``content/``), or ``None``."""
    for glob in globs:
        if any(fnmatch.fnmatchcase(path, glob.strip("/")) for path in paths):
            return glob
    return None


def _texts(front: Mapping[str, Any]) -> list[tuple[str, str]]:
    """``(where, folded text)`` for the title and the kind-like keys."""
    found = [("the title", fold(str(front.get("title") or "")))]
    for key in _KIND_KEYS:
        value = front.get(key)
        values = value if isinstance(value, list) else [value]
        for item in values:
            if isinstance(item, str | int) and str(item).strip():
                found.append((f"the {key}", fold(str(item))))
    return found


def _word_signs(pattern: re.Pattern[str], front: Mapping[str, Any]) -> list[str]:
    signs: list[str] = []
    for where, text in _texts(front):
        match = pattern.search(text)
        if match:
            signs.append(f"{match[0]!r} in {where}")
    return signs


def _time_of_day(front: Mapping[str, Any]) -> str | None:
    for key in ("date", "start"):
        value = front.get(key)
        if isinstance(value, dt.datetime) and (value.hour, value.minute) != (0, 0):
            return f"a time of day ({value:%H:%M}) in its {key}"
        if isinstance(value, str) and re.search(r"[T ]\d{2}:\d{2}", value):
            time = re.search(r"[T ](\d{2}:\d{2})", value)
            if time and time[1] != "00:00":
                return f"a time of day ({time[1]}) in its {key}"
    return None


def _body_signs(body: str, body_line: int) -> tuple[str | None, str | None]:
    agenda = place = None
    first_hour: int | None = None
    for number, line in enumerate(body.split("\n"), start=body_line):
        match = AGENDA_LINE.match(line)
        if match is not None and first_hour is None:
            first_hour = int(match["sh"])
            # Times from 00:00 are a video's chapters, not an agenda (see extract.event).
            if first_hour != 0:
                agenda = f"an agenda (line {number})"
        if place is None and _PLACE_LINE.match(fold(line)):
            place = f"a place (line {number})"
    return agenda, place


def judge(front: Mapping[str, Any], body: str, body_line: int) -> Verdict:
    """Whether a page whose front matter (keys lowercased) and body are given is an event."""
    news = _word_signs(_NEWS_WORD, front)
    words = _word_signs(_EVENT_WORD, front)
    time = _time_of_day(front)
    agenda, place = _body_signs(body, body_line)
    place_keys = [key for key in _PLACE_KEYS if front.get(key)]
    if place is None and place_keys:
        place = f"a place (its {place_keys[0]})"
    event_keys = [key for key in _EVENT_KEYS if key in front and front[key] not in (None, "")]
    keys = f"event keys ({', '.join(event_keys)})" if event_keys else None
    strong = [s for s in (agenda, keys) if s] or ([time, place] if time and place else [])
    evidence = [s for s in (*words, time, agenda, place, keys) if s]
    if news and strong:
        return Verdict(True, (*evidence, f"despite {', '.join(news)}"))
    if news:
        return Verdict(False, (*news, "news; --as-events GLOB imports it"))
    if evidence:
        return Verdict(True, tuple(evidence))
    return Verdict(
        False,
        (
            "no sign of an event (no time of day, agenda, place or event word such as atelier, "
            "formation or séminaire); --as-events GLOB imports it",
        ),
    )
