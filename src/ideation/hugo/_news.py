"""Telling events from news: which pages of an events section describe an event.

A site's news section mixes events with newsletters, portraits of team members, season-closing
announcements and calls for applications. Each page is judged by stated rules, and the decision
and its reasons go to the report:

- **signs of news**: a news word in the title or in the page's ``kind``, ``type`` or
  ``categories`` (newsletter, lettre d'information, portrait, bilan, appel à candidatures,
  appel à projets, recrutement, the end of a season; in English newsletter, portrait, profile,
  interview, recap, wrap-up, year in review, call for applications or proposals,
  announcement, we're hiring, press release, end of season);
- **signs of an event**: a category, type or tag that says so (``categories: [event]``,
  ``tags: [évènement]``), an event word in the title or kind (atelier, bootcamp, kick-off, démo,
  restitution, formation, séminaire, webinaire, meetup, hackathon, journée, conférence,
  rencontre, lancement...; in English workshop, hackathon, meetup, kick-off, demo day,
  seminar, training, webinar, conference, summit, panel, talk...), a time of day in the date,
  an agenda in the body (``* 9h30 : Accueil``, ``* 9:30 am – Welcome``), a place
  (``location``, ``lieu``, ``address`` keys, or a ``Lieu :`` or ``Where:`` line), or keys only
  events have (``date_end``, ``all_day``, ``event_url``, ``event``).

The words are read in the page's language, where the page says it: its ``lang`` (or
``language``) key, a language code in its file name (``x.en.md``), else the site's
``languageCode``. French and English have lists of their own (``formation`` is an event in
French, not in English: a team's formation); a page in another language, or one that says
none, is read with both. The report says which words were read, and why.

A time of day in the date is a sign only where some pages have none: on a site whose every page
is dated ``T13:00`` (a theme's default hour), it tells nothing, and the real signs decide.

A page with an event sign and no news sign is an event; a page with a news sign is news unless
it has an agenda, a time and a place, or event-only keys (a bilan *with* an agenda is a recap
written as an event page); a page with no sign either way is not an event, since importing news
as events invents events. ``--as-events GLOB`` and ``--not-events GLOB`` decide for the pages
they match, whatever the rules say. On a site written by ``ideation export hugo``, the pages
its ``data/ideation/programme.yaml`` lists under ``event_pages`` are events (the export wrote
them as such); the other pages of the section are judged, since news may sit beside them.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from ideation.model import PlainValue

from ._extract.event import AGENDA_LINE
from ._extract.text import fold


@attrs.frozen
class _Words:
    """The words that tell an event from news in one language."""

    name: str
    event: re.Pattern[str]
    news: re.Pattern[str]
    place: re.Pattern[str]


# Words are matched on folded text (lowercase, no accents). French pages borrow English event
# words (kick-off, meetup, hackathon, workshop, demo day), so the French list has them too;
# "formation" is left out of the English list, where it is no event (a team's formation).
_FRENCH = _Words(
    "French",
    re.compile(
        r"\b(ateliers?|bootcamps?|kick-?off|demos?|demonstrations?|restitutions?|formations?"
        r"|seminaires?|webinaires?|webinars?|meetups?|hackathons?|journees?|conferences?"
        r"|rencontres?|lancement|colloques?|workshops?|tables? rondes?|forums?|masterclass"
        r"|ceremonie|soirees?|sessions? de travail|comites? de selection|jurys?|pitchs?)\b"
    ),
    re.compile(
        r"\b(newsletters?|lettres? d'information|infolettres?|portraits?|bilans?"
        r"|appels? a (?:candidatures?|projets?|manifestation d'interet)|recrutements?"
        r"|on recrute|offres? d'emploi|(?:fin|cloture) de (?:la )?saison"
        r"|la saison \S+ (?:se termine|s'acheve))\b"
    ),
    re.compile(r"^\s*[*_>-]*\s*[*_]*\s*(lieu|adresse|ou)\s*[*_]*\s*:"),
)
_ENGLISH = _Words(
    "English",
    re.compile(
        r"\b(workshops?|hackathons?|datathons?|meetups?|kick-?offs?|demo ?days?|demos?"
        r"|seminars?|trainings?|training sessions?|webinars?|conferences?|bootcamps?"
        r"|summits?|symposi(?:um|a)s?|forums?|panels?|round ?tables?|lectures?|talks?"
        r"|launch(?: event| party)?|ceremon(?:y|ies)|masterclass(?:es)?|info sessions?"
        r"|open days?|pitch(?:es)?(?: night| day)?|study days?|sprints?)\b"
    ),
    re.compile(
        r"\b(newsletters?|portraits?|profiles?|meet the team|interviews?|recaps?"
        r"|wrap-?ups?|round-?ups?|highlights|(?:year|season|month|week) in review"
        r"|review of the (?:year|season)|calls? for (?:applications|proposals|papers"
        r"|participation|projects|contributions|entries)|announcements?|announcing"
        r"|we(?:'re| are) hiring|job (?:offers?|openings?)|vacanc(?:y|ies)|press releases?"
        r"|end of (?:the )?season|season \S+ (?:ends|is over|comes to an end))\b"
    ),
    re.compile(r"^\s*[*_>-]*\s*[*_]*\s*(where|venue|location|address)\s*[*_]*\s*:"),
)
_LANGUAGES = {"fr": _FRENCH, "en": _ENGLISH}
_LANGUAGE_NAMES = {"french": "fr", "francais": "fr", "english": "en", "anglais": "en"}
_LANGUAGE_KEYS = ("lang", "language", "languagecode")
# A language code before a page's suffix: x.en.md, index.fr.md.
_FILE_LANGUAGE = re.compile(r"\.(?P<code>[a-z]{2})(?:[-_][a-z]{2,4})?$", re.I)


def _code(value: PlainValue) -> str | None:
    """A two-letter language code from ``fr``, ``en-GB``, ``fr_FR`` or ``English``."""
    if not isinstance(value, str):
        return None
    folded = fold(value.strip())
    if folded in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[folded]
    match = re.fullmatch(r"([a-z]{2})(?:[-_][a-z0-9]{2,8})*", folded)
    return match[1] if match else None


def page_language(
    front: Mapping[str, PlainValue], stem: str, site: str | None
) -> tuple[str, str] | None:
    """The language a page says it is in, and where it says so: its ``lang`` key, a code in
    its file name (``x.en.md``), or the site's ``languageCode``; ``None`` when nothing says."""
    for key in _LANGUAGE_KEYS:
        code = _code(front.get(key))
        if code:
            return code, f"its {key}"
    match = _FILE_LANGUAGE.search(stem)
    if match:
        return match["code"].lower(), "its file name"
    return (site, "the site's language") if site else None


