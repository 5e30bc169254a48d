"""The example scripts run, on the example catalogue, and print what they promise."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

SCRIPTS = ROOT / "examples" / "scripts"


def run(script: str, *args: str | Path) -> str:
    result = subprocess.run(
        [sys.executable, str(SCRIPTS / script), *map(str, args)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert result.stderr == ""
    return result.stdout


def test_selected_proposals_lists_taken_on_projects_with_their_leads() -> None:
    output = run("selected_proposals.py")
    assert "SIRETisation\n    in-progress - Pierre-Etienne Devineau (Etalab)" in output
    assert "Pseudonymisation de documents textuels\n    selected - David Libeau" in output
    assert "scraping" not in output  # rejected after the workshop


def test_organisations_across_season_counts_parents_through_sub_units() -> None:
    output = run("organisations_across_season.py")
    assert "Programme 10 %: 50 attendances over 10 events" in output
    assert "  1  Ministère de l'Intérieur\n  1    Gendarmerie nationale\n  1    DNUM" in output


def test_every_script_is_tested() -> None:
    tested = {"selected_proposals.py", "organisations_across_season.py", "calendar_file.py"}
    assert {path.name for path in SCRIPTS.glob("*.py")} <= tested


def test_calendar_file_writes_a_calendar_that_parses_back(tmp_path: Path) -> None:
    icalendar = pytest.importorskip("icalendar")
    target = tmp_path / "programme.ics"
    output = run(
        "calendar_file.py", target, ROOT / "examples" / "programme-10", "https://example.org"
    )
    assert output == f"10 events written to {target}\n"
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == 10
    workshop = next(e for e in events if "16 mai" in str(e["SUMMARY"]))
    assert workshop.decoded("DTSTART").isoformat() == "2022-05-16T09:30:00+02:00"
