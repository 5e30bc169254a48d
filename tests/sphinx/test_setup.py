"""What the extension's setup tells Sphinx: the environment version it is built with."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import pytest

from ideation._version import __version__
from ideation.sphinx import _built_with, _environment_version, _installed_version


def test_an_installed_library_gives_the_version_its_metadata_gives() -> None:
    for name in ("sphinx", "docutils", "attrs"):
        assert _installed_version(name) == importlib.metadata.version(name)


def test_a_library_that_is_not_installed_is_a_dash() -> None:
    assert _installed_version("ideation_no_such_library") == "-"


def test_an_importable_module_without_metadata_is_a_question_mark(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "ideation_loose_module.py").write_text("", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert _installed_version("ideation_loose_module") == "?"


def test_the_environment_version_changes_with_an_optional_library(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert _built_with()[0] == __version__
    before = _environment_version()
    monkeypatch.setattr("ideation.sphinx._installed_version", lambda name: "0.0-other")
    assert _environment_version() != before
