"""Exports of model objects for other tools: calendars, search engines, conference tools, open data.

Each module is a set of pure functions from model objects to text or bytes; writing files is
left to the caller (the ``ideation`` command writes them atomically).

- :mod:`ideation.export.ical`: iCalendar (needs the ``icalendar`` package, ``ideation[export]``);
- :mod:`ideation.export.jsonld`: schema.org JSON-LD;
- :mod:`ideation.export.schedule`: the frab/c3voc schedule JSON of conference tools;
- :mod:`ideation.export.opendata`: CSV tables with a Frictionless data package descriptor.

The modules are not imported here, so that a missing optional package only matters to the
export that needs it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

from ideation.errors import UsageError
from ideation.model import Catalogue, Event, Session
from ideation.urls import safe_url

__all__ = ["NAMESPACE", "event_url", "select_events", "session_keys", "stable_uuid"]

#: The namespace of the stable UUIDs of exported objects (a uuid5 of the project's URL).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://ideation.readthedocs.io/")


def stable_uuid(*parts: str) -> uuid.UUID:
    """A UUID that depends only on ``parts`` (a programme and a slug...), the same on every run.

    The iCalendar UIDs, the schedule's ``guid`` values and the JSON-LD ``@id`` of objects
    without a URL are made with it, so that a tool reading a new export finds the same objects.
    """
    return uuid.uuid5(NAMESPACE, "/".join(parts))


def event_url(event: Event, template: str | None) -> str | None:
    """The URL of ``event``'s page: ``template`` with ``{slug}`` filled in, or a ``url`` key.

    Without a template, an event file may give its own page with a ``url`` key (kept among the
    keys the model does not know); otherwise there is no URL. A URL that
    :func:`ideation.urls.safe_url` refuses (``javascript:``...) counts as no URL.
    """
    if template is not None:
        return safe_url(template.format(slug=event.slug)) or None
    url = event.extra.get("url")
    return safe_url(url) or None if isinstance(url, str) else None


def select_events(catalogue: Catalogue, slug: str | None = None) -> tuple[Event, ...]:
    """The events of ``catalogue`` earliest first, or only the event ``slug``.

    Drafts are left out of a whole catalogue, as Hugo leaves them out of a site; an event named
    by its slug is exported even when it is a draft.
    """
    if slug is None:
        return tuple(event for event in catalogue.events_in_order() if not event.draft)
    try:
        return (catalogue.event(slug),)
    except KeyError:
        known = ", ".join(event.slug for event in catalogue.events_in_order()) or "none"
        raise UsageError(f"no event {slug!r} in the catalogue (known: {known})") from None


def session_keys(event: Event) -> Iterator[tuple[Session, str]]:
    """Each session of ``event`` with a key that tells it apart: its day, start and room.

    The key (``2022-05-16T10:30/Salle 2``) does not depend on the session's place in the list
    or on its title, so stable identifiers built from it survive edits of the agenda.
    """
    seen: dict[str, int] = {}
    for session in event.sessions:
        day = session.day or event.first_day
        place = session.room or session.track or ""
        key = f"{day.isoformat()}T{session.start.strftime('%H:%M')}/{place}"
        seen[key] = seen.get(key, 0) + 1
        yield session, key if seen[key] == 1 else f"{key}/{seen[key]}"
