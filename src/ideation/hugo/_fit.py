"""Values that do not fit the model never cost a page.

A page's data is structured as the model's object; where that fails, each problem is looked
at before the page is given up:

- a fact read from the prose (``--extract``) is a guess: one that contradicts the front matter
  or the model (a session before the event's start) is left out, with a note at the line of
  the prose it came from and why; an agenda written in the page's own offset (a Wowchemy
  event's ``date: 2022-12-05T14:00:00Z``) is first read in that offset, as the page means it;
- a front-matter value that does not fit the field it would fill (``sponsors:`` holding site
  paths, ``events:`` holding ``{name, date}`` mappings) is kept as the site's own, under its
  own name or ``hugo_<key>`` where that name is a field, with a note.

What says when and what the page is (its slug, title and dates) is never set aside: a problem
there is the page's, and fails it with its line.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Sequence

import attrs

from ideation import model
from ideation.convert import structure
from ideation.errors import DataError, Problem
from ideation.model import PlainValue

from ._page import own_key
from ._repairs import Candidate, field_types
from ._report import Note

# What a page is and when it happens: a problem there is the page's own.
_PINNED = frozenset({"slug", "title", "date", "start", "end", "timezone"})
_TOP = re.compile(r"\$\.(?P<key>[^.\[]+)(?:\[(?P<index>\d+)\])?")


def structure_page(candidate: Candidate) -> model.Event | model.Proposal:
    """The object ``candidate`` describes, with what does not fit set aside (see above);
    :class:`~ideation.errors.DataError` with the problems that are the page's own."""
    shifted = False
    while True:
        try:
            return structure(candidate.data, candidate.kind)
        except DataError as error:
            problems = error.problems
        if not shifted and _on_prose_sessions(candidate, problems):
            shifted = True
            if _page_offset(candidate, problems):
                continue
        if not set_aside(candidate, problems):
            raise DataError(problems)


def _top(problem: Problem) -> tuple[str, int | None] | None:
    match = _TOP.match(problem.path)
    if match is None:
        return None
    index = match["index"]
    return match["key"], None if index is None else int(index)


def _on_prose_sessions(candidate: Candidate, problems: Sequence[Problem]) -> bool:
    return "sessions" in candidate.from_prose and any(
        (_top(p) or ("", None))[0] == "sessions" for p in problems
    )


# -- the agenda in the page's offset -----------------------------------------------------------


def _aware(value: PlainValue) -> dt.datetime | None:
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    if isinstance(value, dt.datetime) and value.utcoffset() is not None:
        return value
    return None


def _shift(text: PlainValue, delta: dt.timedelta) -> str | None:
    if not isinstance(text, str):
        return None
    try:
        moment = dt.datetime.combine(dt.date(2000, 1, 1), dt.time.fromisoformat(text)) + delta
    except ValueError:
        return None
    # An agenda that would cross midnight is not one the page means.
    return moment.strftime("%H:%M") if moment.date() == dt.date(2000, 1, 1) else None


def _page_offset(candidate: Candidate, problems: Sequence[Problem]) -> bool:
    """Read the prose's agenda in the offset the page's start is written in, where it differs
    from the event's zone and the agenda then fits; say so. Whether it was."""
    data = candidate.data
    start = _aware(data.get("start"))
    zone_name = data.get("timezone", model.DEFAULT_TIMEZONE)
    sessions = data.get("sessions")
    if start is None or not isinstance(zone_name, str) or not isinstance(sessions, list):
        return False
    try:
        zone = zoneinfo.ZoneInfo(zone_name)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        return False
    written, local = start.utcoffset(), start.astimezone(zone).utcoffset()
    if written is None or local is None or written == local:
        return False
    shifted: list[PlainValue] = []
    for session in sessions:
        if not isinstance(session, dict):
            return False
        moved = dict(session)
        for key in ("start", "end"):
            if key in session:
                new = _shift(session[key], local - written)
                if new is None:
                    return False
                moved[key] = new
        shifted.append(moved)
    try:
        structure({**data, "sessions": shifted}, candidate.kind)
    except DataError as error:
        if any((_top(p) or ("", None))[0] == "sessions" for p in error.problems):
            return False
    data["sessions"] = shifted
    moved_to = {id(old): new for old, new in zip(sessions, shifted, strict=True)}
    candidate.extracted = [
        attrs.evolve(found, value=moved_to[id(original)])
        if found.path.startswith("$.sessions[")
        and (original := next((s for s in sessions if s == found.value), None)) is not None
        else found
        for found in candidate.extracted
    ]
    offset = start.strftime("%z") or "+0000"
    candidate.notes.append(
        Note(
            message=f"the agenda's times read in the page's offset ({offset}, as its start is "
            f"written) and given in the event's zone, {zone_name}: read in {zone_name} they "
            f"were outside the event ({problems[0].message})",
            line=_line_of(candidate, "sessions", 0),
        )
    )
    return True


