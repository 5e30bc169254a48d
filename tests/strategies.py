"""Hypothesis strategies for every model class: each draws valid objects only.

Valid, not tame: text holds control characters (those a data file may hold), odd Unicode
(byte-order marks, bidirectional overrides, line separators, private-use and combining
characters) and hostile fragments (``</script>``, spreadsheet formulas, ``javascript:`` links
in their many spellings); URL fields hold safe and unsafe URLs. Catalogues use every part of
the model, with references that resolve: organisers, phases, attendance with profiles,
organisations and named participants (with and without consent), agendas with session ends over
several days, proposals with a lead, sponsors, tags, a draft flag and a history through legal
moves only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from hypothesis import strategies as st

from ideation import model

__all__ = [
    "FREE",
    "HOSTILE_TEXTS",
    "UNSAFE_URLS",
    "Refs",
    "attendances",
    "catalogues",
    "events",
    "histories",
    "links",
    "locations",
    "organisations",
    "participants",
    "phases",
    "profiles",
    "programmes",
    "proposals",
    "sessions",
    "status_changes",
    "texts",
    "urls",
]

# Built from parts rather than from the regex: from_regex draws slowly and long.
slugs = st.lists(
    st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=6), min_size=1, max_size=3
).map("-".join)

#: Spellings of URLs that no output may write as links (see ``ideation.urls``).
UNSAFE_URLS = (
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "\x01\x1fjavascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "javascript&#58;alert(1)",
    "javascript&colon;alert(1)",
    "&#106;avascript:alert(1)",
    "javascript%3Aalert(1)",
    "javascript\uff1aalert(1)",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "DATA:image/svg+xml;base64,PHN2Zz4=",
    "file:///etc/passwd",
)
_SAFE_URLS = (
    "https://example.org/",
    "HTTP://example.org/a?b=1&c=</script>",
    "mailto:team@example.org",
    "ftp://example.org/file",
    "images/atelier.png",
    "/projets/",
    "#agenda",
    "//example.org/x",
)
#: Text that breaks outputs which forget to escape or neutralise it.
HOSTILE_TEXTS = (
    "</script><script>alert(1)</script>",
    "<!--",
    "]]>",
    "& &amp; &#60;",
    '=HYPERLINK("https://example.org")',
    "+1",
    "-1",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "{{< ref x >}}",
    "{slug}",
    "'quoted' \"double\"",
    "a | b",
    "\\",
    "line\nbreak",
    "\u202eevil",
    "\ufeffbom",
    "nul\x00byte",
    *UNSAFE_URLS,
)

# The control characters a data file may not hold (all of C0 but tab and line breaks): the
# loader refuses them, so objects meant to go through a file are drawn without them (objects
# built in Python may hold them, and the outputs are tested with them apart).
_C0 = "".join(chr(code) for code in range(32) if chr(code) not in "\t\n\r")


def _loadable(texts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(text for text in texts if not any(character in _C0 for character in text))


# Text as people type it: no control characters, no surrogates, no unassigned code points.
_typed = st.characters(
    codec="utf-8",
    exclude_categories=("Cs", "Cc", "Co", "Cn", "Zl", "Zp"),
    exclude_characters="\ufeff",
)
# And what data files also hold: control characters, format characters (byte-order mark,
# bidirectional overrides, zero-width spaces), line separators, private use, combining marks.
_odd = st.characters(
    codec="utf-8", categories=("Cc", "Cf", "Co", "Zl", "Zp", "Mn"), exclude_characters=_C0
)
_characters = st.one_of(_typed, _typed, _typed, _odd)
#: Text: mostly typed, sometimes odd, sometimes hostile, sometimes a mix.
texts = st.one_of(
    st.text(_characters, min_size=1, max_size=12),
    st.sampled_from(_loadable(HOSTILE_TEXTS)),
    st.builds(
        str.__add__, st.sampled_from(_loadable(HOSTILE_TEXTS)), st.text(_characters, max_size=4)
    ),
)
bodies = st.lists(texts, min_size=1, max_size=3).map("\n\n".join).map(str.strip).filter(bool)
# Descriptions as data may hold them: page bodies, but also text with blank lines or spaces at
# either end, which a page body cannot keep (the Markdown format puts those in front matter).
descriptions = (
    st.none() | bodies | st.text(st.one_of(_characters, st.sampled_from("\n \t")), max_size=12)
)
optional_texts = st.none() | texts
text_tuples = st.lists(texts, max_size=2).map(tuple)
#: URLs as data files give them: safe ones, unsafe ones, and any text at all.
urls = st.one_of(st.sampled_from(_SAFE_URLS), st.sampled_from(_loadable(UNSAFE_URLS)), texts)
optional_urls = st.none() | urls
url_tuples = st.lists(urls, max_size=2).map(tuple)

_offsets = st.integers(min_value=-12 * 60, max_value=14 * 60).map(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
)
naive_datetimes = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2040, 12, 31)
).map(lambda value: value.replace(microsecond=0))
aware_datetimes = st.builds(
    lambda value, zone: value.replace(tzinfo=zone), naive_datetimes, _offsets
)
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31))
times = st.builds(dt.time, st.integers(0, 23), st.integers(0, 59))
timezones = st.sampled_from(
    ["Europe/Paris", "UTC", "America/New_York", "Asia/Tokyo", "Pacific/Noumea"]
)

# Unknown keys, kept through every format: no nulls (TOML has none) and no key of the model.
extras = st.dictionaries(
    st.from_regex(r"x_[a-z]{1,8}", fullmatch=True),
    st.one_of(
        texts,
        st.integers(-1000, 1000),
        st.booleans(),
        st.lists(texts, max_size=2),
        st.dictionaries(st.from_regex(r"[a-z]{1,6}", fullmatch=True), texts, max_size=2),
    ),
    max_size=2,
)


@attrs.frozen
class Refs:
    """The slugs a catalogue's objects may refer to; ``None`` for free slugs (no catalogue)."""

    organisations: tuple[str, ...] | None = None
    phases: tuple[str, ...] | None = None
    events: tuple[str, ...] | None = None
    proposals: tuple[str, ...] | None = None

    def one(self, kind: str) -> st.SearchStrategy[str | None]:
        """No reference, or one to an object of ``kind``."""
        return st.none() | self.some(kind)

    def some(self, kind: str) -> st.SearchStrategy[str]:
        """A reference to an object of ``kind`` (nothing when there is none to refer to)."""
        known: tuple[str, ...] | None = getattr(self, kind)
        if known is None:
            return slugs
        return st.sampled_from(known) if known else st.nothing()

    def many(self, kind: str) -> st.SearchStrategy[tuple[str, ...]]:
        """Distinct references to objects of ``kind``."""
        if getattr(self, kind) == ():
            return st.just(())
        return st.lists(self.some(kind), max_size=3, unique=True).map(tuple)


