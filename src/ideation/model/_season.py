"""Seasons: the yearly rounds of a programme, each with its own call, workshop and closing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import attrs

from .._validators import check_order, check_slug, frozen_mapping, slug_tuple, to_tuple
from ..errors import FieldError
from ._plain import PlainValue


@attrs.frozen(kw_only=True)
class PhaseDates:
    """The days of one phase in one season, where they are not the programme's.

    A programme's phases are named and dated once (:class:`~ideation.Phase`); each
    season after the first runs them on other days, which its ``schedule`` gives.
    """

    phase: str = attrs.field(validator=check_slug)
    start: dt.date | None = None
    end: dt.date | None = None
    extra: Mapping[str, PlainValue] = attrs.field(
        factory=dict, converter=frozen_mapping, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        check_order("end", self.start, self.end)


@attrs.frozen(kw_only=True)
class Season:
    """One round of a programme (``2022``, ``2023``...), with the phases it runs through.

    Events and proposals name their season by slug; a proposal that goes on in the next season
    under a new name says so with ``continued_as`` and ``continues``. ``schedule`` dates the
    season's own run of a phase (the programme dates each phase once, for its first season): an
    event of the season dated outside its phase's days, or outside the season's ``start`` and
    ``end``, is a problem of the catalogue.
    """

    slug: str = attrs.field(validator=check_slug)
    name: str
    start: dt.date | None = None
    end: dt.date | None = None
    phases: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=slug_tuple)
    summary: str | None = None
    description: str | None = None
    schedule: tuple[PhaseDates, ...] = attrs.field(default=(), converter=to_tuple)
    extra: Mapping[str, PlainValue] = attrs.field(
        factory=dict, converter=frozen_mapping, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        check_order("end", self.start, self.end)
        seen: set[str] = set()
        for index, dates in enumerate(self.schedule):
            if dates.phase in seen:
                raise FieldError(
                    f"schedule[{index}].phase",
                    f"expected each phase once in the schedule, got {dates.phase!r} again",
                )
            seen.add(dates.phase)

    def phase_days(
        self, phase: str, start: dt.date | None, end: dt.date | None
    ) -> tuple[dt.date | None, dt.date | None]:
        """The first and last days of ``phase`` in this season: those of its ``schedule``, or
        else ``start`` and ``end``, the programme's dates of the phase."""
        for dates in self.schedule:
            if dates.phase == phase:
                return dates.start, dates.end
        return start, end
