"""An estimated head count ("une trentaine") is shown as one, in the page's language."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("sphinx")

from sphinx.testing.util import SphinxTestApp

pytestmark = pytest.mark.sphinx

PROGRAMME = "slug: p\nname: P\n"
EVENT = """\
---
title: Kickoff
date: 2023-03-01
attendance:
  count: 30
  approximate: {approximate}
---
"""


@pytest.mark.parametrize(
    ("language", "approximate", "shown"),
    [("en", "true", "about 30"), ("fr", "true", "environ 30"), ("en", "false", "30")],
)
def test_an_estimated_count_says_so(
    tmp_path: Path, language: str, approximate: str, shown: str
) -> None:
    data = tmp_path / "data"
    (data / "events").mkdir(parents=True)
    (data / "programme.yaml").write_text(PROGRAMME, encoding="utf-8")
    (data / "events" / "kickoff.md").write_text(
        EVENT.format(approximate=approximate), encoding="utf-8"
    )
    (tmp_path / "conf.py").write_text(
        f'extensions = ["ideation.sphinx"]\nideation_catalogue = "data"\nlanguage = "{language}"\n',
        encoding="utf-8",
    )
    (tmp_path / "index.rst").write_text(
        "Kickoff\n=======\n\n.. ideation:attendance:: kickoff\n", encoding="utf-8"
    )
    app = SphinxTestApp("text", srcdir=tmp_path)
    try:
        app.build()
    finally:
        app.cleanup()
    text = (tmp_path / "_build" / "text" / "index.txt").read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines()]
    # A field list in the text builder: the name on one line, its value on the next.
    assert lines[lines.index("Participants:") + 1] == shown
