"""Events from prose: the agenda, attendance, organisations, workshop topics and kind."""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Mapping, Sequence
from typing import NotRequired, TypedDict

from ideation.model import PlainMapping, PlainValue

from .prose import approximate_count, end_date, linked_proposals, place
from .text import (
    BULLET,
    HEADING,
    Found,
    Line,
    body_lines,
    bullet_blocks,
    clean_text,
    fold,
    front_matter_wins,
    plain_inline,
    slugify,
    split_top_level,
)

# -- events ------------------------------------------------------------------------------------

# 9h30, 9:30, 9h, and in English 9:30 am, 2pm.
_TIME = (
    r"(?P<{0}h>\d{{1,2}})(?:\s*(?:h|H|:)\s*(?P<{0}m>\d{{2}})?(?:\s*(?P<{0}p>[aApP])\.?[mM]\.?)?"
    r"|\s*(?P<{0}q>[aApP])\.?[mM]\.?)"
)
_RANGE = r"(?P<range>" + _TIME.format("s") + r"(?:\s*(?:-|–|à|a|to)\s*" + _TIME.format("e") + r")?)"


class _AgendaLine:
    """An agenda item: ``- 9h30 : Accueil``, ``## 14h00-15h00 : Ateliers``, ``## 9:30 –
    Welcome``, a bullet with no separator (``- 9:00 Welcome``, when its time has minutes or
    am/pm: ``- 3h de pause`` is no agenda), and a plain line with one (``16h00: Pot final``)."""

    _MARKED = re.compile(
        r"^\s*(?:[*+-]|#{1,6})\s+[*_]*\s*"
        + _RANGE
        + r"(?:\s*[*_]*\s*[:–-]\s*|[*_]*\s+(?=[^\s:–-]))(?P<title>.+?)\s*$"
    )
    _PLAIN = re.compile(r"^\s*[*_]*" + _RANGE + r"\s*[*_]*\s*[:–-]\s*(?P<title>.+?)\s*$")

    def match(self, text: str) -> re.Match[str] | None:
        """The item's times and title, or ``None`` when ``text`` is no agenda item."""
        found = self._MARKED.match(text)
        if found is None:
            return self._PLAIN.match(text)
        between = text[found.end("range") : found.start("title")]
        strict = found["sm"] or found["sp"] or found["sq"]
        return found if strict or re.search(r"[:–-]", between) else None


AGENDA_LINE = _AgendaLine()
_SESSION_WORDS = (
    ("accueil", "welcome"),
    ("cafe", "welcome"),
    ("presentation", "presentation"),
    ("pitch", "pitch"),
    ("atelier", "workshop"),
    ("restitution", "restitution"),
    ("pause", "break"),
    ("dejeuner", "meal"),
    ("repas", "meal"),
    ("cloture", "closing"),
    ("conclusion", "closing"),
    ("table ronde", "discussion"),
    ("discussion", "discussion"),
    ("conference", "talk"),
    ("intervention", "talk"),
    # English agendas.
    ("welcome", "welcome"),
    ("registration", "welcome"),
    ("keynote", "talk"),
    ("talk", "talk"),
    ("workshop", "workshop"),
    ("break", "break"),
    ("lunch", "meal"),
    ("dinner", "meal"),
    ("report back", "restitution"),
    ("read-out", "restitution"),
    ("panel", "discussion"),
    ("closing", "closing"),
    ("wrap-up", "closing"),
)
_PARTICIPANTS = re.compile(
    r"(?P<count>\d+)\s*[*_]*\s*participant(?:\(e\)|e)?s\b[*_]*\s*(?P<rest>.*)$", re.I
)
_ESTIMATE = re.compile(
    r"\b(?:plus d'|plus de|pres d'|pres de|environ|quelque|au moins|about|around|over|more than"
    r"|nearly|almost|roughly|approximately|some|at least|close to)\s*[*_]*\s*$"
)
_TOPICS_HEADING = re.compile(r"\b(ateliers?|groupes? de travail|sujets|themes)\b")
_ORG_START = ("ministere", "direction", "secretariat", "agence", "institut", "cour ", "conseil")
_ORG_KINDS = (
    ("ministere", "ministry"),
    ("direction", "directorate"),
    ("agence", "agency"),
    ("institut", "institute"),
    ("cour ", "court"),
    ("tribunal", "court"),
    ("conseil d'etat", "court"),
)
_STOP_WORDS = frozenset(
    {
        *("les", "des", "une", "pour", "par", "aux", "sur", "dans", "avec", "sans", "entre"),
        *("ses", "son", "leur", "leurs", "est", "qui", "que", "partir", "afin", "cette", "ces"),
    }
)


