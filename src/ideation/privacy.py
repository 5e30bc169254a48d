"""Whose names an output may hold: one rule for every output meant to be published.

Every writer of something published (the Sphinx extension's pages and the store it keeps in
the doctree folder, the exports, the Hugo export) writes :func:`public_catalogue` of the
catalogue, never the catalogue itself. In the copy it gives back:

- **participants** (attendance, whatever their role: participant, facilitator, speaker,
  organiser) are listed only if they consented, and only if names are shown at all
  (``show_names``); the others go from the list. ``count``, profiles and organisations stay as
  the data gives them: people are counted, not named;
- **candidates** lose their ``contact`` (an e-mail, a phone number: for the organisers' lists
  only) and their ``withdrawal_note``, consent or not. Those who did not consent (every
  candidate when names are not shown) keep their organisation, skills, wishes and season, but
  lose their name and keys the model does not know (``extra``); their slug, which may be made
  from their name (``marie-dupont``), becomes an anonymous one (``candidate-3``) unless it is
  one already, and the teams (``Proposal.team``) name them by it. The anonymous slugs are
  given in catalogue order, after the numbers already taken, so that they are the same for the
  same catalogue;
- **voters** are never named, consent or not: each vote keeps its proposal, score, criterion
  and organisation, and its ``voter`` becomes ``voter 1``, ``voter 2``... in the order each
  voter first votes at that event, so that counts of distinct voters stay right and nothing
  links a voter across events;
- **leads** of proposals and **facilitators** of sessions have no consent flag: they name
  public roles, and are kept as written, except a name the catalogue records as *not*
  consenting (a participant or a candidate with ``consent`` false, compared word by word
  without regard to case, spacing or punctuation): a lead or a facilitator that holds such a
  name, alone or among others ("Marie Dupont et Jean Martin"), is left out. The data's refusal
  wins.

Free text (titles, summaries, descriptions, outcomes, notes) is published as written, and keys
the model does not know are left to each writer (the Sphinx store drops them; the Hugo export
writes them back, since they are the site's own).

The copy is the catalogue itself when nothing needs to change, and making the copy of a copy
changes nothing: ``public_catalogue(public_catalogue(c)) == public_catalogue(c)``.

:func:`published_folder` says whether a path is in a folder that is published as it is (a
Sphinx build's output, a Hugo site's content): the commands that copy the private data
(``ideation convert``) refuse to write there.
"""

from __future__ import annotations

import itertools
import re
import weakref
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

import attrs

from .model import Attendance, Candidate, Catalogue, Event, Participant, Proposal, Session, Vote

__all__ = [
    "ANONYMOUS_CANDIDATE",
    "ANONYMOUS_VOTER",
    "private_names",
    "public_catalogue",
    "published_folder",
    "unnamed_people",
]

#: The slug and name of a candidate who is not named (``candidate-3``).
ANONYMOUS_CANDIDATE = "candidate-{number}"
#: The voter of a published vote (``voter 2`` for the second voter of an event).
ANONYMOUS_VOTER = "voter {number}"

_T = TypeVar("_T")
_ANONYMOUS_SLUG = re.compile(r"candidate-([0-9]+)")


def _normal(name: str) -> str:
    return " ".join(name.casefold().split())


def private_names(catalogue: Catalogue) -> tuple[str, ...]:
    """The names of the people the catalogue records as not consenting to be named: the
    participants and candidates whose ``consent`` is false, each once, in catalogue order.

    Voters are not among them: a voter is never named, so no consent is asked; nor are the
    candidates made anonymous already (``candidate-3``), who are named by nothing else.
    """
    found: dict[str, str] = {}
    for person in _people(catalogue):
        if not person.consent and person.name.strip() and not _anonymous(person):
            found.setdefault(_normal(person.name), person.name)
    return tuple(found.values())


def _anonymous(person: Participant | Candidate) -> bool:
    """Whether ``person`` is a candidate made anonymous: their name is their anonymous slug."""
    return isinstance(person, Candidate) and _is_anonymous(person) and person.name == person.slug


def _people(catalogue: Catalogue) -> Iterator[Participant | Candidate]:
    for event in catalogue.events:
        if event.attendance is not None:
            yield from event.attendance.participants
    yield from catalogue.candidates


