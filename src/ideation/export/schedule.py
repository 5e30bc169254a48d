"""The frab/c3voc schedule JSON of conference tools (pretalx, frab, the c3voc tools).

A schedule covers one event or a whole season (every event of a catalogue). Each session of an
agenda is a talk; an event without an agenda is one talk per day. A workshop session that works
on several proposals and names no room stands for parallel workshops: it becomes one talk per
proposal, each in a room of its own. Every talk, room and person has a GUID that depends only on
the programme and the slugs (uuid5), so that re-exporting updates the same talks.

The output validates, unchanged, against the c3voc schema
(``https://c3voc.de/schedule/schema.json``).

Privacy: the schedule is made from :func:`ideation.privacy.public_catalogue`; its persons are
the sessions' facilitators that rule keeps, and no participant.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import uuid
from collections.abc import Iterator

import attrs

from ideation._version import __version__
from ideation.export import event_url, select_events, session_keys, stable_uuid
from ideation.model import Catalogue, Event, PlainMapping, PlainValue, Session, SessionKind
from ideation.privacy import public_catalogue
from ideation.urls import safe_url

__all__ = ["SCHEMA_URL", "schedule", "to_schedule_json"]

#: The ``$schema`` written in every schedule: the c3voc schedule JSON Schema.
SCHEMA_URL = "https://c3voc.de/schedule/schema.json"

_TIMESLOT = dt.timedelta(minutes=15)
_DEFAULT_ROOM = "Main room"
_SLUG = re.compile(r"^[a-z0-9_-]+[a-z0-9]$")
_ZONE_NAME = re.compile(r"^([A-Z][a-z]+/[A-Z][a-z]+|UTC)$")


@attrs.frozen
class _Talk:
    """One entry of the schedule, before it is written as c3voc JSON."""

    guid: uuid.UUID
    slug: str
    title: str
    start: dt.datetime
    end: dt.datetime
    room: str
    room_type: str
    kind: str
    track: str
    event: Event
    subtitle: str | None = None
    abstract: str | None = None
    description: str | None = None
    persons: tuple[str, ...] = ()
    links: tuple[dict[str, str], ...] = ()


def _acronym(slug: str) -> str:
    # c3voc acronyms are lowercase letters, digits and underscores (hyphens only in a year
    # suffix), at least four characters.
    text = re.sub(r"[^a-z0-9_]", "_", slug.lower())
    return text.ljust(4, "_")


def _duration(delta: dt.timedelta) -> str:
    minutes = max(0, int(delta.total_seconds() // 60))
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _base_room(event: Event) -> str:
    if event.location is not None:
        online = safe_url(event.location.url) if event.location.url else None
        return event.location.name or event.location.city or online or _DEFAULT_ROOM
    return _DEFAULT_ROOM


def _room_type(event: Event) -> str:
    return "online" if event.location is not None and event.location.is_online else "other"


def _session_end(event: Event, index: int, session: Session) -> dt.datetime:
    start = event.session_start(session)
    if (end := event.session_end(session)) is not None:
        return end
    # Without an end, a session lasts until the next one of the same day, or the event's end.
    for later in event.sessions[index + 1 :]:
        begins = event.session_start(later)
        if begins.date() == start.date() and begins > start:
            return begins
    ends = event.ends_at
    if ends is not None and ends.date() == start.date() and ends > start:
        return ends
    return start + _TIMESLOT


def _links(catalogue: Catalogue, slugs: tuple[str, ...]) -> tuple[dict[str, str], ...]:
    links = []
    for slug in slugs:
        try:
            proposal = catalogue.proposal(slug)
        except KeyError:
            continue
        # c3voc links are web pages: a safe URL with a web scheme.
        url = safe_url(proposal.repository) if proposal.repository else None
        if url and url.lower().startswith(("http://", "https://")):
            links.append({"type": "related", "url": url, "title": proposal.title})
    return tuple(links)


def _talks(catalogue: Catalogue, event: Event) -> Iterator[_Talk]:
    if not event.sessions:
        yield from _day_talks(catalogue, event)
        return
    for index, (session, key) in enumerate(session_keys(event)):
        parallel = (
            session.kind is SessionKind.WORKSHOP
            and session.room is None
            and session.track is None
            and len(session.proposals) > 1
        )
        if parallel:
            yield from _workshop_talks(catalogue, event, index, session, key)
            continue
        yield _Talk(
            guid=stable_uuid(catalogue.programme.slug, "event", event.slug, "session", key),
            slug=f"{event.slug}-{index + 1}",
            title=session.title,
            start=event.session_start(session),
            end=_session_end(event, index, session),
            room=session.room or _base_room(event),
            room_type="workshop" if session.kind is SessionKind.WORKSHOP else _room_type(event),
            kind=session.kind.value,
            abstract=session.description,
            persons=session.facilitators,
            links=_links(catalogue, session.proposals),
            track=session.track or event.title,
            event=event,
        )


def _day_talks(catalogue: Catalogue, event: Event) -> Iterator[_Talk]:
    """An event without an agenda: one talk per day it takes (one talk if it has hours)."""
    day, index = event.first_day, 0
    while day <= event.last_day:
        index += 1
        if event.all_day:
            start = dt.datetime.combine(day, dt.time(), tzinfo=event.zone)
            end = start + dt.timedelta(days=1)
        else:
            start, end = event.starts_at, event.ends_at or event.starts_at + _TIMESLOT
        yield _Talk(
            guid=stable_uuid(catalogue.programme.slug, "event", event.slug, "day", day.isoformat()),
            slug=f"{event.slug}-{index}",
            title=event.title,
            start=start,
            end=end,
            room=_base_room(event),
            room_type=_room_type(event),
            kind=event.kind.value,
            abstract=event.summary,
            description=event.description,
            links=_links(catalogue, event.proposals),
            track=event.title,
            event=event,
        )
        if not event.all_day:
            break
        day += dt.timedelta(days=1)


def _workshop_talks(
    catalogue: Catalogue, event: Event, index: int, session: Session, key: str
) -> Iterator[_Talk]:
    """Parallel workshops with no room of their own: a talk, and a numbered room, per proposal."""
    for number, slug in enumerate(session.proposals, start=1):
        try:
            title = catalogue.proposal(slug).title
        except KeyError:
            title = slug
        yield _Talk(
            guid=stable_uuid(catalogue.programme.slug, "event", event.slug, "session", key, slug),
            slug=f"{event.slug}-{index + 1}-{slug}",
            title=title,
            subtitle=session.title,
            start=event.session_start(session),
            end=_session_end(event, index, session),
            room=f"{_base_room(event)} ({number})",
            room_type="workshop",
            kind=session.kind.value,
            abstract=session.description,
            persons=session.facilitators,
            links=_links(catalogue, (slug,)),
            track=event.title,
            event=event,
        )


def _talk_json(talk: _Talk, programme: str, url: str | None) -> PlainMapping:
    return {
        "guid": str(talk.guid),
        # The integer id is deprecated but required; one derived from the GUID stays stable.
        "id": talk.guid.int % 2_000_000_000 + 1,
        "date": talk.start.isoformat(),
        "start": talk.start.strftime("%H:%M"),
        "end": talk.end.isoformat(),
        "duration": _duration(talk.end - talk.start),
        "room": talk.room,
        "slug": talk.slug,
        "url": url or f"urn:uuid:{talk.guid}",
        "title": talk.title,
        "subtitle": talk.subtitle,
        "track": talk.track,
        "type": talk.kind,
        "language": None,
        "abstract": talk.abstract,
        "description": talk.description,
        "persons": [
            {"name": name, "guid": str(stable_uuid(programme, "person", name))}
            for name in talk.persons
        ],
        "links": [dict(link) for link in talk.links],
    }


def schedule(
    catalogue: Catalogue, *, event: str | None = None, url: str | None = None
) -> PlainMapping:
    """The c3voc schedule of ``catalogue``'s events (drafts left out), or of the event ``event``.

    ``url`` is a template of event page URLs with ``{slug}`` (see
    :func:`ideation.export.event_url`); a talk without a page gets its GUID as a ``urn:uuid:``.
    """
    catalogue = public_catalogue(catalogue)
    programme = catalogue.programme
    chosen = select_events(catalogue, event)
    talks = sorted(
        (talk for item in chosen for talk in _talks(catalogue, item)),
        key=lambda talk: (talk.start, talk.room),
    )
    days: dict[dt.date, list[_Talk]] = {}
    for talk in talks:
        days.setdefault(talk.start.date(), []).append(talk)
    # A whole-programme schedule is the programme's; one event's schedule is the event's.
    first = chosen[0] if event is not None and chosen else None
    zone = chosen[0].timezone if chosen else "UTC"
    conference = _conference(catalogue, first, zone, sorted(days))
    website = conference.get("url")
    conference["tracks"] = _tracks(talks)
    conference["rooms"] = _rooms(programme.slug, talks)
    conference["days"] = _days(days, programme.slug, url)
    body: PlainMapping = {"conference": conference}
    if website:
        body["base_url"] = website
    # The version changes exactly when the content does, as schedule consumers expect.
    digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode("utf-8")).hexdigest()[:12]
    return {
        "$schema": SCHEMA_URL,
        "generator": {"name": "ideation", "version": __version__},
        "schedule": {"version": digest, **body},
    }


def _conference(
    catalogue: Catalogue, first: Event | None, zone: str, days: list[dt.date]
) -> PlainMapping:
    """The conference's own keys: names, dates, time zone, description and URL."""
    programme = catalogue.programme
    title = programme.name if first is None else first.title
    slug = programme.slug if first is None else first.slug
    all_days = days or [dt.datetime.now(dt.UTC).date()]
    conference: PlainMapping = {
        "acronym": _acronym(slug),
        "title": title,
        "start": all_days[0].isoformat(),
        "end": all_days[-1].isoformat(),
        "daysCount": len(days),
        "timeslot_duration": _duration(_TIMESLOT),
    }
    # The c3voc schema takes Area/City names and UTC only; other IANA names (Etc/GMT+1,
    # America/Argentina/Buenos_Aires) are left out, the offsets of the dates still say it all.
    if _ZONE_NAME.fullmatch(zone):
        conference["time_zone_name"] = zone
    description = programme.summary if first is None else first.summary
    if description:
        conference["description"] = description.strip()
    website = safe_url(programme.website) if programme.website else None
    if website:
        conference["url"] = website
    return conference