_EVENT_WORDS = (
    ("ideation", "ideation-workshop"),
    ("bootcamp", "bootcamp"),
    ("webinaire", "webinar"),
    ("webinar", "webinar"),
    ("journee de travail", "working-day"),
    ("cloture", "closing"),
    ("meetup", "meetup"),
    ("working day", "working-day"),
    ("closing", "closing"),
)


class SessionFound(TypedDict):
    """A session read from an agenda line (times as ``HH:MM``), before the model reads it."""

    start: str
    title: str
    end: NotRequired[str]
    kind: NotRequired[str]
    description: NotRequired[str]
    proposals: NotRequired[list[str]]


class OrganisationFound(TypedDict):
    """An organisation read from a list of ministries and their units."""

    slug: str
    name: str
    acronym: NotRequired[str]
    kind: NotRequired[str]
    parent: NotRequired[str]


def session_data(session: SessionFound) -> PlainMapping:
    """A session as the plain data the model reads."""
    data: PlainMapping = {"start": session["start"], "title": session["title"]}
    if "end" in session:
        data["end"] = session["end"]
    if "kind" in session:
        data["kind"] = session["kind"]
    if "description" in session:
        data["description"] = session["description"]
    if "proposals" in session:
        data["proposals"] = list[PlainValue](session["proposals"])
    return data


def organisation_data(organisation: OrganisationFound) -> PlainMapping:
    """An organisation as the plain data the model reads."""
    data: PlainMapping = {"slug": organisation["slug"], "name": organisation["name"]}
    if "acronym" in organisation:
        data["acronym"] = organisation["acronym"]
    if "kind" in organisation:
        data["kind"] = organisation["kind"]
    if "parent" in organisation:
        data["parent"] = organisation["parent"]
    return data


def event_kind(title: str) -> str | None:
    """The kind of an event, guessed from its title (``Atelier d'idéation`` is an ideation
    workshop); ``None`` when no word tells."""
    folded = fold(title)
    return next((kind for word, kind in _EVENT_WORDS if word in folded), None)


def session_kind(title: str) -> str:
    """The kind of a session, guessed from the first telling word of its title."""
    folded = fold(title)
    found = [(folded.find(word), kind) for word, kind in _SESSION_WORDS if word in folded]
    return min(found)[1] if found else "other"


