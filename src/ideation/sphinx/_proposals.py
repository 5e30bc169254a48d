"""``ideation:proposal`` (one proposal in full) and ``ideation:proposals`` (a filtered list).

Filters are declarative: each option names values to match, never an expression to evaluate.
A value that names nothing (an unknown status, a tag no proposal has, an unknown slug) is a
warning of type ``ideation``, subtype ``filter``: a list that is empty by mistake should not pass
unnoticed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import ClassVar

import attrs
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx

from .. import model
from ._base import HEADING_LEVEL_OPTION, HEADING_OPTION, IdeationDirective, OptionSpec, Renderer
from ._cells import CellBadge, CellLink, CellPart, CellText
from ._data import get_store
from ._domain import RowsRecord, get_domain
from ._labels import (
    status_label,
    translate,
)
from ._links import origin_links
from ._nodes import (
    PROPOSAL_LINKS,
    badge,
    bullets,
    join,
    labelled_para,
    listing_rows,
    option_words,
    para,
    plain,
    row_of,
    scroll_region,
    table_of,
)

#: The columns shown when ``:columns:`` is not given.
DEFAULT_COLUMNS = ("title", "status", "sponsors")
#: What ``:sort:`` accepts; a leading ``-`` reverses the order.
SORT_KEYS = ("status", "title", "date", "slug")


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
_Found = tuple[model.Catalogue, model.Proposal]
_ORDER = {status: index for index, status in enumerate(model.ProposalStatus)}


@attrs.define(kw_only=True)
class ProposalRenderer(Renderer):
    """Renders proposals: one in full, or many as a table, a list or cards."""

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
            frame += para(proposal.summary, classes=["ideation-summary"])
        frame.extend(self.facts(self._proposal_facts(catalogue, proposal)))
        frame.extend(self.images(proposal.images, proposal.title))
        if proposal.description:
            frame.extend(self.markdown(proposal.description, "proposal", proposal.slug))
        if proposal.problem:
            frame += self.rubric("Problem")
            frame += para(proposal.problem)
        for label, values in (
            ("Objectives", proposal.objectives),
            ("Use cases", proposal.use_cases),
            ("Technical domains", proposal.technical_domains),
            ("Wanted profiles", proposal.wanted_profiles),
        ):
            if values:
                frame += self.rubric(label)
                frame += bullets([para(value) for value in values])
        if proposal.resources:
            frame += self.rubric("Resources")
            frame += bullets(
                [para(*self.link(link.url, link.title)) for link in proposal.resources]
            )
        if proposal.history:
            frame += self.rubric("History")
            frame += self.history(proposal)
        frame.extend(origin_links(self.store, self.config, "proposal", proposal.slug))
        return frame

    def _proposal_facts(
        self, catalogue: model.Catalogue, proposal: model.Proposal
    ) -> list[tuple[str, list[nodes.Node]]]:
        """The labelled facts of a proposal, in the order a reader looks for them."""
        phase = next((p for p in catalogue.programme.phases if p.slug == proposal.phase), None)
        events = catalogue.events_for_proposal(proposal.slug)
        return [
            ("Status", [badge(status_label(proposal.status), proposal.status.value)]),
            ("Lead", [plain(proposal.lead)] if proposal.lead else []),
            ("Sponsors", join([self.xref("organisation", slug) for slug in proposal.sponsors])),
            ("Repository", self.link(proposal.repository)),
            ("Phase", [plain(phase.name)] if phase else []),
            ("Tags", [plain(", ".join(proposal.tags))] if proposal.tags else []),
            ("Events", join([self.xref("event", event.slug) for event in events])),
            ("Team", self._team(catalogue, proposal)),
        ]

    def _team(self, catalogue: model.Catalogue, proposal: model.Proposal) -> list[nodes.Node]:
        """The recorded team: how many members, and the names of those who consented.

        The catalogue here is the public one: a candidate who did not consent (or every
        candidate, when names are not shown) has no name in it, only an anonymous slug.
        """
        for slug in proposal.team:  # a member's consent or withdrawal shows here
            self.depend("candidate", slug)
        known = {c.slug: c for c in catalogue.candidates}
        members = [
            known[slug]
            for slug in dict.fromkeys(proposal.team)
            if slug in known and known[slug].withdrawn is None
        ]
        if not members:
            return []
        text = translate("%(count)s member(s)") % {"count": len(members)}
        named = [m.name for m in members if m.consent]
        if named:
            text += ": " + ", ".join(named)
        return [plain(text)]

    def history(self, proposal: model.Proposal) -> nodes.bullet_list:
        """A proposal's status changes as a dated timeline."""
        items = []
        for change in proposal.history:
            day = self.day(change.date)
            paragraph = para(nodes.strong(day, day), " — ", status_label(change.status))
            if change.event:
                paragraph += plain(" — ")
                paragraph += self.xref("event", change.event)
            if change.note:
                paragraph += plain(f" — {change.note}")
            items.append(paragraph)
        return bullets(items, classes=["ideation-timeline"])

    def proposal_cell(
        self, catalogue: model.Catalogue, proposal: model.Proposal, column: str
    ) -> list[nodes.Node]:
        """What one column of a proposal list shows."""
        target = self.title_target(proposal) if column == "title" else []
        return [*target, *map(self.part_node, self.cell_parts(catalogue, proposal, column))]

    def cell_parts(
        self, catalogue: model.Catalogue, proposal: model.Proposal, column: str
    ) -> list[CellPart]:
        """What one column of a proposal list shows, as parts that the writers of nodes
        (:meth:`part_node`) knows; the title's
        target aside (see :meth:`title_target`)."""
        if column == "title":
            return [CellLink("proposal", proposal.slug)]
        if column == "status":
            return [CellBadge(status_label(proposal.status), proposal.status.value)]
        if column == "summary":
            return [CellText(proposal.summary or "")]
        if column == "lead":
            return [CellText(proposal.lead or "")]
        if column in ("sponsors", "events"):
            parts: list[CellPart] = []
            for kind, slug in self.cell_links(catalogue, proposal, column):
                if parts:
                    parts.append(CellText(", "))  # as nodes.join does
                parts.append(CellLink(kind, slug))
            return parts
        if column == "tags":
            return [CellText(", ".join(proposal.tags))]
        if column == "phase":
            phase = next((p for p in catalogue.programme.phases if p.slug == proposal.phase), None)
            return [CellText(phase.name if phase else "")]
        if column == "date":
            day = proposal_day(proposal)
            return [CellText(self.day(day) if day else "")]
        return self.link_parts(proposal.repository)

    @staticmethod
    def cell_links(
        catalogue: model.Catalogue, proposal: model.Proposal, column: str
    ) -> list[tuple[str, str]]:
        """The objects one column of a proposal list links to, as ``(kind, slug)``."""
        if column == "title":
            return [("proposal", proposal.slug)]
        if column == "sponsors":
            return [("organisation", slug) for slug in proposal.sponsors]
        if column == "events":
            return [("event", e.slug) for e in catalogue.events_for_proposal(proposal.slug)]
        return []

    def listing(
        self,
        found: Sequence[_Found],
        *,
        columns: Sequence[str],
        layout: str,
        sort: str,
        reverse: bool,
    ) -> list[nodes.Node]:
        """Proposals as a table, a list or cards, as read: the table's caption and header,
        and a :class:`~._nodes.listing_rows` where the rows go when the page is written."""
        if not found:
            return [para(translate("No proposal matches."), classes=["ideation-empty"])]
        rows = listing_rows(
            kind="proposal",
            columns=list(columns),
            layout=layout,
            sort=sort,
            reverse=reverse,
            members=[list(member) for member in members_of(found)],
            refdoc=self.docname,
        )
        if layout == "cards" or "title" in columns:  # where the title cell defines a target
            # Each in a box of its own: Sphinx's transform that reorders a run of consecutive
            # targets costs the square of the run (1.6 s for 1,000 targets side by side).
            for _catalogue, proposal in found:
                rows.extend(nodes.inline("", "", target) for target in self.title_target(proposal))
        if layout == "cards":
            return [nodes.container("", rows, classes=["ideation-cards"])]
        if layout == "list":
            listing = bullets([], classes=["ideation-proposals"])
            listing += rows
            return [listing]
        headers = [translate(_COLUMN_LABELS[column]) for column in columns]
        widths = [_WIDTHS.get(column, 20) for column in columns]
        caption = translate("Proposals")
        table = table_of(
            headers, [], ["ideation-proposals"], widths, caption=caption, stub=columns[0] == "title"
        )
        (body,) = table.findall(nodes.tbody)
        body += rows
        return [scroll_region("", table, label=caption)]

    def rows(
        self, found: Sequence[_Found], *, columns: Sequence[str], layout: str
    ) -> list[nodes.Node]:
        """The rows of a listing (table rows, list items or cards), made as its page is
        written."""
        if layout == PROPOSAL_LINKS:
            return [
                nodes.list_item(
                    "",
                    para(
                        self.part_node(CellLink("proposal", proposal.slug)),
                        " ",
                        badge(status_label(proposal.status), proposal.status.value),
                    ),
                )
                for _catalogue, proposal in found
            ]
        if layout == "cards":
            return [
                self._proposal_card(catalogue, proposal, columns) for catalogue, proposal in found
            ]
        if layout == "list":
            items: list[nodes.Node] = []
            for catalogue, proposal in found:
                item = nodes.list_item()
                item += self._list_paragraph(catalogue, proposal, columns)
                items.append(item)
            return items
        # Each cell but the first repeats its column's name, for narrow screens.
        return [
            row_of(
                [
                    (labelled_para if position else para)(
                        *self.proposal_cell(catalogue, proposal, column)
                    )
                    for position, column in enumerate(columns)
                ]
            )
            for catalogue, proposal in found
        ]

    def title_target(self, proposal: model.Proposal) -> list[nodes.Node]:
        """The target a listing's title cell defines for ``proposal`` (none if the anchor is
        taken on the page)."""
        return self.target(
            "proposal", proposal.slug, proposal.title, primary=False, status=proposal.status.value
        )

    def _list_paragraph(
        self, catalogue: model.Catalogue, proposal: model.Proposal, columns: Sequence[str]
    ) -> nodes.paragraph:
        paragraph = para()
        for index, column in enumerate(columns):
            cell = self.proposal_cell(catalogue, proposal, column)
            if cell and any(node.astext() for node in cell):
                if index:
                    paragraph += plain(" — ")
                paragraph.extend(cell)
        return paragraph

    def _proposal_card(
        self, catalogue: model.Catalogue, proposal: model.Proposal, columns: Sequence[str]
    ) -> nodes.Element:
        card = nodes.container(
            classes=["ideation-card", f"ideation-status-{proposal.status.value}"]
        )
        title_cell = self.proposal_cell(catalogue, proposal, "title")
        card += nodes.rubric(
            "", "", *title_cell, classes=["ideation-rubric", "ideation-card-title"]
        )
        card.extend(
            self.facts(
                (_COLUMN_LABELS[column], self.proposal_cell(catalogue, proposal, column))
                for column in columns
                if column != "title"
            )
        )
        return card


