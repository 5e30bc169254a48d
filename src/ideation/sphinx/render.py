"""Model objects as plain docutils nodes, so that every builder (HTML, LaTeX, text...) renders them.

A :class:`Renderer` renders for one document: it notes a dependency on each data file it shows,
records the objects the document defines in the ``ideation`` domain, and links to objects with
``pending_xref`` nodes that the domain resolves once every document is read.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Sequence
from typing import Any

import attrs
from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.environment import BuildEnvironment

from .. import model
from ..urls import safe_url, url_scheme
from .config import IdeationConfig
from .data import Store
from .description import Description, is_remote
from .domain import ROLES, Location, ObjectEntry, get_domain
from .labels import (
    event_kind_label,
    format_clock,
    format_day,
    format_days,
    session_kind_label,
    status_label,
    translate,
)

__all__ = ["COLUMNS", "LAYOUTS", "Renderer", "anchor", "jsonld_node", "proposal_day"]

#: The columns ``ideation:proposals`` can show, in a table or a card.
COLUMNS = (
    "title",
    "status",
    "summary",
    "lead",
    "sponsors",
    "tags",
    "phase",
    "events",
    "date",
    "repository",
)
#: The layouts of ``ideation:proposals``.
LAYOUTS = ("table", "list", "cards")

_WIDTHS = {"title": 36, "summary": 44, "status": 14, "date": 16}


def anchor(kind: str, slug: str) -> str:
    """The HTML id of an object's target (``ideation-event-atelier-ideation``)."""
    return "ideation-" + re.sub(r"[^a-z0-9-]+", "-", f"{kind}-{slug}".lower()).strip("-")


@attrs.frozen
class _Holder:
    """What holds an id on the page being read: an inline target, or a full view."""

    node: nodes.Element
    full: bool


class jsonld_node(nodes.General, nodes.Element):
    """Where an event's schema.org JSON-LD goes; written by HTML builders only."""


def _text(value: str) -> nodes.Text:
    return nodes.Text(value)


def _para(*children: nodes.Node | str, classes: Sequence[str] = ()) -> nodes.paragraph:
    paragraph = nodes.paragraph(classes=list(classes))
    paragraph.extend(_text(child) if isinstance(child, str) else child for child in children)
    return paragraph


def _bullets(
    items: Iterable[nodes.Node | Sequence[nodes.Node]], classes: Sequence[str] = ()
) -> nodes.bullet_list:
    bullet_list = nodes.bullet_list(classes=list(classes))
    for item in items:
        list_item = nodes.list_item()
        if isinstance(item, nodes.Node):
            list_item += item
        else:
            list_item.extend(item)
        bullet_list += list_item
    return bullet_list


def _field(name: str, *body: nodes.Node) -> nodes.field:
    field = nodes.field()
    field += nodes.field_name(name, name)
    field_body = nodes.field_body()
    field_body.extend(body)
    field += field_body
    return field


def _join(parts: Sequence[nodes.Node], separator: str = ", ") -> list[nodes.Node]:
    joined: list[nodes.Node] = []
    for index, part in enumerate(parts):
        if index:
            joined.append(_text(separator))
        joined.append(part)
    return joined


def _table(
    headers: Sequence[str],
    rows: Sequence[Sequence[nodes.Node]],
    classes: Sequence[str],
    widths: Sequence[int] = (),
) -> nodes.table:
    table = nodes.table(classes=["ideation-table", *classes])
    group = nodes.tgroup(cols=len(headers))
    table += group
    # Column widths are relative for HTML and LaTeX, and characters for the text builder.
    for index, _header in enumerate(headers):
        group += nodes.colspec(colwidth=widths[index] if index < len(widths) else 20)
    head = nodes.thead()
    group += head
    head += _row([_para(header) for header in headers])
    body = nodes.tbody()
    group += body
    for cells in rows:
        body += _row(cells)
    return table