def _time(hours: str | None, minutes: str | None, meridiem: str | None = None) -> str | None:
    if hours is None:
        return None
    hour, minute = int(hours), int(minutes or 0)
    if meridiem is not None:
        # 12 am is midnight, 12 pm noon; 13 pm is no time at all.
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem.lower() == "p" else 0)
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def _agenda(lines: Sequence[Line]) -> tuple[list[SessionFound], list[Found], list[str]]:
    sessions: list[SessionFound] = []
    sources: list[Line] = []
    for line in lines:
        match = AGENDA_LINE.match(line.text)
        if match is None:
            continue
        start = _time(match["sh"], match["sm"], match["sp"] or match["sq"])
        if start is None:
            continue
        title = clean_text(plain_inline(match["title"]))
        session: SessionFound = {"start": start, "title": title}
        end = _time(match["eh"], match["em"], match["ep"] or match["eq"])
        if end is not None:
            session["end"] = end
        session["kind"] = session_kind(session["title"])
        sessions.append(session)
        sources.append(line)
    if sessions and sessions[0]["start"] == "00:00":
        # A list from 00:00 (00:00 Introduction, 03:30 Démo) is the chapters of a video.
        return (
            [],
            [],
            [
                f"times from 00:00 (line {sources[0].number}) are timestamps of a video, not "
                "sessions: left in the prose"
            ],
        )
    if [s["start"] for s in sessions] != sorted(s["start"] for s in sessions):
        return (
            [],
            [],
            ["agenda lines found but not in time order (several days?): left in the prose"],
        )
    for current, following in itertools.pairwise(sessions):
        # An agenda item lasts until the next one starts, unless it says otherwise.
        if "end" not in current and following["start"] > current["start"]:
            current["end"] = following["start"]
    found = [
        Found(f"$.sessions[{i}]", session_data(session), line.number, line.text.strip())
        for i, (session, line) in enumerate(zip(sessions, sources, strict=True))
    ]
    return sessions, found, []


def _profiles(text: str) -> list[str]:
    profiles: list[str] = []
    for part in split_top_level(text.rstrip(". ")):
        part = clean_text(plain_inline(part))
        if not part or fold(part).rstrip(".") in {"etc", "..."}:
            continue
        # "des algorithmes et des codes sources" continues the profile before it.
        if profiles and part[0].islower():
            profiles[-1] = f"{profiles[-1]}, {part}"
        else:
            profiles.append(part)
    return profiles


def _attendance(
    lines: Sequence[Line], blocks: Sequence[tuple[int, list[tuple[Line, list[str]]]]]
) -> tuple[PlainMapping, list[Found]]:
    for index, line in enumerate(lines):
        match = _PARTICIPANTS.search(line.text)
        if match is None:
            continue
        count = int(match["count"])
        attendance: PlainMapping = {"count": count}
        found = [Found("$.attendance.count", count, line.number, line.text.strip())]
        if _ESTIMATE.search(fold(line.text[: match.start()])):
            # "over 50 participants", "plus de 40 participants": an estimate.
            attendance["approximate"] = True
            found.append(Found("$.attendance.approximate", True, line.number, line.text.strip()))
        rest = match["rest"]
        profiles: list[str] = []
        if ":" in rest:
            profiles = _profiles(rest.split(":", 1)[1])
        else:
            following = [items for start, items in blocks if start > index]
            between = lines[index + 1 : index + 3]
            if following and any(BULLET.match(other.text) for other in between):
                profiles = [clean_text(plain_inline(item.text)) for item, _ in following[0]]
        if profiles:
            attendance["profiles"] = [{"name": name} for name in profiles]
            found.extend(
                Found(f"$.attendance.profiles[{i}].name", name, line.number, name)
                for i, name in enumerate(profiles)
            )
        return attendance, found
    return {}, []


def _organisation(name: str, parent: str | None) -> OrganisationFound:
    name = clean_text(name)
    organisation: OrganisationFound = {"slug": slugify(name), "name": name}
    if " " not in name and sum(c.isupper() for c in name) >= 2 and len(name) <= 12:
        organisation["acronym"] = name
    folded = fold(name)
    for word, kind in _ORG_KINDS:
        if folded.startswith(word):
            organisation["kind"] = kind
            break
    if parent is not None:
        organisation["parent"] = parent
    return organisation


