"""Events (workshops, bootcamps, working days) and their sessions (the agenda)."""

from __future__ import annotations

import datetime as dt
import enum
import zoneinfo
from collections.abc import Mapping

import attrs

from .._validators import (
    check_order,
    check_slug,
    check_timezone,
    frozen_mapping,
    local_datetime,
    optional_slug,
    slug_tuple,
    str_tuple,
    to_tuple,
)
from ..errors import FieldError, FieldErrors, FieldTypeError
from ._candidate import Vote
from ._people import Attendance
from ._plain import PlainValue

#: The time zone of events and sessions that name none.
DEFAULT_TIMEZONE = "Europe/Paris"


class EventKind(enum.StrEnum):
    """What kind of gathering an :class:`Event` is."""

    IDEATION_WORKSHOP = "ideation-workshop"
    BOOTCAMP = "bootcamp"
    WORKING_DAY = "working-day"
    MEETUP = "meetup"
    WEBINAR = "webinar"
    CLOSING = "closing"
    #: A selection or steering committee.
    COMMITTEE = "committee"
    HACKATHON = "hackathon"
    #: A training session, often with a ``replay`` and ``slides`` to give afterwards.
    TRAINING = "training"
    OTHER = "other"


class SessionKind(enum.StrEnum):
    """What happens in a :class:`Session` of the agenda."""

    WELCOME = "welcome"
    PRESENTATION = "presentation"
    PITCH = "pitch"
    WORKSHOP = "workshop"
    BREAK = "break"
    MEAL = "meal"
    RESTITUTION = "restitution"
    TALK = "talk"
    DISCUSSION = "discussion"
    CLOSING = "closing"
    OTHER = "other"


