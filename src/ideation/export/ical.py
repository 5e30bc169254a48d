"""iCalendar (RFC 5545) feeds of events, with the ``icalendar`` package.

Each event is a VEVENT whose UID depends only on the programme and the event's slug, so that a
calendar that subscribed to the feed updates the event instead of adding a copy. Times carry
their IANA time zone (``DTSTART;TZID=Europe/Paris``) and the feed embeds the VTIMEZONE data, so
an event in May in Paris is at 09:30+02:00 even when its Hugo page date said +01:00.

Calendar applications ignore the URL property, so the event's URL is also written at the end of
the DESCRIPTION, where people can click it.

Privacy: the feed is made from :func:`ideation.privacy.public_catalogue`, and names no person.
"""

from __future__ import annotations

import datetime as dt
import re

from ideation._version import __version__
from ideation.errors import MissingExtraError
from ideation.export import event_url, select_events, session_keys, stable_uuid
from ideation.model import DEFAULT_TIMEZONE, Catalogue, Event, Location, Session
from ideation.privacy import public_catalogue
from ideation.urls import safe_url

# Nothing but this export imports the module, so the bare package never needs icalendar.
try:
    import icalendar
except ImportError as error:
    raise MissingExtraError("icalendar", "export", "the iCalendar export") from error

__all__ = ["PRODID", "event_to_vevent", "event_uid", "session_to_vevent", "to_calendar", "to_ical"]

#: The product identifier written in every calendar.
PRODID = f"-//ideation//ideation {__version__}//EN"

# SEQUENCE counts revisions of an event. The model keeps no revision counter, so the sequence
# is the number of minutes from this moment to the event's last modification: it grows with
# every change, which is all calendar clients compare, and fits iCalendar's 32-bit INTEGER
# until the 60th century.
_SEQUENCE_EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
# iCalendar text may hold no control character but the tab (RFC 5545, 3.3.11); line breaks are
# written escaped, so they are kept, as line feeds.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def _text(value: str) -> str:
    """``value`` as iCalendar text: line breaks as line feeds, other control characters gone."""
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def _line(value: str) -> str:
    """``value`` on one line, for the calendar's own properties, which icalendar does not escape."""
    return " ".join(_text(value).split())


def _location_text(location: Location | None, room: str | None = None) -> str | None:
    if location is None:
        return room
    town = " ".join(part for part in (location.postal_code, location.city) if part)
    parts = [room, location.name, location.address, town, location.country]
    text = ", ".join(part for part in parts if part)
    found = text or (safe_url(location.url) if location.url else None)
    return _text(found) if found else None


def _modified(event: Event, stamp: dt.datetime) -> dt.datetime:
    # Hugo's ``lastmod`` key (kept among the unknown keys) says when the page last changed.
    lastmod = event.extra.get("lastmod")
    if isinstance(lastmod, str):
        try:
            lastmod = dt.datetime.fromisoformat(lastmod)
        except ValueError:
            lastmod = None
    if isinstance(lastmod, dt.datetime):
        return (
            lastmod.astimezone(dt.UTC)
            if lastmod.tzinfo
            else lastmod.replace(tzinfo=event.zone).astimezone(dt.UTC)
        )
    if isinstance(lastmod, dt.date):
        return dt.datetime.combine(lastmod, dt.time(), tzinfo=event.zone).astimezone(dt.UTC)
    return stamp


