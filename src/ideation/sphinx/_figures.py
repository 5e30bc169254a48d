"""``ideation:figures``: the numbers a season report gives, computed from the catalogue.

.. code-block:: rst

   .. ideation:figures::
      :season: 2022

Options: ``:season:`` (one season), ``:phase:`` and ``:event:`` (slugs, comma-separated),
``:programme:`` (a catalogue; the first by default). The figures are those of
:func:`ideation.export.figures.figures`; each label links to its definition, which the page
keeps in a collapsed ``<details>`` under the list in HTML (a browser opens it when the link is
followed) and shows as a definition list elsewhere. An approximate head count reads "about 25".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from babel.numbers import format_decimal
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxTranslator

from .. import model
from ..export.figures import DEFINITIONS, Figures, figures
from ._base import IdeationDirective, OptionSpec
from ._data import get_store
from ._labels import event_kind_label, locale_for, status_label, translate
from ._nodes import option_words, para

#: Each figure's label, as a list of counts reads ("25 participants").
_LABELS: Mapping[str, str] = {
    "participants": "participants",
    "organisations": "organisations represented",
    "ministries": "ministries",
    "units": "units represented (organisations and their sub-units)",
    "events": "events",
    "workshops": "workshop sessions",
    "trainings": "trainings",
    "proposals": "proposals",
    "teams": "teams recorded",
    "people_placed": "people placed in a team",
}


class figures_definitions(nodes.General, nodes.Element):
    """The figures' definitions: a collapsed ``<details>`` in HTML, the list elsewhere."""


class FiguresDirective(IdeationDirective):
    """``.. ideation:figures::``: a season's (a phase's, some events') figures, each with its
    definition one click away."""

    option_spec: ClassVar[OptionSpec] = {
        "season": directives.unchanged_required,
        "phase": directives.unchanged_required,
        "event": directives.unchanged_required,
        "programme": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        catalogue = get_store(self.env).programme(self.options.get("programme"))
        if catalogue is None:
            self.warn("ref", "no catalogue for the programme %r", self.options.get("programme"))
            return []
        renderer = self.renderer()
        for kind in ("event", "proposal", "organisation"):
            renderer.depend_on_kind(kind)
        season = self.options.get("season")
        phases = option_words(self.options.get("phase", ""))
        events = option_words(self.options.get("event", ""))
        self._check(catalogue, season, phases, events)
        found = figures(catalogue, season=season, phases=phases, events=events)
        language = renderer.language
        serial = self.env.new_serialno("ideation-figures")
        return [_render(catalogue, found, language, f"ideation-figures-{serial}")]

    def _check(
        self, catalogue: model.Catalogue, season: str | None, phases: list[str], events: list[str]
    ) -> None:
        """Warn of each unknown slug (it selects nothing)."""
        if season is not None and season not in {s.slug for s in catalogue.programme.seasons}:
            self.warn("filter", "unknown season %r in :season:", season)
        known_phases = {phase.slug for phase in catalogue.programme.phases}
        for slug in phases:
            if slug not in known_phases:
                self.warn("filter", "unknown phase %r in :phase:", slug)
        known_events = {event.slug for event in catalogue.events}
        for slug in events:
            if slug not in known_events:
                self.warn("filter", "unknown event %r in :event:", slug)


def _render(
    catalogue: model.Catalogue, found: Figures, language: str | None, prefix: str
) -> nodes.container:
    def number(value: int) -> str:
        return str(format_decimal(value, locale=locale_for(language)))

    def count(value: int, label: str) -> str:
        return translate("{label}: {count}").format(label=label, count=number(value))

    participants = number(found.participants)
    if found.participants_approximate:
        participants = translate("about {count}").format(count=participants)
    details: dict[str, str] = {}
    if found.events_uncounted:
        details["participants"] = translate(
            "{counted} of the {events} events give a head count"
        ).format(counted=number(found.events_counted), events=number(found.events))
    details["organisations"] = ", ".join(sorted(_name(catalogue, s) for s in found.organisations))
    details["events"] = ", ".join(
        count(n, event_kind_label(kind)) for kind, n in found.events_by_kind.items()
    )
    details["proposals"] = ", ".join(
        count(n, status_label(status)) for status, n in found.proposals_by_status.items()
    )
    values = {
        "participants": participants,
        "organisations": number(len(found.organisations)),
        "ministries": number(len(found.ministries)),
        "units": number(len(found.units)),
        "events": number(found.events),
        "workshops": number(found.workshops),
        "trainings": number(found.trainings),
        "proposals": number(found.proposals),
        "teams": number(found.teams),
        "people_placed": number(found.people_placed),
    }
    container = nodes.container(classes=["ideation", "ideation-figures"])
    items = nodes.bullet_list(classes=["ideation-figures-list"])
    definitions = nodes.definition_list(classes=["ideation-figures-definitions"])
    for key, value in values.items():
        label = translate(_LABELS[key])
        target = f"{prefix}-{key.replace('_', '-')}"
        line = para(nodes.strong(value, value), " ")
        line += nodes.reference(label, label, refid=target, internal=True)
        item = nodes.list_item("", line)
        if details.get(key):
            item += para(details[key], classes=["ideation-figures-detail"])
        items += item
        term = nodes.term(label, label, ids=[target])
        meaning = nodes.definition("", para(translate(DEFINITIONS[key])))
        definitions += nodes.definition_list_item("", term, meaning)
    container += items
    summary = translate("How these figures are counted")
    holder = figures_definitions(summary=summary)
    holder += definitions
    container += holder
    return container


def _name(catalogue: model.Catalogue, slug: str) -> str:
    try:
        organisation = catalogue.organisation(slug)
    except KeyError:
        return slug
    return organisation.acronym or organisation.name


def _visit_details(translator: SphinxTranslator, node: figures_definitions) -> None:
    body: list[str] = getattr(translator, "body")  # noqa: B009 - the HTML translator's output
    summary = translator.encode(str(node["summary"]))  # type: ignore[attr-defined]
    body.append(f'<details class="ideation-figures-about"><summary>{summary}</summary>\n')


def _depart_details(translator: SphinxTranslator, node: figures_definitions) -> None:
    body: list[str] = getattr(translator, "body")  # noqa: B009 - the HTML translator's output
    body.append("</details>\n")


def _pass(translator: SphinxTranslator, node: figures_definitions) -> None:
    """Outside HTML the definitions are their list alone: the wrapper writes nothing."""


def setup_figures(app: Sphinx) -> None:
    """Register ``ideation:figures`` and its definitions node, with a visitor per builder."""
    app.add_directive_to_domain("ideation", "figures", FiguresDirective)
    plain = (_pass, _pass)
    app.add_node(
        figures_definitions,
        html=(_visit_details, _depart_details),
        latex=plain,
        text=plain,
        man=plain,
        texinfo=plain,
    )
