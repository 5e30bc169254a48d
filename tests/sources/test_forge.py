"""The addresses of a source's file in its forge: GitHub, GitLab and Gitea shapes."""

from __future__ import annotations

from pathlib import Path

import pytest

from ideation.errors import DataError
from ideation.sources import Origin, read_sources

COMMIT = "3f2a91c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6"


@pytest.mark.parametrize(
    ("repository", "forge", "view", "edit"),
    [
        (
            "https://github.com/etalab/programme10pourcent-kallm",
            None,
            f"https://github.com/etalab/programme10pourcent-kallm/blob/{COMMIT}/ideation/p.md#L12",
            "https://github.com/etalab/programme10pourcent-kallm/edit/main/ideation/p.md",
        ),
        (
            "git@gitlab.com:group/sub/project.git",
            None,
            f"https://gitlab.com/group/sub/project/-/blob/{COMMIT}/ideation/p.md#L12",
            "https://gitlab.com/group/sub/project/-/edit/main/ideation/p.md",
        ),
        (
            "https://codeberg.org/org/repo.git",
            None,
            f"https://codeberg.org/org/repo/src/commit/{COMMIT}/ideation/p.md#L12",
            "https://codeberg.org/org/repo/_edit/main/ideation/p.md",
        ),
        (
            "ssh://git@forge.example.org/team/repo.git",
            "gitlab",
            f"https://forge.example.org/team/repo/-/blob/{COMMIT}/ideation/p.md#L12",
            "https://forge.example.org/team/repo/-/edit/main/ideation/p.md",
        ),
    ],
)
def test_view_and_edit_urls(repository: str, forge: str | None, view: str, edit: str) -> None:
    origin = Origin(
        source="kallm",
        commit=COMMIT,
        path="ideation/p.md",
        line=12,
        repository=repository,
        ref="main",
        forge=forge,
    )
    assert (origin.view_url, origin.edit_url) == (view, edit)


def test_no_edit_url_at_a_commit_and_none_for_an_unknown_forge() -> None:
    pinned = Origin(
        source="s",
        commit=COMMIT,
        path="p.md",
        repository="https://github.com/o/r",
        ref=COMMIT[:10],
    )
    assert pinned.view_url == f"https://github.com/o/r/blob/{COMMIT}/p.md"
    assert pinned.edit_url is None
    local = Origin(source="s", commit=COMMIT, path="p.md", repository="file:///srv/r", ref="main")
    assert (local.view_url, local.edit_url) == (None, None)
    assert Origin(source="here", commit=None, path="catalogue/p.md").view_url is None


def test_forge_is_checked(tmp_path: Path) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text('[sources.a]\ngit = "https://x.example/r"\nforge = "svn"\n')
    with pytest.raises(DataError) as raised:
        read_sources(sources)
    [problem] = raised.value.problems
    assert (problem.path, problem.line) == ("$.sources.a.forge", 3)