def _sequence(modified: dt.datetime) -> int:
    return max(0, int((modified - _SEQUENCE_EPOCH).total_seconds() // 60))


def _description(*texts: str | None, url: str | None = None) -> str | None:
    parts = [text.strip() for text in texts if text and text.strip()]
    if url:
        parts.append(url)
    return _text("\n\n".join(parts)) or None


def _common(component: icalendar.Event, modified: dt.datetime, stamp: dt.datetime) -> None:
    component.add("dtstamp", stamp)
    component.add("last-modified", modified)
    component.add("sequence", _sequence(modified))


def event_uid(programme: str, event: Event) -> str:
    """The UID of ``event``'s VEVENT: the same for the same programme and slug, on every run."""
    return str(stable_uuid(programme, "event", event.slug))


def event_to_vevent(
    event: Event,
    *,
    programme: str,
    url: str | None = None,
    stamp: dt.datetime | None = None,
) -> icalendar.Event:
    """The VEVENT of ``event``, in the programme whose slug is ``programme``.

    ``url`` is the event's page, written in the DESCRIPTION and the URL property; ``stamp`` is
    the moment of the export (now by default), written as DTSTAMP.
    """
    stamp = (stamp or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    modified = _modified(event, stamp)
    vevent = icalendar.Event()
    vevent.add("uid", event_uid(programme, event))
    _common(vevent, modified, stamp)
    vevent.add("summary", _text(event.title))
    if event.all_day:
        # DTEND of an all-day event is the day after its last day (RFC 5545, 3.6.1).
        vevent.add("dtstart", event.first_day)
        vevent.add("dtend", event.last_day + dt.timedelta(days=1))
    else:
        vevent.add("dtstart", event.starts_at)
        if event.ends_at is not None:
            vevent.add("dtend", event.ends_at)
    if location := _location_text(event.location):
        vevent.add("location", location)
    if description := _description(event.summary, url=url):
        vevent.add("description", description)
    if url:
        vevent.add("url", url)
    categories = [event.kind.value, *map(_text, event.tags)]
    vevent.add("categories", categories)
    vevent.add("status", "CONFIRMED")
    vevent.add("transp", "TRANSPARENT" if event.all_day else "OPAQUE")
    return vevent


def session_to_vevent(
    event: Event,
    session: Session,
    *,
    programme: str,
    key: str,
    url: str | None = None,
    stamp: dt.datetime | None = None,
) -> icalendar.Event:
    """The VEVENT of one session of ``event``'s agenda, related to the event's own VEVENT.

    ``key`` tells the session apart within the event (its day, start and room), for its UID.
    """
    stamp = (stamp or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    modified = _modified(event, stamp)
    vevent = icalendar.Event()
    vevent.add("uid", str(stable_uuid(programme, "event", event.slug, "session", key)))
    _common(vevent, modified, stamp)
    vevent.add("summary", _text(f"{session.title} ({event.title})"))
    vevent.add("dtstart", event.session_start(session))
    if (end := event.session_end(session)) is not None:
        vevent.add("dtend", end)
    if location := _location_text(event.location, session.room):
        vevent.add("location", location)
    if description := _description(session.description, url=url):
        vevent.add("description", description)
    if url:
        vevent.add("url", url)
    vevent.add("categories", [session.kind.value])
    vevent.add("related-to", event_uid(programme, event), parameters={"RELTYPE": "PARENT"})
    return vevent


def to_calendar(
    catalogue: Catalogue,
    *,
    event: str | None = None,
    sessions: bool = False,
    url: str | None = None,
    stamp: dt.datetime | None = None,
) -> icalendar.Calendar:
    """The calendar of ``catalogue``'s events (drafts left out), or of the one event ``event``.

    ``sessions`` adds a VEVENT per session of each agenda. ``url`` is a template of event page
    URLs with ``{slug}`` (see :func:`ideation.export.event_url`). ``stamp`` is the moment of the
    export, now by default; pass one to get the same bytes on every run.
    """
    catalogue = public_catalogue(catalogue)
    programme = catalogue.programme
    stamp = (stamp or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    chosen = select_events(catalogue, event)
    name = _line(programme.name if event is None else chosen[0].title)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    if programme.summary:
        calendar.add("x-wr-caldesc", _line(programme.summary))
    calendar.add("uid", str(stable_uuid(programme.slug, *(("event", event) if event else ()))))
    for item in chosen:
        page = event_url(item, url)
        calendar.add_component(
            event_to_vevent(item, programme=programme.slug, url=page, stamp=stamp)
        )
        if sessions:
            for session, key in session_keys(item):
                calendar.add_component(
                    session_to_vevent(
                        item, session, programme=programme.slug, key=key, url=page, stamp=stamp
                    )
                )
    if chosen:
        first = min(item.first_day for item in chosen)
        last = max(item.last_day for item in chosen)
        # The zone rules of the years the calendar spans, not of all time: a small feed.
        calendar.add_missing_timezones(
            first_date=dt.date(first.year, 1, 1), last_date=dt.date(last.year + 1, 12, 31)
        )
    else:
        # A calendar needs at least one component (RFC 5545, 3.6): a programme without events
        # yet gets the rules of the default time zone, so that its feed is still valid.
        today = stamp.date()
        calendar.add_component(
            icalendar.Timezone.from_tzid(
                DEFAULT_TIMEZONE,
                first_date=dt.date(today.year, 1, 1),
                last_date=dt.date(today.year + 1, 12, 31),
            )
        )
    return calendar


def to_ical(
    catalogue: Catalogue,
    *,
    event: str | None = None,
    sessions: bool = False,
    url: str | None = None,
    stamp: dt.datetime | None = None,
) -> bytes:
    """The iCalendar bytes (UTF-8, CRLF lines) of :func:`to_calendar` with the same options."""
    calendar = to_calendar(catalogue, event=event, sessions=sessions, url=url, stamp=stamp)
    data: bytes = calendar.to_ical()
    return data
