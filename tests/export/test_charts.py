"""The charts' data and drawings, without Sphinx: hostile text, empty data, the funnel's counts."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from ideation import load, model
from ideation.export import charts

from ..conftest import EXAMPLE

pytest.importorskip("matplotlib")

HOSTILE = r"$\frac{$ <script>alert(1)</script> & $x_$"


def _catalogue() -> model.Catalogue:
    catalogue = load(EXAMPLE)
    assert isinstance(catalogue, model.Catalogue)
    return catalogue


def test_text_from_data_is_neither_maths_nor_markup() -> None:
    phase = model.Phase(slug="a", name=HOSTILE, start=dt.date(2022, 1, 1), end=dt.date(2022, 2, 1))
    catalogue = model.Catalogue(programme=model.Programme(slug="p", name=HOSTILE, phases=[phase]))
    chart = charts.timeline_chart(catalogue, [], charts.Words(), dt.date(2022, 1, 15))
    svg = charts.draw(chart, "svg").decode()
    assert "<script" not in svg
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.DOTALL)
    assert desc is not None
    assert "&lt;script&gt;" in desc.group(1)
    assert charts.draw(chart, "pdf").startswith(b"%PDF")


@pytest.mark.parametrize("form", charts.FORMATS)
def test_empty_data_still_draws(form: charts.Format) -> None:
    catalogue = model.Catalogue(programme=model.Programme(slug="p", name="P"))
    words = charts.Words()
    for chart in (
        charts.funnel_chart([], words),
        charts.attendance_chart(catalogue, [], words),
        charts.participation_chart([], words),
        charts.timeline_chart(catalogue, [], words),
    ):
        assert charts.draw(chart, form)


def test_the_funnel_counts_how_far_each_proposal_went() -> None:
    proposals = _catalogue().proposals
    chart = charts.funnel_chart(proposals, charts.Words())
    reached = {row[0]: (int(row[1]), int(row[2])) for row in chart.rows}
    # Every proposal was submitted; a selected one passed the steps before it.
    assert reached["submitted"] == (len(proposals), 0)
    assert reached["selected"] == (6, 1)
    assert reached["in-progress"] == (5, 5)
    assert reached["rejected"] == (2, 2)


def test_attendance_groups_units_under_their_ministry() -> None:
    catalogue = _catalogue()
    event = catalogue.event("atelier-ideation")
    chart = charts.attendance_chart(catalogue, [event], charts.Words())
    rows = {row[1]: row[2] for row in chart.rows if row[0] == "Organisation"}
    # The ministry, its gendarmerie and its digital directorate came.
    assert rows["Ministère de l'Intérieur"] == "3"
    assert "Gendarmerie nationale" not in rows


def _texts(svg: bytes) -> list[str]:
    """The texts of a drawing: matplotlib writes each as a comment before its outline."""
    return re.findall(r"<!-- (.*?) -->", svg.decode())


def test_participation_leaves_out_events_without_data_and_says_so() -> None:
    events = list(_catalogue().events_in_order())
    chart = charts.participation_chart(events, charts.Words())
    (panel,) = chart.panels
    assert isinstance(panel, charts.Bars)
    # The seed workshop and the framing workshops have counts; the eight working days none.
    assert len(panel.labels) == 2
    assert len(chart.rows) == len(events) == 10
    assert chart.note.startswith("8 of the 10 events have no attendance data")
    assert "No data" not in _texts(charts.draw(chart, "svg"))


@pytest.mark.parametrize("layout", charts.LAYOUTS)
def test_each_layout_draws_whole_number_ticks_and_no_title(layout: charts.Layout) -> None:
    catalogue = _catalogue()
    words = charts.Words()
    events = list(catalogue.events_in_order())
    for chart in (
        charts.funnel_chart(catalogue.proposals, words),
        charts.attendance_chart(catalogue, events, words),
        charts.participation_chart(events, words),
    ):
        svg = charts.draw(chart, "svg", words, layout=layout)
        width = charts.WIDE_INCHES if layout == "wide" else charts.NARROW_INCHES
        assert f'width="{width * 72:g}pt"' in svg.decode()
        numbers = [text for text in _texts(svg) if re.fullmatch(r"[\d.,−-]+", text)]
        assert numbers, chart.kind
        assert all(re.fullmatch(r"\d+", number) for number in numbers), (chart.kind, numbers)
        # The page shows the title as the picture's caption: the drawing does not repeat it.
        assert chart.title not in _texts(svg)
        assert f">{chart.title}</title>" in svg.decode()