#: The label of each column of ``ideation:proposals``, in English (translated when shown).
_COLUMN_LABELS = {
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


def proposal_day(proposal: model.Proposal) -> dt.date | None:
    """The day a proposal is dated: its own date, else its first status change."""
    if isinstance(proposal.date, dt.datetime):
        return proposal.date.date()
    if proposal.date is not None:
        return proposal.date
    return proposal.history[0].date if proposal.history else None


def _items(value: str) -> list[str]:
    # Tags may hold spaces ("open data"): they are separated by commas only.
    return [item.strip() for item in value.split(",") if item.strip()]


#: The options of ``ideation:proposals`` that choose which proposals it lists.
SELECTION_OPTIONS = ("status", "tag", "event", "organisation", "phase", "season", "programme")


@attrs.frozen
class Selection:
    """The proposals a listing's filters keep, and what was wrong with the filters given."""

    found: list[_Found]
    #: Each problem as a sentence (a warning of type ``ideation``, subtype ``filter``).
    problems: tuple[str, ...]


def select(catalogues: Sequence[model.Catalogue], options: Mapping[str, str]) -> Selection:
    """The proposals (drafts left out) that every filter of ``options`` keeps, in catalogue
    order: ``ideation:proposals`` when its page is read, and again before a rebuild, to know
    whether what a page lists changed (then it is read again) or only what it shows of it."""
    problems: list[str] = []
    catalogues = list(catalogues)
    programme = options.get("programme")
    if programme is not None:
        catalogues = [c for c in catalogues if c.programme.slug == programme]
        if not catalogues:
            problems.append(f"unknown programme {programme!r} in :programme:")
    found: list[_Found] = [(c, p) for c in catalogues for p in c.proposals if not p.draft]
    for name, make in _FILTERS:
        if name in options:
            keep = make(catalogues, options[name], problems)
            found = [item for item in found if keep(item)]
    return Selection(found=found, problems=tuple(problems))


def members_of(found: Iterable[_Found]) -> list[tuple[str, str]]:
    """What a listing lists, as ``(programme, proposal)`` slugs."""
    return [(catalogue.programme.slug, proposal.slug) for catalogue, proposal in found]


def sort_key(key: str) -> Callable[[_Found], tuple[object, ...]]:
    """The sort key of ``:sort:``'s ``key`` (one of :data:`SORT_KEYS`)."""

    def sort_key(item: _Found) -> tuple[object, ...]:
        proposal = item[1]
        title = (proposal.title.casefold(), proposal.slug)
        if key == "status":
            return (_ORDER[proposal.status], *title)
        if key == "date":
            day = proposal_day(proposal)
            return (day.isoformat() if day else "", *title)
        if key == "slug":
            return (proposal.slug,)
        return title

    return sort_key


_Keep = Callable[[_Found], bool]


def _status(catalogues: list[model.Catalogue], value: str, problems: list[str]) -> _Keep:
    wanted = set()
    for word in option_words(value):
        try:
            wanted.add(model.ProposalStatus(word))
        except ValueError:
            known = ", ".join(status.value for status in model.ProposalStatus)
            problems.append(f"unknown status {word!r} in :status: (expected one of {known})")
    return lambda item: item[1].status in wanted


def _tag(catalogues: list[model.Catalogue], value: str, problems: list[str]) -> _Keep:
    wanted = {tag.casefold() for tag in _items(value)}
    known = {tag.casefold() for c in catalogues for p in c.proposals for tag in p.tags}
    problems.extend(
        f"no proposal has the tag {tag!r} given in :tag:" for tag in sorted(wanted - known)
    )
    return lambda item: bool(wanted & {tag.casefold() for tag in item[1].tags})


def _event(catalogues: list[model.Catalogue], value: str, problems: list[str]) -> _Keep:
    wanted = set(option_words(value))
    known = {event.slug for c in catalogues for event in c.events}
    problems.extend(f"unknown event {slug!r} in :event:" for slug in sorted(wanted - known))
    return lambda item: any(
        event.slug in wanted for event in item[0].events_for_proposal(item[1].slug)
    )


def _organisation(catalogues: list[model.Catalogue], value: str, problems: list[str]) -> _Keep:
    wanted = set(option_words(value))
    known = {org.slug for c in catalogues for org in c.organisations}
    problems.extend(
        f"unknown organisation {slug!r} in :organisation:" for slug in sorted(wanted - known)
    )

    def keep(item: _Found) -> bool:
        catalogue, proposal = item
        for sponsor in proposal.sponsors:
            family = {sponsor, *(org.slug for org in catalogue.ancestors(sponsor))}
            if family & wanted:
                return True
        return False

    return keep


def _phase(catalogues: list[model.Catalogue], value: str, problems: list[str]) -> _Keep:
    wanted = set(option_words(value))
    known = {phase.slug for c in catalogues for phase in c.programme.phases}
    problems.extend(f"unknown phase {slug!r} in :phase:" for slug in sorted(wanted - known))
    return lambda item: item[1].phase in wanted


def _season(catalogues: list[model.Catalogue], value: str, problems: list[str]) -> _Keep:
    wanted = set(option_words(value))
    known = {season.slug for c in catalogues for season in c.programme.seasons}
    problems.extend(f"unknown season {slug!r} in :season:" for slug in sorted(wanted - known))
    return lambda item: item[1].season in wanted


#: The filters, in the order they are applied (and their problems reported).
_FILTERS: tuple[tuple[str, Callable[[list[model.Catalogue], str, list[str]], _Keep]], ...] = (
    ("status", _status),
    ("tag", _tag),
    ("event", _event),
    ("organisation", _organisation),
    ("phase", _phase),
    ("season", _season),
)


class ProposalDirective(IdeationDirective):
    """``.. ideation:proposal:: SLUG``: a proposal in full, with its history as a timeline."""

    required_arguments = 1
    option_spec: ClassVar[OptionSpec] = dict(HEADING_OPTION)

    def run(self) -> list[nodes.Node]:
        found = get_store(self.env).proposal(self.arguments[0])
        if found is None:
            self.unknown("proposal", self.arguments[0])
            return []
        catalogue, proposal = found
        renderer = self.renderer_of(ProposalRenderer)
        return self.levelled([renderer.proposal(catalogue, proposal, heading=self.heading())])


class ProposalsDirective(IdeationDirective):
    """``.. ideation:proposals::``: proposals as a table, a list or cards.

    Filters (each takes one or more values; a proposal must match every filter given, and any
    of a filter's values): ``:status:``, ``:tag:`` (comma-separated), ``:event:``,
    ``:organisation:`` (a sponsor, or a unit of it), ``:phase:``, ``:season:``, ``:programme:``.
    Then ``:columns:``, ``:sort:`` (``status``, ``title``, ``date`` or ``slug``, ``-`` to reverse)
    and ``:layout:`` (``table``, ``list`` or ``cards``). Draft proposals are left out.
    """

    option_spec: ClassVar[OptionSpec] = {
        **HEADING_LEVEL_OPTION,
        "status": directives.unchanged_required,
        "tag": directives.unchanged_required,
        "event": directives.unchanged_required,
        "organisation": directives.unchanged_required,
        "phase": directives.unchanged_required,
        "season": directives.unchanged_required,
        "programme": directives.unchanged_required,
        "columns": directives.unchanged_required,
        "sort": directives.unchanged_required,
        "layout": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        renderer = self.renderer_of(ProposalRenderer)
        options = {name: self.options[name] for name in SELECTION_OPTIONS if name in self.options}
        selection = select(get_store(self.env).catalogues, options)
        for problem in selection.problems:
            self.warn("filter", "%s", problem)
        key, reverse = self._sort()
        found = sorted(selection.found, key=sort_key(key), reverse=reverse)
        columns, layout = self._columns(), self._layout()
        shown = renderer.listing(found, columns=columns, layout=layout, sort=key, reverse=reverse)
        # What the rows show is made when the page is written: the page is read again only
        # when what it lists changes (see :mod:`ideation.sphinx._listings`).
        get_domain(self.env).note_rows(
            self.env.docname,
            RowsRecord(
                kind="proposal",
                options=tuple(sorted(options.items())),
                members=tuple(members_of(found)),
                problems=selection.problems,
                shows=frozenset(
                    key
                    for catalogue, proposal in found
                    for column in columns
                    for key in (
                        ("proposal", proposal.slug),
                        *renderer.cell_links(catalogue, proposal, column),
                    )
                ),
                kinds=frozenset({"event"} if "events" in columns else ()),
            ),
        )
        return self.levelled([self._frame(shown, renderer)])

    def catalogues(self) -> list[model.Catalogue]:
        """The catalogues the ``:programme:`` filter keeps (all of them without it)."""
        catalogues = list(get_store(self.env).catalogues)
        programme = self.options.get("programme")
        if programme is not None:
            catalogues = [c for c in catalogues if c.programme.slug == programme]
            if not catalogues:
                self.warn("filter", "unknown programme %r in :programme:", programme)
        return catalogues

    def selected(self, renderer: Renderer) -> list[_Found]:
        """The proposals (drafts left out) that every filter given keeps, in catalogue order,
        for a page read again whenever a proposal changes.

        ``ideation:chart`` shares this: a chart of proposals filters them the same way.
        """
        renderer.depend_on_kind("proposal")
        options = {name: self.options[name] for name in SELECTION_OPTIONS if name in self.options}
        selection = select(get_store(self.env).catalogues, options)
        for problem in selection.problems:
            self.warn("filter", "%s", problem)
        if "event" in self.options:
            # A list of an event's proposals shows what that event says about them.
            renderer.depend_on_kind("event")
        return selection.found

    def _frame(self, children: Sequence[nodes.Node], renderer: Renderer) -> nodes.container:
        container = renderer.box("ideation-proposal-list")
        container.extend(children)
        return container

    # -- presentation ----------------------------------------------------------------------------

    def _columns(self) -> tuple[str, ...]:
        if "columns" not in self.options:
            return DEFAULT_COLUMNS
        columns = []
        for column in option_words(self.options["columns"]):
            if column in COLUMNS:
                columns.append(column)
            else:
                self.warn(
                    "filter",
                    "unknown column %r in :columns: (expected some of %s)",
                    column,
                    ", ".join(COLUMNS),
                )
        return tuple(columns) or DEFAULT_COLUMNS

    def _layout(self) -> str:
        layout = self.options.get("layout", "table").strip()
        if layout not in LAYOUTS:
            self.warn(
                "filter", "unknown layout %r in :layout: (expected %s)", layout, ", ".join(LAYOUTS)
            )
            return "table"
        return str(layout)

    def _sort(self) -> tuple[str, bool]:
        value = self.options.get("sort", "status").strip()
        reverse = value.startswith("-")
        key = value.lstrip("-")
        if key not in SORT_KEYS:
            self.warn(
                "filter", "unknown sort key %r in :sort: (expected %s)", key, ", ".join(SORT_KEYS)
            )
            key, reverse = "status", False
        return key, reverse


def setup_proposals(app: Sphinx) -> None:
    """Register the proposal and proposals directives (their rows: :mod:`._listings`)."""
    app.add_directive_to_domain("ideation", "proposal", ProposalDirective)
    app.add_directive_to_domain("ideation", "proposals", ProposalsDirective)
