"""``ideation.load``'s contract: a path that does not exist, and the type asked for."""

from __future__ import annotations

from pathlib import Path

import pytest

import ideation
from ideation.errors import DataError, UsageError

EXAMPLE = Path(__file__).parents[2] / "examples" / "programme-10"


@pytest.mark.parametrize("name", ["missing", "missing.yaml", "../missing", "missing/"])
def test_a_missing_path_is_said_to_be_missing(tmp_path: Path, name: str) -> None:
    path = tmp_path / "sub" / name
    with pytest.raises(DataError) as raised:
        ideation.load(path)
    (problem,) = raised.value.problems
    assert problem.message == "no such file or folder"
    assert problem.file == str(path)


def test_a_missing_relative_path_is_said_to_be_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataError, match=r"^\.\./missing: \$: no such file or folder$"):
        ideation.load("../missing")


@pytest.mark.parametrize(
    ("path", "cl"),
    [
        (EXAMPLE, ideation.Catalogue),
        (EXAMPLE / "events" / "atelier-ideation.md", ideation.Event),
        (EXAMPLE / "programme.yaml", ideation.Programme),
        (EXAMPLE / "candidates" / "ada-exemple.yaml", ideation.Candidate),
    ],
)
def test_load_with_a_type_gives_that_type(path: Path, cl: type) -> None:
    assert type(ideation.load(path, cl)) is cl


def test_load_refuses_a_type_it_cannot_give(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot load a int; expected one of Catalogue, Event"):
        ideation.load(EXAMPLE / "programme.yaml", int)  # type: ignore[type-var]
    with pytest.raises(UsageError, match="cannot load a Session"):
        ideation.loads("start: '09:30'\ntitle: t\n", ideation.Session)  # type: ignore[type-var]
    with pytest.raises(UsageError, match="folder, which holds a catalogue, not a Event"):
        ideation.load(EXAMPLE, ideation.Event)


def test_a_file_of_another_kind_is_a_data_error() -> None:
    # A proposal page asked for as an event: its problems say what an event lacks.
    with pytest.raises(DataError, match="expected a Event, but the file is in a proposals/ folder"):
        ideation.load(EXAMPLE / "proposals" / "annotation.md", ideation.Event)


@pytest.mark.parametrize("section", ["events", "proposals"])
def test_validate_load_and_the_extension_agree_on_a_folder_without_programme(
    tmp_path: Path, section: str
) -> None:
    from ideation.cli._checks import check_paths
    from ideation.formats import load_with_sources

    folder = tmp_path / "catalogue"
    (folder / section).mkdir(parents=True)
    (folder / section / "good.yaml").write_text("title: T\ndate: 2022-05-16\n")
    (folder / section / "bad.yaml").write_text("title: T\ndate: 2022-05-16\nslug: Bad\n")
    with pytest.raises(DataError) as loaded:
        ideation.load(folder)
    with pytest.raises(DataError) as sourced:  # what the Sphinx extension calls
        load_with_sources(folder)
    report = check_paths([folder])
    assert report.problems == loaded.value.problems == sourced.value.problems
    missing, bad = report.problems
    assert missing.message.startswith("expected a programme.yaml")
    assert missing.file == str(folder)
    # The missing programme hides nothing: every file is still checked.
    assert (bad.file, bad.line, bad.path) == (str(folder / section / "bad.yaml"), 3, "$.slug")


def test_a_folder_of_loose_data_files_is_checked_file_by_file(tmp_path: Path) -> None:
    from ideation.cli._checks import check_paths

    (tmp_path / "e.yaml").write_text("title: T\ndate: 2022-05-16\nstart: 2022-05-16\n")
    assert check_paths([tmp_path]).problems == ()
    with pytest.raises(DataError, match=r"expected a programme\.yaml"):
        ideation.load(tmp_path)


def test_the_extension_s_loader_says_a_missing_catalogue_is_missing(tmp_path: Path) -> None:
    from ideation.formats import load_with_sources

    with pytest.raises(DataError, match=r"missing: \$: no such file or folder$"):
        load_with_sources(tmp_path / "missing")


def test_a_candidate_file_is_read_as_one_with_or_without_its_type() -> None:
    file = EXAMPLE / "candidates" / "ada-exemple.yaml"
    assert ideation.load(file) == ideation.load(file, ideation.Candidate)
    text = file.read_text(encoding="utf-8")
    assert ideation.loads(text, ideation.Candidate) == ideation.load(file)
