"""``ideation:programme`` and ``ideation:events``: a programme's overview and timeline, and a
calendar of events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import ClassVar

import attrs
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx

from .. import model
from ._base import HEADING_LEVEL_OPTION, HEADING_OPTION, IdeationDirective, OptionSpec, Renderer
from ._data import get_store, today
from ._labels import (
    event_kind_label,
    format_days,
    status_label,
    translate,
)
from ._nodes import bullets, join, para, plain, table_of


@attrs.define(kw_only=True)
class ProgrammeRenderer(Renderer):
    """Renders a programme's overview and a calendar of events."""

    def event_line(self, event: model.Event) -> nodes.paragraph:
        """One event in a list: its days, a link, its kind and place."""
        days = format_days(event.first_day, event.last_day, self.language)
        paragraph = para(nodes.strong(days, days), " — ", self.xref("event", event.slug))
        place = ", ".join(
            part
            for part in ((event.location.name or event.location.city) if event.location else None,)
            if part
        )
        details = ", ".join(part for part in (event_kind_label(event.kind), place) if part)
        paragraph += plain(f" ({details})")
        return paragraph

    def programme(
        self, catalogue: model.Catalogue, *, heading: bool, season: model.Season | None = None
    ) -> nodes.Element:
        """A programme: its phases and their events on a timeline, proposals counted by status,
        and the organisations involved (each defined here, for ``:ideation:org:``).

        With a ``season``, the timeline has the season's phases on its days, and only its
        events and proposals are shown.
        """
        programme = catalogue.programme
        if season is not None:
            catalogue = catalogue.in_season(season.slug)
        self.depend("programme", programme.slug)
        self.depend_on_kind("event")
        self.depend_on_kind("proposal")
        frame = self.frame("programme", programme.slug, programme.name, heading=heading)
        if programme.summary:
            frame += para(programme.summary, classes=["ideation-summary"])
        frame.extend(
            self.facts(
                [
                    ("Website", self.link(programme.website)),
                    (
                        "Organisers",
                        join([self.xref("organisation", slug) for slug in programme.organisers]),
                    ),
                ]
            )
        )
        frame.extend(self.images(programme.images, programme.name))
        if programme.description:
            frame.extend(self.markdown(programme.description, "programme", programme.slug))
        items = self._timeline(catalogue, season)
        if items:
            frame += self.rubric("Timeline")
            frame += bullets(items, classes=["ideation-timeline"])
        by_status = catalogue.proposals_by_status()
        if by_status:
            frame += self.rubric("Proposals by status")
            rows = [
                [para(status_label(status)), para(str(len(found)))]
                for status, found in by_status.items()
            ]
            headers = [translate("Status"), translate("Number")]
            caption = translate("Proposals by status")
            frame += table_of(
                headers, rows, ["ideation-counts"], (20, 10), caption=caption, stub=True
            )
        if catalogue.organisations:
            frame += self.rubric("Organisations")
            frame += self.organisation_tree(
                catalogue, [org.slug for org in catalogue.organisations], define=True
            )
        return frame

    def _timeline(
        self, catalogue: model.Catalogue, season: model.Season | None = None
    ) -> list[list[nodes.Node]]:
        """Each phase with its dates, summary and events, then the events of no phase."""
        items: list[list[nodes.Node]] = []
        phases = catalogue.programme.phases
        if season is not None and season.phases:
            phases = tuple(phase for phase in phases if phase.slug in season.phases)
        for phase in phases:
            label = phase.name
            start, end = phase.start, phase.end
            if season is not None:
                start, end = season.phase_days(phase.slug, start, end)
            if start is not None:
                label += f" ({format_days(start, end or start, self.language)})"
            item: list[nodes.Node] = [para(nodes.strong(label, label))]
            if phase.summary:
                item.append(para(phase.summary))
            events = catalogue.events_of_phase(phase.slug)
            if events:
                item.append(bullets([self.event_line(event) for event in events]))
            items.append(item)
        others = [event for event in catalogue.events_in_order() if event.phase is None]
        if others:
            label = translate("Other events")
            items.append(
                [para(nodes.strong(label, label)), bullets([self.event_line(e) for e in others])]
            )
        return items

    def calendar(self, events: Sequence[model.Event], today: dt.date) -> list[nodes.Node]:
        """Events in time order, upcoming ones first, then past ones, most recent first.

        A calendar with nothing upcoming but a past (a past season's) opens with its past
        events, not with "No upcoming event"; that sentence follows them.
        """
        self.depend_on_kind("event")
        upcoming = [event for event in events if event.last_day >= today]
        past = [event for event in events if event.last_day < today]
        found: list[nodes.Node] = []
        groups = [
            ("Upcoming events", upcoming, "No upcoming event."),
            ("Past events", list(reversed(past)), "No past event."),
        ]
        if past and not upcoming:
            groups.reverse()
        for label, group, empty in groups:
            found.append(self.rubric(label))
            if group:
                found.append(
                    bullets(
                        [self.event_line(event) for event in group], classes=["ideation-events"]
                    )
                )
            else:
                found.append(para(translate(empty), classes=["ideation-empty"]))
        return found


class ProgrammeDirective(IdeationDirective):
    """``.. ideation:programme:: [SLUG]``: a programme overview (the first catalogue's by
    default); ``:season:`` shows one season: its phases on its days, its events and proposals."""

    optional_arguments = 1
    option_spec: ClassVar[OptionSpec] = {
        **HEADING_OPTION,
        "season": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        slug = self.arguments[0] if self.arguments else None
        catalogue = get_store(self.env).programme(slug)
        if catalogue is None:
            self.unknown("programme", slug or "")
            return []
        season = None
        if "season" in self.options:
            wanted = self.options["season"].strip()
            season = next((s for s in catalogue.programme.seasons if s.slug == wanted), None)
            if season is None:
                self.warn("filter", "unknown season %r in :season:", wanted)
                return []
        renderer = self.renderer_of(ProgrammeRenderer)
        return self.levelled([renderer.programme(catalogue, heading=self.heading(), season=season)])


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"expected a date like 2022-05-16, got {value!r}") from None


class EventsDirective(IdeationDirective):
    """``.. ideation:events::``: every event in time order, upcoming and past apart.

    ``:today:`` (a date) overrides ``ideation_today`` and the day of the build; ``:phase:``,
    ``:season:`` and ``:programme:`` keep the events of one phase, season or programme.
    """

    option_spec: ClassVar[OptionSpec] = {
        **HEADING_LEVEL_OPTION,
        "today": _date,
        "phase": directives.unchanged_required,
        "season": directives.unchanged_required,
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
        season = self.options.get("season")
        if season is not None:
            seasons = {s.slug for catalogue in catalogues for s in catalogue.programme.seasons}
            if season not in seasons:
                self.warn("filter", "unknown season %r in :season:", season)
            events = [event for event in events if event.season == season]
        renderer = self.renderer_of(ProgrammeRenderer)
        container = renderer.box("ideation-calendar")
        container.extend(renderer.calendar(events, self.options.get("today") or today(self.env)))
        return self.levelled([container])


def setup_programme(app: Sphinx) -> None:
    """Register the programme and events directives."""
    app.add_directive_to_domain("ideation", "programme", ProgrammeDirective)
    app.add_directive_to_domain("ideation", "events", EventsDirective)