def _organisations(
    blocks: Sequence[tuple[int, list[tuple[Line, list[str]]]]],
) -> tuple[list[OrganisationFound], list[Found]]:
    for _, items in blocks:
        starts = sum(fold(item.text).startswith(_ORG_START) for item, _ in items)
        if not items or starts * 2 < len(items):
            continue
        organisations: list[OrganisationFound] = []
        found: list[Found] = []
        for item, _nested in items:
            match = re.fullmatch(
                r"(?P<name>[^()]+?)\s*\((?P<units>[^()]*)\)\s*[.;,]?", item.text.strip()
            )
            name = match["name"] if match else item.text
            parent = _organisation(name, None)
            organisations.append(parent)
            found.append(
                Found(
                    f"$.organisations[{len(organisations) - 1}]",
                    organisation_data(parent),
                    item.number,
                    item.text.strip(),
                )
            )
            for unit in split_top_level(match["units"]) if match else []:
                child = _organisation(unit, parent["slug"])
                if child["slug"] == parent["slug"]:
                    continue
                organisations.append(child)
                found.append(
                    Found(
                        f"$.organisations[{len(organisations) - 1}]",
                        organisation_data(child),
                        item.number,
                        item.text.strip(),
                    )
                )
        return organisations, found
    return [], []


def _words(text: str) -> set[str]:
    return {
        word.rstrip("s")
        for word in re.findall(r"[a-z0-9]+", fold(text))
        if len(word) > 2 and word not in _STOP_WORDS
    }


def match_title(topic: str, titles: Mapping[str, str]) -> tuple[str | None, float]:
    """The slug whose title best matches ``topic``, and the score (0 to 1); ``None`` below 0.6.

    The score is the larger of :mod:`difflib`'s ratio on the folded texts and the share of the
    shorter text's significant words found in the other, so that ``SIRETisation`` matches ``La
    SIRETisation des établissements``.
    """
    best_score, best_slug = 0.0, ""
    topic_words = _words(topic)
    for slug, title in titles.items():
        ratio = difflib.SequenceMatcher(None, fold(topic), fold(title)).ratio()
        title_words = _words(title)
        shorter = min(len(topic_words), len(title_words))
        overlap = len(topic_words & title_words) / shorter if shorter else 0.0
        score = max(ratio, overlap)
        if score > best_score:
            best_score, best_slug = score, slug
    return (best_slug if best_score >= 0.6 else None), round(best_score, 2)


def _topics(
    lines: Sequence[Line], blocks: Sequence[tuple[int, list[tuple[Line, list[str]]]]]
) -> list[Line]:
    for start, items in blocks:
        # The line that introduces the list: the last non-blank line before it.
        before = [line for line in lines[:start] if line.text.strip()]
        if not before:
            continue
        intro = before[-1].text
        heading = HEADING.match(intro)
        if heading is None and not intro.rstrip().endswith(":"):
            continue
        if _TOPICS_HEADING.search(fold(intro)) and not AGENDA_LINE.match(
            items[0][0].text if items else ""
        ):
            if any(AGENDA_LINE.match(f"* {item.text}") for item, _ in items):
                continue
            return [Line(item.number, clean_text(plain_inline(item.text))) for item, _ in items]
    return []


