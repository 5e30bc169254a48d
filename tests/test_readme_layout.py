"""The README's layout table agrees with the tree: it names every part of the package, and
every path it names exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "ideation"
# Files every package has that a reader of the layout does not need to be told about.
HOUSEKEEPING = {"__main__.py", "_version.py", "py.typed", "__pycache__"}


def _named_paths() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Layout", 1)[1].split("\n## ", 1)[0]
    return {
        path.rstrip("/")
        for row in section.splitlines()
        if row.startswith("| `")
        for path in re.findall(r"`([^`]+)`", row.split("|")[1])
    }


def test_every_path_of_the_layout_table_exists() -> None:
    named = _named_paths()
    assert named, "the README has no layout table"
    assert sorted(path for path in named if not (ROOT / path).exists()) == []


def test_the_layout_table_names_every_part_of_the_package() -> None:
    named = _named_paths()
    parts = {
        f"src/ideation/{entry.name}"
        for entry in PACKAGE.iterdir()
        if entry.name not in HOUSEKEEPING
    }
    assert sorted(parts - named) == []