FREE = Refs()


def organisations(parent: Any = None) -> st.SearchStrategy[model.Organisation]:
    """Organisations; ``parent`` draws the parent slug (none by default)."""
    return st.builds(
        model.Organisation,
        slug=slugs,
        name=texts,
        acronym=optional_texts,
        kind=st.sampled_from(model.OrganisationKind),
        parent=st.none() if parent is None else parent,
        website=optional_urls,
        extra=extras,
    )


profiles = st.builds(model.Profile, name=texts, count=st.none() | st.integers(0, 5), extra=extras)


def participants(refs: Refs = FREE) -> st.SearchStrategy[model.Participant]:
    """People at an event, who agreed to be named or not."""
    return st.builds(
        model.Participant,
        name=texts,
        profile=optional_texts,
        organisation=refs.one("organisations"),
        role=st.sampled_from(model.ParticipantRole),
        consent=st.booleans(),
        extra=extras,
    )


@st.composite
def attendances(draw: st.DrawFn, refs: Refs = FREE) -> model.Attendance:
    """Attendance with counts that add up: profiles, organisations and people."""
    people = draw(st.lists(participants(refs), max_size=3))
    listed = draw(st.lists(profiles, max_size=3))
    floor = max(len(people), sum(p.count or 0 for p in listed))
    count = draw(st.none() | st.integers(floor, floor + 50))
    if count is None and (people or listed):
        count = floor + draw(st.integers(0, 5))
    return model.Attendance(
        count=count,
        profiles=listed,
        organisations=draw(refs.many("organisations")),
        participants=people,
        extra=draw(extras),
    )


@st.composite
def locations(draw: st.DrawFn) -> model.Location:
    """A place, an online URL, or both (a location needs a name, an address, a city or a URL)."""
    fields = {
        "name": draw(optional_texts),
        "address": draw(optional_texts),
        "city": draw(optional_texts),
        "url": draw(optional_urls),
    }
    if not any(fields.values()):
        fields["name"] = draw(texts)
    return model.Location(
        **fields,
        postal_code=draw(optional_texts),
        country=draw(optional_texts),
        extra=draw(extras),
    )


_FIRST_DAY: st.SearchStrategy[dt.date | None] = st.none()


def sessions(
    refs: Refs = FREE, days: st.SearchStrategy[dt.date | None] = _FIRST_DAY
) -> st.SearchStrategy[model.Session]:
    """Agenda items, maybe with an end and a day (``days`` draws it; the first day by default)."""
    return st.builds(
        _session,
        start=times,
        minutes=st.none() | st.integers(0, 24 * 60),
        day=days,
        title=texts,
        kind=st.sampled_from(model.SessionKind),
        room=optional_texts,
        track=optional_texts,
        description=optional_texts,
        facilitators=text_tuples,
        proposals=refs.many("proposals"),
        extra=extras,
    )


