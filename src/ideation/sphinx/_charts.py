"""``ideation:chart``: a chart made from the catalogue at build time, with its data as a table.

.. code-block:: rst

   .. ideation:chart:: funnel
      :programme: programme-10
      :title: Where the proposals went

The kinds are those of :mod:`ideation.export.charts` (``attendance``, ``funnel``, ``timeline``,
``participation``); the filters are those of ``ideation:proposals``, applied to proposals for a
funnel and to events for the other kinds.

The picture is drawn as SVG (for HTML) and PDF (for LaTeX), into ``<doctreedir>/ideation-charts``
under a name that hashes everything drawn; the image node names both with a ``.*`` candidate, and
each builder takes the format it supports. HTML also gets the narrow layout of
:func:`ideation.export.charts.draw` (SVG only), which the stylesheet shows instead of the wide one
where the chart's column is narrower than the wide drawing, so that no text of the chart is
shrunk below 12 CSS px on a phone; other builders leave it out. The same data gives
the same name and the same bytes, so parallel and incremental builds agree, and a file is only
drawn when no build drew it yet. A page with a chart depends on the data files the chart shows,
so it is read (and its chart redrawn) again when they change.

Every chart comes with its text alternative (the image's ``alt``, and ``<title>``/``<desc>`` in
the SVG), a sentence saying what the drawing leaves out (events without attendance data), and
its data as a table: inside a collapsed ``<details>`` in HTML, plain elsewhere. The title is
shown once, as the figure's caption; the table's own caption is for screen readers.
Without matplotlib (the ``ideation[charts]`` extra) the table is shown alone, after a warning.
"""

from __future__ import annotations

import importlib.util
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

import attrs
from babel.numbers import format_decimal
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxTranslator

from .. import model
from ..export import charts
from ._base import OptionSpec, Renderer
from ._labels import format_day, locale_for, status_label, translate
from ._nodes import labelled_para, option_words, para, scroll_region, table_of
from ._proposals import ProposalsDirective
from ._writes import reported

#: The folder, in the doctree directory, where chart files are drawn.
CHART_FOLDER = "ideation-charts"
_EXTRA = "ideation[charts]"


class chart_data(nodes.General, nodes.Element):
    """The data table of a chart: a collapsed ``<details>`` in HTML, the table elsewhere."""


class narrow_chart(nodes.General, nodes.Element):
    """The narrow layout of a chart's picture: in HTML only (other builders drop it)."""


def _size(value: str) -> tuple[float, float]:
    """``:figsize:``: width and height in inches, as ``7.5x4``."""
    try:
        width, height = (float(part) for part in value.lower().replace("×", "x").split("x"))
    except ValueError:
        raise ValueError(f"expected a size in inches like 7.5x4, got {value!r}") from None
    if not (1 <= width <= 30 and 1 <= height <= 30):
        raise ValueError(f"expected a size between 1x1 and 30x30 inches, got {value!r}")
    return (width, height)


