"""The smaller ones of issue 30, each with a test of its class: an empty ``github:`` filled by
the export under its own name, names that are no repository, names that become organisations
and seasons through the key map, and the how-to's Wowchemy command on a site without projects."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from ideation.cli import main
from ideation.hugo import HugoImport, PageEntry, export_site, import_site


def site(tmp_path: Path, pages: dict[str, str]) -> Path:
    root = tmp_path / "site"
    for name, text in pages.items():
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def said(result: HugoImport, file: str) -> str:
    (found,) = [e for e in result.entries if e.file == f"content/{file}"]
    return "\n".join(f"{note.line}: {note.message}" for note in found.notes)


def entry(result: HugoImport, file: str) -> PageEntry:
    (found,) = [e for e in result.entries if e.file == f"content/{file}"]
    return found


def test_a_repository_set_where_github_was_empty_fills_github(tmp_path: Path) -> None:
    root = site(tmp_path, {"projets/p.md": "---\ntitle: P\ngithub:\nwordcloud: a, b\n---\n\nP.\n"})
    result = import_site(root)
    proposal = result.catalogue.proposal("p")
    assert proposal is not None
    assert proposal.repository is None
    edited = attrs.evolve(proposal, repository="https://github.com/x/p")
    catalogue = attrs.evolve(result.catalogue, proposals=[edited])
    export_site(catalogue, root)
    text = (root / "content" / "projets" / "p.md").read_text(encoding="utf-8")
    assert "github: https://github.com/x/p\n" in text
    assert "repository" not in text
    assert "wordcloud: a, b\n" in text


def test_a_github_key_holding_names_is_no_repository(tmp_path: Path) -> None:
    root = site(
        tmp_path,
        {"projets/p.md": "---\ntitle: P\ngithub:\n  - Ministère A\n  - Ministère B\n---\n"},
    )
    result = import_site(root)
    proposal = result.catalogue.proposal("p")
    assert proposal is not None
    assert proposal.repository is None
    assert proposal.extra["github"] == ["Ministère A", "Ministère B"]
    assert "3: github: not a repository's address, kept as the site's own" in said(
        result, "projets/p.md"
    )
    export_site(result.catalogue, root)
    assert "  - Ministère B\n" in (root / "content/projets/p.md").read_text(encoding="utf-8")


def test_names_in_who_become_organisations_through_the_map(tmp_path: Path) -> None:
    root = site(
        tmp_path,
        {
            "projets/a.md": "---\ntitle: A\nwho: [Ministère de la Culture, INSEE]\n---\n",
            "projets/b.md": "---\ntitle: B\nwho: [insee]\n---\n",
        },
    )
    result = import_site(root, key_map={"who": "sponsors"})
    assert result.ok, result.summary()
    assert [(o.slug, o.name, o.acronym) for o in result.catalogue.organisations] == [
        ("ministere-de-la-culture", "Ministère de la Culture", None),
        ("insee", "INSEE", "INSEE"),
    ]
    b = result.catalogue.proposal("b")
    assert b is not None
    assert b.sponsors == ("insee",)
    assert "who: organisation 'insee' created for 'INSEE'" in said(result, "projets/a.md")


def test_promos_become_seasons_through_the_map(tmp_path: Path) -> None:
    root = site(
        tmp_path,
        {
            "projets/a.md": "---\ntitle: A\npromos: [Promo 2022]\n---\n",
            "projets/b.md": "---\ntitle: B\npromos: promo 2022\n---\n",
        },
    )
    result = import_site(root, key_map={"promos": "season"})
    assert result.ok, result.summary()
    assert [(s.slug, s.name) for s in result.catalogue.programme.seasons] == [
        ("promo-2022", "Promo 2022")
    ]
    assert {p.season for p in result.catalogue.proposals} == {"promo-2022"}
    assert "season 'promo-2022' created for 'Promo 2022'" in said(result, "projets/a.md")


def test_a_name_that_matches_nothing_on_the_sites_own_key_is_kept(tmp_path: Path) -> None:
    root = site(tmp_path, {"projets/a.md": "---\ntitle: A\nsponsors: [Quelqu'un]\n---\n"})
    result = import_site(root)
    assert result.ok
    assert result.catalogue.organisations == ()
    assert "kept as the site's own, as hugo_sponsors" in said(result, "projets/a.md")


def test_the_wowchemy_command_on_a_site_without_projects(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site(
        tmp_path,
        {
            "event/talk/index.md": (
                "---\ntitle: A talk\ndate: 2024-01-02T10:00:00Z\nall_day: false\n---\n"
            )
        },
    )
    (root / "config.toml").write_text('title = "Lab"\nlanguageCode = "en"\n', encoding="utf-8")
    assert main(["import", "hugo", str(root), "-o", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "no section projects/ under content/ (the default proposals section)" in out
    assert "1 events, 0 proposals, 0 skipped, 0 failed" in out