def _session(start: dt.time, minutes: int | None, **fields: Any) -> model.Session:
    # An end on the same day, at or after the start.
    end = None
    if minutes is not None:
        last = dt.datetime.combine(dt.date.min, start) + dt.timedelta(minutes=minutes)
        end = min(last, dt.datetime.combine(dt.date.min, dt.time(23, 59))).time()
    return model.Session(start=start, end=end, **fields)


@st.composite
def _moments(draw: st.DrawFn) -> dict[str, Any]:
    """When an event happens: a date only, whole days, or timed over one or several days."""
    shape = draw(st.sampled_from(["date", "days", "timed"]))
    if shape == "date":
        return {"date": draw(st.one_of(aware_datetimes, dates, naive_datetimes))}
    span = dt.timedelta(days=draw(st.integers(0, 3)))
    if shape == "days":
        start = draw(dates.filter(lambda d: d.year < 2040))
        return {"start": start, "end": draw(st.none() | st.just(start + span))}
    begins = draw(naive_datetimes.filter(lambda d: d.year < 2040))
    if draw(st.booleans()):
        # An offset given with the start: the model converts it to the event's time zone.
        begins = begins.replace(tzinfo=draw(_offsets))
    hours = dt.timedelta(minutes=draw(st.integers(0, 12 * 60)))
    return {"start": begins, "end": draw(st.none() | st.just(begins + span + hours))}


@st.composite
def events(draw: st.DrawFn, refs: Refs = FREE, slug: str | None = None) -> model.Event:
    """Events of every shape, with an agenda in time order inside the event's hours."""
    event = model.Event(
        slug=slug or draw(slugs),
        title=draw(texts),
        kind=draw(st.sampled_from(model.EventKind)),
        timezone=draw(timezones),
        programme=draw(st.none() | slugs) if refs.phases is None else None,
        phase=draw(refs.one("phases")),
        location=draw(st.none() | locations()),
        summary=draw(optional_texts),
        objectives=draw(text_tuples),
        organisers=draw(refs.many("organisations")),
        attendance=draw(st.none() | attendances(refs)),
        proposals=draw(refs.many("proposals")),
        outcomes=draw(text_tuples),
        images=draw(url_tuples),
        tags=draw(text_tuples),
        draft=draw(st.booleans()),
        description=draw(descriptions),
        extra=draw(extras),
        **draw(_moments()),
    )
    first, last = event.first_day, event.last_day
    days = st.none() | st.integers(0, (last - first).days).map(
        lambda n: first + dt.timedelta(days=n)
    )
    drawn = draw(st.lists(sessions(refs, days), max_size=4))
    return attrs.evolve(event, sessions=_agenda(event, drawn))


def _agenda(event: model.Event, drawn: list[model.Session]) -> list[model.Session]:
    """The sessions that fit in ``event``'s hours, in time order."""
    starts = event.starts_at.replace(tzinfo=None)
    ends = event.ends_at.replace(tzinfo=None) if event.ends_at is not None else None

    def fits(session: model.Session) -> bool:
        day = session.day or event.first_day
        begins = dt.datetime.combine(day, session.start)
        finishes = dt.datetime.combine(day, session.end or session.start)
        return begins >= starts and (ends is None or finishes <= ends)

    return sorted(
        filter(fits, drawn), key=lambda s: dt.datetime.combine(s.day or event.first_day, s.start)
    )


def status_changes(refs: Refs = FREE) -> st.SearchStrategy[model.StatusChange]:
    """One step of a history, on its own."""
    return st.builds(
        model.StatusChange,
        status=st.sampled_from(model.ProposalStatus),
        date=dates,
        note=optional_texts,
        event=refs.one("events"),
        extra=extras,
    )


links = st.builds(model.Link, url=urls, title=optional_texts, extra=extras)


@st.composite
def histories(draw: st.DrawFn, refs: Refs = FREE) -> list[model.StatusChange]:
    """A legal walk through the proposal lifecycle, in date order, up to a final status."""
    status = draw(st.sampled_from(model.ProposalStatus))
    day = draw(dates.filter(lambda d: d.year < 2039))
    walk = [attrs.evolve(draw(status_changes(refs)), status=status, date=day)]
    for _ in range(draw(st.integers(0, 5))):
        moves = sorted(model.TRANSITIONS[status])
        if not moves:
            break
        status = draw(st.sampled_from(moves))
        day = day + dt.timedelta(days=draw(st.integers(0, 30)))
        walk.append(attrs.evolve(draw(status_changes(refs)), status=status, date=day))
    return walk


