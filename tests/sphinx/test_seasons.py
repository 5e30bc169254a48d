"""The season filter of ``ideation:proposals``, ``ideation:events`` and ``ideation:chart``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("sphinx")

from sphinx_roots import ROOTS, Builder, warnings_of

pytestmark = pytest.mark.sphinx


def test_a_season_keeps_its_proposals_and_events(build: Builder) -> None:
    app = build("seasons", "text")
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    season, unknown = text.split("Unknown season")
    # Every proposal of the example belongs to the 2022 season; of its events, the workshop.
    assert "SIRETisation" in season
    assert "Atelier d'idéation" in season
    assert "Ateliers de cadrage" not in season
    assert "Journée de travail" not in season
    assert "SIRETisation" not in unknown


def test_an_unknown_season_warns_with_type_subtype_and_location(build: Builder) -> None:
    warnings = warnings_of(build("seasons", "text"))
    assert "index.rst:15: WARNING: unknown season '1999' in :season: [ideation.filter]" in warnings
    assert "index.rst:18: WARNING: unknown season '1999' in :season: [ideation.filter]" in warnings


def test_a_chart_keeps_the_events_of_its_season(build: Builder, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    srcdir = tmp_path / "project"
    srcdir.mkdir()
    shutil.copy(ROOTS / "test-charts" / "conf.py", srcdir / "conf.py")
    (srcdir / "index.rst").write_text(
        "Charts\n======\n\n"
        ".. ideation:chart:: participation\n   :season: 2022\n\n"
        ".. ideation:chart:: participation\n   :season: 1999\n",
        encoding="utf-8",
    )
    app = build("charts", "text", srcdir=srcdir)
    warnings = warnings_of(app)
    assert "index.rst:7: WARNING: unknown season '1999' in :season: [ideation.filter]" in warnings
    season = (app.outdir / "index.txt").read_text("utf-8").split("Data of the chart")[1]
    # Of the example's events, only the workshop names its season.
    assert "May 16, 2022" in season
    assert "July 5, 2022" not in season
