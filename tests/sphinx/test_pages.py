"""The generated pages' stub files: written together, and made again when a crash left one empty."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest
from sphinx_roots import EXAMPLES

from ideation import model
from ideation.formats._catalogue import load_catalogue
from ideation.sphinx._pages import MARKER, generate_pages


@pytest.fixture(scope="module")
def example() -> model.Catalogue:
    return load_catalogue(EXAMPLES)


def _stubs(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_an_object_page_left_empty_by_a_crash_is_written_again(
    example: model.Catalogue, tmp_path: Path
) -> None:
    first = generate_pages(tmp_path, "ideation", [example])
    pages = _stubs(tmp_path / "ideation")
    proposal = next(path for path in first.written if path.suffix == ".ideation")
    # Object pages are not flushed to the disk one by one: after a crash of the system, one may
    # be found renamed into place but empty.
    proposal.write_text("", encoding="utf-8")
    again = generate_pages(tmp_path, "ideation", [example])
    assert again.written == [proposal]
    assert again.kept == []
    assert _stubs(tmp_path / "ideation") == pages


def test_an_empty_file_a_person_made_is_still_theirs(
    example: model.Catalogue, tmp_path: Path
) -> None:
    first = generate_pages(tmp_path, "ideation", [example])
    # Of an index page (.rst), as of a page in the project's own suffix, an empty file may be
    # a person's: it is left alone, as any file without the marker.
    index = next(path for path in first.written if path.name == "index.rst")
    index.write_text("", encoding="utf-8")
    proposal = next(path for path in first.written if path.suffix == ".ideation")
    mine = proposal.with_suffix(".md")
    mine.write_text("", encoding="utf-8")
    again = generate_pages(tmp_path, "ideation", [example])
    assert sorted(again.kept) == sorted([index, mine])
    assert index.read_text(encoding="utf-8") == ""
    assert mine.read_text(encoding="utf-8") == ""
    assert proposal in again.removed  # one document, one file: the person's


def test_stubs_are_written_all_or_none(
    example: model.Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.open
    made = 0

    def full_after_three(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        nonlocal made
        if flags & os.O_CREAT:
            made += 1
            if made > 3:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), os.fsdecode(path))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", full_after_three)
    with pytest.raises(OSError, match="no space left on device"):
        generate_pages(tmp_path, "ideation", [example])
    monkeypatch.undo()
    # Nothing half done: no page, no temporary file, no folder made for them.
    assert not (tmp_path / "ideation").exists()
    done = generate_pages(tmp_path, "ideation", [example])
    assert all(text.startswith(MARKER) for text in _stubs(tmp_path / "ideation").values())
    assert len(done.written) == len(_stubs(tmp_path / "ideation"))


def test_an_empty_object_page_of_an_object_gone_is_removed(
    example: model.Catalogue, tmp_path: Path
) -> None:
    generate_pages(tmp_path, "ideation", [example])
    gone = tmp_path / "ideation" / "proposals" / "gone.ideation"
    gone.write_text("", encoding="utf-8")
    done = generate_pages(tmp_path, "ideation", [example])
    assert done.removed == [gone]
    assert not gone.exists()
