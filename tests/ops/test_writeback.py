"""Write-back: a file edited by people differs, after a change, only in the lines that changed."""

from __future__ import annotations

import datetime as dt
import difflib
import json
from pathlib import Path

import pytest

import ideation
from ideation.formats.writeback import write_changes

pytest.importorskip("ruamel.yaml")

COMMENTED_PAGE = """\
---
# The proposal as pitched in May
title: "Pseudonymisation de documents"   # quoted on purpose
date: 2022-05-18T13:00:00+01:00
summary: La Cour de cassation partage sa méthode et son logiciel d'annotation, Label, pour aider
  d'autres administrations à pseudonymiser leurs documents textuels, un texte long et plié.
wanted_profiles:
  - Data scientist   # at least one
  - 'Développeurs'
tags: [a, b]
status: submitted
history:
  - status: submitted
    date: 2022-04-01   # from the questionnaire
unknown_key: kept   # the model does not know it
---

Body text with  double  spaces, and *Markdown*.

- a list in the body
"""


def _changed_lines(old: str, new: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def _advance(path: Path) -> str:
    before = ideation.load(path, ideation.Proposal)
    after = before.advance("shortlisted", dt.date(2022, 5, 16), event="atelier")
    old = path.read_text(encoding="utf-8")
    assert write_changes(path, before, after)
    return old


def test_a_commented_page_differs_only_in_its_status_lines(tmp_path: Path) -> None:
    path = tmp_path / "demo.md"
    path.write_text(COMMENTED_PAGE, encoding="utf-8")
    old = _advance(path)
    new = path.read_text(encoding="utf-8")
    assert _changed_lines(old, new) == [
        "-status: submitted",
        "+status: shortlisted",
        "+  - status: shortlisted",
        "+    date: 2022-05-16",
        "+    event: atelier",
    ]
    assert ideation.load(path, ideation.Proposal).status == "shortlisted"


def test_a_yaml_file_with_a_dash_at_the_key_column_keeps_its_style(tmp_path: Path) -> None:
    path = tmp_path / "demo.yaml"
    path.write_text(
        "slug: demo\ntitle: Demo  # title\nhistory:\n- status: submitted\n  date: 2022-04-01\n",
        encoding="utf-8",
    )
    old = _advance(path)
    assert _changed_lines(old, path.read_text(encoding="utf-8")) == [
        "+- status: shortlisted",
        "+  date: 2022-05-16",
        "+  event: atelier",
    ]


def test_a_toml_page_keeps_its_comments(tmp_path: Path) -> None:
    pytest.importorskip("tomlkit")
    path = tmp_path / "demo.md"
    path.write_text(
        '+++\ntitle = "Demo"  # the title\nslug = "demo"\n\n[[history]]\nstatus = "submitted"\n'
        "date = 2022-04-01\n+++\n\nThe body.\n",
        encoding="utf-8",
    )
    old = _advance(path)
    new = path.read_text(encoding="utf-8")
    assert 'title = "Demo"  # the title' in new
    assert new.endswith("+++\n\nThe body.\n")
    assert all(line.startswith("+") for line in _changed_lines(old, new))
    assert ideation.load(path, ideation.Proposal).status == "shortlisted"


def test_a_json_file_keeps_its_indentation_and_key_order(tmp_path: Path) -> None:
    path = tmp_path / "demo.json"
    data = {
        "title": "Demo",
        "slug": "demo",
        "history": [{"status": "submitted", "date": "2022-04-01"}],
    }
    path.write_text(json.dumps(data, indent=4) + "\n", encoding="utf-8")
    old = _advance(path)
    new = path.read_text(encoding="utf-8")
    assert new.startswith('{\n    "title": "Demo",\n    "slug": "demo",')
    assert ideation.load(path, ideation.Proposal).status == "shortlisted"
    assert len(_changed_lines(old, new)) <= 8


def test_crlf_files_stay_crlf(tmp_path: Path) -> None:
    path = tmp_path / "demo.yaml"
    path.write_bytes(b"slug: demo\r\ntitle: Demo\r\n")
    _advance(path)
    raw = path.read_bytes()
    assert b"\r\n" in raw
    assert b"\n" not in raw.replace(b"\r\n", b"")


def test_an_unchanged_object_leaves_the_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / "demo.md"
    path.write_text(COMMENTED_PAGE, encoding="utf-8")
    proposal = ideation.load(path, ideation.Proposal)
    assert not write_changes(path, proposal, proposal)
    assert path.read_text(encoding="utf-8") == COMMENTED_PAGE


def test_a_changed_description_rewrites_only_the_body(tmp_path: Path) -> None:
    import attrs

    path = tmp_path / "demo.md"
    path.write_text(COMMENTED_PAGE, encoding="utf-8")
    before = ideation.load(path, ideation.Proposal)
    write_changes(path, before, attrs.evolve(before, description="A new body."))
    text = path.read_text(encoding="utf-8")
    assert text.startswith(COMMENTED_PAGE.split("\n---\n")[0])
    assert text.endswith("---\n\nA new body.\n")


def test_a_one_file_catalogue_changes_only_in_the_changed_proposal(tmp_path: Path) -> None:
    import attrs

    from ideation.ops import write_back

    example = Path(__file__).resolve().parents[2] / "examples" / "programme-10"
    path = tmp_path / "catalogue.yaml"
    ideation.dump(ideation.load(example), path)
    path.write_text("# One file\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    old = path.read_text(encoding="utf-8")
    before = ideation.load(path)
    assert isinstance(before, ideation.Catalogue)
    changed = before.proposal("liria").advance("delivered", dt.date(2022, 11, 30))
    after = attrs.evolve(
        before, proposals=[changed if p.slug == "liria" else p for p in before.proposals]
    )
    assert write_back(path, before, after) == [path]
    # The file has no status line for liria (the history implies it): only the step is added.
    assert _changed_lines(old, path.read_text(encoding="utf-8")) == [
        "+  - status: delivered",
        "+    date: 2022-11-30",
    ]
    reloaded = ideation.load(path)
    assert isinstance(reloaded, ideation.Catalogue)
    assert reloaded.proposal("liria").status == "delivered"
