"""Organisations: ministries, their directorates, agencies, courts..."""

from __future__ import annotations

import enum
from collections.abc import Mapping

import attrs

from .._validators import check_slug, frozen_mapping, optional_slug, str_tuple, to_tuple
from ._plain import PlainValue


class OrganisationKind(enum.StrEnum):
    """What kind of body an :class:`Organisation` is."""

    MINISTRY = "ministry"
    DIRECTORATE = "directorate"
    AGENCY = "agency"
    INSTITUTE = "institute"
    COURT = "court"
    PUBLIC_BODY = "public-body"
    LOCAL_AUTHORITY = "local-authority"
    COMPANY = "company"
    ASSOCIATION = "association"
    RESEARCH = "research"
    OTHER = "other"


@attrs.frozen(kw_only=True)
class Organisation:
    """An organisation taking part in a programme.

    ``parent`` is the slug of the organisation this one belongs to (a directorate names its
    ministry); the :class:`~ideation.Catalogue` checks that it resolves. ``aliases`` are other
    names people give it (``DNUM (Intérieur)``, a former name), by which ``ideation import csv``
    recognises it in form answers, as it does the slug, name and acronym.
    """

    slug: str = attrs.field(validator=check_slug)
    name: str
    acronym: str | None = None
    kind: OrganisationKind = OrganisationKind.OTHER
    parent: str | None = attrs.field(default=None, validator=optional_slug)
    website: str | None = None
    aliases: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=str_tuple)
    extra: Mapping[str, PlainValue] = attrs.field(
        factory=dict, converter=frozen_mapping, repr=False, hash=False
    )

    @property
    def label(self) -> str:
        """The acronym where there is one (``INSEE``), else the name."""
        return self.acronym or self.name

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the organisation goes by (slug, name, acronym, then aliases)."""
        return tuple(name for name in (self.slug, self.name, self.acronym, *self.aliases) if name)
