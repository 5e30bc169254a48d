"""Who came: participants, their profiles and organisations.

Privacy comes first: counts, profiles and organisations describe attendance; a person is named
only when :attr:`Participant.consent` says they agreed to it.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

import attrs

from .._validators import frozen_mapping, non_negative, optional_slug, slug_tuple, to_tuple
from ..errors import FieldError
from ._plain import PlainValue


class ParticipantRole(enum.StrEnum):
    """The part a person plays at an event."""

    PARTICIPANT = "participant"
    FACILITATOR = "facilitator"
    SPEAKER = "speaker"
    ORGANISER = "organiser"


@attrs.frozen(kw_only=True)
class Participant:
    """A person at an event. Their name is shown only if ``consent`` is true."""

    name: str
    profile: str | None = None
    organisation: str | None = attrs.field(default=None, validator=optional_slug)
    role: ParticipantRole = ParticipantRole.PARTICIPANT
    consent: bool = False
    extra: Mapping[str, PlainValue] = attrs.field(
        factory=dict, converter=frozen_mapping, repr=False, hash=False
    )


@attrs.frozen(kw_only=True)
class Profile:
    """A kind of participant (``Data scientists``), with how many came where it is known."""

    name: str
    count: int | None = attrs.field(default=None, validator=non_negative)
    extra: Mapping[str, PlainValue] = attrs.field(
        factory=dict, converter=frozen_mapping, repr=False, hash=False
    )


@attrs.frozen(kw_only=True)
class Attendance:
    """Who attended an event, as counts first and names only with consent.

    ``organisations`` are slugs of organisations represented; the catalogue resolves them and
    their parents. ``count`` may be larger than the named participants: most people are counted,
    not listed.
    """

    count: int | None = attrs.field(default=None, validator=non_negative)
    #: True when ``count`` is an estimate ("une trentaine", "plus d'une cinquantaine").
    approximate: bool = False
    profiles: tuple[Profile, ...] = attrs.field(default=(), converter=to_tuple)
    organisations: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple, validator=slug_tuple
    )
    participants: tuple[Participant, ...] = attrs.field(default=(), converter=to_tuple)
    extra: Mapping[str, PlainValue] = attrs.field(
        factory=dict, converter=frozen_mapping, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        if self.count is not None and len(self.participants) > self.count:
            raise FieldError(
                "count",
                f"expected at least the {len(self.participants)} participants listed, "
                f"got {self.count}",
            )
        counted = sum(profile.count or 0 for profile in self.profiles)
        if self.count is not None and counted > self.count:
            raise FieldError(
                "profiles",
                f"the profile counts add up to {counted}, more than the count of {self.count}",
            )

    @property
    def named_participants(self) -> tuple[Participant, ...]:
        """The participants who agreed to be named."""
        return tuple(person for person in self.participants if person.consent)
