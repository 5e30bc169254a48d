"""``ideation:shortlist`` (an event's votes, ranked) and ``ideation:teams`` (teams by need).

Both show counts, scores and organisations. A voter is never named; a candidate is named only
when ``ideation_show_names`` is on and the candidate consented, as for participants. The teams
are computed with the solver of :mod:`ideation.ops.teams`, which needs SciPy (the ``ops``
extra); without it the directive warns (type ``ideation``, subtype ``dependency``) and shows
nothing.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from .. import model
from ..ops.selection import rank
from ._base import IdeationDirective, OptionSpec, Renderer
from ._data import get_store
from ._labels import _, status_label
from ._nodes import para, table_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..ops.teams import Teams


def _table(
    title: str, headers: list[str], rows: list[list[nodes.Node]], classes: list[str]
) -> nodes.table:
    """A table named by a caption every reader sees (no heading above says the same), with
    each row headed by its first cell."""
    table = table_of(headers, rows, classes, caption=title, stub=True)
    table["classes"].remove("ideation-caption-hidden")
    return table


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
        for position, score in enumerate(scores, start=1):
            proposal = catalogue.proposal(score.proposal)
            by = dict(score.criteria)
            row: list[nodes.Node] = [
                para(str(position)),
                para(renderer.xref("proposal", proposal.slug)),
                para(str(score.total)),
                para(str(score.voters)),
                *(para(str(by.get(name, 0))) for name in criteria),
                para(status_label(proposal.status)),
            ]
            if cut != (None, None):
                top, threshold = cut
                kept = position <= top if top is not None else score.total >= (threshold or 0)
                # In words, not by colour or a symbol alone.
                row.append(para(_("yes") if kept else _("no")))
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
        return [container]


class TeamsDirective(IdeationDirective):
    """``.. ideation:teams::``: the optimal teams, as counts by profile and organisation.

    ``:season:`` keeps one season; ``:programme:`` picks a catalogue (the first by default).
    """

    option_spec: ClassVar[OptionSpec] = {
        "season": directives.unchanged_required,
        "programme": directives.unchanged_required,
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
        from ..ops.teams import form_teams

        try:
            teams = form_teams(catalogue, season=season)
        except ImportError as error:
            self.warn(
                "dependency",
                "the teams need the %r package: install the ops extra (pip install -e '.[ops]' "
                "in a clone of ideation)",
                error.name or "scipy",
            )
            return []
        return [self._render(renderer, catalogue, teams)]

    def _render(
        self, renderer: Renderer, catalogue: model.Catalogue, teams: Teams
    ) -> nodes.container:
        names = renderer.config.show_names
        headers = [_("Proposal"), _("Members"), _("Profiles"), _("Organisations")]
        if names:
            headers.append(_("Named members"))
        rows = []
        for report in teams.reports:
            members = [catalogue.candidate(slug) for slug in report.members]
            bound = f"{report.minimum}–{report.maximum if report.maximum is not None else '∞'}"
            profiles = "; ".join(
                f"{name}: {have}/{needed}" + ("" if have >= needed else f" ({_('missing')})")
                for name, have, needed in report.profiles
            )
            organisations = Counter(
                (store_name(catalogue, m.organisation) if m.organisation else _("unknown"))
                for m in members
            )
            row: list[nodes.Node] = [
                para(renderer.xref("proposal", report.slug)),
                para(f"{len(members)} ({bound})"),
                para(profiles or "—"),
                para(", ".join(f"{org}: {n}" for org, n in sorted(organisations.items())) or "—"),
            ]
            if names:
                row.append(para(", ".join(m.name for m in members if m.consent) or "—"))
            rows.append(row)
        objective = teams.objective
        container = nodes.container(classes=["ideation", "ideation-teams"])
        container += _table(_("Teams"), headers, rows, ["ideation-teams-table"])
        container += para(
            _("Shortfall: %(shortfall)s; candidates placed: %(placed)s; not placed: %(unplaced)s.")
            % {
                "shortfall": objective.shortfall,
                "placed": objective.placed,
                "unplaced": len(teams.unplaced),
            }
        )
        return container


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