def public_catalogue(catalogue: Catalogue, *, show_names: bool = True) -> Catalogue:
    """A copy of ``catalogue`` that names nobody without their consent (see the module's
    documentation for what replaces each name).

    ``show_names`` false names nobody at all: no participant is listed and every candidate is
    anonymous; leads and facilitators follow the same rule either way.
    """
    last = _LAST.get(show_names)
    if last is not None and last[0]() is catalogue:
        return catalogue if last[1] is None else last[1]
    public = _public_catalogue(catalogue, show_names=show_names)
    # Kept while the catalogue given lives (and without holding it: a catalogue that is public
    # already is not kept as its own copy). No lock: each step is one dictionary operation, and
    # two threads at once cost a second computation at worst.
    _LAST[show_names] = (weakref.ref(catalogue, _forget), None if public is catalogue else public)
    return public


#: The last catalogue made public, by ``show_names``: an export of one event after another (a
#: calendar file per event) asks for the same catalogue each time, and the rule reads every
#: object of it. Catalogues are frozen, so the same object gives the same copy.
_LAST: dict[bool, tuple[weakref.ref[Catalogue], Catalogue | None]] = {}


def _forget(gone: weakref.ref[Catalogue]) -> None:
    # Called by the collector, at any moment: no lock to wait for.
    for key, (ref, _public) in list(_LAST.items()):
        if ref is gone:
            _LAST.pop(key, None)


def _public_catalogue(catalogue: Catalogue, *, show_names: bool) -> Catalogue:
    refused = _matcher(private_names(catalogue))
    renamed = _candidate_slugs(catalogue.candidates, show_names=show_names)
    events = _changed(catalogue.events, lambda e: _event(e, refused, show_names=show_names))
    proposals = _changed(catalogue.proposals, lambda p: _proposal(p, refused, renamed))
    candidates = _changed(
        catalogue.candidates, lambda c: _candidate(c, renamed.get(c.slug), show_names=show_names)
    )
    if events is None and proposals is None and candidates is None:
        return catalogue
    return attrs.evolve(
        catalogue,
        events=catalogue.events if events is None else events,
        proposals=catalogue.proposals if proposals is None else proposals,
        candidates=catalogue.candidates if candidates is None else candidates,
    )


def _changed(items: tuple[_T, ...], public: Callable[[_T], _T]) -> tuple[_T, ...] | None:
    """``items`` made public one by one; ``None`` when none of them changed."""
    made = tuple(public(item) for item in items)
    return None if all(a is b for a, b in zip(made, items, strict=True)) else made


#: The names refused, as words, by their first word (see :func:`_names_refused`).
_Refused = dict[str, list[tuple[str, ...]]]

_WORD = re.compile(r"\w+")


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.casefold()))


def _matcher(names: Iterable[str]) -> _Refused:
    """The words of each name, by its first word, to find any of ``names`` in a text."""
    refused: _Refused = {}
    for name in names:
        words = _words(name)
        if words and words not in refused.setdefault(words[0], []):
            refused[words[0]].append(words)
    return refused


def _names_refused(text: str, refused: _Refused) -> bool:
    """Whether ``text`` holds one of the refused names as whole words, without regard to case,
    spacing or punctuation between them ("Marie  DUPONT", "marie-dupont")."""
    if not refused:
        return False
    words = _words(text)
    return any(
        words[start : start + len(name)] == name
        for start, word in enumerate(words)
        for name in refused.get(word, ())
    )


# -- events: participants, facilitators, voters -----------------------------------------------


def _event(event: Event, refused: _Refused, *, show_names: bool) -> Event:
    attendance = event.attendance
    if attendance is not None:
        named = attendance.named_participants if show_names else ()
        if named != attendance.participants:
            attendance = attrs.evolve(attendance, participants=named)
    sessions = _changed(event.sessions, lambda s: _session(s, refused))
    votes = _votes(event.votes)
    if attendance is event.attendance and sessions is None and votes is None:
        return event
    return attrs.evolve(
        event,
        attendance=attendance,
        sessions=event.sessions if sessions is None else sessions,
        votes=event.votes if votes is None else votes,
    )


def _session(session: Session, refused: _Refused) -> Session:
    kept = tuple(name for name in session.facilitators if not _names_refused(name, refused))
    return session if kept == session.facilitators else attrs.evolve(session, facilitators=kept)


def _votes(votes: tuple[Vote, ...]) -> tuple[Vote, ...] | None:
    """The votes with each voter given an anonymous label; ``None`` if they have one each."""
    labels: dict[str, str] = {}
    made: list[Vote] = []
    for vote in votes:
        if vote.voter is None:
            made.append(vote)
            continue
        label = labels.setdefault(vote.voter, ANONYMOUS_VOTER.format(number=len(labels) + 1))
        made.append(vote if vote.voter == label else attrs.evolve(vote, voter=label))
    return None if all(a is b for a, b in zip(made, votes, strict=True)) else tuple(made)


