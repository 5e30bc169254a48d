"""The season filter of ``ideation:proposals`` and ``ideation:events``."""

from __future__ import annotations

import pytest

pytest.importorskip("sphinx")

from sphinx_roots import Builder, warnings_of

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