def _write(path: Path, data: bytes) -> None:
    # Another process of a parallel build may draw the same file: each writes a whole file
    # under a temporary name and renames it, so no reader ever sees half a chart.
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        Path(temporary).chmod(0o644)
        os.replace(temporary, path)  # noqa: PTH105 - an atomic rename over an existing file
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class ChartDirective(ProposalsDirective):
    """``.. ideation:chart:: KIND``: a chart of the catalogue, its text alternative and its data.

    Options: the filters of ``ideation:proposals`` (``:status:`` and ``:tag:`` apply to the
    proposals of a funnel only; ``:season:`` keeps the events, or a funnel's proposals, of
    those seasons), ``:title:``, ``:width:`` (as for an image: ``80%``, ``600px``)
    and ``:figsize:`` (the drawing's size in inches, ``7.5x4``).
    """

    required_arguments = 1
    option_spec: ClassVar[OptionSpec] = {
        "status": directives.unchanged_required,
        "tag": directives.unchanged_required,
        "event": directives.unchanged_required,
        "organisation": directives.unchanged_required,
        "phase": directives.unchanged_required,
        "season": directives.unchanged_required,
        "programme": directives.unchanged_required,
        "title": directives.unchanged_required,
        "width": directives.length_or_percentage_or_unitless,
        "figsize": _size,
    }

    def run(self) -> list[nodes.Node]:
        kind = self.arguments[0].strip()
        if kind not in charts.KINDS:
            self.warn(
                "chart", "unknown chart kind %r (expected one of %s)", kind, ", ".join(charts.KINDS)
            )
            return []
        renderer = self.renderer()
        words = self._words(renderer)
        chart = self._chart(kind, renderer, words)
        if chart is None:
            return []
        if "title" in self.options:
            chart = attrs.evolve(chart, title=self.options["title"])
        container = nodes.container(
            classes=["ideation", "ideation-chart", f"ideation-chart-{kind}"]
        )
        figure = self._figure(chart, words)
        if figure is not None:
            container += figure
        if chart.note:
            container += para(chart.note)
        container += self._data(chart)
        return [container]

    # -- data --------------------------------------------------------------------------------------

    def _words(self, renderer: Renderer) -> charts.Words:
        language = renderer.language
        locale = locale_for(language)
        return charts.Words(
            text=translate,
            day=lambda day: format_day(day, language),
            number=lambda number: format_decimal(number, locale=locale),
        )

    def _chart(self, kind: str, renderer: Renderer, words: charts.Words) -> charts.Chart | None:
        if kind == "funnel":
            proposals = [proposal for _c, proposal in self.selected(renderer)]
            return charts.funnel_chart(proposals, words, status_label)
        for name in ("status", "tag"):
            if name in self.options:
                self.warn("filter", ":%s: is not used by a %s chart (only by a funnel)", name, kind)
        renderer.depend_on_kind("event")
        found = self._events()
        events = [event for _c, event in found]
        if kind == "attendance":
            renderer.depend_on_kind("organisation")
            catalogue = found[0][0] if found else self._first()
            return None if catalogue is None else charts.attendance_chart(catalogue, events, words)
        if kind == "participation":
            return charts.participation_chart(events, words)
        catalogue = found[0][0] if found else self._first()
        if catalogue is None:
            return None
        today = renderer.config.today
        return charts.timeline_chart(catalogue, events, words, today)

    def _first(self) -> model.Catalogue | None:
        catalogues = self.catalogues()
        if not catalogues:
            self.warn("chart", "no catalogue could be read, so the chart cannot be drawn")
            return None
        return catalogues[0]

    def _events(self) -> list[tuple[model.Catalogue, model.Event]]:
        """The events (drafts left out, earliest first) that the filters keep."""
        catalogues = self.catalogues()
        found = [(c, e) for c in catalogues for e in c.events_in_order() if not e.draft]
        for name in ("event", "phase", "season", "organisation"):
            if name in self.options:
                wanted = set(option_words(self.options[name]))
                found = [item for item in found if self._keep(name, wanted, *item)]
                self._check(name, wanted, catalogues)
        return found

    def _keep(
        self, name: str, wanted: set[str], catalogue: model.Catalogue, event: model.Event
    ) -> bool:
        if name == "event":
            return event.slug in wanted
        if name == "phase":
            return event.phase in wanted
        if name == "season":
            return event.season in wanted
        present = set(event.organisers)
        if event.attendance is not None:
            present.update(event.attendance.organisations)
        family = {a.slug for slug in present for a in catalogue.ancestors(slug)} | present
        return bool(family & wanted)

    def _check(self, name: str, wanted: set[str], catalogues: Sequence[model.Catalogue]) -> None:
        known: set[str] = set()
        for catalogue in catalogues:
            if name == "event":
                known.update(event.slug for event in catalogue.events)
            elif name == "phase":
                known.update(phase.slug for phase in catalogue.programme.phases)
            elif name == "season":
                known.update(season.slug for season in catalogue.programme.seasons)
            else:
                known.update(org.slug for org in catalogue.organisations)
        for slug in sorted(wanted - known):
            self.warn("filter", "unknown %s %r in :%s:", name, slug, name)

    # -- nodes ---------------------------------------------------------------------------------

    def _figure(self, chart: charts.Chart, words: charts.Words) -> nodes.figure | None:
        if importlib.util.find_spec("matplotlib") is None:
            self.warn(
                "chart",
                "the %s chart needs matplotlib: install %s; only its data table is shown",
                chart.kind,
                _EXTRA,
            )
            return None
        size = self.options.get("figsize")
        wide = self._draw(chart, words, size, "wide", charts.FORMATS)
        # The author's :figsize: is the wide drawing's; a phone gets the narrow layout anyway.
        narrow = self._draw(chart, words, None, "narrow", ("svg",))
        if wide is None:
            return None
        image = nodes.image(
            uri=f"/{wide}.*", alt=chart.description, classes=["ideation-chart-wide"]
        )
        if "width" in self.options:
            image["width"] = self.options["width"]
        figure = nodes.figure(classes=["ideation-chart-figure"])
        figure += image
        if narrow is not None:
            image["classes"].append("ideation-chart-has-narrow")
            holder = narrow_chart()
            holder += nodes.image(
                uri=f"/{narrow}.svg", alt=chart.description, classes=["ideation-chart-narrow"]
            )
            figure += holder
        figure += nodes.caption(chart.title, chart.title)
        return figure

    def _draw(
        self,
        chart: charts.Chart,
        words: charts.Words,
        size: tuple[float, float] | None,
        layout: charts.Layout,
        forms: Sequence[charts.Format],
    ) -> str | None:
        """The chart's files in ``layout``, drawn if no build drew them yet: their path from
        the source folder, without the suffix (``None`` if one could not be written)."""
        key = charts.chart_key(chart, size or (0.0, 0.0), layout)
        folder = Path(self.env.doctreedir) / CHART_FOLDER
        stem = f"ideation-{chart.kind}-{key}"
        for form in forms:
            path = folder / f"{stem}.{form}"
            if not path.exists():
                with reported(path, "the chart", "only its data table is shown") as failed:
                    _write(path, charts.draw(chart, form, words, size, layout))
                if failed:
                    return None
        return Path(os.path.relpath(folder / stem, self.env.srcdir)).as_posix()

    def _data(self, chart: charts.Chart) -> chart_data:
        # Each cell names its column, for the stacked layout of narrow columns.
        rows = [[labelled_para(cell) for cell in row] for row in chart.rows]
        title = translate("Data of the chart: {title}").format(title=chart.title)
        # The caption names the table for screen readers; the eye has the summary above it.
        table = table_of(chart.headers, rows, ["ideation-chart-table"], caption=title)
        node = chart_data(summary=translate("The chart’s data"))
        node += scroll_region("", table, label=title)
        return node


