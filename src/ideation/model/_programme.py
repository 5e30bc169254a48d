"""A programme and its phases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import attrs

from .._validators import check_order, check_slug, frozen_mapping, slug_tuple, str_tuple, to_tuple
from ..errors import FieldError
from ._candidate import TeamSize
from ._plain import PlainValue
from ._season import Season


@attrs.frozen(kw_only=True)
class Phase:
    """A stretch of a programme: qualification, launch bootcamp, working days, closing..."""

    slug: str = attrs.field(validator=check_slug)
    name: str
    start: dt.date | None = None
    end: dt.date | None = None
    summary: str | None = None
    description: str | None = None
    extra: Mapping[str, PlainValue] = attrs.field(
        factory=dict, converter=frozen_mapping, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        check_order("end", self.start, self.end)


@attrs.frozen(kw_only=True)
class Programme:
    """A programme of shared projects, like France's inter-ministerial "programme 10%".

    ``team_size`` is the team size of every proposal that states none; a proposal's own
    replaces it, except the mixed-team fields (``max_per_ministry``, ``min_ministries``) it
    leaves out, which come from the programme's: a programme that exists to build
    inter-ministerial teams says so once.
    """

    slug: str = attrs.field(validator=check_slug)
    name: str
    summary: str | None = None
    description: str | None = None
    organisers: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=slug_tuple)
    website: str | None = None
    phases: tuple[Phase, ...] = attrs.field(default=(), converter=to_tuple)
    images: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=str_tuple)
    seasons: tuple[Season, ...] = attrs.field(default=(), converter=to_tuple)
    team_size: TeamSize | None = None
    extra: Mapping[str, PlainValue] = attrs.field(
        factory=dict, converter=frozen_mapping, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        seen: set[str] = set()
        for index, phase in enumerate(self.phases):
            if phase.slug in seen:
                raise FieldError(
                    f"phases[{index}].slug", f"expected a unique slug, got {phase.slug!r} again"
                )
            seen.add(phase.slug)
        seasons: set[str] = set()
        for index, season in enumerate(self.seasons):
            if season.slug in seasons:
                raise FieldError(
                    f"seasons[{index}].slug", f"expected a unique slug, got {season.slug!r} again"
                )
            seasons.add(season.slug)
            for position, slug in enumerate(season.phases):
                if slug not in seen:
                    raise FieldError(
                        f"seasons[{index}].phases[{position}]",
                        f"expected the slug of a phase of the programme, got {slug!r}",
                    )
            for position, dates in enumerate(season.schedule):
                if dates.phase not in seen:
                    raise FieldError(
                        f"seasons[{index}].schedule[{position}].phase",
                        f"expected the slug of a phase of the programme, got {dates.phase!r}",
                    )

    def season(self, slug: str) -> Season:
        """The season named ``slug``; :exc:`KeyError` if there is none."""
        for season in self.seasons:
            if season.slug == slug:
                return season
        raise KeyError(slug)

    def phase(self, slug: str) -> Phase:
        """The phase named ``slug``; :exc:`KeyError` if there is none."""
        for phase in self.phases:
            if phase.slug == slug:
                return phase
        raise KeyError(slug)