def _days(days: dict[dt.date, list[_Talk]], programme: str, url: str | None) -> list[PlainValue]:
    """Each day with its talks by room."""
    day_list: list[PlainValue] = []
    for index, (day, day_talks) in enumerate(sorted(days.items()), start=1):
        by_room: dict[str, list[PlainValue]] = {}
        for talk in day_talks:
            page = event_url(talk.event, url)
            by_room.setdefault(talk.room, []).append(_talk_json(talk, programme, page))
        day_list.append(
            {
                "index": index,
                "date": day.isoformat(),
                "day_start": min(talk.start for talk in day_talks).isoformat(),
                "day_end": max(talk.end for talk in day_talks).isoformat(),
                "rooms": dict(by_room),
            }
        )
    return day_list


def _tracks(talks: list[_Talk]) -> list[PlainValue]:
    tracks: dict[str, str] = {}
    for talk in talks:
        tracks.setdefault(talk.track, talk.event.slug)
    return [
        # c3voc slugs have at least two characters; a one-letter event slug gets a prefix.
        {"name": name, "slug": slug if _SLUG.fullmatch(slug) else f"event-{slug}"}
        for name, slug in tracks.items()
    ]


def _rooms(programme: str, talks: list[_Talk]) -> list[PlainValue]:
    rooms: dict[str, str] = {}
    for talk in talks:
        rooms.setdefault(talk.room, talk.room_type)
    return [
        {"name": name, "guid": str(stable_uuid(programme, "room", name)), "type": room_type}
        for name, room_type in rooms.items()
    ]


def to_schedule_json(
    catalogue: Catalogue, *, event: str | None = None, url: str | None = None
) -> str:
    """:func:`schedule` as JSON text (UTF-8 characters kept, indented, ending with a newline)."""
    return (
        json.dumps(schedule(catalogue, event=event, url=url), ensure_ascii=False, indent=2) + "\n"
    )
