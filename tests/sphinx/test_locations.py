"""Warnings about data files point at the real file (and line), with a normalised path.

Sphinx reads a location without a colon as a document name (``…/data`` became
``…/data.rst``, ``alias-bomb.md`` became ``alias-bomb.md.rst``), and a catalogue path
written relative to ``conf.py`` with ``..`` kept them in the warning.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from sphinx_roots import EXAMPLES, Builder, warnings_of

_LOCATION = re.compile(r"^(?P<file>.+?):(?P<line>\d*): WARNING: .*\[ideation\.data\]$")


def _broken_catalogues(base: Path) -> list[Path]:
    """Catalogues the loader refuses, each in its own way."""
    no_programme = base / "no-programme"
    (no_programme / "events").mkdir(parents=True)
    shutil.copy(EXAMPLES / "events" / "bootcamp.md", no_programme / "events")
    odd_files = Path(shutil.copytree(EXAMPLES, base / "odd-files"))
    (odd_files / "events" / "empty.yaml").write_text("", encoding="utf-8")
    (odd_files / "events" / "nul.yaml").write_bytes(b"title: a\x00b\nstart: 2022-01-01\n")
    (odd_files / "proposals" / "alias-bomb.md").write_text(
        "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c]\n"
        "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n---\n",
        encoding="utf-8",
    )
    missing = base / "missing"
    return [no_programme, odd_files, missing]


@pytest.mark.parametrize("relative", [False, True], ids=["absolute", "relative-with-dotdot"])
def test_data_warnings_name_real_files(build: Builder, tmp_path: Path, relative: bool) -> None:
    catalogues = _broken_catalogues(tmp_path / "data")
    srcdir = tmp_path / "project"
    # Written as users write them in conf.py: relative to its folder, through "..".
    paths = [
        os.path.relpath(path, srcdir / "sub") if relative else str(path) for path in catalogues
    ]
    if relative:
        paths = [f"sub/{path}" for path in paths]
    app = build("privacy", "html", srcdir=srcdir, ideation_catalogue=paths)
    warnings = [line for line in warnings_of(app).splitlines() if "[ideation.data]" in line]
    assert len(warnings) >= len(catalogues)
    for warning in warnings:
        found = _LOCATION.match(warning)
        assert found is not None, warning
        file = found["file"]
        assert os.path.isabs(file), warning
        assert file == os.path.normpath(file), warning
        assert not file.endswith(".rst"), warning
        if "does not exist" not in warning:
            assert Path(file).exists(), warning
    named = {Path(_LOCATION.match(w)["file"]).name for w in warnings}  # type: ignore[index]
    assert {"no-programme", "missing"} <= named | {p.name for p in Path(tmp_path).glob("*")}
    assert any(w.startswith(str(catalogues[1] / "proposals" / "alias-bomb.md:")) for w in warnings)
