"""Assembling one catalogue from two git repositories and a published catalogue."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ideation import load
from ideation.errors import DataError
from ideation.model import Catalogue
from ideation.sources import assemble, lock, read_lock

from .helpers import EXAMPLE, Site, commit, git

pytestmark = pytest.mark.usefixtures("local_cache")


def test_two_repositories_and_a_published_catalogue_make_one_catalogue(site: Site) -> None:
    result = lock(site.sources)
    example = load(EXAMPLE, Catalogue)
    assembled = assemble(site.sources)
    catalogue = assembled.catalogue
    # The site's own programme, not the partner's: a published programme never displaces it.
    assert catalogue.programme == example.programme
    assert {event.slug for event in catalogue.events} == {
        *(event.slug for event in example.events),
        "partner-meetup",
    }
    assert {p.slug for p in catalogue.proposals} == {
        *(p.slug for p in example.proposals),
        "partner-idea",
    }
    assert catalogue.event("bootcamp") == example.event("bootcamp")
    pins = read_lock(site.lock).pins
    assert pins["programme"].commit == site.events_commit
    assert pins["projects"].commit == site.proposals_commit
    assert pins["partner"].sha256 is not None
    assert {change.source for change in result.changes} == {"programme", "projects", "partner"}


def test_every_object_knows_its_source_commit_file_and_line(site: Site) -> None:
    lock(site.sources)
    origins = assemble(site.sources).origins
    bootcamp = origins[("event", "bootcamp")]
    assert (bootcamp.source, bootcamp.commit) == ("programme", site.events_commit)
    assert bootcamp.path == "ideation/events/bootcamp.md"
    assert str(bootcamp).startswith(f"programme@{site.events_commit[:7]}:ideation/events/")
    annotation = origins[("proposal", "annotation")]
    assert annotation.label == f"projects@{site.proposals_commit[:7]}:proposals/annotation.md"
    partner = origins[("proposal", "partner-idea")]
    assert partner.source == "partner"
    assert partner.path.endswith("/ideation.json")
    assert origins[("programme", "programme-10")].source == "programme"


def test_a_problem_names_source_commit_path_and_line(site: Site) -> None:
    page = site.proposals / "proposals" / "annotation.md"
    text = page.read_text(encoding="utf-8")
    head, rest = text.split("\n", 1)
    page.write_text(f"{head}\nstatus: dreaming\n{rest}", encoding="utf-8")
    new = commit(site.proposals, "A status that does not exist")
    lock(site.sources)
    with pytest.raises(DataError) as raised:
        assemble(site.sources)
    [problem] = [p for p in raised.value.problems if p.path == "$.status"]
    assert problem.file == f"projects@{new[:7]}:proposals/annotation.md"
    assert problem.line == 2
    assert str(problem).startswith(f"projects@{new[:7]}:proposals/annotation.md:2: $.status: ")


def test_a_reference_problem_is_traced_to_its_source(site: Site) -> None:
    page = site.events / "ideation" / "events" / "bootcamp.md"
    text = page.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    at = next(n for n, line in enumerate(lines) if line.startswith("phase:"))
    lines[at] = "phase: nowhere\n"
    page.write_text("".join(lines), encoding="utf-8")
    new = commit(site.events, "A phase that does not exist")
    lock(site.sources)
    with pytest.raises(DataError) as raised:
        assemble(site.sources)
    [problem] = raised.value.problems
    assert problem.file == f"programme@{new[:7]}:ideation/events/bootcamp.md"
    assert problem.line == at + 1
    assert "nowhere" in problem.message


def test_after_the_lock_the_repositories_can_go(site: Site) -> None:
    lock(site.sources)
    first = assemble(site.sources).catalogue
    shutil.move(site.root / "repos", site.root / "elsewhere")
    (site.folder / ".ideation-cache" / "checkouts").rename(site.root / "old-checkouts")
    assert assemble(site.sources, offline=True).catalogue == first


def test_a_new_commit_changes_nothing_until_the_lock_is_updated(site: Site) -> None:
    ideas = site.proposals / "proposals"
    (ideas / "old-idea.md").write_text("---\ntitle: An old idea\n---\n", encoding="utf-8")
    first = commit(site.proposals, "An idea that will go")
    lock(site.sources)
    before = assemble(site.sources).catalogue
    page = ideas / "annotation.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Pseudonymisation", "Anonymisation"))
    (ideas / "new-idea.md").write_text("---\ntitle: A new idea\n---\n", encoding="utf-8")
    (ideas / "old-idea.md").unlink()
    new = commit(site.proposals, "One edited, one added, one removed")
    assert lock(site.sources).changes == ()
    assert assemble(site.sources).catalogue == before
    result = lock(site.sources, update="projects")
    [change] = result.changes
    assert (change.source, change.before, change.after) == ("projects", first, new)
    assert change.added == ("proposal new-idea",)
    assert change.removed == ("proposal old-idea",)
    assert change.edited == ("proposal annotation",)
    assert str(change).splitlines() == [
        f"projects: {first[:7]} -> {new[:7]}",
        "  added: proposal new-idea",
        "  removed: proposal old-idea",
        "  edited: proposal annotation",
    ]
    after = assemble(site.sources).catalogue
    assert after.proposal("new-idea").title == "A new idea"
    assert "old-idea" not in {proposal.slug for proposal in after.proposals}


def test_an_update_rewrites_only_the_files_that_changed(site: Site) -> None:
    lock(site.sources)
    origins = assemble(site.sources).origins
    kept, edited = origins[("proposal", "annotation")].file, origins[("event", "bootcamp")].file
    assert kept is not None
    assert edited is not None
    stamps = kept.stat().st_mtime_ns, edited.stat().st_mtime_ns
    page = site.events / "ideation" / "events" / "bootcamp.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    commit(site.events, "The bootcamp, one more line")
    lock(site.sources, update=True)
    assemble(site.sources)
    assert kept.stat().st_mtime_ns == stamps[0]
    assert edited.stat().st_mtime_ns != stamps[1]


def test_a_slug_in_two_sources_is_one_problem_naming_both(site: Site) -> None:
    shutil.copy(
        site.proposals / "proposals" / "annotation.md",
        site.events / "ideation" / "proposals-annotation.md",
    )
    (site.events / "ideation" / "proposals").mkdir()
    (site.events / "ideation" / "proposals-annotation.md").rename(
        site.events / "ideation" / "proposals" / "annotation.md"
    )
    events = commit(site.events, "The annotation proposal, here too")
    lock(site.sources)
    with pytest.raises(DataError) as raised:
        assemble(site.sources)
    [problem] = raised.value.problems
    assert "the proposal 'annotation' is defined in two sources" in problem.message
    assert f"programme@{events[:7]}:ideation/proposals/annotation.md" in problem.message
    assert f"projects@{site.proposals_commit[:7]}:proposals/annotation.md" in problem.message
    assert "priority" in problem.message


def test_priority_says_which_source_wins(site: Site) -> None:
    (site.events / "ideation" / "proposals").mkdir()
    (site.events / "ideation" / "proposals" / "annotation.md").write_text(
        "---\ntitle: The programme's own annotation\n---\n", encoding="utf-8"
    )
    commit(site.events, "The annotation proposal, here too")
    text = site.sources.read_text(encoding="utf-8")
    site.sources.write_text(
        text.replace('path = "ideation"\n', 'path = "ideation"\npriority = 1\n'), encoding="utf-8"
    )
    lock(site.sources)
    assembled = assemble(site.sources)
    assert assembled.catalogue.proposal("annotation").title == "The programme's own annotation"
    assert assembled.origins[("proposal", "annotation")].source == "programme"


def test_a_local_folder_is_a_source_too(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "catalogue")
    (tmp_path / "sources.toml").write_text('[sources.here]\npath = "catalogue"\n')
    assembled = assemble(tmp_path / "sources.toml")
    assert assembled.catalogue == load(tmp_path / "catalogue", Catalogue)
    origin = assembled.origins[("event", "bootcamp")]
    assert origin.commit is None
    assert origin.label == str(tmp_path / "catalogue" / "events" / "bootcamp.md")


def test_lock_offline_resolves_refs_from_the_cache(site: Site) -> None:
    lock(site.sources)
    page = site.events / "ideation" / "events" / "bootcamp.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    commit(site.events, "Not fetched yet")
    site.lock.unlink()
    text = site.sources.read_text(encoding="utf-8")
    # A URL cannot be locked offline; the repositories can, from what the cache fetched.
    site.sources.write_text(text[: text.index("[sources.partner]")], encoding="utf-8")
    result = lock(site.sources, offline=True)
    assert result.lock.pins["programme"].commit == site.events_commit
    assert result.lock.pins["projects"].commit == site.proposals_commit


def test_a_tag_and_a_commit_are_refs_too(site: Site) -> None:
    git("tag", "v1", cwd=site.proposals)
    text = site.sources.read_text(encoding="utf-8")
    text = text.replace(
        f'git = "{site.proposals.as_uri()}"\n',
        f'git = "{site.proposals.as_uri()}"\nref = "v1"\n',
    ).replace('ref = "main"', f'ref = "{site.events_commit[:10]}"')
    site.sources.write_text(text, encoding="utf-8")
    pins = lock(site.sources).lock.pins
    assert pins["projects"].commit == site.proposals_commit
    assert pins["programme"].commit == site.events_commit
    assert assemble(site.sources).catalogue.proposal("annotation")
