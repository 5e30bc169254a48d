"""Hypothesis strategies for every model class: each draws valid objects only."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from ideation import model

__all__ = [
    "attendances",
    "catalogues",
    "events",
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
]

# Built from parts rather than from the regex: from_regex draws slowly and long.
slugs = st.lists(
    st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=6), min_size=1, max_size=3
).map("-".join)

# Text as people type it: no control characters, no surrogates, no Unicode line separators
# (YAML reads those as line breaks), no byte-order mark.
_characters = st.characters(
    codec="utf-8",
    exclude_categories=("Cs", "Cc", "Co", "Cn", "Zl", "Zp"),
    exclude_characters="\ufeff",
)
texts = st.text(_characters, min_size=1, max_size=12)
bodies = st.lists(texts, min_size=1, max_size=3).map("\n\n".join).map(str.strip).filter(bool)
# Descriptions as data may hold them: page bodies, but also text with blank lines or spaces at
# either end, which a page body cannot keep (the Markdown format puts those in front matter).
descriptions = (
    st.none() | bodies | st.text(st.one_of(_characters, st.sampled_from("\n \t")), max_size=12)
)
optional_texts = st.none() | texts
text_tuples = st.lists(texts, max_size=2).map(tuple)

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
    st.one_of(texts, st.integers(-1000, 1000), st.booleans(), st.lists(texts, max_size=2)),
    max_size=1,
)


def organisations(parent: Any = None) -> st.SearchStrategy[model.Organisation]:
    """Organisations; ``parent`` draws the parent slug (none by default)."""
    return st.builds(
        model.Organisation,
        slug=slugs,
        name=texts,
        acronym=optional_texts,
        kind=st.sampled_from(model.OrganisationKind),
        parent=st.none() if parent is None else parent,
        website=optional_texts,
        extra=extras,
    )


profiles = st.builds(model.Profile, name=texts, count=st.none() | st.integers(0, 5), extra=extras)
participants = st.builds(
    model.Participant,
    name=texts,
    profile=optional_texts,
    organisation=st.none() | slugs,
    role=st.sampled_from(model.ParticipantRole),
    consent=st.booleans(),
    extra=extras,
)


@st.composite
def attendances(draw: st.DrawFn) -> model.Attendance:
    people = draw(st.lists(participants, max_size=3))
    listed = draw(st.lists(profiles, max_size=3))
    floor = max(len(people), sum(p.count or 0 for p in listed))
    count = draw(st.none() | st.integers(floor, floor + 50))
    if count is None and (people or listed):
        count = floor + draw(st.integers(0, 5))
    return model.Attendance(
        count=count,
        profiles=listed,
        organisations=draw(st.lists(slugs, max_size=3)),
        participants=people,
        extra=draw(extras),
    )


locations = st.builds(
    model.Location,
    name=texts,
    address=optional_texts,
    city=optional_texts,
    postal_code=optional_texts,
    country=optional_texts,
    url=optional_texts,
    extra=extras,
)


def sessions(start: dt.time = dt.time(0, 0)) -> st.SearchStrategy[model.Session]:
    """Sessions that start at ``start`` or later, on the event's first day."""
    return st.builds(
        model.Session,
        start=times.filter(lambda t: t >= start),
        title=texts,
        kind=st.sampled_from(model.SessionKind),
        room=optional_texts,
        track=optional_texts,
        description=optional_texts,
        facilitators=text_tuples,
        proposals=st.lists(slugs, max_size=2),
        extra=extras,
    )


@st.composite
def events(draw: st.DrawFn, proposal_slugs: list[str] | None = None) -> model.Event:
    """Events with a date or a start (and maybe an end), and an agenda in time order."""
    pick = st.sampled_from(proposal_slugs) if proposal_slugs else None
    timed = draw(st.booleans())
    start = end = None
    date: dt.date | None = None
    if timed:
        start = draw(naive_datetimes).replace(hour=0, minute=0, second=0)
        end = start.replace(hour=23, minute=59)
    else:
        date = draw(st.one_of(aware_datetimes, dates, naive_datetimes))
    agenda = sorted(draw(st.lists(sessions(), max_size=4)), key=lambda s: s.start)
    if pick is not None:
        agenda = [
            model.Session(
                start=s.start,
                title=s.title,
                kind=s.kind,
                proposals=draw(st.lists(pick, max_size=2, unique=True)),
            )
            for s in agenda
        ]
    elif proposal_slugs is not None:
        agenda = [model.Session(start=s.start, title=s.title, kind=s.kind) for s in agenda]
    return model.Event(
        slug=draw(slugs),
        title=draw(texts),
        kind=draw(st.sampled_from(model.EventKind)),
        date=date,
        start=start,
        end=end,
        timezone=draw(timezones),
        location=draw(st.none() | locations),
        summary=draw(optional_texts),
        objectives=draw(text_tuples),
        attendance=None if proposal_slugs is not None else draw(st.none() | attendances()),
        sessions=agenda,
        outcomes=draw(text_tuples),
        images=draw(text_tuples),
        tags=draw(text_tuples),
        draft=draw(st.booleans()),
        description=draw(descriptions),
        extra=draw(extras),
    )


