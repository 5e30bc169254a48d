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
