"""``ideation:event``, ``ideation:agenda``, ``ideation:attendance``, ``ideation:programme`` and
``ideation:events``: events, alone or on a programme's timeline and calendar."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx

from ..data import get_store, today
from ._base import HEADING_OPTION, IdeationDirective, OptionSpec

__all__ = [
    "AgendaDirective",
    "AttendanceDirective",
    "EventDirective",
    "EventsDirective",
    "ProgrammeDirective",
    "setup_events",
]


class EventDirective(IdeationDirective):
    """``.. ideation:event:: SLUG``: the whole event (its title is the section heading unless
    ``:no-heading:`` is given)."""

    required_arguments = 1
    option_spec: ClassVar[OptionSpec] = dict(HEADING_OPTION)

    def run(self) -> list[nodes.Node]:
        found = self.event(self.arguments[0])
        if found is None:
            return []
        catalogue, event = found
        return [self.renderer().event(catalogue, event, heading=self.heading())]


class _EventPartDirective(IdeationDirective):
    """One part of an event's page on its own; ``part`` names the renderer method.

    The part's small heading ("Agenda") is left out when the directive comes right under a
    heading of the page (the page's heading names it already) or with ``:no-heading:``.
    """

    required_arguments = 1
    option_spec: ClassVar[OptionSpec] = dict(HEADING_OPTION)
    part: ClassVar[str]

    def run(self) -> list[nodes.Node]:
        found = self.event(self.arguments[0])
        if found is None:
            return []
        catalogue, event = found
        rubric = self.heading() and not self.under_own_heading()
        container = nodes.container(classes=["ideation", f"ideation-{self.part}"])
        container.extend(getattr(self.renderer(), self.part)(catalogue, event, rubric=rubric))
        return [container]


class AgendaDirective(_EventPartDirective):
    """``.. ideation:agenda:: SLUG``: an event's agenda as a table, under a small "Agenda"
    heading unless the page's own heading is right above or ``:no-heading:`` is given."""

    part = "agenda"


class AttendanceDirective(_EventPartDirective):
    """``.. ideation:attendance:: SLUG``: who came to an event, counts first (with a small
    heading, as ``ideation:agenda``)."""

    part = "attendance"


class ProgrammeDirective(IdeationDirective):
    """``.. ideation:programme:: [SLUG]``: a programme overview (the first catalogue's by
    default)."""

    optional_arguments = 1
    option_spec: ClassVar[OptionSpec] = dict(HEADING_OPTION)

    def run(self) -> list[nodes.Node]:
        slug = self.arguments[0] if self.arguments else None
        catalogue = get_store(self.env).programme(slug)
        if catalogue is None:
            self.unknown("programme", slug or "")
            return []
        return [self.renderer().programme(catalogue, heading=self.heading())]


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"expected a date like 2022-05-16, got {value!r}") from None


class EventsDirective(IdeationDirective):
    """``.. ideation:events::``: every event in time order, upcoming and past apart.

    ``:today:`` (a date) overrides ``ideation_today`` and the day of the build; ``:phase:`` and
    ``:programme:`` keep the events of one phase or programme.
    """

    option_spec: ClassVar[OptionSpec] = {
        "today": _date,
        "phase": directives.unchanged_required,
        "programme": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        store = get_store(self.env)
        wanted_programme = self.options.get("programme")
        catalogues = [
            catalogue
            for catalogue in store.catalogues
            if wanted_programme is None or catalogue.programme.slug == wanted_programme
        ]
        if wanted_programme is not None and not catalogues:
            self.unknown("programme", wanted_programme)
        events = sorted(
            (event for catalogue in catalogues for event in catalogue.events),
            key=lambda event: (event.starts_at, event.slug),
        )
        phase = self.options.get("phase")
        if phase is not None:
            phases = {p.slug for catalogue in catalogues for p in catalogue.programme.phases}
            if phase not in phases:
                self.warn("filter", "unknown phase %r in :phase:", phase)
            events = [event for event in events if event.phase == phase]
        container = nodes.container(classes=["ideation", "ideation-calendar"])
        container.extend(
            self.renderer().calendar(events, self.options.get("today") or today(self.env))
        )
        return [container]


def setup_events(app: Sphinx) -> None:
    """Register the event, agenda, attendance, programme and events directives."""
    app.add_directive_to_domain("ideation", "event", EventDirective)
    app.add_directive_to_domain("ideation", "agenda", AgendaDirective)
    app.add_directive_to_domain("ideation", "attendance", AttendanceDirective)
    app.add_directive_to_domain("ideation", "programme", ProgrammeDirective)
    app.add_directive_to_domain("ideation", "events", EventsDirective)
