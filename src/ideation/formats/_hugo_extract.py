"""Structure from prose: what the pages of a Hugo site say in sentences, as typed data.

Every function here reads a page's Markdown body and returns plain data for the model, with a
:class:`Found` for each value, saying which line it came from, so that a person can check each
guess in the import report. Nothing here is sure: the rules are the habits of French
public-sector sites like the reference one (``* 9h45 : Présentation…``, ``*25 participant(e)s*``,
``* Ministère de l'Intérieur (Gendarmerie nationale, DNUM)``), written to find nothing rather
than something wrong when a page does not follow them.
"""

from __future__ import annotations

import difflib
import itertools
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import attrs

__all__ = [
    "Found",
    "Line",
    "extract_event",
    "extract_proposal",
    "fold",
    "slugify",
]


@attrs.frozen
class Found:
    """One extracted value: where it goes (a JSON path), the value, and the line it came from."""

    path: str
    value: Any
    line: int | None
    text: str


@attrs.frozen
class Line:
    """A line of a body, with its line number in the file."""

    number: int
    text: str


def fold(text: str) -> str:
    """``text`` lowercased, without accents: ``Présentation`` -> ``presentation``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def slugify(text: str) -> str:
    """A slug for ``text``: ``Ministère de l'Intérieur`` -> ``ministere-de-l-interieur``."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def _lines(body: str, first_line: int) -> list[Line]:
    return [Line(first_line + i, text) for i, text in enumerate(body.split("\n"))]


_BULLET = re.compile(r"^(?P<indent>\s*)[*+-]\s+(?P<text>.*\S)\s*$")
_HEADING = re.compile(r"^\s*#{1,6}\s+(?P<text>.*?)\s*#*\s*$")


def _clean(text: str) -> str:
    """A bullet or heading's text without emphasis markers and trailing punctuation spaces."""
    return re.sub(r"\s+", " ", text.replace("**", "").strip(" *_\t")).strip()


def _bullet_blocks(lines: Sequence[Line]) -> Iterator[tuple[int, list[tuple[Line, list[str]]]]]:
    """Lists of top-level bullets, each bullet with its nested bullets' texts.

    Yield the index of the first line of the list and its items; blank lines inside a list do
    not end it, anything else that is not a bullet does.
    """
    index = 0
    while index < len(lines):
        match = _BULLET.match(lines[index].text)
        if match is None or match["indent"]:
            index += 1
            continue
        start = index
        items: list[tuple[Line, list[str]]] = []
        while index < len(lines):
            text = lines[index].text
            bullet = _BULLET.match(text)
            if bullet is not None and not bullet["indent"]:
                items.append((Line(lines[index].number, bullet["text"]), []))
            elif bullet is not None and items:
                items[-1][1].append(bullet["text"].strip())
            elif text.strip() and items and text.startswith((" ", "\t", ":")):
                # A continuation line of the previous item.
                last, nested = items[-1]
                items[-1] = (Line(last.number, f"{last.text} {text.strip()}"), nested)
            elif text.strip():
                break
            index += 1
        yield start, items


