"""``ideation teams`` over a season: recorded teams kept, the withdrawn removed, places filled.

Runs on a copy of the example catalogue (``examples/programme-10``), as an organiser would.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import ideation

from .helpers import files, run

pytest.importorskip("scipy")
pytest.importorskip("ruamel.yaml")

EXAMPLE = Path(__file__).parents[2] / "examples" / "programme-10"


@pytest.fixture
def season(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A copy of the example with its teams recorded by a first ``teams --write``."""
    folder = tmp_path / "programme-10"
    shutil.copytree(EXAMPLE, folder)
    code, _, _ = run(capsys, "teams", str(folder), "--write")
    assert code == 0
    return folder


def _teams(folder: Path) -> dict[str, tuple[str, ...]]:
    catalogue = ideation.load(folder, ideation.Catalogue)
    return {p.slug: p.team for p in catalogue.proposals if p.team}


def _placements(teams: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {member: slug for slug, members in teams.items() for member in members}


def _withdraw(folder: Path, slug: str, day: str) -> None:
    path = folder / "candidates" / f"{slug}.yaml"
    path.write_text(path.read_text(encoding="utf-8") + f"withdrawn: {day}\n", encoding="utf-8")


def test_a_rerun_with_nothing_new_changes_no_file(
    season: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = files(season)
    code, out, err = run(capsys, "teams", str(season), "--write")
    assert code == 0
    assert "nobody moved: every recorded placement is kept" in out
    assert "wrote" not in err
    assert files(season) == before


def test_two_withdrawals_keep_every_other_placement_and_fill_the_places(
    season: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recorded = _placements(_teams(season))
    gone = sorted(recorded)[:2]
    for slug in gone:
        _withdraw(season, slug, "2023-06-01")
    # A late joiner who wishes for the first one's proposal: the free place is theirs.
    freed = recorded[gone[0]]
    (season / "candidates" / "late-joiner.yaml").write_text(
        f"name: Late Joiner\nwishes: [{freed}]\nseason: '2022'\n", encoding="utf-8"
    )
    assert run(capsys, "validate", str(season))[0] == 0
    code, out, _ = run(capsys, "teams", str(season), "--write")
    assert code == 0
    after = _placements(_teams(season))
    for slug, proposal in recorded.items():
        if slug not in gone:
            assert after[slug] == proposal  # nobody else moved
    assert not set(gone) & set(after)
    assert after["late-joiner"] == freed
    for slug in gone:
        assert f"{slug}: {recorded[slug]} -> off the team (withdrew on 2023-06-01)" in out
    assert "late-joiner: joins" in out
    catalogue = ideation.load(season, ideation.Catalogue)
    note = catalogue.proposal(freed).history[-1]
    assert note.status is catalogue.proposal(freed).status
    assert note.note is not None
    assert "withdrew" in note.note
    assert gone[0] not in note.note  # counts, never names: the history is published
    assert run(capsys, "validate", str(season))[0] == 0


def test_from_scratch_pin_and_exclude(season: Path, capsys: pytest.CaptureFixture[str]) -> None:
    recorded = _placements(_teams(season))
    someone, other = sorted(recorded)[:2]
    target = next(p for p in sorted(_teams(season)) if p != recorded[someone])
    code, out, _ = run(
        capsys,
        "teams",
        str(season),
        "--format",
        "json",
        "--pin",
        f"{someone}={target}",
        "--exclude",
        other,
    )
    assert code == 0
    data = json.loads(out)
    placed = {m: p for p, members in data["teams"].items() for m in members}
    assert placed[someone] == target
    assert other not in placed
    reasons = {c["candidate"]: c["reason"] for c in data["changes"]}
    assert "--pin" in reasons[someone]
    assert "--exclude" in reasons[other]
    # Without --write nothing is recorded; --from-scratch may move anyone, and says so.
    assert _placements(_teams(season)) == recorded
    code, out, _ = run(capsys, "teams", str(season), "--from-scratch")
    assert code == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--pin", "nobody=insee"], "no candidate 'nobody'"),
        (["--pin", "candidate-1=not-a-proposal"], "'not-a-proposal' is not a selected"),
        (["--pin", "candidate-1"], "expected --pin CANDIDATE=PROPOSAL"),
        (["--exclude", "nobody"], "--exclude nobody: no candidate"),
    ],
)
def test_a_bad_decision_is_a_usage_error(
    season: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, _, err = run(capsys, "teams", str(season), *argv)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_a_deleted_candidate_on_a_recorded_team_is_one_clear_problem(
    season: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    member = sorted(_placements(_teams(season)))[0]
    (season / "candidates" / f"{member}.yaml").unlink()
    code, _, err = run(capsys, "teams", str(season))
    assert code == 1
    assert f"expected the slug of a known candidate, got {member!r}" in err
    assert "Traceback" not in err


def test_the_command_and_the_sqlite_export_agree_on_the_recorded_teams(
    season: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import sqlite3

    member = sorted(_placements(_teams(season)))[0]
    _withdraw(season, member, "2023-06-01")
    assert run(capsys, "teams", str(season), "--write")[0] == 0
    database = tmp_path / "season.sqlite"
    assert run(capsys, "export", "sqlite", str(season), "-o", str(database))[0] == 0
    with sqlite3.connect(database) as db:
        rows = db.execute("SELECT proposal, candidate FROM team_members").fetchall()
        left = db.execute("SELECT slug, withdrawn FROM candidates WHERE withdrawn IS NOT NULL")
        withdrawn = left.fetchall()
    exported: dict[str, set[str]] = {}
    for proposal, candidate in rows:
        exported.setdefault(proposal, set()).add(candidate)
    assert exported == {slug: set(members) for slug, members in _teams(season).items()}
    code, out, _ = run(capsys, "teams", str(season), "--format", "json")
    assert code == 0
    computed = json.loads(out)["teams"]
    assert {k: set(v) for k, v in computed.items() if v} == exported
    assert withdrawn == [(member, "2023-06-01")]


def test_the_mixed_team_rule_is_explained_per_team(
    season: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    programme = season / "programme.yaml"
    text = programme.read_text(encoding="utf-8")
    programme.write_text(text + "team_size:\n  max_per_ministry: 1\n", encoding="utf-8")
    code, out, _ = run(capsys, "teams", str(season), "--from-scratch")
    assert code == 0
    assert "mixed-team rule missed by" in out.splitlines()[0]
    assert "mixed team (at most 1 per ministry): " in out
    # The programme's rule is applied, never written into the proposals' files.
    code, _, _ = run(capsys, "teams", str(season), "--from-scratch", "--write")
    assert code == 0
    assert all(
        "max_per_ministry" not in path.read_text(encoding="utf-8")
        for path in (season / "proposals").iterdir()
    )