team_sizes = st.none() | st.builds(
    lambda low, more: model.TeamSize(min=low, max=None if more is None else max(low, 1) + more),
    st.integers(0, 5),
    st.none() | st.integers(0, 5),
)
needs = st.lists(st.builds(model.Need, profile=texts, count=st.integers(1, 4)), max_size=2)


@st.composite
def proposals(draw: st.DrawFn, refs: Refs = FREE) -> model.Proposal:
    """Proposals with every field, a legal history, and a status that agrees with it."""
    history = draw(st.just([]) | histories(refs))
    return model.Proposal(
        slug=draw(slugs),
        title=draw(texts),
        date=draw(st.none() | aware_datetimes | dates),
        summary=draw(optional_texts),
        problem=draw(optional_texts),
        objectives=draw(text_tuples),
        use_cases=draw(text_tuples),
        technical_domains=draw(text_tuples),
        wanted_profiles=draw(text_tuples),
        resources=draw(st.lists(links, max_size=2)),
        lead=draw(optional_texts),
        sponsors=draw(refs.many("organisations")),
        repository=draw(optional_urls),
        events=draw(refs.many("events")),
        phase=draw(refs.one("phases")),
        tags=draw(text_tuples),
        images=draw(url_tuples),
        history=history,
        status=history[-1].status if history else draw(st.sampled_from(model.ProposalStatus)),
        draft=draw(st.booleans()),
        description=draw(descriptions),
        team_size=draw(team_sizes),
        needs=draw(needs),
        extra=draw(extras),
    )


@st.composite
def phases(draw: st.DrawFn) -> model.Phase:
    """A phase, with dates in order where it has both."""
    start = draw(st.none() | dates)
    days = draw(st.none() | st.integers(0, 200))
    return model.Phase(
        slug=draw(slugs),
        name=draw(texts),
        start=start,
        end=None if start is None or days is None else start + dt.timedelta(days=days),
        summary=draw(optional_texts),
        description=draw(descriptions),
        extra=draw(extras),
    )


def programmes(refs: Refs = FREE) -> st.SearchStrategy[model.Programme]:
    """Programmes with their phases and organisers."""
    return st.builds(
        model.Programme,
        slug=slugs,
        name=texts,
        summary=optional_texts,
        description=descriptions,
        organisers=refs.many("organisations"),
        website=optional_urls,
        phases=st.lists(phases(), max_size=3, unique_by=lambda p: p.slug),
        images=url_tuples,
        seasons=st.lists(
            st.builds(model.Season, slug=slugs, name=texts, start=st.none() | dates),
            max_size=2,
            unique_by=lambda s: s.slug,
        ),
        extra=extras,
    )


@st.composite
def _organisation_tree(draw: st.DrawFn) -> list[model.Organisation]:
    # Each organisation's parent, if any, is one drawn before it.
    found: list[model.Organisation] = []
    for org in draw(st.lists(organisations(), max_size=4, unique_by=lambda o: o.slug)):
        parent = draw(st.none() | st.sampled_from([o.slug for o in found])) if found else None
        found.append(attrs.evolve(org, parent=parent))
    return found


@st.composite
def catalogues(draw: st.DrawFn) -> model.Catalogue:
    """Catalogues that use every part of the model, and whose references all resolve."""
    orgs = draw(_organisation_tree())
    refs = Refs(organisations=tuple(o.slug for o in orgs))
    programme = draw(programmes(refs))
    event_slugs = draw(st.lists(slugs, max_size=3, unique=True))
    refs = attrs.evolve(
        refs, phases=tuple(p.slug for p in programme.phases), events=tuple(event_slugs)
    )
    found = draw(st.lists(proposals(refs), max_size=3, unique_by=lambda p: p.slug))
    refs = attrs.evolve(refs, proposals=tuple(p.slug for p in found))
    happened = [draw(events(refs, slug)) for slug in event_slugs]
    happened = [
        attrs.evolve(e, programme=draw(st.sampled_from([None, programme.slug]))) for e in happened
    ]
    # Typed apart so that the one-item fallback list may hold None beside the slugs.
    org_slugs: list[str | None] = [o.slug for o in orgs]
    people = draw(
        st.lists(
            st.builds(
                model.Candidate,
                slug=slugs,
                name=texts,
                consent=st.booleans(),
                organisation=st.none() | st.sampled_from(org_slugs or [None]),
                skills=text_tuples,
                wishes=st.permutations([p.slug for p in found]).map(lambda w: w[:3]),
            ),
            max_size=3,
            unique_by=lambda c: c.slug,
        )
    )
    return model.Catalogue(
        programme=programme,
        organisations=orgs,
        events=happened,
        proposals=found,
        candidates=people,
        extra=draw(extras),
    )
