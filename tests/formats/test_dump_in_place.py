"""``ideation.dump`` over an existing data file changes only what differs, and the file always
reads back as the object written."""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

from hypothesis import HealthCheck, given, settings

import ideation
from ideation import model

from .. import strategies

COMMENTED = """\
# Proposed at the questionnaire; keep this comment.
slug: maps   # the slug stays
title: 'Maps of services'
status: submitted
summary: >-
  A long folded summary that
  spans two lines.
"""


def _changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="")
        if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))
    ]


def test_a_status_change_leaves_comments_quoting_and_folding_alone(tmp_path: Path) -> None:
    path = tmp_path / "maps.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    proposal = ideation.load(path, ideation.Proposal)
    moved = proposal.advance("shortlisted", dt.date(2022, 5, 16), event="atelier")
    ideation.dump(moved, path)
    after = path.read_text(encoding="utf-8")
    assert _changed_lines(COMMENTED, after) == [
        "-status: submitted",
        "+status: shortlisted",
        "+history:",
        "+- status: shortlisted",
        "+  date: 2022-05-16",
        "+  event: atelier",
    ]
    assert ideation.load(path, ideation.Proposal) == moved


def test_a_markdown_page_keeps_its_body_and_front_matter_comments(tmp_path: Path) -> None:
    path = tmp_path / "proposals" / "maps.md"
    path.parent.mkdir()
    text = "---\n" + COMMENTED + "---\n\nThe body, *as written*.\n"
    path.write_text(text, encoding="utf-8")
    proposal = ideation.load(path, ideation.Proposal)
    ideation.dump(proposal.advance("rejected", dt.date(2022, 5, 16)), path)
    after = path.read_text(encoding="utf-8")
    assert "# Proposed at the questionnaire; keep this comment." in after
    assert after.endswith("\nThe body, *as written*.\n")
    assert [line for line in _changed_lines(text, after) if "status" in line] == [
        "-status: submitted",
        "+status: rejected",
        "+- status: rejected",
    ]


def test_a_file_that_does_not_load_is_replaced_whole(tmp_path: Path) -> None:
    path = tmp_path / "maps.yaml"
    path.write_text("slug: [broken\n", encoding="utf-8")
    proposal = model.Proposal(slug="maps", title="Maps")
    ideation.dump(proposal, path)
    assert ideation.load(path, ideation.Proposal) == proposal


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=strategies.proposals(), second=strategies.proposals())
def test_writing_over_a_file_always_reads_back_as_the_object_written(
    tmp_path: Path, first: model.Proposal, second: model.Proposal
) -> None:
    for suffix in (".yaml", ".toml", ".json", ".md"):
        path = tmp_path / f"proposal{suffix}"
        path.unlink(missing_ok=True)
        ideation.dump(first, path)
        ideation.dump(second, path)
        assert ideation.load(path, ideation.Proposal) == second