def _row(cells: Sequence[nodes.Node]) -> nodes.row:
    row = nodes.row()
    for content in cells:
        entry = nodes.entry()
        entry += content
        row += entry
    return row


@attrs.define(kw_only=True)
class Renderer:
    """Renders model objects into nodes for one document being read."""

    env: BuildEnvironment
    config: IdeationConfig
    store: Store
    #: Where warnings about what is rendered point to.
    location: Location = None

    @property
    def language(self) -> str | None:
        """The language of labels and dates: ``ideation_language``, else the project's."""
        return self.config.labels_language(self.env.config)

    # -- bookkeeping ---------------------------------------------------------------------------

    def depend(self, kind: str, slug: str) -> None:
        """Re-read this document when the data file of ``(kind, slug)`` changes."""
        for file in self.store.files_of(kind, slug):
            self.env.note_dependency(file)

    def depend_on_kind(self, kind: str) -> None:
        """Re-read this document when any object of ``kind`` changes, appears or goes."""
        for file in self.store.files_of_kind(kind):
            self.env.note_dependency(file)
        get_domain(self.env).note_listing(self.env.docname, kind)

    def _ids(self) -> dict[str, _Holder]:
        # temp_data lives while one document is read: ids are unique per document. Each id
        # maps to what holds it, so that a full view can take an id over from a list entry.
        used = self.env.temp_data.setdefault("ideation_ids", {})
        assert isinstance(used, dict)
        return used

    def define(
        self, kind: str, slug: str, title: str, *, primary: bool, name: str, status: str = ""
    ) -> None:
        """Record that this document defines ``(kind, slug)`` at anchor ``name``.

        With generated pages on, every object has its own generated page, which is where links
        go: a hand-written page that also shows the object in full defines a secondary target,
        and is not a duplicate.
        """
        if primary and self.config.generate_pages:
            primary = self.env.docname.startswith(self.config.pages_folder + "/")
        entry = ObjectEntry(anchor=name, title=title, primary=primary, status=status)
        get_domain(self.env).note_object(kind, slug, entry)

    def target(
        self, kind: str, slug: str, title: str, *, primary: bool, status: str = ""
    ) -> list[nodes.Node]:
        """An inline target defining ``(kind, slug)``, or nothing if the anchor is taken."""
        name = anchor(kind, slug)
        used = self._ids()
        if name in used:
            return []
        node = nodes.target("", "", ids=[name])
        used[name] = _Holder(node=node, full=False)
        self.define(kind, slug, title, primary=primary, name=name, status=status)
        return [node]

    def _frame_id(self, kind: str, slug: str) -> str:
        """The id of a full view of ``(kind, slug)``: never empty, never one the page has.

        A section without an id breaks Sphinx's table of contents, so a full view always gets
        one. It takes the object's anchor from an inline target of a list shown earlier on the
        page (links then go to the full view, the target is dropped); an object shown in full
        twice on one page gets a numbered anchor the second time.
        """
        name = anchor(kind, slug)
        used = self._ids()
        holder = used.get(name)
        if holder is not None and not holder.full:
            if holder.node.parent is not None:
                holder.node.parent.remove(holder.node)
            del used[name]
        if name in used:
            name = next(f"{name}-{n}" for n in itertools.count(2) if f"{name}-{n}" not in used)
        return name

    def xref(self, kind: str, slug: str, text: str | None = None) -> nodes.Node:
        """A link to an object; its title, unlinked, when no page defines it."""
        title = text if text is not None else (self.store.title(kind, slug) or slug)
        self.depend(kind, slug)
        role = ROLES[kind]
        reference = pending_xref(
            "",
            refdomain="ideation",
            reftype=role,
            reftarget=slug,
            refexplicit=text is not None,
            refwarn=False,
            refdoc=self.env.docname,
            ideation_known=self.store.title(kind, slug) is not None,
        )
        reference += nodes.inline(title, title, classes=["xref", "ideation", f"ideation-{role}"])
        return reference

    # -- common pieces ---------------------------------------------------------------------------

    def frame(
        self, kind: str, slug: str, title: str, *, heading: bool, status: str = ""
    ) -> nodes.Element:
        """The section (or, without a heading, the container) that shows one object in full."""
        name = self._frame_id(kind, slug)
        classes = ["ideation", f"ideation-{kind}"]
        frame: nodes.Element
        if heading:
            frame = nodes.section(ids=[name], classes=classes)
            frame += nodes.title(title, title)
        else:
            frame = nodes.container(ids=[name], classes=classes)
        self._ids()[name] = _Holder(node=frame, full=True)
        self.define(kind, slug, title, primary=True, name=name, status=status)
        return frame

    def rubric(self, label: str) -> nodes.rubric:
        """A small heading inside an object's frame, in the document's language."""
        text = translate(label)
        return nodes.rubric(text, text, classes=["ideation-rubric"])

    def url(self, path: str) -> str | None:
        """A link or image path from the data as a URL; site-absolute paths need a base URL.

        Only web and mail schemes pass: data is text to show, and a ``javascript:`` link in a
        data file must not become one in the site.
        """
        checked = safe_url(path)  # the one rule of every output: see ideation.urls
        if checked is None or url_scheme(checked) is not None:
            return checked
        path = checked
        if path.startswith("#"):
            return path
        base = self.config.image_base_url
        return None if base is None else f"{base}/{path.lstrip('/')}"

    def images(self, paths: Sequence[str], alt: str) -> list[nodes.Node]:
        """The images that can be shown (site-absolute paths need ``ideation_image_base_url``);
        only remote ones, since Sphinx would copy any other from the disk."""
        found: list[nodes.Node] = []
        for path in paths:
            uri = self.url(path)
            if uri is not None and is_remote(uri):
                found.append(nodes.image(uri=uri, alt=alt, classes=["ideation-image"]))
        return found

    def markdown(self, text: str, kind: str, slug: str) -> list[nodes.Node]:
        """The description of ``(kind, slug)`` as nodes, through the restricted parser.

        Headings become rubrics, raw HTML becomes text unless ``ideation_raw_html`` is on,
        links and images need a safe URL, and directives and roles outside the allow-list of
        :mod:`ideation.sphinx.description` are refused with a warning at the data file.
        """
        files = self.store.files_of(kind, slug)
        parser = Description(
            env=self.env,
            file=files[0] if len(files) == 1 else None,
            raw_html=self.config.raw_html,
            url=self.url,
        )
        return parser.parse(text)

    def organisation_label(self, organisation: model.Organisation) -> str:
        """An organisation's name, with its acronym where it has one."""
        if organisation.acronym and organisation.acronym != organisation.name:
            return f"{organisation.name} ({organisation.acronym})"
        return organisation.name

    def organisation_tree(
        self, catalogue: model.Catalogue, slugs: Sequence[str], *, define: bool = False
    ) -> nodes.bullet_list:
        """Organisations as a list, each under the nearest of its parents that is listed too."""
        listed = [slug for slug in dict.fromkeys(slugs) if _has(catalogue.organisation, slug)]
        present = set(listed)

        def parent(slug: str) -> str | None:
            for ancestor in catalogue.ancestors(slug):
                if ancestor.slug in present:
                    return ancestor.slug
            return None

        children: dict[str | None, list[str]] = {}
        for slug in listed:
            children.setdefault(parent(slug), []).append(slug)

        def items(under: str | None) -> list[list[nodes.Node]]:
            found = []
            for slug in children.get(under, []):
                organisation = catalogue.organisation(slug)
                label = self.organisation_label(organisation)
                paragraph = _para()
                if define:
                    paragraph.extend(
                        self.target("organisation", slug, organisation.name, primary=True)
                    )
                paragraph += self.xref("organisation", slug, label)
                item: list[nodes.Node] = [paragraph]
                if children.get(slug):
                    item.append(_bullets(items(slug)))
                found.append(item)
            return found

        return _bullets(items(None), classes=["ideation-organisations"])

    def facts(self, fields: Iterable[tuple[str, list[nodes.Node]]]) -> list[nodes.Node]:
        """A field list of the facts that are known (fields with an empty body are left out)."""
        field_list = nodes.field_list(classes=["ideation-facts"])
        for label, body in fields:
            if body:
                field_list += _field(
                    translate(label), *[_para(*body)] if not _is_block(body) else body
                )
        return [field_list] if field_list.children else []

    def day(self, day: dt.date) -> str:
        """A day in the document's language."""
        return format_day(day, self.language)

    # -- events ------------------------------------------------------------------------------------

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
        found: list[nodes.Node] = [_text(", ".join(parts))] if parts else []
        if location.url:
            if found:
                found.append(_text(" — "))
            found.extend(self._link(location.url))
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
            frame += _para(event.summary, classes=["ideation-summary"])
        phase = next((p for p in catalogue.programme.phases if p.slug == event.phase), None)
        frame.extend(
            self.facts(
                [
                    ("Date", [_text(self.when(event))]),
                    ("Kind", [_text(event_kind_label(event.kind))]),
                    ("Place", self.place(event.location)),
                    ("Programme", [self.xref("programme", catalogue.programme.slug)]),
                    ("Phase", [_text(phase.name)] if phase else []),
                    (
                        "Organisers",
                        _join([self.xref("organisation", slug) for slug in event.organisers]),
                    ),
                ]
            )
        )
        frame.extend(self.images(event.images, event.title))
        if event.description:
            frame.extend(self.markdown(event.description, "event", event.slug))
        if event.objectives:
            frame += self.rubric("Objectives")
            frame += _bullets([_para(text) for text in event.objectives])
        if event.sessions:
            frame.extend(self.agenda(catalogue, event))
        if event.attendance is not None:
            frame.extend(self.attendance(catalogue, event))
        if event.linked_proposals:
            frame += self.rubric("Proposals")
            frame += self.proposal_items(catalogue, event.linked_proposals)
        if event.outcomes:
            frame += self.rubric("Outcomes")
            frame += _bullets([_para(text) for text in event.outcomes])
        return frame

    def proposal_items(self, catalogue: model.Catalogue, slugs: Sequence[str]) -> nodes.bullet_list:
        """Proposals as a list of links, each with its status."""
        items = []
        for slug in slugs:
            proposal = catalogue.proposal(slug)
            items.append(_para(self.xref("proposal", slug), f" ({status_label(proposal.status)})"))
        return _bullets(items, classes=["ideation-proposal-links"])

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
        several_days = event.first_day != event.last_day
        for session in event.sessions:
            starts = event.session_start(session)
            ends = event.session_end(session)
            hhmm = f"{starts:%H%M}"
            time_cell = _para()
            time_cell.extend(
                self.target("session", f"{event.slug}/{hhmm}", session.title, primary=True)
            )
            if starts != previous:
                clock = format_clock(starts, self.language)
                if ends is not None:
                    clock += "–" + format_clock(ends, self.language)
                if several_days and (previous is None or starts.date() != previous.date()):
                    clock = f"{self.day(starts.date())}, {clock}"
                time_cell += _text(clock)
            previous = starts
            title = session.title + "".join(
                f" — {where}" for where in (session.room, session.track) if where
            )
            session_cell: nodes.Node = _para(nodes.strong(title, title))
            if session.description:
                container = nodes.container()
                container += session_cell
                container += _para(session.description)
                session_cell = container
            cells: list[nodes.Node] = [
                time_cell,
                session_cell,
                _para(session_kind_label(session.kind)),
            ]
            if with_facilitators:
                cells.append(_para(", ".join(session.facilitators)))
            if with_proposals:
                cells.append(
                    self.proposal_items(catalogue, session.proposals)
                    if session.proposals
                    else _para()
                )
            rows.append(cells)
        widths = [12, 30, 12] + [16] * with_facilitators + [30] * with_proposals
        table = _table(headers, rows, ["ideation-agenda"], widths)
        return [self.rubric("Agenda"), table] if rubric else [table]

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
            _para(profile.name if profile.count is None else f"{profile.name} ({profile.count})")
            for profile in attendance.profiles
        ]
        fields: list[tuple[str, list[nodes.Node]]] = [
            (
                "Participants",
                [_text(str(attendance.count))] if attendance.count is not None else [],
            ),
            ("Profiles", [_bullets(profiles, classes=["ideation-profiles"])] if profiles else []),
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
                parts: list[nodes.Node] = [_text(person.name)]
                details = [part for part in (person.profile,) if part]
                if person.organisation and _has(catalogue.organisation, person.organisation):
                    details.append(catalogue.organisation(person.organisation).label)
                if details:
                    parts.append(_text(f" ({', '.join(details)})"))
                people.append(_para(*parts))
            fields.append(("People", [_bullets(people, classes=["ideation-people"])]))
        facts = self.facts(fields)
        return [self.rubric("Attendance"), *facts] if rubric else facts

    # -- proposals ---------------------------------------------------------------------------------

    def proposal(
        self, catalogue: model.Catalogue, proposal: model.Proposal, *, heading: bool
    ) -> nodes.Element:
        """A proposal in full: status, lead, sponsors, repository, tags, dated history."""
        self.depend("proposal", proposal.slug)
        self.depend("programme", catalogue.programme.slug)
        frame = self.frame(
            "proposal", proposal.slug, proposal.title, heading=heading, status=proposal.status.value
        )
        if proposal.summary:
            frame += _para(proposal.summary, classes=["ideation-summary"])
        phase = next((p for p in catalogue.programme.phases if p.slug == proposal.phase), None)
        frame.extend(
            self.facts(
                [
                    (
                        "Status",
                        [
                            nodes.inline(
                                status_label(proposal.status),
                                status_label(proposal.status),
                                classes=[f"ideation-status-{proposal.status.value}"],
                            )
                        ],
                    ),
                    ("Lead", [_text(proposal.lead)] if proposal.lead else []),
                    (
                        "Sponsors",
                        _join([self.xref("organisation", slug) for slug in proposal.sponsors]),
                    ),
                    ("Repository", self._link(proposal.repository)),
                    ("Phase", [_text(phase.name)] if phase else []),
                    ("Tags", [_text(", ".join(proposal.tags))] if proposal.tags else []),
                    (
                        "Events",
                        _join(
                            [
                                self.xref("event", e.slug)
                                for e in catalogue.events_for_proposal(proposal.slug)
                            ]
                        ),
                    ),
                ]
            )
        )
        frame.extend(self.images(proposal.images, proposal.title))
        if proposal.description:
            frame.extend(self.markdown(proposal.description, "proposal", proposal.slug))
        if proposal.problem:
            frame += self.rubric("Problem")
            frame += _para(proposal.problem)
        for label, values in (
            ("Objectives", proposal.objectives),
            ("Use cases", proposal.use_cases),
            ("Technical domains", proposal.technical_domains),
            ("Wanted profiles", proposal.wanted_profiles),
        ):
            if values:
                frame += self.rubric(label)
                frame += _bullets([_para(value) for value in values])
        if proposal.resources:
            frame += self.rubric("Resources")
            frame += _bullets(
                [_para(*self._link(link.url, link.title)) for link in proposal.resources]
            )
        if proposal.history:
            frame += self.rubric("History")
            frame += self.history(proposal)
        return frame

    def _link(self, url: str | None, title: str | None = None) -> list[nodes.Node]:
        if not url:
            return []
        uri = self.url(url)
        text = title or url
        if uri is None:
            return [_text(text)]
        return [nodes.reference(text, text, refuri=uri)]

    def history(self, proposal: model.Proposal) -> nodes.bullet_list:
        """A proposal's status changes as a dated timeline."""
        items = []
        for change in proposal.history:
            day = self.day(change.date)
            paragraph = _para(nodes.strong(day, day), " — ", status_label(change.status))
            if change.event:
                paragraph += _text(" — ")
                paragraph += self.xref("event", change.event)
            if change.note:
                paragraph += _text(f" — {change.note}")
            items.append(paragraph)
        return _bullets(items, classes=["ideation-timeline"])

    def proposal_cell(
        self, catalogue: model.Catalogue, proposal: model.Proposal, column: str
    ) -> list[nodes.Node]:
        """What one column of a proposal list shows."""
        if column == "title":
            return [
                *self.target(
                    "proposal",
                    proposal.slug,
                    proposal.title,
                    primary=False,
                    status=proposal.status.value,
                ),
                self.xref("proposal", proposal.slug),
            ]
        if column == "status":
            return [_text(status_label(proposal.status))]
        if column == "summary":
            return [_text(proposal.summary or "")]
        if column == "lead":
            return [_text(proposal.lead or "")]
        if column == "sponsors":
            return _join([self.xref("organisation", slug) for slug in proposal.sponsors])
        if column == "tags":
            return [_text(", ".join(proposal.tags))]
        if column == "phase":
            phase = next((p for p in catalogue.programme.phases if p.slug == proposal.phase), None)
            return [_text(phase.name if phase else "")]
        if column == "events":
            return _join(
                [self.xref("event", e.slug) for e in catalogue.events_for_proposal(proposal.slug)]
            )
        if column == "date":
            day = proposal_day(proposal)
            return [_text(self.day(day) if day else "")]
        return self._link(proposal.repository)

    def proposals(
        self,
        found: Sequence[tuple[model.Catalogue, model.Proposal]],
        *,
        columns: Sequence[str],
        layout: str,
    ) -> list[nodes.Node]:
        """Proposals as a table, a list or cards."""
        for _catalogue, proposal in found:
            self.depend("proposal", proposal.slug)
        if not found:
            return [_para(translate("No proposal matches."), classes=["ideation-empty"])]
        labels = {
            "title": "Title",
            "status": "Status",
            "summary": "Summary",
            "lead": "Lead",
            "sponsors": "Sponsors",
            "tags": "Tags",
            "phase": "Phase",
            "events": "Events",
            "date": "Date",
            "repository": "Repository",
        }
        if layout == "table":
            rows = [
                [_para(*self.proposal_cell(c, p, column)) for column in columns] for c, p in found
            ]
            headers = [translate(labels[column]) for column in columns]
            widths = [_WIDTHS.get(column, 20) for column in columns]
            return [_table(headers, rows, ["ideation-proposals"], widths)]
        if layout == "list":
            items = []
            for catalogue, proposal in found:
                paragraph = _para()
                for index, column in enumerate(columns):
                    cell = self.proposal_cell(catalogue, proposal, column)
                    if cell and any(node.astext() for node in cell):
                        if index:
                            paragraph += _text(" — ")
                        paragraph.extend(cell)
                items.append(paragraph)
            return [_bullets(items, classes=["ideation-proposals"])]
        cards = nodes.container(classes=["ideation-cards"])
        for catalogue, proposal in found:
            card = nodes.container(
                classes=["ideation-card", f"ideation-status-{proposal.status.value}"]
            )
            title_cell = self.proposal_cell(catalogue, proposal, "title")
            card += _para(nodes.strong("", "", *title_cell), classes=["ideation-card-title"])
            card.extend(
                self.facts(
                    (labels[column], self.proposal_cell(catalogue, proposal, column))
                    for column in columns
                    if column != "title"
                )
            )
            cards += card
        return [cards]

    # -- programmes and calendars ------------------------------------------------------------------

    def event_line(self, event: model.Event) -> nodes.paragraph:
        """One event in a list: its days, a link, its kind and place."""
        days = format_days(event.first_day, event.last_day, self.language)
        paragraph = _para(nodes.strong(days, days), " — ", self.xref("event", event.slug))
        place = ", ".join(
            part
            for part in ((event.location.name or event.location.city) if event.location else None,)
            if part
        )
        details = ", ".join(part for part in (event_kind_label(event.kind), place) if part)
        paragraph += _text(f" ({details})")
        return paragraph

    def programme(self, catalogue: model.Catalogue, *, heading: bool) -> nodes.Element:
        """A programme: its phases and their events on a timeline, proposals counted by status,
        and the organisations involved (each defined here, for ``:ideation:org:``)."""
        programme = catalogue.programme
        self.depend("programme", programme.slug)
        self.depend_on_kind("event")
        self.depend_on_kind("proposal")
        frame = self.frame("programme", programme.slug, programme.name, heading=heading)
        if programme.summary:
            frame += _para(programme.summary, classes=["ideation-summary"])
        frame.extend(
            self.facts(
                [
                    ("Website", self._link(programme.website)),
                    (
                        "Organisers",
                        _join([self.xref("organisation", slug) for slug in programme.organisers]),
                    ),
                ]
            )
        )
        frame.extend(self.images(programme.images, programme.name))
        if programme.description:
            frame.extend(self.markdown(programme.description, "programme", programme.slug))
        items: list[list[nodes.Node]] = []
        for phase in programme.phases:
            label = phase.name
            if phase.start is not None:
                label += f" ({format_days(phase.start, phase.end or phase.start, self.language)})"
            item: list[nodes.Node] = [_para(nodes.strong(label, label))]
            if phase.summary:
                item.append(_para(phase.summary))
            events = catalogue.events_of_phase(phase.slug)
            if events:
                item.append(_bullets([self.event_line(event) for event in events]))
            items.append(item)
        others = [event for event in catalogue.events_in_order() if event.phase is None]
        if others:
            label = translate("Other events")
            items.append(
                [_para(nodes.strong(label, label)), _bullets([self.event_line(e) for e in others])]
            )
        if items:
            frame += self.rubric("Timeline")
            frame += _bullets(items, classes=["ideation-timeline"])
        by_status = catalogue.proposals_by_status()
        if by_status:
            frame += self.rubric("Proposals by status")
            rows = [
                [_para(status_label(status)), _para(str(len(found)))]
                for status, found in by_status.items()
            ]
            headers = [translate("Status"), translate("Number")]
            frame += _table(headers, rows, ["ideation-counts"], (20, 10))
        if catalogue.organisations:
            frame += self.rubric("Organisations")
            frame += self.organisation_tree(
                catalogue, [org.slug for org in catalogue.organisations], define=True
            )
        return frame

    def calendar(self, events: Sequence[model.Event], today: dt.date) -> list[nodes.Node]:
        """Events in time order, upcoming ones first, then past ones, most recent first."""
        self.depend_on_kind("event")
        upcoming = [event for event in events if event.last_day >= today]
        past = [event for event in events if event.last_day < today]
        found: list[nodes.Node] = []
        for label, group, empty in (
            ("Upcoming events", upcoming, "No upcoming event."),
            ("Past events", list(reversed(past)), "No past event."),
        ):
            found.append(self.rubric(label))
            if group:
                found.append(
                    _bullets(
                        [self.event_line(event) for event in group], classes=["ideation-events"]
                    )
                )
            else:
                found.append(_para(translate(empty), classes=["ideation-empty"]))
        return found


def _has(getter: Any, slug: str) -> bool:
    try:
        getter(slug)
    except KeyError:
        return False
    return True


def _is_block(body: Sequence[nodes.Node]) -> bool:
    # Some inline nodes (a reference) are also "General", a kind of Body: test Inline first.
    return any(isinstance(node, nodes.Body) and not isinstance(node, nodes.Inline) for node in body)


def proposal_day(proposal: model.Proposal) -> dt.date | None:
    """The day a proposal is dated: its own date, else its first status change."""
    if isinstance(proposal.date, dt.datetime):
        return proposal.date.date()
    if proposal.date is not None:
        return proposal.date
    return proposal.history[0].date if proposal.history else None
