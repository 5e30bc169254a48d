"""People who apply to work on proposals, and what an event's voters said about proposals.

A candidate is a person: their name is shown only when ``consent`` is true, as for
:class:`~ideation.model.Participant`; their :class:`Contact` is for the organisers only and is
never published, consent or not.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

import attrs

from .._validators import (
    Count,
    check_slug,
    frozen_mapping,
    non_negative,
    optional_slug,
    slug_tuple,
    str_tuple,
    to_tuple,
)
from ..errors import FieldError
from ._plain import PlainValue


def normalise_profile(text: str) -> str:
    """The form in which skills and wanted profiles are compared: case and spacing ignored."""
    return " ".join(text.casefold().split())


def _unique_wishes(
    instance: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
) -> None:
    slug_tuple(instance, attribute, value)
    seen: set[str] = set()
    for index, slug in enumerate(value):
        if slug in seen:
            raise FieldError(
                f"{attribute.name}[{index}]",
                f"expected each proposal once in the ranked wishes, got {slug!r} again",
            )
        seen.add(slug)


def _email(instance: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    # Not a full RFC 5322 check: enough to catch a name or a phone number in the wrong column.
    if value is not None and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
        raise FieldError(attribute.name, f"expected an e-mail address, got {value!r}")


@attrs.frozen(kw_only=True)
class Contact:
    """How the organisers reach a candidate: for them only, never in a published output.

    ``email`` and ``phone`` are the usual ways; any other key (``chat``, ``office``...) is kept
    as written, among the keys the model does not know.
    """

    email: str | None = attrs.field(default=None, validator=_email)
    phone: str | None = None
    extra: Mapping[str, PlainValue] = attrs.field(
        factory=dict, converter=frozen_mapping, repr=False, hash=False
    )


@attrs.frozen(kw_only=True)
class Candidate:
    """A person who wishes to join a proposal's team.

    ``skills`` are free text, matched against proposals' ``wanted_profiles`` and ``needs``
    without regard to case or spacing; ``wishes`` are proposal slugs, most wanted first.
    ``contact`` is for the organisers' lists only (``ideation export teams``): every published
    output leaves it out (see :func:`ideation.privacy.public_catalogue`).

    A candidate who leaves the programme keeps their file, marked ``withdrawn`` on the day they
    left (with an optional ``withdrawal_note``): the file stays valid, a recorded team may still
    name them, and ``ideation teams`` takes them off their team and offers the free place to
    others, moving nobody else.
    """

    slug: str = attrs.field(validator=check_slug)
    name: str
    consent: bool = False
    organisation: str | None = attrs.field(default=None, validator=optional_slug)
    skills: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=str_tuple)
    wishes: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_unique_wishes)
    season: str | None = attrs.field(default=None, validator=optional_slug)
    contact: Contact | None = None
    withdrawn: dt.date | None = None
    withdrawal_note: str | None = None
    extra: Mapping[str, PlainValue] = attrs.field(
        factory=dict, converter=frozen_mapping, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        if self.withdrawal_note is not None and self.withdrawn is None:
            raise FieldError(
                "withdrawal_note",
                "expected a withdrawal date in `withdrawn` beside the note, got none",
            )

    @property
    def is_withdrawn(self) -> bool:
        """Whether the candidate has left the programme (``withdrawn`` is set)."""
        return self.withdrawn is not None

    def has_profile(self, profile: str) -> bool:
        """Whether one of the candidate's skills is ``profile`` (case and spacing ignored)."""
        wanted = normalise_profile(profile)
        return any(normalise_profile(skill) == wanted for skill in self.skills)

    def rank_of(self, proposal: str) -> int | None:
        """The rank of ``proposal`` among the wishes (first wish = 1), or ``None``."""
        return self.wishes.index(proposal) + 1 if proposal in self.wishes else None


def _positive(instance: object, attribute: attrs.Attribute[Count], value: Count) -> None:
    if value is not None and value < 1:
        raise FieldError(attribute.name, f"expected a count of 1 or more, got {value}")


@attrs.frozen(kw_only=True)
class TeamSize:
    """How many people a proposal's team needs (``min``) and can take (``max``, if bounded).

    The mixed-team rule, for programmes that build teams across ministries (a ministry is an
    organisation's top-level parent): at most ``max_per_ministry`` members of one ministry, at
    least ``min_ministries`` ministries on the team. It is a level of the team objective, after
    the shortfall: kept where the candidates allow it, never a reason to leave a place empty.
    """

    min: int = attrs.field(default=0, validator=non_negative)
    max: int | None = attrs.field(default=None, validator=_positive)
    max_per_ministry: int | None = attrs.field(default=None, validator=_positive)
    min_ministries: int | None = attrs.field(default=None, validator=_positive)
    extra: Mapping[str, PlainValue] = attrs.field(
        factory=dict, converter=frozen_mapping, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        if self.max is not None and self.max < self.min:
            raise FieldError("max", f"expected at least the min of {self.min}, got {self.max}")


@attrs.frozen(kw_only=True)
class Need:
    """How many members with one wanted profile a team needs, where one is not enough."""

    profile: str
    count: int = attrs.field(default=1, validator=_positive)
    extra: Mapping[str, PlainValue] = attrs.field(
        factory=dict, converter=frozen_mapping, repr=False, hash=False
    )


@attrs.frozen(kw_only=True)
class Vote:
    """A vote or score given to a proposal at an event.

    A vote is cast by a participant (``voter``, a name or an anonymous label, never shown
    without consent) or on behalf of an ``organisation``, optionally on one ``criterion`` of
    the programme (``interest beyond one ministry``...). A plain vote has a ``score`` of 1.
    """

    proposal: str = attrs.field(validator=check_slug)
    score: int | float = attrs.field(default=1, validator=non_negative)
    voter: str | None = None
    organisation: str | None = attrs.field(default=None, validator=optional_slug)
    criterion: str | None = None
    extra: Mapping[str, PlainValue] = attrs.field(
        factory=dict, converter=frozen_mapping, repr=False, hash=False
    )