@attrs.frozen(kw_only=True)
class Location:
    """Where an event takes place: a place with an address, or an online ``url``, or both."""

    name: str | None = None
    address: str | None = None
    city: str | None = None
    postal_code: str | None = None
    country: str | None = None
    url: str | None = None
    extra: Mapping[str, PlainValue] = attrs.field(
        factory=dict, converter=frozen_mapping, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        if not any((self.name, self.address, self.city, self.url)):
            raise FieldError("", "expected at least a name, an address, a city or a url")

    @property
    def is_online(self) -> bool:
        """True when the location is only a URL."""
        return self.url is not None and not any((self.name, self.address, self.city))


@attrs.frozen(kw_only=True)
class Session:
    """One item of an event's agenda.

    Times are wall-clock times in the event's time zone. ``day`` is needed only for events over
    several days; it defaults to the event's first day. Parallel workshops share a start time and
    differ by ``room`` or ``track``.
    """

    start: dt.time
    title: str
    end: dt.time | None = None
    day: dt.date | None = None
    kind: SessionKind = SessionKind.OTHER
    room: str | None = None
    track: str | None = None
    description: str | None = None
    facilitators: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=str_tuple)
    proposals: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=slug_tuple)
    extra: Mapping[str, PlainValue] = attrs.field(
        factory=dict, converter=frozen_mapping, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        check_order("end", self.start, self.end)


def _outside(moment: dt.datetime, start: dt.datetime | None, end: dt.datetime | None) -> str | None:
    """Why ``moment`` (a session's start or end) is not within the event's hours, if it is not."""
    if start is not None and moment < start:
        return (
            f"expected a time within the event, got {moment.isoformat(' ', 'minutes')} "
            f"before its start {start.isoformat(' ', 'minutes')}"
        )
    if end is not None and moment > end:
        return (
            f"expected a time within the event, got {moment.isoformat(' ', 'minutes')} "
            f"after its end {end.isoformat(' ', 'minutes')}"
        )
    return None


def _check_moment(
    instance: Event, attribute: attrs.Attribute[dt.datetime | dt.date | None], value: object
) -> None:
    if value is not None and not isinstance(value, dt.date):
        raise FieldTypeError(attribute.name, f"expected a date or a date-time, got {value!r}")


@attrs.frozen(kw_only=True)
class Event:
    """An event of a programme: an ideation workshop, a bootcamp, a working day...

    ``date`` keeps Hugo's meaning (the page's date, with whatever offset it was written with);
    ``start`` and ``end`` say when the event happens, as wall-clock times in ``timezone`` (an
    offset given with them is converted to that zone), or as plain dates for an event that
    takes whole days. Use :attr:`starts_at` and :attr:`ends_at` for aware date-times.

    ``replay`` and ``slides`` are the URLs of the event's recording and of its slides (a
    training's, a webinar's), shown on its page.
    """

    slug: str = attrs.field(validator=check_slug)
    title: str
    kind: EventKind = EventKind.OTHER
    date: dt.datetime | dt.date | None = None
    start: dt.datetime | dt.date | None = attrs.field(default=None, validator=_check_moment)
    end: dt.datetime | dt.date | None = attrs.field(default=None, validator=_check_moment)
    timezone: str = attrs.field(default=DEFAULT_TIMEZONE, validator=check_timezone)
    programme: str | None = attrs.field(default=None, validator=optional_slug)
    phase: str | None = attrs.field(default=None, validator=optional_slug)
    location: Location | None = None
    summary: str | None = None
    objectives: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=str_tuple)
    organisers: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=slug_tuple)
    attendance: Attendance | None = None
    sessions: tuple[Session, ...] = attrs.field(default=(), converter=to_tuple)
    proposals: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=slug_tuple)
    outcomes: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=str_tuple)
    images: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=str_tuple)
    tags: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=str_tuple)
    draft: bool = False
    description: str | None = None
    season: str | None = attrs.field(default=None, validator=optional_slug)
    votes: tuple[Vote, ...] = attrs.field(default=(), converter=to_tuple)
    replay: str | None = None
    slides: str | None = None
    extra: Mapping[str, PlainValue] = attrs.field(
        factory=dict, converter=frozen_mapping, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        if self.date is None and self.start is None:
            raise FieldError("date", "expected a date or a start for the event, got neither")
        start, end = self.starts_at, self.ends_at
        check_order("end", start, end)
        self._check_sessions()

    def _check_sessions(self) -> None:
        # Every session is checked before raising: a session outside the event's hours is
        # reported at its start and at its end, and one bad session does not hide the next.
        first_day = self.first_day
        previous: dt.datetime | None = None
        bounds = (self._local(self.start), self._local(self.end, end=True))
        errors: list[FieldError] = []
        for index, session in enumerate(self.sessions):
            begins = dt.datetime.combine(session.day or first_day, session.start)
            if previous is not None and begins < previous:
                errors.append(
                    FieldError(
                        f"sessions[{index}].start",
                        f"expected the agenda in time order, got "
                        f"{session.start.strftime('%H:%M')} after {previous.strftime('%H:%M')}",
                    )
                )
            previous = begins
            finishes = dt.datetime.combine(session.day or first_day, session.end or session.start)
            for name, moment in (("start", begins), ("end", finishes)):
                message = _outside(moment, *bounds)
                if message is not None:
                    errors.append(FieldError(f"sessions[{index}].{name}", message))
        if errors:
            raise errors[0] if len(errors) == 1 else FieldErrors(errors)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The event's time zone."""
        return zoneinfo.ZoneInfo(self.timezone)

    def _local(self, value: dt.date | None, *, end: bool = False) -> dt.datetime | None:
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return local_datetime(value, self.zone)
        # A plain date is a whole day: from its first minute, or up to its last.
        return dt.datetime.combine(value, dt.time.max if end else dt.time.min)

    @property
    def all_day(self) -> bool:
        """Whether the event's hours are unknown, as it is given in whole days or by a date only.

        A Hugo page's ``date`` says which day, not when the event starts; calendars and search
        engines then show the event as taking the day.
        """
        return not isinstance(self.start, dt.datetime)

    @property
    def starts_at(self) -> dt.datetime:
        """When the event starts, aware, in its time zone (from ``date`` if it has no start)."""
        local = self._local(self.start if self.start is not None else self.date)
        assert local is not None  # a date or a start is checked at construction
        return local.replace(tzinfo=self.zone)

    @property
    def ends_at(self) -> dt.datetime | None:
        """When the event ends, aware, in its time zone, where it is known.

        For an event given in whole days, the last moment of its last day.
        """
        local = self._local(self.end, end=True)
        return None if local is None else local.replace(tzinfo=self.zone)

    @property
    def first_day(self) -> dt.date:
        """The day the event starts, in its time zone."""
        return self.starts_at.date()

    @property
    def last_day(self) -> dt.date:
        """The day the event ends (its first day when the end is unknown)."""
        ends = self.ends_at
        return ends.date() if ends is not None else self.first_day

    def session_start(self, session: Session) -> dt.datetime:
        """When ``session`` starts, aware, in the event's time zone."""
        return dt.datetime.combine(session.day or self.first_day, session.start, tzinfo=self.zone)

    def session_end(self, session: Session) -> dt.datetime | None:
        """When ``session`` ends, aware, where it is known."""
        if session.end is None:
            return None
        return dt.datetime.combine(session.day or self.first_day, session.end, tzinfo=self.zone)

    @property
    def linked_proposals(self) -> tuple[str, ...]:
        """Every proposal slug the event names, itself or in a session, each once, in order."""
        seen = dict.fromkeys(self.proposals)
        for session in self.sessions:
            seen.update(dict.fromkeys(session.proposals))
        return tuple(seen)
