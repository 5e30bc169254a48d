"""Each file is read once per load, even when it has problems to report with their lines.

The problems are located in the text read the first time (parsed again if need be), never by
reading the file a second time: a file that changes between two reads would give lines that do
not match the problems, and a large file costs its read twice.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

import ideation
from ideation.errors import DataError
from ideation.model import PlainMapping, PlainValue


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times each file is read, by name (every reader goes through ``read_bytes``)."""
    counted: Counter[str] = Counter()
    original = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        counted[self.name] += 1
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    return counted


def _catalogue(proposals: list[PlainValue]) -> PlainMapping:
    return {
        "programme": {"slug": "p", "name": "P", "phases": [{"slug": "one", "name": "One"}]},
        "organisations": [{"slug": "org", "name": "Org"}],
        "proposals": proposals,
    }


def test_a_folder_with_problems_in_several_files_reads_each_once(
    tmp_path: Path, reads: Counter[str]
) -> None:
    (tmp_path / "events").mkdir()
    (tmp_path / "proposals").mkdir()
    (tmp_path / "programme.yaml").write_text(
        "slug: p\nname: P\nphases:\n- slug: one\n  name: One\n  start: someday\n"
    )
    (tmp_path / "events" / "broken.md").write_text("---\ntitle: B\ndate: soon\n---\n")
    (tmp_path / "events" / "good.md").write_text(
        "---\ntitle: G\ndate: 2022-01-01\nproposals: [ghost]\n---\n"
    )
    (tmp_path / "proposals" / "half.json").write_text(
        json.dumps({"title": "H", "status": "dreaming"}, indent=2)
    )
    (tmp_path / "proposals" / "odd.toml").write_text('title = "O"\nsponsors = ["nobody"]\n')
    with pytest.raises(DataError) as caught:
        ideation.load(tmp_path)
    lines = {(Path(p.file or "").name, p.path): p.line for p in caught.value.problems}
    assert lines[("programme.yaml", "$.phases[0].start")] == 6
    assert lines[("broken.md", "$.date")] == 3
    assert lines[("good.md", "$.proposals[0]")] == 4
    assert lines[("half.json", "$.status")] == 3
    assert lines[("odd.toml", "$.sponsors[0]")] == 2
    assert reads == dict.fromkeys(
        ["programme.yaml", "broken.md", "good.md", "half.json", "odd.toml"], 1
    )


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_a_catalogue_file_with_problems_in_several_entries_is_read_once(
    tmp_path: Path, reads: Counter[str], suffix: str
) -> None:
    data = _catalogue(
        [
            {"slug": "a", "title": "A", "status": "dreaming"},
            {"slug": "b", "title": "B"},
            {"slug": "Not A Slug", "title": "C", "sponsors": ["nobody"]},
        ]
    )
    path = tmp_path / f"catalogue{suffix}"
    path.write_text(ideation.formats.FORMATS[suffix[1:]].render(data))
    with pytest.raises(DataError) as caught:
        ideation.load(path)
    paths = {problem.path for problem in caught.value.problems}
    assert {"$.proposals[0].status", "$.proposals[2].slug"} <= paths
    assert all(problem.line is not None for problem in caught.value.problems)
    assert reads == {path.name: 1}


def test_a_valid_json_file_is_read_once(tmp_path: Path, reads: Counter[str]) -> None:
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(_catalogue([{"slug": "a", "title": "A"}])))
    assert len(ideation.load(path, ideation.Catalogue).proposals) == 1
    assert reads == {path.name: 1}
