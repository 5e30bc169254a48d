"""The front door is typed: a README-style script passes ``mypy --strict`` as it is written."""

from __future__ import annotations

from pathlib import Path

import pytest

mypy_api = pytest.importorskip("mypy.api")  # a dev tool, not one of the project's modules

SCRIPT = """
from pathlib import Path
from typing import assert_type

import ideation

catalogue = ideation.load("examples/programme-10", ideation.Catalogue)
assert_type(catalogue, ideation.Catalogue)
workshop = catalogue.event("atelier-ideation")
for session in workshop.sessions:
    print(session.start.strftime("%H:%M"), session.title)

assert_type(ideation.load(Path("e.md"), ideation.Event), ideation.Event)
assert_type(ideation.load("p.md", ideation.Proposal), ideation.Proposal)
assert_type(ideation.load("p.yaml", ideation.Programme), ideation.Programme)
assert_type(ideation.load("o.yaml", ideation.Organisation), ideation.Organisation)
assert_type(ideation.loads("slug: a", ideation.Event), ideation.Event)
assert_type(ideation.load("c.yaml", ideation.Candidate), ideation.Candidate)
anything = ideation.load("x.yaml")
assert_type(
    anything,
    ideation.Catalogue
    | ideation.Event
    | ideation.Proposal
    | ideation.Programme
    | ideation.Organisation
    | ideation.Candidate,
)
moved = catalogue.proposals[0].advance(ideation.ProposalStatus.SELECTED, workshop.first_day)
assert_type(moved, ideation.Proposal)
"""

WRONG = """
import ideation

ideation.load("x.yaml", int)
"""


def _mypy(tmp_path: Path, text: str) -> tuple[str, int]:
    script = tmp_path / "script.py"
    script.write_text(text, encoding="utf-8")
    out, err, status = mypy_api.run(
        ["--strict", "--no-incremental", "--cache-dir", str(tmp_path / "cache"), str(script)]
    )
    return out + err, status


def test_a_readme_style_script_passes_mypy_strict(tmp_path: Path) -> None:
    output, status = _mypy(tmp_path, SCRIPT)
    assert status == 0, output


def test_loading_a_class_that_is_not_loadable_is_a_type_error(tmp_path: Path) -> None:
    output, status = _mypy(tmp_path, WRONG)
    assert status == 1
    assert "script.py:4: error" in output