def _workshops(
    lines: Sequence[Line],
    blocks: Sequence[tuple[int, list[tuple[Line, list[str]]]]],
    proposals: Mapping[str, str],
    sessions: list[SessionFound],
    fields: PlainMapping,
    found: list[Found],
    notes: list[tuple[int | None, str]],
) -> None:
    """The workshop topics, linked to proposals: parallel sessions in the agenda's workshop
    slot, or the event's proposals when the agenda has none."""
    topics = _topics(lines, blocks)
    topic_sessions: list[tuple[str, str | None]] = []
    matched: list[str] = []
    for index, topic in enumerate(topics):
        slug, score = match_title(topic.text, proposals)
        found.append(
            Found(
                f"$.topics[{index}]",
                {"title": topic.text, "proposal": slug, "score": score},
                topic.number,
                topic.text,
            )
        )
        if slug is not None and slug not in matched:
            matched.append(slug)
        topic_sessions.append((topic.text, slug))

    workshop = next((i for i, s in enumerate(sessions) if s.get("kind") == "workshop"), None)
    if topics and workshop is not None:
        # The agenda's workshop slot holds one parallel session per topic.
        slot = sessions[workshop]
        parallel: list[SessionFound] = []
        for title, slug in topic_sessions:
            session: SessionFound = {
                "start": slot["start"],
                "title": title,
                "kind": "workshop",
                "description": slot["title"],
            }
            if "end" in slot:
                session["end"] = slot["end"]
            if slug:
                session["proposals"] = [slug]
            parallel.append(session)
        sessions[workshop : workshop + 1] = parallel
        notes.append(
            (
                topics[0].number,
                f"the agenda item at {slot['start']} ({slot['title']!r}) became {len(parallel)} "
                "parallel workshop sessions, one per topic",
            )
        )
    elif matched:
        fields["proposals"] = list[PlainValue](matched)
        notes.append(
            (
                topics[0].number,
                "no workshop slot in the agenda: matched topics listed as the event's proposals",
            )
        )
    for title, slug in topic_sessions:
        if not slug:
            notes.append((None, f"workshop topic {title!r} matches no proposal title"))


def _prose_facts(
    lines: Sequence[Line],
    blocks: Sequence[tuple[int, list[tuple[Line, list[str]]]]],
    already: Mapping[str, PlainValue],
    fields: PlainMapping,
    found: list[Found],
) -> None:
    """The linked list of proposals, the place and the end date written in the text."""
    slugs, slug_found = linked_proposals(blocks)
    if slugs and "proposals" not in fields:
        fields["proposals"] = list[PlainValue](slugs)
        found.extend(slug_found)
    where, where_found = place(lines)
    if where:
        fields["location"] = where
        found.extend(where_found)
    end, end_found = end_date(lines, already)
    if end is not None and "start" not in already:
        fields["end"] = end
        found.extend(end_found)


def extract_event(
    body: str,
    first_line: int,
    proposals: Mapping[str, str],
    already: Mapping[str, PlainValue],
    *,
    converted: str | None = None,
) -> tuple[PlainMapping, list[PlainMapping], list[Found], list[tuple[int | None, str]]]:
    """Sessions, attendance, organisations and workshop topics from an event page's body.

    ``proposals`` maps proposal slugs to titles, to link workshop topics; ``already`` is the
    page's front matter, whose values win over anything extracted (and are noted as such).
    Return the fields for the event, the organisations found, every value found, and notes.
    ``converted`` is the body with its ``ref`` shortcodes made cross-references (line for line),
    where a list of links to proposals is read.
    """
    lines = body_lines(body, first_line)
    blocks = list(bullet_blocks(lines))
    fields: PlainMapping = {}
    found: list[Found] = []
    notes: list[tuple[int | None, str]] = []

    sessions, agenda_found, agenda_notes = _agenda(lines)
    notes.extend((None, note) for note in agenda_notes)
    attendance, attendance_found = _attendance(lines, blocks)
    if not attendance:
        attendance, attendance_found = approximate_count(lines)
    organisations, organisation_found = _organisations(blocks)
    _workshops(lines, blocks, proposals, sessions, fields, found, notes)

    if sessions:
        fields["sessions"] = [session_data(session) for session in sessions]
    if attendance:
        if organisations:
            attendance["organisations"] = [org["slug"] for org in organisations]
        fields["attendance"] = attendance
    found[:0] = agenda_found + attendance_found + organisation_found
    linked = list(bullet_blocks(body_lines(converted, first_line))) if converted else []
    _prose_facts(lines, linked, already, fields, found)

    kind = event_kind(str(already.get("title", "")))
    if kind is not None:
        fields["kind"] = kind
        found.append(Found("$.kind", kind, None, str(already.get("title", ""))))
    notes.extend(front_matter_wins(fields, found, already))
    return fields, [organisation_data(org) for org in organisations], found, notes