status_changes = st.builds(
    model.StatusChange,
    status=st.sampled_from(model.ProposalStatus),
    date=dates,
    note=optional_texts,
    event=st.none() | slugs,
    extra=extras,
)
links = st.builds(model.Link, url=texts, title=optional_texts, extra=extras)


@st.composite
def histories(draw: st.DrawFn) -> list[model.StatusChange]:
    """A legal walk through the proposal lifecycle, in date order."""
    status = draw(st.sampled_from(model.ProposalStatus))
    day = draw(dates.filter(lambda d: d.year < 2039))
    walk = [model.StatusChange(status=status, date=day, note=draw(optional_texts))]
    for _ in range(draw(st.integers(0, 3))):
        moves = sorted(model.TRANSITIONS[status])
        if not moves:
            break
        status = draw(st.sampled_from(moves))
        day = day + dt.timedelta(days=draw(st.integers(0, 30)))
        walk.append(model.StatusChange(status=status, date=day))
    return walk


team_sizes = st.none() | st.builds(
    lambda low, more: model.TeamSize(min=low, max=None if more is None else max(low, 1) + more),
    st.integers(0, 5),
    st.none() | st.integers(0, 5),
)
needs = st.lists(st.builds(model.Need, profile=texts, count=st.integers(1, 4)), max_size=2)


@st.composite
def proposals(draw: st.DrawFn) -> model.Proposal:
    history = draw(st.lists(st.nothing()) | histories())
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
        repository=draw(optional_texts),
        tags=draw(text_tuples),
        images=draw(text_tuples),
        history=history,
        status=history[-1].status if history else draw(st.sampled_from(model.ProposalStatus)),
        draft=draw(st.booleans()),
        description=draw(descriptions),
        team_size=draw(team_sizes),
        needs=draw(needs),
        extra=draw(extras),
    )


phases = st.builds(
    lambda slug, name, start, days, summary: model.Phase(
        slug=slug,
        name=name,
        start=start,
        end=None if start is None or days is None else start + dt.timedelta(days=days),
        summary=summary,
    ),
    slugs,
    texts,
    st.none() | dates,
    st.none() | st.integers(0, 200),
    optional_texts,
)
programmes = st.builds(
    model.Programme,
    slug=slugs,
    name=texts,
    summary=optional_texts,
    description=optional_texts,
    website=optional_texts,
    phases=st.lists(phases, max_size=3, unique_by=lambda p: p.slug),
    images=text_tuples,
    seasons=st.lists(
        st.builds(model.Season, slug=slugs, name=texts, start=st.none() | dates),
        max_size=2,
        unique_by=lambda s: s.slug,
    ),
    extra=extras,
)


@st.composite
def catalogues(draw: st.DrawFn) -> model.Catalogue:
    """Catalogues whose references all resolve."""
    orgs = draw(st.lists(organisations(), max_size=3, unique_by=lambda o: o.slug))
    found = draw(st.lists(proposals(), max_size=3, unique_by=lambda p: p.slug))
    found = [
        model.Proposal(
            slug=p.slug,
            title=p.title,
            history=p.history,
            status=p.status,
            description=p.description,
        )
        for p in found
    ]
    slugs_of_proposals = [p.slug for p in found]
    happened = draw(st.lists(events(slugs_of_proposals), max_size=3, unique_by=lambda e: e.slug))
    people = draw(
        st.lists(
            st.builds(
                model.Candidate,
                slug=slugs,
                name=texts,
                consent=st.booleans(),
                organisation=st.none() | st.sampled_from([o.slug for o in orgs] or [None]),
                skills=text_tuples,
                wishes=st.permutations(slugs_of_proposals).map(lambda w: w[:3]),
            ),
            max_size=3,
            unique_by=lambda c: c.slug,
        )
    )
    return model.Catalogue(
        programme=draw(programmes),
        organisations=orgs,
        events=happened,
        proposals=found,
        candidates=people,
    )