def site_language(config: Mapping[str, PlainValue]) -> str | None:
    """The language a site's config says its pages are in, if it says."""
    keys = {str(key).lower(): value for key, value in config.items()}
    for key in ("languagecode", "defaultcontentlanguage"):
        code = _code(keys.get(key))
        if code:
            return code
    return None


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


def _texts(front: Mapping[str, PlainValue]) -> list[tuple[str, str]]:
    """``(where, folded text)`` for the title and the kind-like keys."""
    found = [("the title", fold(str(front.get("title") or "")))]
    for key in _KIND_KEYS:
        value = front.get(key)
        values = value if isinstance(value, list) else [value]
        for item in values:
            if isinstance(item, str | int) and str(item).strip():
                found.append((f"the {key}", fold(str(item))))
    return found


def _word_signs(patterns: Sequence[re.Pattern[str]], front: Mapping[str, PlainValue]) -> list[str]:
    signs: list[str] = []
    for where, text in _texts(front):
        match = next((m for m in (p.search(text) for p in patterns) if m), None)
        if match:
            signs.append(f"{match[0]!r} in {where}")
    return signs


def time_of_day(front: Mapping[str, PlainValue]) -> str | None:
    for key in ("date", "start"):
        value = front.get(key)
        if isinstance(value, dt.datetime) and (value.hour, value.minute) != (0, 0):
            return f"a time of day ({value:%H:%M}) in its {key}"
        if isinstance(value, str) and re.search(r"[T ]\d{2}:\d{2}", value):
            time = re.search(r"[T ](\d{2}:\d{2})", value)
            if time and time[1] != "00:00":
                return f"a time of day ({time[1]}) in its {key}"
    return None


