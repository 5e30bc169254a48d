"""One run reports the problems of each file and the references across files together.

References are checked among the objects that could be built; a reference to an object whose
own file is broken is not reported (the object exists: its file's problem is the one to fix).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import ideation
from ideation.cli import main
from ideation.errors import DataError

PROGRAMME = (
    "slug: p\nname: P\nphases:\n- slug: one\n  name: One\n"
    "organisations:\n- slug: org\n  name: Org\n"
)


def _folder(root: Path, programme: str = PROGRAMME) -> Path:
    (root / "events").mkdir(parents=True)
    (root / "proposals").mkdir()
    if programme:
        (root / "programme.yaml").write_text(programme)
    # A broken event (its date), and a broken proposal whose slug others name.
    (root / "events" / "broken.md").write_text("---\ntitle: B\ndate: soon\n---\n")
    (root / "proposals" / "half.yaml").write_text("title: H\nstatus: dreaming\n")
    # Good files, with one reference that resolves nowhere and others to broken objects.
    (root / "events" / "good.md").write_text(
        "---\ntitle: G\ndate: 2022-01-01\nphase: one\norganisers: [org]\n"
        "proposals:\n- half\n- ghost\n---\n"
    )
    (root / "proposals" / "fine.yaml").write_text(
        "title: F\nevents:\n- broken\n- good\n- nowhere\nsponsors: [org, nobody]\n"
    )
    return root


def _reported(error: DataError) -> set[tuple[str, int | None, str]]:
    return {(Path(p.file or "").name, p.line, p.path) for p in error.problems}


def test_file_problems_and_references_are_reported_in_one_run(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        ideation.load(_folder(tmp_path))
    assert _reported(caught.value) == {
        ("broken.md", 3, "$.date"),
        ("half.yaml", 2, "$.status"),
        ("good.md", 8, "$.proposals[1]"),
        ("fine.yaml", 5, "$.events[2]"),
        ("fine.yaml", 6, "$.sponsors[1]"),
    }


def test_references_to_a_programme_that_does_not_build_are_checked_from_its_data(
    tmp_path: Path,
) -> None:
    # The programme has a problem of its own; its phases and organisations are still known.
    root = _folder(tmp_path, PROGRAMME.replace("name: P\n", "name: P\nwebsite: [1]\n"))
    (root / "events" / "good.md").write_text(
        "---\ntitle: G\ndate: 2022-01-01\nphase: two\norganisers: [org, nobody]\n---\n"
    )
    with pytest.raises(DataError) as caught:
        ideation.load(root)
    paths = {(name, path) for name, _, path in _reported(caught.value)}
    assert {("programme.yaml", "$.website"), ("good.md", "$.phase")} <= paths
    assert ("good.md", "$.organisers[1]") in paths
    assert ("good.md", "$.organisers[0]") not in paths


@pytest.mark.parametrize("programme", ["", "slug: p\nname: [unclosed\n"])
def test_without_a_programme_references_between_items_are_still_checked(
    tmp_path: Path, programme: str
) -> None:
    with pytest.raises(DataError) as caught:
        ideation.load(_folder(tmp_path, programme))
    reported = _reported(caught.value)
    assert ("good.md", 8, "$.proposals[1]") in reported
    assert ("fine.yaml", 5, "$.events[2]") in reported
    # What the programme would have told (phases, organisations) is not guessed.
    assert not any(
        path.startswith(("$.phase", "$.organisers", "$.sponsors")) for _, _, path in reported
    )


def test_validate_prints_both_kinds_in_one_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(_folder(tmp_path))]) == 1
    out = capsys.readouterr().out
    assert "broken.md:3: $.date:" in out
    assert "good.md:8: $.proposals[1]: expected the slug of a known proposal, got 'ghost'" in out


def test_a_catalogue_file_reports_its_entries_and_references_together(tmp_path: Path) -> None:
    data = {
        "programme": {"slug": "p", "name": "P"},
        "organisations": [{"slug": "org", "name": "Org", "kind": "guild"}],
        "events": [
            {"slug": "e", "title": "E", "date": "soon"},
            {"slug": "f", "title": "F", "date": "2022-01-01", "proposals": ["x", "ghost"]},
        ],
        "proposals": [{"slug": "x", "title": "X", "events": ["e", "nowhere"], "sponsors": ["org"]}],
    }
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(data, indent=1))
    lines = path.read_text().splitlines()
    with pytest.raises(DataError) as caught:
        ideation.load(path)

    def line(text: str) -> int:
        return next(n for n, line in enumerate(lines, 1) if text in line)

    assert _reported(caught.value) == {
        ("catalogue.json", line('"guild"'), "$.organisations[0].kind"),
        ("catalogue.json", line('"soon"'), "$.events[0].date"),
        ("catalogue.json", line('"ghost"'), "$.events[1].proposals[1]"),
        ("catalogue.json", line('"nowhere"'), "$.proposals[0].events[1]"),
    }
