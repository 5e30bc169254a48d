"""``ideation:shortlist`` (an event's votes, ranked) and ``ideation:teams`` (teams by need).

Both show counts, scores and organisations. A voter is never named; a candidate is named only
when ``ideation_show_names`` is on and the candidate consented, as for participants. The teams
shown are the recorded ones (each proposal's ``team``), as ``ideation teams --write`` or a
hand edit left them; proposals with no team yet are named. Teams proposed for those are
computed only when asked (``:proposed:``), with the solver of :mod:`ideation.ops.teams`, which
needs SciPy (the ``ops`` extra); without it the directive warns (type ``ideation``, subtype
``dependency``) and shows the recorded teams alone.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from .. import model
from ..ops.selection import format_score, rank, tie_at_cut_off
from ._base import IdeationDirective, OptionSpec, Renderer
from ._data import get_store
from ._labels import _, status_label
from ._nodes import CELL_LABEL, para, scroll_region, table_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..ops.teams import ProposalReport


def _table(
    title: str, headers: list[str], rows: list[list[nodes.Node]], classes: list[str]
) -> scroll_region:
    """A table named by a caption every reader sees (no heading above says the same), with
    each row headed by its first cell, in a scroll region: in a narrow column it is stacked
    like the agenda, each cell after the first under its column's name."""
    for row in rows:
        for cell in row[1:]:
            if isinstance(cell, nodes.paragraph):
                cell[CELL_LABEL] = True
    table = table_of(headers, rows, classes, caption=title, stub=True)
    table["classes"].remove("ideation-caption-hidden")
    return scroll_region("", table, label=title)


