"""``ideation show``: its figures are those of ``export.figures`` (and of ``ideation:figures``)."""

from __future__ import annotations

import pytest

from ideation import load, model
from ideation.cli._common import EXIT_OK
from ideation.export.figures import figures

from ..conftest import EXAMPLE
from .helpers import run


def test_show_prints_the_figures_of_the_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", str(EXAMPLE))
    assert code == EXIT_OK
    catalogue = load(EXAMPLE)
    assert isinstance(catalogue, model.Catalogue)
    found = figures(catalogue)
    section = out[out.index("\nFigures\n") :]
    assert f"  participants: {found.participants} (2 of 10 events give a head count)" in section
    assert "  organisations represented: 10 (7 ministries; 14 units)" in section
    assert "  events: 10 (ideation-workshop 1, bootcamp 1, working-day 8)" in section
    assert "  proposals: 8 (selected 1, in-progress 5, rejected 2)" in section


def test_a_season_counts_its_working_days_too(capsys: pytest.CaptureFixture[str]) -> None:
    # The working days name a phase of the 2022 season, not the season itself.
    code, out, _ = run(capsys, "show", "--season", "2022", str(EXAMPLE))
    assert code == EXIT_OK
    assert "  events: 10 (" in out
