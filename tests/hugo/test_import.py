"""Importing a whole Hugo site: every page imported or named with its file, line and reason."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ideation.errors import DataError, UsageError
from ideation.hugo import HugoImport, PageEntry, import_site

MESSY = Path(__file__).parents[1] / "data" / "hugo" / "messy"
# The shared corpus sits beside the repository in the project's workspace, not inside it.
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "programme10-2022"


@pytest.fixture
def real_site() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus (the programme 10% Hugo site) is not at {CORPUS}")
    return CORPUS


@pytest.fixture(scope="module")
def messy() -> HugoImport:
    return import_site(MESSY)


def entry(result: HugoImport, file: str) -> PageEntry:
    (found,) = [e for e in result.entries if e.file == f"content/{file}"]
    return found


def notes(found: PageEntry) -> str:
    return "\n".join(f"{note.line}: {note.message}" for note in found.notes)


# -- the real site ---------------------------------------------------------------------------


def test_real_site_gives_its_two_events_and_six_projects(real_site: Path) -> None:
    result = import_site(real_site)
    assert result.counts == {
        "events": 2,
        "proposals": 6,
        "seasons": 0,
        "skipped": 14,
        "failed": 0,
        "organisations": 0,
    }
    assert [e.slug for e in result.catalogue.events] == ["atelier-ideation", "bootcamp"]
    assert [p.slug for p in result.catalogue.proposals] == [
        "annotation",
        "designsystemetat",
        "insee",
        "juripiaf",
        "liria",
        "siretisation",
    ]
    assert result.catalogue.programme.slug == "programme-10"
    assert result.catalogue.programme.name == "Programme 10%"


def test_real_site_lists_every_other_file_with_a_reason(real_site: Path) -> None:
    result = import_site(real_site)
    files = sorted(
        path.relative_to(real_site).as_posix()
        for path in (real_site / "content").rglob("*")
        if path.is_file()
    )
    assert [e.file for e in result.entries] == files
    for found in result.entries:
        if found.outcome == "skipped":
            assert found.reason
            assert found.line == 1
    legal = entry(result, "mentions-legales/_index.md")
    assert "list page" in legal.reason
    assert "neither an events nor a proposals section" in entry(result, "example.html").reason


def test_real_site_maps_the_site_keys(real_site: Path) -> None:
    catalogue = import_site(real_site).catalogue
    annotation = catalogue.proposal("annotation")
    assert annotation.lead == "David Libeau et Amaury Fouret (Cour de Cassation)"
    assert annotation.tags == (
        "peudonymisation",
        "Named Entity Recognition",
        "corpus de textes",
        "annotation",
        "open data",
    )
    assert "responsible" not in annotation.extra
    assert "wordcloud" not in annotation.extra


def test_real_site_ref_shortcode_becomes_a_cross_reference(real_site: Path) -> None:
    result = import_site(real_site)
    seed = result.catalogue.event("atelier-ideation")
    assert seed.description is not None
    assert "{{<" not in seed.description
    assert "[Projets 10%]" not in seed.description
    assert "{ref}`Projets 10% <ideation-proposals>`" in seed.description
    note = notes(entry(result, "actualites/2022-05-16_atelier.md"))
    assert '39: shortcode {{< ref "/projets" >}} became' in note


# -- the messy site: one test per kind of mess -------------------------------------------------


def test_messy_site_counts(messy: HugoImport) -> None:
    assert messy.counts == {
        "events": 3,
        "proposals": 3,
        "seasons": 0,
        "skipped": 5,
        "failed": 4,
        "organisations": 0,
    }
    assert not messy.ok
    assert messy.catalogue.programme.slug == "programme-essai-2023"
    assert messy.catalogue.programme.website == "https://example.org/"


def test_key_with_a_space_before_the_colon_and_capitals(messy: HugoImport) -> None:
    event = messy.catalogue.event("2023-03-01-lancement")
    assert event.title == "Rencontre de lancement"
    assert "5: key 'Date' read as 'date'" in notes(
        entry(messy, "actualites/2023-03-01_lancement.md")
    )


def test_blank_lines_before_the_front_matter(messy: HugoImport) -> None:
    found = entry(messy, "actualites/2023-03-01_lancement.md")
    assert found.outcome == "imported-event"
    assert "2 blank lines before the front matter ignored" in notes(found)


def test_multi_line_quoted_summary(messy: HugoImport) -> None:
    event = messy.catalogue.event("2023-03-01-lancement")
    assert event.summary == "Une matinée pour lancer le programme, sur plusieurs lignes"


def test_one_text_where_a_list_was_expected(messy: HugoImport) -> None:
    event = messy.catalogue.event("2023-03-01-lancement")
    assert event.images == ("/img/lancement.jpg",)


def test_empty_value_list_for_a_text_and_comma_separated_tags(messy: HugoImport) -> None:
    found = entry(messy, "projets/alpha.md")
    text = notes(found)
    assert "4: repository: empty, left out" in text
    assert (
        "3: lead: a list where one text was expected, joined as 'Alice Martin, Bob Durand'" in text
    )
    assert "5: tags: one text where a list was expected, split on commas into 2 items" in text


def test_quoted_and_bare_dates(messy: HugoImport) -> None:
    import datetime as dt

    assert messy.catalogue.event("webinaire").date == dt.date(2023, 4, 5)
    assert messy.catalogue.event("journee-toml").date == dt.date(2023, 5, 10)


def test_no_final_newline_and_raw_html_flagged(messy: HugoImport) -> None:
    found = entry(messy, "actualites/webinaire.md")
    text = notes(found)
    assert "no final newline" in text
    assert "6: raw HTML kept as is (<br>)" in text
    event = messy.catalogue.event("webinaire")
    assert event.description is not None
    assert "<br>" in event.description
    assert event.summary == "Un webinaire en ligne"


def test_front_matter_only_index_is_skipped(messy: HugoImport) -> None:
    found = entry(messy, "projets/_index.md")
    assert found.outcome == "skipped"
    assert "list page of projets" in found.reason


def test_page_without_front_matter_fails_with_its_line(messy: HugoImport) -> None:
    found = entry(messy, "projets/sans-front-matter.md")
    assert found.outcome == "failed"
    assert found.line == 1
    assert "no front matter" in found.reason


def test_beta_with_its_suffix_is_imported(messy: HugoImport) -> None:
    found = entry(messy, "projets/beta.md")
    assert found.outcome == "imported-proposal"
    assert messy.catalogue.proposal("beta").lead == "Claire"


def test_broken_yaml_fails_with_its_line(messy: HugoImport) -> None:
    found = entry(messy, "projets/casse.md")
    assert found.outcome == "failed"
    assert found.line == 2
    assert "not valid YAML" in found.reason


def test_bad_date_fails_with_the_line_of_the_date(messy: HugoImport) -> None:
    found = entry(messy, "actualites/date-illisible.md")
    assert found.outcome == "failed"
    assert found.line == 3
    assert found.problems[0].path == "$.date"


def test_duplicate_slug_fails_the_page_not_named_after_it(messy: HugoImport) -> None:
    assert entry(messy, "projets/alpha.md").outcome == "imported-proposal"
    found = entry(messy, "projets/alpha-doublon.md")
    assert found.outcome == "failed"
    assert found.line == 3
    assert "already the slug of content/projets/alpha.md" in found.reason


def test_bundles_other_formats_and_other_sections_are_skipped(messy: HugoImport) -> None:
    assert entry(messy, "projets/gamma/index.md").slug == "gamma"
    assert "resource of the page bundle" in entry(messy, "projets/gamma/image.png").reason
    assert "Org" in entry(messy, "projets/orgmode.org").reason
    assert "section 'programme'" in entry(messy, "programme/calendrier.md").reason
    assert "root of content/" in entry(messy, "mentions-legales.md").reason


def test_toml_front_matter(messy: HugoImport) -> None:
    assert messy.catalogue.event("journee-toml").title == "Journée en TOML"


def test_shortcodes_to_objects_sections_and_others(messy: HugoImport) -> None:
    lancement = messy.catalogue.event("2023-03-01-lancement").description or ""
    assert "{ref}`les projets <ideation-proposals>`" in lancement
    assert "{ideation:proposal}`Alpha <alpha>`" in lancement
    alpha = messy.catalogue.proposal("alpha").description or ""
    assert "{ideation:proposal}`beta`" in alpha
    text = notes(entry(messy, "projets/alpha.md"))
    assert "![](/img/a.png)" in alpha
    assert '{{< figure src="/img/a.png" >}} became ![](/img/a.png)' in text
    assert "raw HTML kept as is (<div>)" in text


def test_every_file_is_in_the_report(messy: HugoImport) -> None:
    files = sorted(
        path.relative_to(MESSY).as_posix()
        for path in (MESSY / "content").rglob("*")
        if path.is_file()
    )
    assert [e.file for e in messy.entries] == files
    assert all(e.reason for e in messy.entries)


# -- the report ---------------------------------------------------------------------------------


def test_json_report(messy: HugoImport) -> None:
    data = json.loads(messy.to_json())
    assert data["counts"] == messy.counts
    assert data["programme"] == "programme-essai-2023"
    failed = [e for e in data["entries"] if e["outcome"] == "failed"]
    assert {e["file"] for e in failed} == {
        "content/actualites/date-illisible.md",
        "content/projets/alpha-doublon.md",
        "content/projets/casse.md",
        "content/projets/sans-front-matter.md",
    }
    assert all(e["line"] for e in failed)


def test_text_report_ends_with_the_counts(messy: HugoImport) -> None:
    text = messy.summary()
    assert text.endswith("3 events, 3 proposals, 5 skipped, 4 failed\n")
    assert "content/projets/casse.md:2: FAILED: not valid YAML" in text


# -- options and errors ---------------------------------------------------------------------


def test_sections_and_key_map_are_configurable(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "content" / "blog" / "events").mkdir(parents=True)
    (site / "content" / "ideas").mkdir()
    (site / "content" / "blog" / "events" / "meetup.md").write_text(
        "---\ntitle: Meetup\ndate: 2023-01-10\n---\n", encoding="utf-8"
    )
    (site / "content" / "ideas" / "x.md").write_text(
        "---\ntitle: X\nowner: Zoé\nresponsible: kept\n---\n", encoding="utf-8"
    )
    result = import_site(
        site, events=["blog/events"], proposals=["ideas"], key_map={"owner": "lead"}
    )
    assert result.counts["events"] == 1
    proposal = result.catalogue.proposal("x")
    assert proposal.lead == "Zoé"
    assert proposal.extra["responsible"] == "kept"
    # No config file: the programme is named after the folder, and says so.
    assert result.catalogue.programme.slug == "site"
    assert any("named after the folder" in note.message for note in result.notes)


def test_programme_slug_override(messy: HugoImport) -> None:
    assert import_site(MESSY, programme_slug="essai").catalogue.programme.slug == "essai"


def test_unknown_field_in_key_map_is_a_usage_error() -> None:
    # A name near a field's is a typo; a far one moves the key aside (see test_collisions).
    with pytest.raises(UsageError, match="did you mean 'lead'"):
        import_site(MESSY, key_map={"x": "leed"})
    with pytest.raises(UsageError, match="not a field"):
        import_site(MESSY, key_map={"x": "Not a field"})


def test_missing_site_and_missing_content(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        import_site(tmp_path / "absent")
    with pytest.raises(DataError, match="no content/ folder"):
        import_site(tmp_path)


def test_date_taken_from_a_dated_file_name(tmp_path: Path) -> None:
    shutil.copytree(MESSY / "content" / "projets", tmp_path / "content" / "projets")
    (tmp_path / "content" / "actualites").mkdir(parents=True)
    (tmp_path / "content" / "actualites" / "2023-06-01-sans-date.md").write_text(
        "---\ntitle: Atelier sans date\n---\n", encoding="utf-8"
    )
    result = import_site(tmp_path)
    import datetime as dt

    assert result.catalogue.event("2023-06-01-sans-date").date == dt.date(2023, 6, 1)


def test_undecodable_page_fails_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "content" / "projets").mkdir(parents=True)
    (tmp_path / "content" / "projets" / "latin1.md").write_bytes(b"---\ntitle: caf\xe9\n---\n")
    result = import_site(tmp_path)
    found = entry(result, "projets/latin1.md")
    assert found.outcome == "failed"
    assert "UTF-8" in found.reason


def test_translations_keep_the_default_language(tmp_path: Path) -> None:
    (tmp_path / "config.yaml").write_text(
        "title: Bilingue\ndefaultContentLanguage: fr\nlanguages:\n  fr: {}\n  en: {}\n",
        encoding="utf-8",
    )
    folder = tmp_path / "content" / "projets"
    (folder / "b").mkdir(parents=True)
    for name, title in [("a.fr.md", "A fr"), ("a.en.md", "A en"), ("b/index.en.md", "B en")]:
        (folder / name).write_text(f"---\ntitle: {title}\n---\n", encoding="utf-8")
    result = import_site(tmp_path)
    assert result.catalogue.proposal("a").title == "A fr"
    assert result.catalogue.proposal("b").title == "B en"
    skipped = entry(result, "projets/a.en.md")
    assert skipped.outcome == "skipped"
    assert "the en translation of content/projets/a.fr.md" in skipped.reason


def test_json_front_matter_and_bare_ref(tmp_path: Path) -> None:
    folder = tmp_path / "content" / "actualites"
    folder.mkdir(parents=True)
    (folder / "j.md").write_text(
        '\n{\n  "title": "Atelier J",\n  "date": "2023-01-02"\n}\n\nVoir {{< ref /projets >}}.\n',
        encoding="utf-8",
    )
    result = import_site(tmp_path)
    event = result.catalogue.event("j")
    assert event.description == "Voir {ref}`ideation-proposals`."


def test_bad_programme_data_file_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "data" / "ideation").mkdir(parents=True)
    (tmp_path / "data" / "ideation" / "programme.yaml").write_text(
        "slug: Not A Slug\nname: X\n", encoding="utf-8"
    )
    with pytest.raises(DataError, match=r"programme\.yaml"):
        import_site(tmp_path)


def test_references_that_do_not_resolve_are_kept_as_the_sites_own(tmp_path: Path) -> None:
    folder = tmp_path / "content" / "actualites"
    folder.mkdir(parents=True)
    (folder / "e.md").write_text(
        "---\ntitle: E\ndate: 2023-01-02\nproposals: [absent]\norganisers: [nobody]\n---\n",
        encoding="utf-8",
    )
    (folder / "ok.md").write_text(
        "---\ntitle: Atelier OK\ndate: 2023-01-03\n---\n", encoding="utf-8"
    )
    result = import_site(tmp_path)
    # Issue 30: a site's references that the catalogue cannot resolve are the site's own.
    assert [e.slug for e in result.catalogue.events] == ["e", "ok"]
    found = entry(result, "actualites/e.md")
    assert found.outcome == "imported-event"
    said = notes(found)
    assert "4: proposals: does not fit the event's proposals ($.proposals[0])" in said
    assert "expected the slug of a known proposal" in said
    assert "5: organisers: does not fit" in said
    assert result.catalogue.event("e").extra["hugo_proposals"] == ["absent"]


def test_plain_value_with_a_colon_is_read_as_text(tmp_path: Path) -> None:
    folder = tmp_path / "content" / "actualites"
    folder.mkdir(parents=True)
    (folder / "s.md").write_text(
        "---\ntitle: Saison 2 : premier atelier\ndate: 2023-03-14\n---\n", encoding="utf-8"
    )
    result = import_site(tmp_path)
    assert result.catalogue.event("s").title == "Saison 2 : premier atelier"
    assert "2: the value of 'title' holds ': ', read as quoted text" in notes(
        entry(result, "actualites/s.md")
    )


def test_same_title_twice_is_noted(tmp_path: Path) -> None:
    folder = tmp_path / "content" / "projets"
    folder.mkdir(parents=True)
    for name in ("a", "b"):
        (folder / f"{name}.md").write_text("---\ntitle: Même titre\n---\n", encoding="utf-8")
    result = import_site(tmp_path)
    assert "same title as content/projets/a.md" in notes(entry(result, "projets/b.md"))


def test_one_section_as_a_string_and_a_bad_programme_slug() -> None:
    result = import_site(MESSY, events="actualites", proposals="projets")
    assert result.counts["events"] == 3
    with pytest.raises(UsageError, match="programme slug"):
        import_site(MESSY, programme_slug="Not a slug")