class ShortlistDirective(IdeationDirective):
    """``.. ideation:shortlist:: EVENT``: the event's proposals ranked by their votes.

    ``:top: N`` or ``:threshold: X`` mark the proposals kept; ``:season:`` keeps the proposals
    of one season. The ranking rule is stated under the table.
    """

    required_arguments = 1
    option_spec: ClassVar[OptionSpec] = {
        "top": directives.nonnegative_int,
        "threshold": directives.nonnegative_int,
        "season": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        found = self.event(self.arguments[0])
        if found is None:
            return []
        catalogue, event = found
        renderer = self.renderer()
        renderer.depend("event", event.slug)
        renderer.depend_on_kind("proposal")
        season = self.options.get("season")
        if season is not None and season not in {s.slug for s in catalogue.programme.seasons}:
            self.warn("filter", "unknown season %r in :season:", season)
        slugs = [
            slug
            for slug in dict.fromkeys([*event.linked_proposals, *(v.proposal for v in event.votes)])
            if season is None or catalogue.proposal(slug).season in (season, None)
        ]
        scores = rank(event, slugs)
        criteria = sorted({name for s in scores for name, _value in s.criteria})
        cut = self.options.get("top"), self.options.get("threshold")
        headers = [_("Rank"), _("Proposal"), _("Score"), _("Voters"), *criteria, _("Status")]
        if cut != (None, None):
            headers.append(_("Kept"))
        rows = []
        tie = tie_at_cut_off(scores, cut[0])
        tied = set(tie.proposals) if tie else set()
        for position, score in enumerate(scores, start=1):
            proposal = catalogue.proposal(score.proposal)
            by = dict(score.criteria)
            row: list[nodes.Node] = [
                para(str(position)),
                para(renderer.xref("proposal", proposal.slug)),
                para(format_score(score.total)),
                para(str(score.voters)),
                *(para(format_score(by.get(name, 0))) for name in criteria),
                para(status_label(proposal.status)),
            ]
            if cut != (None, None):
                top, threshold = cut
                kept = position <= top if top is not None else score.total >= (threshold or 0)
                # In words, not by colour or a symbol alone; a tie is no decision of slugs.
                word = _("tie") if score.proposal in tied else (_("yes") if kept else _("no"))
                row.append(para(word))
            rows.append(row)
        title = _("Shortlist: %s") % event.title
        container = nodes.container(classes=["ideation", "ideation-shortlist"])
        container += _table(title, headers, rows, ["ideation-shortlist-table"])
        container += para(
            _(
                "Ranking: by the sum of the scores, highest first; ties broken by the number "
                "of distinct voters, then by slug."
            )
        )
        if tie is not None:
            container += para(
                _("Tie at the cut-off: %(count)s proposals for %(places)s place(s).")
                % {"count": len(tie.proposals), "places": tie.places}
            )
        return [container]


class TeamsDirective(IdeationDirective):
    """``.. ideation:teams::``: the recorded teams, as counts by profile, ministry and
    organisation, and the proposals that have no team yet.

    ``:season:`` keeps one season; ``:programme:`` picks a catalogue (the first by default);
    ``:proposed:`` adds the teams the solver proposes for the proposals with none recorded,
    keeping every recorded placement (as ``ideation teams`` would), marked as not recorded.
    """

    option_spec: ClassVar[OptionSpec] = {
        "season": directives.unchanged_required,
        "programme": directives.unchanged_required,
        "proposed": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        store = get_store(self.env)
        catalogue = store.programme(self.options.get("programme"))
        if catalogue is None:
            self.warn("ref", "no catalogue for the programme %r", self.options.get("programme"))
            return []
        renderer = self.renderer()
        for kind in ("proposal", "candidate"):
            renderer.depend_on_kind(kind)
        season = self.options.get("season")
        if season is not None and season not in {s.slug for s in catalogue.programme.seasons}:
            self.warn("filter", "unknown season %r in :season:", season)
        from ..ops.teams import recorded_reports

        reports = recorded_reports(catalogue, season=season)
        container = nodes.container(classes=["ideation", "ideation-teams"])
        recorded = [r for r in reports if catalogue.proposal(r.slug).team]
        waiting = [r for r in reports if not catalogue.proposal(r.slug).team]
        container += self._table(renderer, catalogue, recorded, _("Teams"))
        placed = sum(len(r.members) for r in recorded)
        active = [c for c in catalogue.in_season(season).candidates if c.withdrawn is None]
        on_teams = {m for r in recorded for m in r.members}
        container += para(
            _("Shortfall: %(shortfall)s; candidates placed: %(placed)s; not placed: %(unplaced)s.")
            % {
                "shortfall": sum(r.shortfall for r in recorded),
                "placed": placed,
                "unplaced": sum(1 for c in active if c.slug not in on_teams),
            }
        )
        if waiting:
            line = para(_("No team recorded yet:") + " ")
            for index, report in enumerate(waiting):
                if index:
                    line += nodes.Text(", ")
                line += renderer.xref("proposal", report.slug)
            container += line
            if "proposed" in self.options:
                container.extend(self._proposed(renderer, catalogue, season, waiting))
        return [container]

    def _proposed(
        self,
        renderer: Renderer,
        catalogue: model.Catalogue,
        season: str | None,
        waiting: list[ProposalReport],
    ) -> list[nodes.Node]:
        """The teams the solver proposes for ``waiting``, recorded placements kept."""
        from ..ops.teams import plan_teams

        try:
            plan = plan_teams(catalogue, season=season)
        except ImportError as error:
            self.warn(
                "dependency",
                "the proposed teams need the %r package: install the ops extra (pip install "
                "-e '.[ops]' in a clone of ideation)",
                error.name or "scipy",
            )
            return []
        slugs = {r.slug for r in waiting}
        proposed = [r for r in plan.teams.reports if r.slug in slugs]
        return [self._table(renderer, catalogue, proposed, _("Proposed teams (not recorded)"))]

    def _table(
        self,
        renderer: Renderer,
        catalogue: model.Catalogue,
        reports: list[ProposalReport],
        title: str,
    ) -> scroll_region:
        names = renderer.config.show_names
        headers = [
            _("Proposal"),
            _("Members"),
            _("Profiles"),
            _("Ministries"),
            _("Organisations"),
        ]
        if names:
            headers.append(_("Named members"))
        rows = []
        known = {c.slug: c for c in catalogue.candidates}
        for report in reports:
            members = [known[slug] for slug in report.members]
            bound = f"{report.minimum}–{report.maximum if report.maximum is not None else '∞'}"
            withdrew = sum(
                1
                for slug in dict.fromkeys(catalogue.proposal(report.slug).team)
                if slug in known and known[slug].withdrawn is not None
            )
            count = f"{len(members)} ({bound})"
            if withdrew:
                count += "; " + _("withdrawn: %s") % withdrew
            profiles = "; ".join(
                f"{name}: {have}/{needed}" + ("" if have >= needed else f" ({_('missing')})")
                for name, have, needed in report.profiles
            )
            ministries = ", ".join(
                f"{store_name(catalogue, slug)}: {n}" for slug, n in report.ministries
            )
            if report.mix:
                ministries += f" ({_('mixed-team rule missed by %s') % report.mix})"
            organisations = Counter(
                (store_name(catalogue, m.organisation) if m.organisation else _("unknown"))
                for m in members
            )
            row: list[nodes.Node] = [
                para(renderer.xref("proposal", report.slug)),
                para(count),
                para(profiles or "—"),
                para(ministries or "—"),
                para(", ".join(f"{org}: {n}" for org, n in sorted(organisations.items())) or "—"),
            ]
            if names:
                row.append(para(", ".join(m.name for m in members if m.consent) or "—"))
            rows.append(row)
        return _table(title, headers, rows, ["ideation-teams-table"])


def store_name(catalogue: model.Catalogue, slug: str) -> str:
    """The short name of an organisation: its acronym, else its name, else the slug."""
    try:
        organisation = catalogue.organisation(slug)
    except KeyError:
        return slug
    return organisation.acronym or organisation.name


def setup_operations(app: Sphinx) -> None:
    """Register the shortlist and teams directives in the ``ideation`` domain."""
    app.add_directive_to_domain("ideation", "shortlist", ShortlistDirective)
    app.add_directive_to_domain("ideation", "teams", TeamsDirective)