# -- setting aside -----------------------------------------------------------------------------


def _line_of(candidate: Candidate, key: str, index: int | None) -> int | None:
    """The line of the prose a fact came from."""
    wanted = f"$.{key}" if index is None else f"$.{key}[{index}]"
    session = None
    if key == "sessions" and index is not None:
        sessions = candidate.data.get("sessions")
        if isinstance(sessions, list) and index < len(sessions):
            session = sessions[index]
    for found in candidate.extracted:
        if isinstance(session, dict) and isinstance(found.value, dict):
            if found.value.get("title") == session.get("title") and found.line is not None:
                return found.line
        elif found.path == wanted or found.path.startswith((f"{wanted}.", f"{wanted}[")):
            return found.line
    return None


def set_aside(candidate: Candidate, problems: Sequence[Problem]) -> bool:
    """Drop the prose's facts and set aside the front matter's values that ``problems`` are
    about; whether anything was."""
    by_key: dict[str, list[tuple[int | None, Problem]]] = {}
    for problem in problems:
        top = _top(problem)
        if top is not None and top[0] in candidate.data and top[0] not in _PINNED:
            by_key.setdefault(top[0], []).append((top[1], problem))
    done = False
    for key, found in by_key.items():
        if key in candidate.from_prose:
            _drop_prose(candidate, key, found)
            done = True
        elif key in candidate.read:
            _keep_as_own(candidate, key, found[0][1])
            done = True
    return done


def _drop_prose(
    candidate: Candidate, key: str, found: Sequence[tuple[int | None, Problem]]
) -> None:
    value = candidate.data[key]
    indexes = sorted({index for index, _ in found if index is not None}, reverse=True)
    if isinstance(value, list) and indexes and len(indexes) < len(value):
        for index in indexes:
            why = next(p.message for i, p in found if i == index)
            item = value[index]
            paths = {p.path for i, p in found if i == index}
            if isinstance(item, dict) and "end" in item and paths == {f"$.{key}[{index}].end"}:
                # Only its end (most often the next item's start) is out: the session stays.
                candidate.notes.append(
                    Note(
                        message=f"{key}: the end of {item.get('title', '')!r}, "
                        f"{item['end']!s}, read from the prose, left out: {why}",
                        line=_line_of(candidate, key, index),
                    )
                )
                candidate.extracted = [
                    attrs.evolve(e, value={k: v for k, v in item.items() if k != "end"})
                    if e.path.startswith(f"$.{key}[") and e.value == item
                    else e
                    for e in candidate.extracted
                ]
                del item["end"]
                continue
            shown = (
                f"{item.get('start', '')!s} {item.get('title', '')!s}".strip()
                if isinstance(item, dict)
                else str(item)
            )
            line = _line_of(candidate, key, index)
            candidate.notes.append(
                Note(message=f"{key}: {shown!r} read from the prose, left out: {why}", line=line)
            )
            _forget(candidate, key, item)
            del value[index]
        return
    why = found[0][1].message
    candidate.notes.append(
        Note(
            message=f"{key} read from the prose, left out: {why}",
            line=_line_of(candidate, key, None),
        )
    )
    del candidate.data[key]
    candidate.from_prose.discard(key)
    candidate.extracted = [
        e for e in candidate.extracted if not e.path.startswith((f"$.{key}.", f"$.{key}["))
    ]
    candidate.extracted = [e for e in candidate.extracted if e.path != f"$.{key}"]


def _forget(candidate: Candidate, key: str, item: PlainValue) -> None:
    """Take the extracted record of ``item`` out of the report's list of what was read."""
    for found in candidate.extracted:
        if found.path.startswith(f"$.{key}[") and found.value == item:
            candidate.extracted.remove(found)
            return


def _keep_as_own(candidate: Candidate, key: str, problem: Problem) -> None:
    written = candidate.keys.get(key, key)
    fields = field_types(candidate.kind)
    name = own_key(written) if written.lower() in fields or written in candidate.data else written
    line = candidate.line_of(f"$.{key}")
    candidate.data[name] = candidate.data.pop(key)
    if key in candidate.read:
        candidate.read[name] = candidate.read.pop(key)
    candidate.keys[name] = candidate.keys.pop(key, written)
    if line is not None:
        candidate.lines[f"$.{name}"] = line
    where = "" if problem.path == f"$.{key}" else f" ({problem.path})"
    kind = candidate.kind.__name__.lower()
    candidate.notes.append(
        Note(
            message=f"{written}: does not fit the {kind}'s {key}{where}: {problem.message}; "
            f"kept as the site's own, as {name}",
            line=line,
        )
    )
