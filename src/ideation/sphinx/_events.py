"""``ideation:event``, ``ideation:agenda`` and ``ideation:attendance``: one event, in full or
in part, and how it is rendered."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import ClassVar

import attrs
from docutils import nodes
from sphinx.application import Sphinx

from .. import model
from ._base import HEADING_OPTION, IdeationDirective, OptionSpec, Renderer
from ._domain import RowsRecord, get_domain
from ._labels import (
    event_kind_label,
    format_clock,
    format_days,
    session_kind_label,
    translate,
)
from ._links import calendar_link, origin_links
from ._nodes import (
    PROPOSAL_LINKS,
    bullets,
    has,
    join,
    jsonld_node,
    labelled_para,
    listing_rows,
    para,
    plain,
    scroll_region,
    table_of,
)


@attrs.define(kw_only=True)
class EventRenderer(Renderer):
    """Renders an event: its facts, agenda and attendance."""

    def when(self, event: model.Event) -> str:
        """When an event happens: days, and hours in its time zone where they are known."""
        days = format_days(event.first_day, event.last_day, self.language)
        if event.all_day or (event.start is None and not isinstance(event.date, dt.datetime)):
            return days
        starts, ends = event.starts_at, event.ends_at
        hours = format_clock(starts, self.language)
        if ends is not None and ends.date() == starts.date():
            hours += "–" + format_clock(ends, self.language)
        return f"{days}, {hours} ({event.timezone})"

    def place(self, location: model.Location | None) -> list[nodes.Node]:
        """Where an event happens."""
        if location is None:
            return []
        parts = [
            part
            for part in (location.name, location.address, location.postal_code, location.city)
            if part
        ]
        found: list[nodes.Node] = [plain(", ".join(parts))] if parts else []
        if location.url:
            if found:
                found.append(plain(" — "))
            found.extend(self.link(location.url))
        return found

    def event(
        self, catalogue: model.Catalogue, event: model.Event, *, heading: bool
    ) -> nodes.Element:
        """An event in full: facts, summary, description, objectives, agenda, attendance..."""
        self.depend("event", event.slug)
        self.depend("programme", catalogue.programme.slug)
        frame = self.frame("event", event.slug, event.title, heading=heading)
        frame += jsonld_node(event=event.slug)
        if event.summary:
            frame += para(event.summary, classes=["ideation-summary"])
        phase = next((p for p in catalogue.programme.phases if p.slug == event.phase), None)
        frame.extend(
            self.facts(
                [
                    ("Date", [plain(self.when(event))]),
                    ("Kind", [plain(event_kind_label(event.kind))]),
                    ("Place", self.place(event.location)),
                    ("Programme", [self.xref("programme", catalogue.programme.slug)]),
                    ("Phase", [plain(phase.name)] if phase else []),
                    (
                        "Organisers",
                        join([self.xref("organisation", slug) for slug in event.organisers]),
                    ),
                    ("Replay", self.link(event.replay)),
                    ("Slides", self.link(event.slides)),
                ]
            )
        )
        # Its own .ics, where the build publishes one (resolved when the page is written).
        frame += calendar_link(event=event.slug)
        frame.extend(self.images(event.images, event.title))
        if event.description:
            frame.extend(self.markdown(event.description, "event", event.slug))
        if event.objectives:
            frame += self.rubric("Objectives")
            frame += bullets([para(text) for text in event.objectives])
        if event.sessions:
            frame.extend(self.agenda(catalogue, event))
        if event.attendance is not None:
            frame.extend(self.attendance(catalogue, event))
        if event.linked_proposals:
            frame += self.rubric("Proposals")
            frame += self.proposal_items(catalogue, event.linked_proposals)
        if event.outcomes:
            frame += self.rubric("Outcomes")
            frame += bullets([para(text) for text in event.outcomes])
        frame.extend(origin_links(self.store, self.config, "event", event.slug))
        return frame

    def proposal_items(self, catalogue: model.Catalogue, slugs: Sequence[str]) -> nodes.bullet_list:
        """Proposals as a list of links, each with its status.

        The items are made as the page is written (see :mod:`ideation.sphinx._listings`): an
        edit to a proposal's title or status writes the event's page again, without reading
        it; a proposal that appears or goes reads it again.
        """
        members = tuple((catalogue.programme.slug, slug) for slug in slugs)
        record = RowsRecord(
            kind=PROPOSAL_LINKS,
            options=(),
            members=members,
            problems=(),
            shows=frozenset(("proposal", slug) for slug in slugs),
            kinds=frozenset(),
        )
        get_domain(self.env).note_rows(self.docname, record)
        listing = bullets([], classes=["ideation-proposal-links"])
        listing += listing_rows(
            kind=PROPOSAL_LINKS,
            columns=[],
            layout=PROPOSAL_LINKS,
            sort="",
            reverse=False,
            members=[list(member) for member in members],
            refdoc=self.docname,
        )
        return listing

    def agenda(
        self, catalogue: model.Catalogue, event: model.Event, *, rubric: bool = True
    ) -> list[nodes.Node]:
        """The agenda as a table; parallel sessions (same start) are grouped under one time.

        ``rubric``: put a small "Agenda" heading above it (not under a heading of the page's own).
        """
        self.depend("event", event.slug)
        with_facilitators = any(session.facilitators for session in event.sessions)
        with_proposals = any(session.proposals for session in event.sessions)
        # Times are wall-clock times of the event's zone: the header says which zone.
        headers = [
            f"{translate('Time')} ({event.timezone})",
            translate("Session"),
            translate("Kind"),
        ]
        headers += [translate("Facilitators")] * with_facilitators + [
            translate("Proposals")
        ] * with_proposals
        rows = []
        previous: dt.datetime | None = None
        for session in event.sessions:
            starts = event.session_start(session)
            cells: list[nodes.Node | list[nodes.Node]] = [
                self._time_cell(event, session, previous),
                _session_cell(session),
                labelled_para(session_kind_label(session.kind)),
            ]
            previous = starts
            if with_facilitators and session.facilitators:
                cells.append(labelled_para(", ".join(session.facilitators)))
            elif with_facilitators:
                cells.append([])
            if with_proposals and session.proposals:
                items = self.proposal_items(catalogue, session.proposals)
                cells.append([labelled_para(), items])
            elif with_proposals:
                cells.append([])
            rows.append(cells)
        widths = [12, 30, 12] + [16] * with_facilitators + [30] * with_proposals
        caption = f"{translate('Agenda')} — {event.title}"
        table = table_of(headers, rows, ["ideation-agenda"], widths, caption=caption, stub=True)
        region = scroll_region("", table, label=caption)
        if not rubric:
            return [region]
        # One block, so that print keeps the heading on the page of the table.
        return [nodes.container("", self.rubric("Agenda"), region, classes=["ideation-keep"])]

    def _time_cell(
        self, event: model.Event, session: model.Session, previous: dt.datetime | None
    ) -> nodes.paragraph:
        """A session's time: its link target, and its hours unless the session before starts
        at the same time (parallel sessions share one time), with the day on a multi-day event."""
        starts = event.session_start(session)
        ends = event.session_end(session)
        cell = para()
        cell.extend(
            self.target("session", f"{event.slug}/{starts:%H%M}", session.title, primary=True)
        )
        if starts != previous:
            clock = format_clock(starts, self.language)
            if ends is not None:
                clock += "–" + format_clock(ends, self.language)
            several_days = event.first_day != event.last_day
            if several_days and (previous is None or starts.date() != previous.date()):
                clock = f"{self.day(starts.date())}, {clock}"
            cell += plain(clock)
        return cell

    def attendance(
        self, catalogue: model.Catalogue, event: model.Event, *, rubric: bool = True
    ) -> list[nodes.Node]:
        """Who came: the count, the profiles, the organisations under their parents, and names
        of the people who consented, if ``ideation_show_names`` is on.

        ``rubric``: put a small "Attendance" heading above it.
        """
        self.depend("event", event.slug)
        self.depend("programme", catalogue.programme.slug)
        attendance = event.attendance
        if attendance is None:
            return []
        profiles = [
            para(profile.name if profile.count is None else f"{profile.name} ({profile.count})")
            for profile in attendance.profiles
        ]
        fields: list[tuple[str, list[nodes.Node]]] = [
            (
                "Participants",
                [plain(_head_count(attendance))] if attendance.count is not None else [],
            ),
            ("Profiles", [bullets(profiles, classes=["ideation-profiles"])] if profiles else []),
            (
                "Organisations",
                [self.organisation_tree(catalogue, attendance.organisations)]
                if attendance.organisations
                else [],
            ),
        ]
        if self.config.show_names and attendance.named_participants:
            people = []
            for person in attendance.named_participants:
                parts: list[nodes.Node] = [plain(person.name)]
                details = [part for part in (person.profile,) if part]
                if person.organisation and has(catalogue.organisation, person.organisation):
                    details.append(catalogue.organisation(person.organisation).label)
                if details:
                    parts.append(plain(f" ({', '.join(details)})"))
                people.append(para(*parts))
            fields.append(("People", [bullets(people, classes=["ideation-people"])]))
        facts = self.facts(fields)
        return [self.rubric("Attendance"), *facts] if rubric else facts


def _head_count(attendance: model.Attendance) -> str:
    """The number of participants, said to be an estimate where the data says it is one."""
    count = str(attendance.count)
    return translate("about {count}").format(count=count) if attendance.approximate else count


def _session_cell(session: model.Session) -> nodes.Node:
    """A session's title (with its room or track) and its description."""
    title = session.title + "".join(
        f" — {where}" for where in (session.room, session.track) if where
    )
    cell: nodes.Node = para(nodes.strong(title, title))
    if session.description:
        container = nodes.container()
        container += cell
        container += para(session.description)
        cell = container
    return cell


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
        renderer = self.renderer_of(EventRenderer)
        return self.levelled([renderer.event(catalogue, event, heading=self.heading())])


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
        renderer = self.renderer_of(EventRenderer)
        container = renderer.box(f"ideation-{self.part}")
        container.extend(getattr(renderer, self.part)(catalogue, event, rubric=rubric))
        return self.levelled([container])


class AgendaDirective(_EventPartDirective):
    """``.. ideation:agenda:: SLUG``: an event's agenda as a table, under a small "Agenda"
    heading unless the page's own heading is right above or ``:no-heading:`` is given."""

    part = "agenda"


class AttendanceDirective(_EventPartDirective):
    """``.. ideation:attendance:: SLUG``: who came to an event, counts first (with a small
    heading, as ``ideation:agenda``)."""

    part = "attendance"


def setup_events(app: Sphinx) -> None:
    """Register the event, agenda and attendance directives."""
    app.add_directive_to_domain("ideation", "event", EventDirective)
    app.add_directive_to_domain("ideation", "agenda", AgendaDirective)
    app.add_directive_to_domain("ideation", "attendance", AttendanceDirective)