# A category or tag that says "event" outright: a sign as strong as an agenda.
_TAGGED = frozenset({"event", "events", "evenement", "evenements", "agenda"})


def _tagged(front: Mapping[str, PlainValue]) -> str | None:
    for key in (*_KIND_KEYS, "tags"):
        value = front.get(key)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and fold(item.strip()) in _TAGGED:
                return f"{key}: {item.strip()}"
    return None


def _body_signs(
    body: str, body_line: int, places: Sequence[re.Pattern[str]]
) -> tuple[str | None, str | None]:
    agenda = place = None
    first_hour: int | None = None
    for number, line in enumerate(body.split("\n"), start=body_line):
        match = AGENDA_LINE.match(line)
        if match is not None and first_hour is None:
            first_hour = int(match["sh"])
            # Times from 00:00 are a video's chapters, not an agenda (see extract.event).
            if first_hour != 0:
                agenda = f"an agenda (line {number})"
        if place is None and any(p.match(fold(line)) for p in places):
            place = f"a place (line {number})"
    return agenda, place


def judge(
    front: Mapping[str, Any],
    body: str,
    body_line: int,
    language: tuple[str, str] | None = None,
    *,
    times_tell: bool = True,
) -> Verdict:
    """Whether a page whose front matter (keys lowercased) and body are given is an event.

    ``language`` is the page's language and where the page says it (see
    :func:`page_language`): the words of that language are read, or those of every language
    the rules know when it is another or unknown. ``times_tell`` is false where every page of
    the site has a time of day in its date, which then is no sign.
    """
    words_of = _LANGUAGES.get(language[0]) if language else None
    lists = [words_of] if words_of else list(_LANGUAGES.values())
    news = _word_signs([w.news for w in lists], front)
    words = _word_signs([w.event for w in lists], front)
    time = time_of_day(front)
    if time is not None and not times_tell:
        # Every page of the site has one (a theme's default hour): it tells nothing.
        time = None
    agenda, place = _body_signs(body, body_line, [w.place for w in lists])
    place_keys = [key for key in _PLACE_KEYS if front.get(key)]
    if place is None and place_keys:
        place = f"a place (its {place_keys[0]})"
    event_keys = [key for key in _EVENT_KEYS if key in front and front[key] not in (None, "")]
    keys = f"event keys ({', '.join(event_keys)})" if event_keys else None
    tagged = _tagged(front)
    strong = [s for s in (tagged, agenda, keys) if s] or ([time, place] if time and place else [])
    evidence = [s for s in (tagged, *words, time, agenda, place, keys) if s]
    # Which words were read, when the page says its language: a reason like any other.
    said = (f"words read in {words_of.name} ({language[1]})",) if words_of and language else ()
    if news and strong:
        return Verdict(True, (*evidence, f"despite {', '.join(news)}", *said))
    if news:
        return Verdict(False, (*news, *said, "news; --as-events GLOB imports it"))
    if evidence:
        return Verdict(True, (*evidence, *said))
    examples = (
        "workshop, training or seminar"
        if words_of is _ENGLISH
        else ("atelier, formation or séminaire")
    )
    return Verdict(
        False,
        (
            f"no sign of an event (no time of day, agenda, place or event word such as {examples})",
            *said,
            "--as-events GLOB imports it",
        ),
    )
