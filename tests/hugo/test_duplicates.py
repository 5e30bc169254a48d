"""The same project across seasons, under two slugs, is reported (issue 10)."""

from __future__ import annotations

from pathlib import Path

from ideation.hugo import import_site

SEASONS = Path(__file__).parents[1] / "data" / "hugo-seasons"


def duplicates() -> dict[str, list[str]]:
    result = import_site(SEASONS)
    return {
        e.file.removeprefix("content/projets/"): [
            n.message for n in e.notes if n.message.startswith("probably the same project")
        ]
        for e in result.entries
        if e.outcome == "imported-proposal"
    }


def test_the_same_repository_is_a_probable_duplicate() -> None:
    found = duplicates()
    assert found["2022/impact_environnemental.md"] == [
        "probably the same project as content/projets/2023/impact-numerique.md (slug "
        "'impact-numerique'): the same repository, https://github.com/example/impact"
    ]
    assert len(found["2023/impact-numerique.md"]) == 1
    assert "content/projets/2022/impact_environnemental.md" in found["2023/impact-numerique.md"][0]


def test_the_same_lead_in_another_season_is_a_probable_duplicate() -> None:
    found = duplicates()
    # Zoé leads two projects in 2022 (alpha, zeta): her lead alone tells nothing there.
    assert found["2023/alpha-saison-2.md"] == []
    assert found["2022/alpha.md"] == []


def test_a_lead_of_several_projects_in_a_season_is_no_evidence() -> None:
    found = duplicates()
    # Yann leads delta and epsilon in 2023: neither is gamma renamed.
    assert found["2022/gamma.md"] == []
    assert found["2023/delta.md"] == []
    assert found["2023/epsilon.md"] == []


def test_one_lead_one_project_per_season(tmp_path: Path) -> None:
    for season, name in (("2022", "a"), ("2023", "b")):
        folder = tmp_path / "content" / "projets" / season
        folder.mkdir(parents=True)
        (folder / f"{name}.md").write_text(
            f"---\ntitle: {name}\nresponsible: Zoé\n---\n", encoding="utf-8"
        )
    (tmp_path / "content" / "actualites").mkdir()
    result = import_site(tmp_path)
    notes = [n.message for e in result.entries for n in e.notes]
    assert (
        "probably the same project as content/projets/2023/b.md (slug 'b'): the same lead, "
        "Zoé, in another season" in notes
    )