def _visit_details(translator: SphinxTranslator, node: chart_data) -> None:
    body: list[str] = getattr(translator, "body")  # noqa: B009 - the HTML translator's output
    summary = translator.encode(str(node["summary"]))  # type: ignore[attr-defined]
    body.append(f'<details class="ideation-chart-data"><summary>{summary}</summary>\n')


def _depart_details(translator: SphinxTranslator, node: chart_data) -> None:
    body: list[str] = getattr(translator, "body")  # noqa: B009 - the HTML translator's output
    body.append("</details>\n")


def _pass(translator: SphinxTranslator, node: chart_data) -> None:
    """Outside HTML a chart's data is its table alone: the wrapper writes nothing."""


def _visit_narrow(translator: SphinxTranslator, node: narrow_chart) -> None:
    """In HTML the narrow picture is written as it is (the stylesheet decides which shows)."""


def _drop_narrow(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Outside HTML the narrow layout goes before images are collected: one picture a chart."""
    if app.builder.format != "html":
        for node in list(doctree.findall(narrow_chart)):
            node.parent.remove(node)


def _prune(app: Sphinx, exception: BaseException | None) -> None:
    """Remove the chart files that no page shows any more (their data changed, or the page went).

    Once a build is over every page's images are known to the environment, whichever process
    read the page; a file none of them names is a leftover of an earlier build.
    """
    folder = Path(app.doctreedir) / CHART_FOLDER
    if exception is not None or not folder.is_dir():
        return
    used = {Path(app.srcdir, image).resolve() for image in app.env.images}
    for file in folder.glob("ideation-*.*"):
        if file.resolve() not in used:
            file.unlink(missing_ok=True)


def setup_charts(app: Sphinx) -> None:
    """Register ``ideation:chart`` and its data node, with a visitor per builder."""
    app.add_directive_to_domain("ideation", "chart", ChartDirective)
    plain = (_pass, _pass)
    app.add_node(
        chart_data,
        html=(_visit_details, _depart_details),
        latex=plain,
        text=plain,
        man=plain,
        texinfo=plain,
    )
    app.add_node(
        narrow_chart,
        html=(_visit_narrow, _visit_narrow),
        latex=(_skip, None),
        text=(_skip, None),
        man=(_skip, None),
        texinfo=(_skip, None),
    )
    app.connect("doctree-resolved", _drop_narrow)
    app.connect("build-finished", _prune)


def _skip(translator: SphinxTranslator, node: nodes.Element) -> None:
    raise nodes.SkipNode
