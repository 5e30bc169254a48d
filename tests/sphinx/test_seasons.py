"""The season filter of ``ideation:proposals``, ``ideation:events``, ``ideation:chart`` and
``ideation:programme``."""

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


def test_a_programme_shows_one_season_on_its_own_days(build: Builder, tmp_path: Path) -> None:
    catalogue = tmp_path / "catalogue"
    shutil.copytree(ROOTS.parents[2] / "examples" / "programme-10", catalogue)
    programme = catalogue / "programme.yaml"
    programme.write_text(
        programme.read_text(encoding="utf-8").replace(
            "organisations:\n",
            "- slug: '2023'\n  name: Saison 2023\n  phases: [qualification]\n"
            "  schedule:\n  - phase: qualification\n    start: 2023-05-15\n"
            "    end: 2023-06-05\norganisations:\n",
            1,
        ),
        encoding="utf-8",
    )
    srcdir = tmp_path / "project"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text('extensions = ["ideation.sphinx"]\n', encoding="utf-8")
    (srcdir / "index.rst").write_text(
        "Seasons\n=======\n\n.. ideation:programme::\n   :season: 2022\n   :no-heading:\n\n"
        "Next\n----\n\n.. ideation:programme::\n   :season: 2023\n   :no-heading:\n\n"
        "Unknown\n-------\n\n.. ideation:programme::\n   :season: 1999\n",
        encoding="utf-8",
    )
    app = build("seasons", "text", srcdir=srcdir, ideation_catalogue=str(catalogue))
    warnings = warnings_of(app)
    assert "index.rst:18: WARNING: unknown season '1999' in :season: [ideation.filter]" in warnings
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    first, second = text.split("Next")[0], text.split("Next")[1].split("Unknown")[0]
    # 2022: the workshop (of the season), not the working days (of none).
    assert "Atelier d'idéation" in first
    assert "Journée de travail" not in first
    assert "Bootcamp de lancement" in first  # every phase: the season lists them all
    # 2023: its one phase, on its own days, and none of 2022's events.
    assert "Identification des projets" in second
    assert "Bootcamp de lancement" not in second
    assert "Atelier d'idéation" not in second
    assert "2023" in second
