"""Every install instruction works today: ideation is not on PyPI yet.

An install from the package index (``pip install 'ideation[sphinx]'``) fails with "No matching
distribution found". Each ``pip install`` the docs, the README or the command's messages give
must install from a clone (a path) or a git URL; the index form may appear only beside the
words that say it is for when ideation is published.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from ideation.cli import EXIT_USAGE, main

from .conftest import EXAMPLE, ROOT

# The target of a pip install: the first argument that is not an option.
PIP_INSTALL = re.compile(r"pip install((?:\s+-[-\w]+)*)\s+['\"]?([^'\"\s`]+(?: @ [^'\"\s`]+)?)")
LATER = re.compile(r"\b(PyPI|published)\b")


def _texts() -> list[Path]:
    return sorted(
        [ROOT / "README.md", *(ROOT / "docs").rglob("*.md"), *(ROOT / "src").rglob("*.py")]
    )


def _paragraphs(text: str) -> list[str]:
    return re.split(r"\n\s*\n", text)


def _from_the_index(target: str) -> bool:
    """Whether a pip install target names the ideation distribution on the package index."""
    return re.fullmatch(r"ideation(\[[\w,]+\])?", target) is not None


def test_every_install_of_ideation_works_without_the_package_index() -> None:
    wrong = []
    for path in _texts():
        for paragraph in _paragraphs(path.read_text(encoding="utf-8")):
            for match in PIP_INSTALL.finditer(paragraph):
                if _from_the_index(match[2]) and not LATER.search(paragraph):
                    wrong.append(f"{path.relative_to(ROOT)}: {match[0]}")
    assert wrong == []


def test_the_docs_show_an_install_from_a_clone() -> None:
    install = (ROOT / "docs" / "install.md").read_text(encoding="utf-8")
    assert "pip install -e '.[sphinx]'" in install
    assert "git clone" in install


def test_the_missing_package_hint_gives_an_install_that_works_today(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A None entry in sys.modules makes "import icalendar" fail, as if it were not installed.
    monkeypatch.setitem(sys.modules, "icalendar", None)
    code = main(["export", "ical", str(EXAMPLE), "-o", str(tmp_path / "feed.ics")])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE
    assert "pip install -e '.[export]' in a clone of ideation" in err
    assert "once ideation is on PyPI" in err