# -- proposals and candidates: leads, teams, names and slugs ----------------------------------


def _proposal(proposal: Proposal, refused: _Refused, renamed: dict[str, str]) -> Proposal:
    refuse_lead = proposal.lead is not None and _names_refused(proposal.lead, refused)
    team = tuple(renamed.get(slug, slug) for slug in proposal.team)
    if not refuse_lead and team == proposal.team:
        return proposal
    return attrs.evolve(proposal, lead=None if refuse_lead else proposal.lead, team=team)


def _is_anonymous(candidate: Candidate) -> bool:
    return _ANONYMOUS_SLUG.fullmatch(candidate.slug) is not None


def _candidate_slugs(candidates: tuple[Candidate, ...], *, show_names: bool) -> dict[str, str]:
    """The new slug of each candidate who is not named and whose slug is not anonymous."""
    taken = {
        int(found.group(1))
        for candidate in candidates
        if (found := _ANONYMOUS_SLUG.fullmatch(candidate.slug))
    }
    free = (number for number in itertools.count(1) if number not in taken)
    return {
        candidate.slug: ANONYMOUS_CANDIDATE.format(number=next(free))
        for candidate in candidates
        if not (show_names and candidate.consent) and not _is_anonymous(candidate)
    }


def _candidate(candidate: Candidate, slug: str | None, *, show_names: bool) -> Candidate:
    if show_names and candidate.consent:
        # Consent is to be named, not to be reached: the contact goes all the same, and so
        # does a withdrawal note, written for the organisers (the date stays: it is a fact).
        if candidate.contact is None and candidate.withdrawal_note is None:
            return candidate
        return attrs.evolve(candidate, contact=None, withdrawal_note=None)
    slug = candidate.slug if slug is None else slug
    if (
        candidate.slug,
        candidate.name,
        candidate.consent,
        dict(candidate.extra),
        candidate.contact,
        candidate.withdrawal_note,
    ) == (slug, slug, False, {}, None, None):
        return candidate
    return attrs.evolve(
        candidate,
        slug=slug,
        name=slug,
        consent=False,
        extra={},
        contact=None,
        withdrawal_note=None,
    )


# -- where private data must not go ---------------------------------------------------------


def unnamed_people(value: object) -> int:
    """How many people ``value`` (a catalogue, an event, a candidate... as loaded) names that no
    published output may name: participants and candidates without consent, and the distinct
    voters of each event. A file that holds any is private data."""
    if isinstance(value, Catalogue):
        return unnamed_people(value.events) + unnamed_people(value.candidates)
    if isinstance(value, Event):
        voters = {vote.voter for vote in value.votes if vote.voter is not None}
        return unnamed_people(value.attendance) + len(voters)
    if isinstance(value, Attendance):
        return unnamed_people(value.participants)
    if isinstance(value, Participant | Candidate):
        return int(not value.consent)
    if isinstance(value, Vote):
        return int(value.voter is not None)
    if isinstance(value, list | tuple):
        return sum(unnamed_people(item) for item in value)
    return 0


#: Files whose presence makes a folder the output of a Sphinx build.
_SPHINX_MARKS = (".buildinfo", "environment.pickle", "searchindex.js", "objects.inv")
#: The configuration files of a Hugo site, and its folders that are published as they are.
_HUGO_CONFIGS = tuple(
    f"{stem}.{suffix}" for stem in ("hugo", "config") for suffix in ("toml", "yaml", "yml", "json")
)
_HUGO_PUBLISHED = ("content", "static", "public", "assets", "data")


def published_folder(path: str | Path) -> str | None:
    """Why ``path`` (a file or folder, existing or not) is inside a folder that is published
    as it is, or ``None``: a Sphinx build's output or doctree folder, or the content, static,
    public, assets or data folder of a Hugo site."""
    target = Path(path).absolute()
    for folder in (target, *target.parents):
        if folder.name == ".doctrees" or any((folder / mark).is_file() for mark in _SPHINX_MARKS):
            return f"{folder} is the output of a Sphinx build, published with the site"
        if folder.name in _HUGO_PUBLISHED and any(
            (folder.parent / name).is_file() for name in _HUGO_CONFIGS
        ):
            return f"{folder} is the {folder.name}/ folder of a Hugo site, published with it"
    return None
