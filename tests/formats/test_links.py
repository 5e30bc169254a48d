"""A catalogue folder reads the files inside it only: links that leave it are problems.

Data files come from pull requests: a file that is a symbolic link to ``/etc/passwd``, to a
valid data file elsewhere, a section folder that leads out, a loop or a link to nothing are
each reported at the link's own path, and nothing of what they point to is read or shown.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import ideation
from ideation import model
from ideation.cli import main
from ideation.errors import DataError
from ideation.formats import catalogue_files
from ideation.hugo import import_site

SECRET = "s3cr3t-marker"
PROGRAMME = "slug: p\nname: P\n"
EVENT = "---\ntitle: E\ndate: 2022-01-01\n---\nBody.\n"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the catalogue, with data files and a secret in each."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "event.md").write_text(f"---\ntitle: {SECRET}\ndate: 2022-01-01\n---\n{SECRET}\n")
    (folder / "passwd").write_text(f"root:x:0:0:{SECRET}:/root:/bin/bash\n")
    (folder / "programme.yaml").write_text(f"slug: {SECRET}\nname: {SECRET}\n")
    return folder


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    root = tmp_path / "catalogue"
    (root / "events").mkdir(parents=True)
    (root / "proposals").mkdir()
    (root / "programme.yaml").write_text(PROGRAMME)
    (root / "events" / "good.md").write_text(EVENT)
    return root


def _problems(path: Path) -> list[tuple[str, str]]:
    with pytest.raises(DataError) as caught:
        ideation.load(path)
    assert SECRET not in str(caught.value)
    return [(Path(p.file or "").name, p.message) for p in caught.value.problems]


@pytest.mark.parametrize("target", ["event.md", "passwd"])
def test_a_data_file_linked_out_of_the_folder_is_a_problem_at_the_link(
    catalogue: Path, outside: Path, target: str
) -> None:
    os.symlink(outside / target, catalogue / "events" / "leak.md")
    (problem,) = _problems(catalogue)
    assert problem[0] == "leak.md"
    assert "leads out of the catalogue folder" in problem[1]
    assert catalogue / "events" / "leak.md" not in catalogue_files(catalogue)


def test_a_relative_link_out_is_refused_too(catalogue: Path, outside: Path) -> None:
    os.symlink("../../elsewhere/event.md", catalogue / "events" / "leak.md")
    assert [name for name, _ in _problems(catalogue)] == ["leak.md"]


def test_a_section_folder_linked_out_is_one_problem_and_is_not_listed(
    catalogue: Path, outside: Path
) -> None:
    (catalogue / "proposals").rmdir()
    os.symlink(outside, catalogue / "proposals")
    (problem,) = _problems(catalogue)
    assert problem[0] == "proposals"
    assert catalogue_files(catalogue) == [
        catalogue / "programme.yaml",
        catalogue / "events" / "good.md",
    ]


def test_a_programme_file_linked_out_is_not_read(catalogue: Path, outside: Path) -> None:
    (catalogue / "programme.yaml").unlink()
    os.symlink(outside / "programme.yaml", catalogue / "programme.yaml")
    problems = _problems(catalogue)
    assert ("programme.yaml", problems[0][1]) == problems[0]
    assert "leads out" in problems[0][1]


@pytest.mark.parametrize("loop", [True, False])
def test_loops_and_links_to_nothing_are_problems(catalogue: Path, loop: bool) -> None:
    events = catalogue / "events"
    if loop:
        os.symlink("b.md", events / "a.md")
        os.symlink("a.md", events / "b.md")
    else:
        os.symlink("missing.md", events / "a.md")
    problems = _problems(catalogue)
    assert {name for name, _ in problems} == ({"a.md", "b.md"} if loop else {"a.md"})
    assert all("cannot be followed" in message for _, message in problems)


def test_links_that_stay_inside_the_catalogue_are_followed(catalogue: Path) -> None:
    (catalogue / "shared").mkdir()
    (catalogue / "shared" / "kept.md").write_text(EVENT)
    os.symlink("../shared/kept.md", catalogue / "events" / "kept.md")
    os.symlink(catalogue / "events", catalogue / "also")  # not a section: not read
    loaded = ideation.load(catalogue, model.Catalogue)
    assert [event.slug for event in loaded.events] == ["good", "kept"]


def test_validate_prints_no_byte_of_a_target_out_of_the_folder(
    catalogue: Path, outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.symlink(outside / "passwd", catalogue / "events" / "passwd.md")
    os.symlink(outside / "event.md", catalogue / "events" / "event.md")
    for strict in ([], ["--strict"]):
        assert main(["validate", *strict, str(catalogue)]) == 1
        out, err = capsys.readouterr()
        assert SECRET not in out + err
        assert "root:" not in out + err
        assert out.count("leads out of the catalogue folder") == 2


def test_a_parse_error_of_a_file_that_is_no_data_quotes_nothing_of_it(catalogue: Path) -> None:
    # /etc/passwd copied in (not linked): its problems name the file, not its lines.
    lines = "".join(f"user{n}:x:{n}:{n}:{SECRET}{n}:/home:/bin/sh\n" for n in range(50))
    for name in ("passwd.yaml", "passwd.json", "passwd.toml", "passwd.md"):
        path = catalogue / "events" / name
        path.write_text(lines)
        with pytest.raises(DataError) as caught:
            ideation.load(path)
        # At most the value at fault, cut short: never the file's other lines.
        assert str(caught.value).count(SECRET) <= 1, name
        path.unlink()


def _site(root: Path) -> Path:
    (root / "content" / "actualites").mkdir(parents=True)
    (root / "content" / "projets").mkdir()
    (root / "config.toml").write_text('title = "Site"\n')
    return root


def test_the_hugo_import_reads_no_page_linked_out_of_the_site(
    tmp_path: Path, outside: Path
) -> None:
    site = _site(tmp_path / "site")
    os.symlink(outside / "event.md", site / "content" / "actualites" / "leak.md")
    result = import_site(site)
    (entry,) = [e for e in result.entries if e.file.endswith("leak.md")]
    assert entry.outcome == "skipped"
    assert "leads out of the site" in entry.reason
    assert SECRET not in repr(result)


def test_the_hugo_import_reads_no_config_linked_out_of_the_site(
    tmp_path: Path, outside: Path
) -> None:
    site = _site(tmp_path / "site")
    (site / "config.toml").unlink()
    (outside / "config.toml").write_text(f'title = "{SECRET}"\n')
    os.symlink(outside / "config.toml", site / "config.toml")
    result = import_site(site)
    assert SECRET not in repr(result)
    assert any("leads out of the site" in note.message for note in result.notes)


def test_the_hugo_import_refuses_a_content_folder_out_of_the_site(
    tmp_path: Path, outside: Path
) -> None:
    site = _site(tmp_path / "site")
    (site / "config.toml").write_text('title = "Site"\ncontentDir = "../elsewhere"\n')
    with pytest.raises(DataError, match="leads out of the site"):
        import_site(site)
