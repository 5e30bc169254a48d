"""Writing a catalogue as Hugo pages, and import -> export -> import giving the same catalogue."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import attrs
import pytest

from ideation import load
from ideation.cli import main
from ideation.hugo import export_site, import_site
from ideation.model import Catalogue, Event, Proposal

MESSY = Path(__file__).parents[1] / "data" / "hugo" / "messy"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "programme10-2022"


def sites() -> list[object]:
    absent = pytest.mark.skip(reason=f"the shared corpus is not at {CORPUS}")
    return [
        pytest.param(MESSY, id="messy"),
        pytest.param(CORPUS, id="corpus", marks=() if CORPUS.is_dir() else absent),
    ]


def without_origins(catalogue: Catalogue) -> Catalogue:
    """``catalogue`` without the records of where its pages came from."""

    def strip(item: Any) -> Any:
        return attrs.evolve(item, extra={k: v for k, v in item.extra.items() if k != "hugo"})

    return attrs.evolve(
        catalogue,
        programme=strip(catalogue.programme),
        events=[strip(e) for e in catalogue.events],
        proposals=[strip(p) for p in catalogue.proposals],
    )


def bodies(catalogue: Catalogue) -> dict[str, str | None]:
    items: list[Event | Proposal] = [*catalogue.events, *catalogue.proposals]
    return {item.slug: item.description for item in items}


@pytest.mark.parametrize("extract", [False, True], ids=["plain", "extract"])
@pytest.mark.parametrize("site", sites())
def test_import_export_import_is_the_same(site: Path, extract: bool, tmp_path: Path) -> None:
    first = import_site(site, extract=extract)
    written = export_site(first.catalogue, tmp_path).written
    assert all(path.is_file() for path in written)
    second = import_site(tmp_path, extract=extract)
    assert second.ok
    assert second.catalogue == first.catalogue
    assert bodies(second.catalogue) == bodies(first.catalogue)
    for before, after in zip(
        first.catalogue.events + first.catalogue.proposals,
        second.catalogue.events + second.catalogue.proposals,
        strict=True,
    ):
        assert after.extra == before.extra


def test_export_writes_pages_and_the_programme(tmp_path: Path) -> None:
    catalogue = import_site(MESSY).catalogue
    written = export_site(catalogue, tmp_path).written
    relative = sorted(path.relative_to(tmp_path).as_posix() for path in written)
    # Each page keeps its file (its URL) and a bundle stays a bundle.
    assert relative == [
        "content/actualites/2023-03-01_lancement.md",
        "content/actualites/journee-toml.md",
        "content/actualites/webinaire.md",
        "content/projets/alpha.md",
        "content/projets/beta.md",
        "content/projets/gamma/index.md",
        "data/ideation/programme.yaml",
    ]
    page = (tmp_path / "content" / "actualites" / "2023-03-01_lancement.md").read_text("utf-8")
    # Cross-references become ref shortcodes again, so that Hugo builds the page.
    assert '[les projets]({{< ref "/projets" >}})' in page
    # A link whose title the cross-reference could not carry is given back as it was.
    assert '[Alpha]({{< relref "/projets/alpha.md" >}} "Alpha")' in page
    # The site's own keys as it wrote them; no slug the page did not have (its URL is its name).
    assert "\nDate: 2023-03-01T09:00:00+01:00\n" in page
    assert "slug:" not in page
    assert not list(tmp_path.rglob("*.tmp"))


def test_export_with_the_sites_own_keys(tmp_path: Path) -> None:
    key_map = {"responsible": "lead", "wordcloud": "tags"}
    catalogue = import_site(MESSY, key_map=key_map).catalogue
    export_site(catalogue, tmp_path, events="news", proposals="ideas", key_map=key_map)
    page = (tmp_path / "content" / "ideas" / "beta.md").read_text("utf-8")
    assert "responsible: Claire" in page
    again = import_site(tmp_path, events=["news"], proposals=["ideas"], key_map=key_map)
    # The pages moved to other sections: only where they came from differs.
    assert without_origins(again.catalogue) == without_origins(catalogue)


def test_meta_description_kept_beside_the_summary(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "content" / "projets").mkdir(parents=True)
    (site / "content" / "projets" / "p.md").write_text(
        "---\ntitle: P\nsummary: S\ndescription: D\n---\n\nBody\n", encoding="utf-8"
    )
    catalogue = import_site(site).catalogue
    proposal = catalogue.proposal("p")
    assert (proposal.summary, proposal.description, proposal.extra["hugo_description"]) == (
        "S",
        "Body",
        "D",
    )
    export_site(catalogue, tmp_path / "out")
    page = (tmp_path / "out" / "content" / "projets" / "p.md").read_text("utf-8")
    assert "description: D\n" in page
    assert page.endswith("\nBody\n")
    assert import_site(tmp_path / "out").catalogue == catalogue


# -- the command -------------------------------------------------------------------------------


def run(argv: list[str]) -> int:
    return main(["import", "hugo", *argv])


def test_command_writes_a_catalogue_and_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "catalogue"
    code = run([str(MESSY), "-o", str(out), "--extract", "--report", "json"])
    assert code == 1  # four pages failed
    report = json.loads(capsys.readouterr().out)
    assert report["counts"]["failed"] == 4
    loaded = load(out)
    assert isinstance(loaded, Catalogue)
    assert len(loaded.events) == 3


def test_command_ok_and_text_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    (site / "content" / "projets").mkdir(parents=True)
    (site / "content" / "projets" / "p.md").write_text(
        "---\ntitle: P\nowner: Zoé\n---\n", encoding="utf-8"
    )
    code = run([str(site), "-o", str(tmp_path / "out"), "--map", "owner=lead", "--map", "github="])
    assert code == 0
    assert capsys.readouterr().out.endswith("0 events, 1 proposals, 0 skipped, 0 failed\n")
    assert load(tmp_path / "out").proposal("p").lead == "Zoé"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "argv",
    [["--map", "nonsense"], ["--map", "x=leed"], ["--map", "x=Not A Field"]],
)
def test_command_usage_errors(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run([str(MESSY), "-o", str(tmp_path / "out"), *argv]) == 2
    assert "error" in capsys.readouterr().err


def test_command_on_a_folder_that_is_not_a_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run([str(tmp_path), "-o", str(tmp_path / "out")]) == 1
    assert "no content/ folder" in capsys.readouterr().err


def test_the_example_catalogue_survives_a_trip_through_hugo_pages(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[2] / "examples" / "programme-10"
    catalogue = load(example)
    assert isinstance(catalogue, Catalogue)
    export_site(catalogue, tmp_path, events="events", proposals="proposals")
    again = import_site(tmp_path, events=["events"], proposals=["proposals"])
    assert again.ok
    # Candidates are people applying to teams: they are not pages of a public site.
    assert again.catalogue == attrs.evolve(catalogue, candidates=())


# -- links between pages: each kind of object under its own folder ---------------------------


def _linking_catalogue() -> Catalogue:
    from datetime import date

    from ideation.model import Event, Programme, Proposal

    body = (
        "See {ideation:event}`kickoff`, {ideation:event}`the kickoff <kickoff>`, "
        "{ideation:proposal}`maps`, {ref}`all events <ideation-events>` and "
        "{ref}`all proposals <ideation-proposals>`."
    )
    return Catalogue(
        programme=Programme(slug="p", name="P"),
        events=[Event(slug="kickoff", title="Kickoff", date=date(2023, 3, 1), description=body)],
        proposals=[Proposal(slug="maps", title="Maps", description=body)],
    )


@pytest.mark.parametrize(
    ("events", "proposals"), [("actualites", "projets"), ("news", "ideas"), ("/a/b/", "c")]
)
def test_event_links_point_under_the_events_folder(
    events: str, proposals: str, tmp_path: Path
) -> None:
    export_site(_linking_catalogue(), tmp_path, events=events, proposals=proposals)
    event_dir, proposal_dir = events.strip("/"), proposals.strip("/")
    for page in (
        tmp_path / "content" / event_dir / "kickoff.md",
        tmp_path / "content" / proposal_dir / "maps.md",
    ):
        text = page.read_text("utf-8")
        assert f'See {{{{< ref "/{event_dir}/kickoff" >}}}}' in text
        assert f'[the kickoff]({{{{< ref "/{event_dir}/kickoff" >}}}})' in text
        assert f'{{{{< ref "/{proposal_dir}/maps" >}}}}' in text
        assert f'[all events]({{{{< ref "/{event_dir}" >}}}})' in text
        assert f'[all proposals]({{{{< ref "/{proposal_dir}" >}}}})' in text
        assert "{ideation:" not in text


def test_event_links_come_back_as_event_roles(tmp_path: Path) -> None:
    catalogue = _linking_catalogue()
    export_site(catalogue, tmp_path, events="news", proposals="ideas")
    again = import_site(tmp_path, events=["news"], proposals=["ideas"]).catalogue
    assert bodies(again) == bodies(catalogue)


DATA = Path(__file__).parents[1] / "data"

#: Sites whose events section holds news too, with the sections to read.
SITES_WITH_NEWS = [
    pytest.param(DATA / "hugo-news", {}, id="news"),
    pytest.param(DATA / "hugo-news-en", {"events": ["news"], "proposals": ["projects"]}, id="en"),
    pytest.param(MESSY, {}, id="messy"),
    pytest.param(
        CORPUS,
        {"extract": True},
        id="corpus",
        marks=() if CORPUS.is_dir() else pytest.mark.skip(reason=f"no corpus at {CORPUS}"),
    ),
]


@pytest.mark.parametrize(("source", "options"), SITES_WITH_NEWS)
def test_exported_back_into_its_site_the_news_stay_news(
    source: Path, options: dict[str, Any], tmp_path: Path
) -> None:
    # Exported into the site it came from, news pages are still beside the events: the next
    # import must take the events the export wrote, and judge the other pages as before.
    site = tmp_path / "site"
    shutil.copytree(source, site)
    first = import_site(site, **options)
    sections = {key: value[0] for key, value in options.items() if key != "extract"}
    export_site(first.catalogue, site, source=site, **sections)
    second = import_site(site, **options)

    assert [e.slug for e in second.catalogue.events] == [e.slug for e in first.catalogue.events]
    assert [p.slug for p in second.catalogue.proposals] == [
        p.slug for p in first.catalogue.proposals
    ]
    skipped = [entry.file for entry in first.entries if entry.outcome == "skipped"]
    assert skipped == [entry.file for entry in second.entries if entry.outcome == "skipped"]


def test_a_page_added_after_an_export_is_judged(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(DATA / "hugo-news", site)
    export_site(import_site(site).catalogue, site, source=site)
    news = site / "content" / "actualites" / "2024-01-05-newsletter-janvier.md"
    news.write_text('---\ntitle: "Newsletter de janvier"\ndate: 2024-01-05\n---\n\nBonjour.\n')
    again = import_site(site)
    assert "2024-01-05-newsletter-janvier" not in {e.slug for e in again.catalogue.events}
    entry = next(e for e in again.entries if e.file.endswith("newsletter-janvier.md"))
    assert entry.outcome == "skipped"


@pytest.mark.parametrize("listed", ["not a list", [1, 2], {"a": "b"}])
def test_a_broken_list_of_event_pages_is_a_note(listed: object, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(DATA / "hugo-news", site)
    first = import_site(site)
    export_site(first.catalogue, site, source=site)
    data_file = site / "data" / "ideation" / "programme.yaml"
    text = data_file.read_text(encoding="utf-8")
    head = text[: text.index("event_pages:")]
    data_file.write_text(head + f"event_pages: {json.dumps(listed)}\n", encoding="utf-8")
    again = import_site(site)
    assert any("event_pages" in note.message for note in again.notes)
    # Every page judged by the rules: the same events as a site without the list.
    assert [e.slug for e in again.catalogue.events] == [e.slug for e in first.catalogue.events]
