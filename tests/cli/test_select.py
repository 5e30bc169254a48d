"""``ideation select``: nothing written unless asked, ties at the cut-off reported, decimals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import ideation

from .helpers import files, run

pytest.importorskip("ruamel.yaml")


def _catalogue(folder: Path, scores: dict[str, float]) -> Path:
    """A catalogue whose one event ``atelier`` gave each proposal one vote of its score."""
    (folder / "events").mkdir(parents=True)
    (folder / "proposals").mkdir()
    (folder / "programme.yaml").write_text("slug: p\nname: P\n", encoding="utf-8")
    for slug in scores:
        page = f"---\ntitle: Proposal {slug}\n---\n\nText of {slug}.\n"
        (folder / "proposals" / f"{slug}.md").write_text(page, encoding="utf-8")
    votes = "".join(f"- {{proposal: {p}, score: {s}}}\n" for p, s in scores.items())
    page = f"---\ntitle: Atelier\ndate: 2023-05-16\nvotes:\n{votes}---\n"
    (folder / "events" / "atelier.md").write_text(page, encoding="utf-8")
    return folder


TIED = {"a": 17.5, "b": 12, "c": 12, "d": 12, "e": 3.25}


def _statuses(folder: Path) -> dict[str, str]:
    catalogue = ideation.load(folder, ideation.Catalogue)
    return {p.slug: p.status.value for p in catalogue.proposals}


@pytest.mark.parametrize("extra", [[], ["--dry-run"], ["--reject-others"], ["--ties", "include"]])
def test_without_write_no_file_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str]
) -> None:
    folder = _catalogue(tmp_path / "c", TIED)
    before = files(folder)
    code, out, err = run(capsys, "select", str(folder), "--event", "atelier", "--top", "2", *extra)
    assert code == 0
    assert files(folder) == before
    assert "nothing written" in err
    assert "to record as shortlisted" in out


def test_with_write_a_tie_at_the_cut_off_is_reported_and_held_for_a_run_off(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _catalogue(tmp_path / "c", TIED)
    code, out, err = run(
        capsys, "select", str(folder), "--event", "atelier", "--top", "2", "--write"
    )
    assert code == 0
    assert "warning: tie at the cut-off: b, c, d have score 12 and 1 voter(s) for 1 place(s)" in err
    assert "Tie at the cut-off" in out
    # a is kept; the tied are left for a run-off; the others are not rejected unasked.
    assert _statuses(folder) == {
        "a": "shortlisted",
        "b": "submitted",
        "c": "submitted",
        "d": "submitted",
        "e": "submitted",
    }


def test_ties_include_and_reject_others(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _catalogue(tmp_path / "c", TIED)
    argv = ["--top", "2", "--write", "--ties", "include", "--reject-others", "--format", "json"]
    code, out, _ = run(capsys, "select", str(folder), "--event", "atelier", *argv)
    assert code == 0
    data = json.loads(out)
    assert data["tie"] == {
        "proposals": ["b", "c", "d"],
        "score": 12,
        "voters": 1,
        "places": 1,
        "resolution": "include",
    }
    assert data["ranking"][0]["score"] == 17.5
    assert _statuses(folder) == {
        "a": "shortlisted",
        "b": "shortlisted",
        "c": "shortlisted",
        "d": "shortlisted",
        "e": "rejected",
    }


def test_a_decimal_threshold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _catalogue(tmp_path / "c", TIED)
    code, _, _ = run(
        capsys, "select", str(folder), "--event", "atelier", "--threshold", "12.5", "--write"
    )
    assert code == 0
    assert _statuses(folder)["a"] == "shortlisted"
    assert _statuses(folder)["b"] == "submitted"


def test_write_and_dry_run_together_are_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _catalogue(tmp_path / "c", TIED)
    argv = ["--event", "atelier", "--top", "1", "--write", "--dry-run"]
    code, _, err = run(capsys, "select", str(folder), *argv)
    assert code == 2
    assert "contradict" in err
