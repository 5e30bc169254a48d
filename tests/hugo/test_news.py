"""Telling events from news, sections that do not exist, the output folder, and the files Hugo
does not render (issue 10, "Telling events from news" and "Sections and folders")."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ideation import load
from ideation.cli import main
from ideation.errors import UsageError
from ideation.hugo import HugoImport, PageEntry, import_site
from ideation.hugo._news import judge, page_language

NEWS = Path(__file__).parents[1] / "data" / "hugo-news"
MESSY = Path(__file__).parents[1] / "data" / "hugo" / "messy"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "programme10-2022"

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
    return main(["import", "hugo", *argv])


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


# -- English, and the page's language -----------------------------------------------------------

NEWS_EN = Path(__file__).parents[1] / "data" / "hugo-news-en"
EN_EVENTS = {
    "2024-01-18-ideation-workshop": "'workshop' in the title",
    "2024-02-07-hackathon": "'hackathon' in the title",
    "2024-03-12-kick-off": "'kick-off' in the title",
    "2024-04-04-demo-day": "'demo day' in the title",
    "2024-05-20-seminar": "'seminar' in the title",
    "2024-06-03-training": "'training' in the title",
    "2024-06-20-webinar": "'webinar' in the title",
    "2024-07-01-meetup-recap": "despite 'recap' in the title",
    "2024-09-10-conference": "'conference' in the title",
    "2024-05-28-formation-donnees": "words read in French (its lang)",
}
EN_NEWS = {
    "2024-01-05-newsletter.md": "'newsletter' in the title",
    "2024-02-14-portrait.md": "'portrait' in the title",
    "2024-03-01-call-for-applications.md": "'call for applications' in the title",
    "2024-03-20-call-for-proposals.md": "'call for proposals' in the title",
    "2024-06-30-season-recap.md": "'recap' in the title",
    "2024-07-15-announcement.md": "'announcement' in the title",
    "2024-08-01-year-in-review.md": "'year in review' in the title",
    "2024-05-02-team-formation.md": "no sign of an event",
}


def test_an_english_site_tells_events_from_news() -> None:
    result = import_site(NEWS_EN, events=["news"], proposals=["projects"])
    assert sorted(e.slug for e in result.catalogue.events) == sorted(EN_EVENTS)
    assert result.counts == {
        "events": 10,
        "proposals": 1,
        "seasons": 0,
        "skipped": 9,  # the eight news pages and the section's list page
        "failed": 0,
        "organisations": 0,
    }
    for slug, reason in EN_EVENTS.items():
        found = entry(result, f"news/{slug}.md")
        assert found.reason.startswith("an event: "), found.reason
        assert reason in found.reason
    for file, reason in EN_NEWS.items():
        found = entry(result, f"news/{file}")
        assert found.outcome == "skipped"
        assert reason in found.reason
        assert "words read in English (the site's language)" in found.reason


def test_the_words_are_those_of_the_page_language(tmp_path: Path) -> None:
    # "formation" is an event word in French only: the English page is news, the French one
    # (lang: fr) an event, and with no language said either way the page is read both ways.
    page = {"title": "Team formation"}
    assert not judge(page, "", 1, ("en", "the site's language")).event
    assert judge(page, "", 1, ("fr", "its lang")).event
    assert judge(page, "", 1, None).event
    assert judge(page, "", 1, ("de", "its lang")).event
    site = tmp_path / "site"
    shutil.copytree(NEWS_EN, site)
    config = (site / "config.toml").read_text("utf-8").replace('languageCode = "en-gb"\n', "")
    (site / "config.toml").write_text(config, "utf-8")
    result = import_site(site, events=["news"], proposals=["projects"])
    formation = entry(result, "news/2024-05-02-team-formation.md")
    assert formation.outcome == "imported-event"
    assert "words read in" not in formation.reason


@pytest.mark.parametrize(
    ("front", "stem", "site", "expected"),
    [
        ({"lang": "en-GB"}, "x", "fr", ("en", "its lang")),
        ({"language": "Français"}, "x", None, ("fr", "its language")),
        ({}, "atelier.fr", "en", ("fr", "its file name")),
        ({}, "index.en", None, ("en", "its file name")),
        ({}, "2023-05-16_atelier", "fr", ("fr", "the site's language")),
        ({}, "v2.0", None, None),
    ],
)
def test_page_language(
    front: dict[str, str], stem: str, site: str | None, expected: tuple[str, str] | None
) -> None:
    assert page_language(front, stem, site) == expected


def test_an_english_agenda_and_place_are_read() -> None:
    result = import_site(NEWS_EN, events=["news"], proposals=["projects"], extract=True)
    event = result.catalogue.event("2024-03-12-kick-off")
    times = [(s.start.strftime("%H:%M"), s.kind.value) for s in event.sessions]
    assert times == [
        ("09:30", "welcome"),
        ("10:00", "talk"),
        ("11:00", "workshop"),
        ("12:30", "meal"),
        ("14:00", "restitution"),
    ]
    assert event.location is not None
    assert event.location.name == "the Lab, Paris"
    recap = result.catalogue.event("2024-07-01-meetup-recap")
    assert [s.start.strftime("%H:%M") for s in recap.sessions] == ["18:00", "18:30", "20:00"]
