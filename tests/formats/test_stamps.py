"""``stamps_under``: what the builds compare to tell that data files or generated pages changed."""

from __future__ import annotations

import os
from pathlib import Path

from ideation._io import stamps_under


def _tree(root: Path) -> Path:
    (root / "events" / "deep").mkdir(parents=True)
    (root / "empty").mkdir()
    (root / "programme.yaml").write_text("slug: p\n", encoding="utf-8")
    (root / "events" / "a.md").write_text("a", encoding="utf-8")
    (root / "events" / "deep" / "b.md").write_text("bb", encoding="utf-8")
    return root


def _names(root: Path, found: list[tuple[str, int, int]]) -> list[tuple[str, int]]:
    return [(Path(path).relative_to(root).as_posix(), size) for path, _mtime, size in found]


def test_every_file_and_folder_at_every_depth(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    assert _names(root, stamps_under(root, folders=True)) == [
        ("empty", -1),
        ("events", -1),
        ("events/a.md", 1),
        ("events/deep", -1),
        ("events/deep/b.md", 2),
        ("programme.yaml", 8),
    ]


def test_depth_limits_the_subfolders_entered(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    assert _names(root, stamps_under(root, depth=1)) == [("events/a.md", 1), ("programme.yaml", 8)]
    assert _names(root, stamps_under(root, depth=0)) == [("programme.yaml", 8)]


def test_links_to_folders_are_entered_only_when_asked(tmp_path: Path) -> None:
    root = _tree(tmp_path / "site")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "c.md").write_text("ccc", encoding="utf-8")
    os.symlink(elsewhere, root / "linked")
    assert ("linked/c.md", 3) not in _names(root, stamps_under(root))
    assert ("linked/c.md", 3) in _names(root, stamps_under(root, depth=1, follow_links=True))


def test_a_change_changes_the_stamps_and_a_missing_folder_has_none(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    before = stamps_under(root)
    (root / "events" / "a.md").write_text("a longer text", encoding="utf-8")
    assert stamps_under(root) != before
    assert stamps_under(tmp_path / "missing") == []