def _split_top_level(text: str) -> list[str]:
    """Split on commas that are not inside parentheses."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [part.strip() for part in parts if part.strip()]


def _front_matter_wins(
    fields: dict[str, Any], found: list[Found], already: Mapping[str, Any]
) -> list[tuple[int | None, str]]:
    """Drop what the front matter already says from ``fields`` and ``found``; say so once."""
    given = [key for key in fields if key in already]
    for key in given:
        del fields[key]
    found[:] = [f for f in found if not any(f.path.startswith(f"$.{key}") for key in given)]
    if not given:
        return []
    return [(None, f"{', '.join(given)}: in the front matter already, which wins over the prose")]


# -- events ------------------------------------------------------------------------------------

_TIME = r"(?P<{0}h>\d{{1,2}})\s*(?:h|H|:)\s*(?P<{0}m>\d{{2}})?"
_AGENDA = re.compile(
    r"^\s*(?:[*+-]|#{1,6})\s+[*_]*\s*"
    + _TIME.format("s")
    + r"(?:\s*(?:-|–|à|a)\s*"
    + _TIME.format("e")
    + r")?\s*[*_]*\s*[:–-]\s*(?P<title>.+?)\s*$"
)
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
)
_PARTICIPANTS = re.compile(
    r"(?P<count>\d+)\s*[*_]*\s*participant(?:\(e\)|e)?s\b[*_]*\s*(?P<rest>.*)$", re.I
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
)


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


def _time(hours: str | None, minutes: str | None) -> str | None:
    if hours is None:
        return None
    hour, minute = int(hours), int(minutes or 0)
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def _agenda(lines: Sequence[Line]) -> tuple[list[dict[str, Any]], list[Found], list[str]]:
    sessions: list[dict[str, Any]] = []
    sources: list[Line] = []
    for line in lines:
        match = _AGENDA.match(line.text)
        if match is None:
            continue
        start = _time(match["sh"], match["sm"])
        if start is None:
            continue
        session: dict[str, Any] = {"start": start, "title": _clean(match["title"])}
        end = _time(match["eh"], match["em"])
        if end is not None:
            session["end"] = end
        session["kind"] = session_kind(session["title"])
        sessions.append(session)
        sources.append(line)
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
        Found(f"$.sessions[{i}]", dict(session), line.number, line.text.strip())
        for i, (session, line) in enumerate(zip(sessions, sources, strict=True))
    ]
    return sessions, found, []


def _profiles(text: str) -> list[str]:
    profiles: list[str] = []
    for part in _split_top_level(text.rstrip(". ")):
        part = _clean(part)
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
) -> tuple[dict[str, Any], list[Found]]:
    for index, line in enumerate(lines):
        match = _PARTICIPANTS.search(line.text)
        if match is None:
            continue
        attendance: dict[str, Any] = {"count": int(match["count"])}
        found = [Found("$.attendance.count", attendance["count"], line.number, line.text.strip())]
        rest = match["rest"]
        profiles: list[str] = []
        if ":" in rest:
            profiles = _profiles(rest.split(":", 1)[1])
        else:
            following = [items for start, items in blocks if start > index]
            between = lines[index + 1 : index + 3]
            if following and any(_BULLET.match(other.text) for other in between):
                profiles = [_clean(item.text) for item, _ in following[0]]
        if profiles:
            attendance["profiles"] = [{"name": name} for name in profiles]
            found.extend(
                Found(f"$.attendance.profiles[{i}].name", name, line.number, name)
                for i, name in enumerate(profiles)
            )
        return attendance, found
    return {}, []


def _organisation(name: str, parent: str | None) -> dict[str, Any]:
    name = _clean(name)
    organisation: dict[str, Any] = {"slug": slugify(name), "name": name}
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
) -> tuple[list[dict[str, Any]], list[Found]]:
    for _, items in blocks:
        starts = sum(fold(item.text).startswith(_ORG_START) for item, _ in items)
        if not items or starts * 2 < len(items):
            continue
        organisations: list[dict[str, Any]] = []
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
                    parent,
                    item.number,
                    item.text.strip(),
                )
            )
            for unit in _split_top_level(match["units"]) if match else []:
                child = _organisation(unit, parent["slug"])
                if child["slug"] == parent["slug"]:
                    continue
                organisations.append(child)
                found.append(
                    Found(
                        f"$.organisations[{len(organisations) - 1}]",
                        child,
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
        heading = _HEADING.match(intro)
        if heading is None and not intro.rstrip().endswith(":"):
            continue
        if _TOPICS_HEADING.search(fold(intro)) and not _AGENDA.match(
            items[0][0].text if items else ""
        ):
            if any(_AGENDA.match(f"* {item.text}") for item, _ in items):
                continue
            return [Line(item.number, _clean(item.text)) for item, _ in items]
    return []


def extract_event(
    body: str, first_line: int, proposals: Mapping[str, str], already: Mapping[str, Any]
) -> tuple[dict[str, Any], list[dict[str, Any]], list[Found], list[tuple[int | None, str]]]:
    """Sessions, attendance, organisations and workshop topics from an event page's body.

    ``proposals`` maps proposal slugs to titles, to link workshop topics; ``already`` is the
    page's front matter, whose values win over anything extracted (and are noted as such).
    Return the fields for the event, the organisations found, every value found, and notes.
    """
    lines = _lines(body, first_line)
    blocks = list(_bullet_blocks(lines))
    fields: dict[str, Any] = {}
    found: list[Found] = []
    notes: list[tuple[int | None, str]] = []

    sessions, agenda_found, agenda_notes = _agenda(lines)
    notes.extend((None, note) for note in agenda_notes)
    attendance, attendance_found = _attendance(lines, blocks)
    organisations, organisation_found = _organisations(blocks)
    topics = _topics(lines, blocks)

    topic_sessions: list[dict[str, Any]] = []
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
        topic_sessions.append({"title": topic.text, "proposals": [slug] if slug else []})

    workshop = next((i for i, s in enumerate(sessions) if s["kind"] == "workshop"), None)
    if topics and workshop is not None:
        # The agenda's workshop slot holds one parallel session per topic.
        slot = sessions[workshop]
        parallel: list[dict[str, Any]] = []
        for topic_session in topic_sessions:
            session: dict[str, Any] = {key: slot[key] for key in ("start", "end") if key in slot}
            session.update(title=topic_session["title"], kind="workshop", description=slot["title"])
            if topic_session["proposals"]:
                session["proposals"] = topic_session["proposals"]
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
        fields["proposals"] = matched
        notes.append(
            (
                topics[0].number,
                "no workshop slot in the agenda: matched topics listed as the event's proposals",
            )
        )
    for topic_session in topic_sessions:
        if not topic_session["proposals"]:
            title = topic_session["title"]
            notes.append((None, f"workshop topic {title!r} matches no proposal title"))

    if sessions:
        fields["sessions"] = sessions
    if attendance:
        if organisations:
            attendance["organisations"] = [org["slug"] for org in organisations]
        fields["attendance"] = attendance
    found[:0] = agenda_found + attendance_found + organisation_found

    kind = event_kind(str(already.get("title", "")))
    if kind is not None:
        fields["kind"] = kind
        found.append(Found("$.kind", kind, None, str(already.get("title", ""))))
    notes.extend(_front_matter_wins(fields, found, already))
    return fields, organisations, found, notes


# -- proposals ---------------------------------------------------------------------------------

_PROPOSAL_SECTIONS = (
    ("objectif", "objectives"),
    ("cas d'usage", "use_cases"),
    ("domaines techniques", "technical_domains"),
    ("profils recherch", "wanted_profiles"),
    ("ressources", "resources"),
    ("problematique", "problem"),
)
_URL = re.compile(r"https?://[^\s)>\]]+")
_MD_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\(\s*(?P<url>[^\s)]+)[^)]*\)")


def _link(text: str) -> dict[str, Any] | None:
    link = _MD_LINK.search(text)
    url = link["url"] if link else (bare[0] if (bare := _URL.search(text)) else None)
    if url is None:
        return None
    title = _MD_LINK.sub(lambda m: m["text"], text)
    title = _URL.sub("", title)
    # A link written as "(https://...)" leaves empty parentheses behind.
    title = _clean(re.sub(r"\(\s*\)", "", title)).strip(" :")
    return {"url": url.rstrip(".,;"), "title": title} if title else {"url": url.rstrip(".,;")}


def extract_proposal(
    body: str, first_line: int, already: Mapping[str, Any]
) -> tuple[dict[str, Any], list[Found], list[tuple[int | None, str]]]:
    """Objectives, use cases, technical domains, wanted profiles, resources and problem.

    Each comes from the section of the body whose heading names it (``##### Les objectifs``):
    the section's bullets, or for the problem its paragraphs.
    """
    lines = _lines(body, first_line)
    sections: dict[str, list[Line]] = {}
    current: str | None = None
    for line in lines:
        heading = _HEADING.match(line.text)
        if heading is not None:
            folded = fold(heading["text"])
            current = next((field for word, field in _PROPOSAL_SECTIONS if word in folded), None)
            if current is not None:
                sections.setdefault(current, [])
            continue
        if current is not None:
            sections[current].append(line)
    fields: dict[str, Any] = {}
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
        items = [item for _, block in _bullet_blocks(section) for item in block]
        values: list[Any] = []
        if items:
            for item, nested in items:
                text = _clean(item.text)
                if nested:
                    text = f"{text.rstrip(' :')} : {'; '.join(_clean(n) for n in nested)}"
                values.append((item.number, text))
        elif field == "technical_domains":
            paragraph = [line for line in section if line.text.strip()]
            if paragraph:
                values = [
                    (paragraph[0].number, part) for part in _split_top_level(paragraph[0].text)
                ]
        for number, text in values:
            if field == "resources":
                link = _link(text)
                if link is None:
                    notes.append((number, f"resource without a URL left in the prose: {text!r}"))
                    continue
                value: Any = link
            else:
                value = text.rstrip(",;").strip()
            fields.setdefault(field, []).append(value)
            found.append(Found(f"$.{field}[{len(fields[field]) - 1}]", value, number, text))
    notes.extend(_front_matter_wins(fields, found, already))
    return fields, found, notes
