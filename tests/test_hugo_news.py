"""Telling events from news, sections that do not exist, the output folder, and the files Hugo
does not render (issue 10, "Telling events from news" and "Sections and folders")."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from ideation import load
from ideation.cli import import_hugo
from ideation.errors import UsageError
from ideation.hugo import HugoImport, PageEntry, import_site
from ideation.hugo.news import judge

NEWS = Path(__file__).parent / "data" / "hugo-news"
MESSY = Path(__file__).parent / "data" / "hugo" / "messy"
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "programme10-2022"

EVENTS = {
    "2023-01-10-atelier-ideation": ("'atelier' in the title", "a time of day (14:00)"),
    "2023-05-12-bootcamp": ("'bootcamp' in the title", "a place (its location)"),
    "2023-06-15-demo-day": ("'demo' in the title",),
    "2023-07-01-bilan-atelier": ("an agenda (line 6)", "despite 'bilan' in the title"),
    "2023-09-01-kickoff": ("'kick-off' in the title",),
}
NEWS_PAGES = {
    "2023-02-01-newsletter.md": "'newsletter' in the title",
    "2023-03-05-portrait-claire.md": "'portrait' in the title",
    "2023-04-02-appel.md": "'appel a candidatures' in the title",
    "2023-06-30-fin-de-saison.md": "'la saison 2 se termine' in the title",
    "2023-08-01-ete.md": "no sign of an event",
}


def entry(result: HugoImport, file: str) -> PageEntry:
    (found,) = [e for e in result.entries if e.file == f"content/{file}"]
    return found


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    import_hugo.add_arguments(parser)
    return import_hugo.run(parser.parse_args(argv))


def test_events_and_news_are_told_apart_with_reasons() -> None:
    result = import_site(NEWS)
    assert sorted(e.slug for e in result.catalogue.events) == sorted(EVENTS)
    assert result.counts["events"] == 5
    assert result.counts["proposals"] == 2
    assert result.counts["failed"] == 0
    for slug, reasons in EVENTS.items():
        found = entry(result, f"actualites/{slug}.md")
        assert found.reason.startswith("an event: ")
        for reason in reasons:
            assert reason in found.reason
    for file, reason in NEWS_PAGES.items():
        found = entry(result, f"actualites/{file}")
        assert found.outcome == "skipped"
        assert found.reason.startswith("not an event: ")
        assert reason in found.reason
        assert "--as-events" in found.reason


def test_globs_decide_instead_of_the_rules() -> None:
    result = import_site(
        NEWS, as_events=["actualites/*-ete.md"], not_events=["content/actualites/*demo*"]
    )
    slugs = {e.slug for e in result.catalogue.events}
    assert "2023-08-01-ete" in slugs
    assert "2023-06-15-demo-day" not in slugs
    assert (
        "--as-events 'actualites/*-ete.md'" in entry(result, "actualites/2023-08-01-ete.md").reason
    )
    demo = entry(result, "actualites/2023-06-15-demo-day.md")
    assert demo.outcome == "skipped"
    assert "--not-events" in demo.reason


def test_the_command_takes_the_globs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    code = run(
        [str(NEWS), "-o", str(out), "--as-events", "actualites/*portrait*", "--report", "json"]
    )
    assert code == 0
    assert json.loads(capsys.readouterr().out)["counts"]["events"] == 6


@pytest.mark.parametrize(
    ("front", "body", "event"),
    [
        ({"title": "Séminaire data"}, "", True),
        ({"title": "Formation Python", "date": "2023-01-01"}, "", True),
        ({"title": "Infolettre n°3"}, "", False),
        ({"title": "Lettre d'information"}, "* 9h30 : Accueil", True),
        ({"title": "Nos nouvelles", "kind": "restitution"}, "", True),
        ({"title": "Nos nouvelles", "categories": ["Portrait"]}, "", False),
        ({"title": "Un rendez-vous"}, "Lieu : BercyLab", True),
        ({"title": "Un rendez-vous", "event_url": "https://x.fr"}, "", True),
        ({"title": "Bilan de la saison"}, "", False),
        ({"title": "Recrutement : on cherche"}, "Lieu : Paris", False),
        ({"title": "Transformation numérique"}, "", False),
        ({"title": "Démocratie et données"}, "", False),
    ],
)
def test_the_rules(front: dict[str, object], body: str, event: bool) -> None:
    verdict = judge(front, body, 1)
    assert verdict.event is event, verdict.reason
    assert "None" not in verdict.reason


def test_a_section_that_does_not_exist_lists_the_sites_sections(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with pytest.raises(UsageError, match=r"'actualite'.*actualites, projets"):
        import_site(NEWS, events=["actualite"])
    assert run([str(NEWS), "-o", str(tmp_path / "out"), "--proposals", "projet"]) == 2
    err = capsys.readouterr().err
    assert "--proposals 'projet': no such section" in err
    assert "actualites, projets" in err
    assert not (tmp_path / "out").exists()


def test_a_default_section_that_does_not_exist_is_a_note(tmp_path: Path) -> None:
    (tmp_path / "content" / "projets").mkdir(parents=True)
    result = import_site(tmp_path)
    assert any("no section actualites/" in note.message for note in result.notes)


def test_a_non_empty_output_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "README.md").write_text("mine\n", encoding="utf-8")
    assert run([str(NEWS), "-o", str(out)]) == 2
    assert "not empty (README.md)" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["README.md"]


def test_force_replaces_what_the_import_owns_and_removes_what_is_stale(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run([str(MESSY), "-o", str(out)]) == 1  # some messy pages fail
    (out / "README.md").write_text("mine\n", encoding="utf-8")
    (out / "programme.json").write_text("{}\n", encoding="utf-8")
    (out / "events" / "notes.txt").write_text("mine\n", encoding="utf-8")
    assert (out / "events" / "webinaire.md").is_file()
    assert run([str(NEWS), "-o", str(out), "--force"]) == 0
    assert not (out / "events" / "webinaire.md").exists()
    assert not (out / "programme.json").exists()
    assert (out / "README.md").read_text(encoding="utf-8") == "mine\n"
    assert (out / "events" / "notes.txt").is_file()
    catalogue = load(out)
    assert sorted(e.slug for e in catalogue.events) == sorted(EVENTS)  # type: ignore[union-attr]


def test_an_existing_catalogue_file_needs_force(tmp_path: Path) -> None:
    out = tmp_path / "catalogue.yaml"
    out.write_text("old\n", encoding="utf-8")
    assert run([str(NEWS), "-o", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "old\n"
    assert run([str(NEWS), "-o", str(out), "--force"]) == 0
    assert len(load(out).events) == 5  # type: ignore[union-attr]


def test_files_hugo_does_not_render_are_skipped_with_a_reason() -> None:
    result = import_site(NEWS)
    bare = entry(result, "actualites/notes-internes")
    assert bare.outcome == "skipped"
    assert "no .md or .html suffix" in bare.reason
    german = entry(result, "actualites/2023-09-01-kickoff.de.md")
    assert german.outcome == "skipped"
    assert "into 'de', a language the site does not declare" in german.reason


def sites() -> list[Path]:
    return [site for site in (NEWS, MESSY, CORPUS) if site.is_dir()]


@pytest.mark.parametrize("site", sites(), ids=lambda p: p.name)
@pytest.mark.parametrize("extract", [False, True])
def test_no_message_says_none(site: Path, extract: bool) -> None:
    result = import_site(site, extract=extract)
    assert "None" not in result.summary()
    for item in result.entries:
        texts = [item.reason, *(n.message for n in item.notes), *(p.message for p in item.problems)]
        assert all("None" not in text for text in texts), item
