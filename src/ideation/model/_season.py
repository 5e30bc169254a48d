"""Seasons: the yearly rounds of a programme, each with its own call, workshop and closing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import attrs

from .._validators import check_order, check_slug, frozen_mapping, slug_tuple, to_tuple
from ._plain import PlainValue


@attrs.frozen(kw_only=True)
class Season:
    """One round of a programme (``2022``, ``2023``...), with the phases it runs through.

    Events and proposals name their season by slug; a proposal that goes on in the next season
    under a new name says so with ``continued_as`` and ``continues``.
    """

    slug: str = attrs.field(validator=check_slug)
    name: str
    start: dt.date | None = None
    end: dt.date | None = None
    phases: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=slug_tuple)
    summary: str | None = None
    description: str | None = None
    extra: Mapping[str, PlainValue] = attrs.field(
        factory=dict, converter=frozen_mapping, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        check_order("end", self.start, self.end)
