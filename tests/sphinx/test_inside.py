"""A catalogue kept inside the source folder is data, not pages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sphinx_roots import EXAMPLES, ROOTS, Builder, warnings_of


@pytest.mark.parametrize("written", ["data", "./data/", "sub/../data", ["data"]])
def test_a_catalogue_inside_the_source_folder_is_not_read_as_pages(
    build: Builder, tmp_path: Path, written: str | list[str]
) -> None:
    srcdir = Path(shutil.copytree(ROOTS / "test-inside", tmp_path / "project"))
    shutil.copytree(EXAMPLES, srcdir / "data")
    app = build("inside", "html", srcdir=srcdir, ideation_catalogue=written, nitpicky=True)
    assert sorted(app.env.found_docs) == ["index"]
    assert warnings_of(app) == ""
    assert "Atelier d" in (app.outdir / "index.html").read_text(encoding="utf-8")
