"""``export hugo`` gives each page back as the site wrote it (issue 10, "Giving the site back
unbroken"): untouched pages byte for byte, changed pages edited only where their data changed,
in YAML and TOML; shortcodes removed from inside a line come back at their place, and those
that cannot are named with their file and line."""

from __future__ import annotations

import datetime as dt
import difflib
import shutil
import tempfile
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ideation.cli import main
from ideation.formats.writeback import edit_mapping
from ideation.hugo import HugoExport, export_site, import_site
from ideation.hugo._origins import HUGO_KEY, body_changes, shortcodes_back
from ideation.hugo._rewrite import page_back, same_value
from ideation.hugo._shortcodes import convert_shortcodes
from ideation.model import Catalogue, PlainMapping, PlainValue
from tests.hugo.test_fuzz import event_pages, proposal_pages

DATA = Path(__file__).parents[1] / "data"
ROUNDTRIP = DATA / "hugo-roundtrip"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "programme10-2022"

SITES = [
    pytest.param(ROUNDTRIP, {}, id="roundtrip"),
    pytest.param(DATA / "hugo" / "messy", {}, id="messy"),
    pytest.param(DATA / "hugo" / "messy", {"extract": True}, id="messy-extract"),
    pytest.param(DATA / "hugo-prose", {"extract": True}, id="prose-extract"),
    pytest.param(DATA / "hugo-news", {"extract": True}, id="news-extract"),
    pytest.param(DATA / "hugo-dates", {}, id="dates"),
    pytest.param(DATA / "hugo-shortcodes", {}, id="shortcodes"),
    pytest.param(DATA / "hugo-quarto", {"events": ["evenements"]}, id="quarto"),
    pytest.param(
        DATA / "hugo-wowchemy", {"events": ["event"], "proposals": ["project"]}, id="wowchemy"
    ),
    pytest.param(
        CORPUS,
        {"extract": True},
        id="corpus",
        marks=pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no shared corpus at {CORPUS}"),
    ),
]


def recorded(changes: list[PlainMapping]) -> dict[str, PlainValue]:
    """The record of a page whose body had ``changes``."""
    return {"shortcodes": [*changes]}


def export(result_catalogue: Catalogue, out: Path, source: Path, **options: Any) -> HugoExport:
    sections = {k: v[0] for k, v in options.items() if k in ("events", "proposals")}
    return export_site(result_catalogue, out, source=source, **sections)


@pytest.mark.parametrize(("site", "options"), SITES)
def test_untouched_pages_come_back_byte_for_byte(
    site: Path, options: dict[str, Any], tmp_path: Path
) -> None:
    result = import_site(site, **options)
    exported = export(result.catalogue, tmp_path, site, **options)
    assert exported.pages
    # A Quarto project's pages are in the project's own folder, not under content/.
    content = site / "content" if (site / "content").is_dir() else site
    for page in exported.pages:
        assert page.how == "unchanged", (page, exported.summary())
        original = (content / page.file.removeprefix("content/")).read_bytes()
        assert (tmp_path / page.file).read_bytes() == original, page.file


def test_exporting_into_the_site_itself_touches_no_page(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(ROUNDTRIP, site)
    catalogue = import_site(site).catalogue
    before = {p: p.stat().st_mtime_ns for p in (site / "content").rglob("*") if p.is_file()}
    exported = export_site(catalogue, site)  # no source: the pages already there are the site's
    assert {page.how for page in exported.pages} == {"unchanged"}
    assert all(not path.is_relative_to(site / "content") for path in exported.written)
    assert before == {p: p.stat().st_mtime_ns for p in (site / "content").rglob("*") if p.is_file()}


def changed_lines(before: str, after: str) -> list[str]:
    diff = difflib.ndiff(before.splitlines(), after.splitlines())
    return sorted(line for line in diff if line[:1] in "+-")


def edit(catalogue: Catalogue, slug: str, **changes: Any) -> Catalogue:
    proposals = [attrs.evolve(p, **changes) if p.slug == slug else p for p in catalogue.proposals]
    return attrs.evolve(catalogue, proposals=proposals)


def test_a_changed_yaml_page_is_edited_only_where_its_data_changed(tmp_path: Path) -> None:
    catalogue = import_site(ROUNDTRIP).catalogue
    catalogue = edit(
        catalogue,
        "qualite",
        title="Qualité des données publiques",
        lead="Inès Leroy-Dubois",
        summary="Mesurer la qualité des données publiées.",
        repository=None,
    )
    exported = export_site(catalogue, tmp_path, source=ROUNDTRIP)
    (page,) = [p for p in exported.pages if p.file == "content/projets/qualite.md"]
    assert page.how == "edited"
    assert set(page.changed) == {"title", "responsible", "summary", "github"}
    before = (ROUNDTRIP / page.file).read_text("utf-8")
    after = (tmp_path / page.file).read_text("utf-8")
    assert changed_lines(before, after) == sorted(
        [
            '- title: "Qualité des données"',
            '+ title: "Qualité des données publiques"',  # still double-quoted
            "- responsible: 'Inès Leroy'   # cheffe de projet",
            "+ responsible: 'Inès Leroy-Dubois' # cheffe de projet",  # the site's key, its quotes
            "- github: https://github.com/example/qualite",
            "-   Mesurer la qualité des données",
            "-   publiées par les ministères.",
            "+   Mesurer la qualité des données publiées.",  # still a folded block
        ]
    )
    # Comments, the key order, the other quoted values and the body are as they were.
    assert after.startswith("---\n# Relue en mai ; l'ordre des clés est celui de l'équipe\n")
    assert '\nwordcloud: "données, qualité"\n' in after
    assert "\ndate: '2023-03-15'\n" in after
    assert after.endswith(
        "\n\nLa qualité des données se mesure {{< param saison >}} fois par an.\n"
    )


def test_a_changed_toml_page_is_edited_only_where_its_data_changed(tmp_path: Path) -> None:
    catalogue = import_site(ROUNDTRIP).catalogue
    catalogue = edit(
        catalogue, "outil-suivi", title="Outil de suivi des projets", tags=("suivi", "budget")
    )
    export_site(catalogue, tmp_path, source=ROUNDTRIP)
    file = "content/projets/outil-suivi.md"
    before = (ROUNDTRIP / file).read_text("utf-8")
    after = (tmp_path / file).read_text("utf-8")
    assert changed_lines(before, after) == sorted(
        [
            "- title = 'Outil de suivi'   # une chaîne littérale",
            "+ title = 'Outil de suivi des projets'   # une chaîne littérale",
            '- wordcloud = ["suivi", "tableaux de bord"]',
            '+ wordcloud = ["suivi", "budget"]',
        ]
    )


def test_a_page_changed_and_built_by_hugo_shows_the_change_and_nothing_else(
    tmp_path: Path,
) -> None:
    hugo_build = pytest.importorskip("tests.hugo.test_build").hugo_build
    if shutil.which("hugo") is None:
        pytest.skip("the hugo binary is not installed (apt-get install hugo)")
    before = hugo_build(shutil.copytree(ROUNDTRIP, tmp_path / "before"), tmp_path / "pb")
    catalogue = edit(import_site(ROUNDTRIP).catalogue, "qualite", lead="Inès Leroy-Dubois")
    site = tmp_path / "after"
    shutil.copytree(ROUNDTRIP, site, ignore=shutil.ignore_patterns("content"))
    export_site(catalogue, site, source=ROUNDTRIP)
    after = hugo_build(site, tmp_path / "pa")
    assert sorted(after) == sorted(before)
    changed = [url for url in before if after[url] != before[url]]
    assert changed == ["projets/qualite/index.json"]
    assert after[changed[0]]["lead"] == "Inès Leroy-Dubois"
    assert {k: v for k, v in after[changed[0]].items() if k not in ("lead", "params")} == {
        k: v for k, v in before[changed[0]].items() if k not in ("lead", "params")
    }


def test_facts_read_from_the_prose_stay_in_the_prose_until_changed(tmp_path: Path) -> None:
    site = DATA / "hugo-prose"
    catalogue = import_site(site, extract=True).catalogue
    event = next(e for e in catalogue.events if e.attendance is not None)
    assert event.attendance is not None
    exported = export_site(catalogue, tmp_path / "same", source=site)
    assert {page.how for page in exported.pages} == {"unchanged"}
    counted = attrs.evolve(event.attendance, count=(event.attendance.count or 0) + 1)
    changed = attrs.evolve(
        catalogue,
        events=[attrs.evolve(e, attendance=counted) if e is event else e for e in catalogue.events],
    )
    exported = export_site(changed, tmp_path / "changed", source=site)
    (page,) = [p for p in exported.pages if p.how != "unchanged"]
    assert page.changed == ("attendance",)
    assert "\nattendance:\n" in (tmp_path / "changed" / page.file).read_text("utf-8")


# -- shortcodes inside a line -------------------------------------------------------------------


def test_shortcodes_removed_inside_a_line_come_back_at_their_place(tmp_path: Path) -> None:
    catalogue = import_site(ROUNDTRIP).catalogue
    proposal = catalogue.proposal("outil-suivi")
    # The list parameter and the unknown shortcode were removed from the text Sphinx shows.
    assert proposal.description is not None
    assert "Écrire à  ou à l'équipe  du lab." in proposal.description
    # A paragraph added above them does not stop them from coming back.
    longer = "Nouveau paragraphe.\n\n" + proposal.description
    export_site(edit(catalogue, "outil-suivi", description=longer), tmp_path, source=ROUNDTRIP)
    page = (tmp_path / "content" / "projets" / "outil-suivi.md").read_text("utf-8")
    assert "Écrire à {{< param equipes >}} ou à l'équipe {{< equipe >}} du lab.\n" in page
    assert "mis à jour {{< param saison >}} fois par an.\n" in page


def test_a_shortcode_whose_line_changed_is_named_with_its_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalogue = tmp_path / "catalogue"
    assert main(["import", "hugo", str(ROUNDTRIP), "-o", str(catalogue)]) == 0
    page = catalogue / "proposals" / "outil-suivi.md"
    page.write_text(
        page.read_text("utf-8").replace("Écrire à  ou", "Écrire à l'équipe ou"), "utf-8"
    )
    capsys.readouterr()
    out = tmp_path / "out"
    assert main(["export", "hugo", str(catalogue), "-o", str(out), "--from", str(ROUNDTRIP)]) == 0
    report = capsys.readouterr().err
    assert "content/projets/outil-suivi.md: edited (body)" in report
    assert (
        "    note: line 11: {{< param equipes >}}, {{< equipe >}}: not given back, the text "
        "around it changed since the import"
    ) in report
    # The other shortcode of the page, on a line not edited, is given back.
    written = (out / "content" / "projets" / "outil-suivi.md").read_text("utf-8")
    assert "mis à jour {{< param saison >}} fois par an." in written


def test_without_the_site_the_note_gives_the_line_of_the_body(tmp_path: Path) -> None:
    catalogue = import_site(ROUNDTRIP).catalogue
    description = catalogue.proposal("outil-suivi").description or ""
    changed = edit(catalogue, "outil-suivi", description=description.replace("3 fois", "4 fois"))
    exported = export_site(changed, tmp_path)
    (page,) = [p for p in exported.pages if p.file == "content/projets/outil-suivi.md"]
    assert page.how == "written"
    assert [n.message for n in page.notes] == [
        "{{< param saison >}}: not given back, the text around it changed since the import "
        "(line 1 of the body)"
    ]


@pytest.mark.parametrize(
    ("raw", "converted"),
    [
        ("a {{< x >}} b", "a  b"),
        ("a {{< x >}} b\na {{< x >}} b", "a  b\na  b"),
        ("{{< x >}}\ntext", "% {{< x >}}\ntext"),
        ("one\n{{< highlight py >}}\ncode\n{{< /highlight >}}\ntwo", "one\n```py\ncode\n```\ntwo"),
        ("head\n{{< gone >}}\ntail", "head\ntail"),
        ("{{< gone >}}\ntail", "tail"),
    ],
)
def test_body_changes_give_back_the_body_as_it_was(raw: str, converted: str) -> None:
    changes = body_changes(raw, converted)
    assert shortcodes_back(converted, recorded(changes)) == (raw, [])


def test_records_of_earlier_versions_are_still_given_back() -> None:
    record: dict[str, PlainValue] = {"shortcodes": [["3", "{{< param saison >}}"]]}
    assert shortcodes_back("La saison 3.", record) == ("La saison {{< param saison >}}.", [])


# -- the pieces --------------------------------------------------------------------------------


def test_same_value_reads_values_as_hugo_does() -> None:
    assert same_value("2023-06-13T13:00:00Z", dt.datetime(2023, 6, 13, 13, tzinfo=dt.UTC))
    assert same_value("2023-03-15", dt.date(2023, 3, 15))
    assert not same_value("2023-03-16", dt.date(2023, 3, 15))
    assert not same_value(True, 1)
    assert same_value({"a": [1, "2023-01-01"]}, {"a": [1, dt.date(2023, 1, 1)]})
    assert not same_value("3", 3)


def test_edit_mapping_keeps_the_style_of_a_value_it_changes() -> None:
    text = "a: 'one'   # kept\nb: \"two\"\nc: three\n"
    edited = edit_mapping(
        text, "yaml", {"a": "one", "b": "two", "c": "three"}, {"a": "uno", "b": "two", "c": "three"}
    )
    assert edited == "a: 'uno'   # kept\nb: \"two\"\nc: three\n"
    toml = "a = 'one'\nb = \"two\" # kept\n"
    edited = edit_mapping(toml, "toml", {"a": "one", "b": "two"}, {"a": "it's", "b": "deux"})
    assert edited == 'a = "it\'s"\nb = "deux" # kept\n'


def test_a_page_with_crlf_and_a_bom_keeps_them() -> None:
    original = "\ufeff---\r\ntitle: 'A'\r\nx: 1\r\n---\r\n\r\nBody.\r\n"
    same = page_back(original, {"title": "A", "x": 1}, "Body.")
    assert same is not None
    assert same.text == original
    assert same.changed == ()
    changed = page_back(original, {"title": "B", "x": 1}, "Body.")
    assert changed is not None
    assert changed.text == "\ufeff---\r\ntitle: 'B'\r\nx: 1\r\n---\r\n\r\nBody.\r\n"


def test_a_page_that_cannot_be_edited_is_written_whole() -> None:
    assert page_back('{"title": "A"}\n\nBody.\n', {"title": "B"}, "Body.") is None
    assert page_back("no front matter\n", {"title": "B"}, "x") is None


def test_the_record_keeps_no_page_line_that_would_change_with_the_front_matter() -> None:
    # A record equal after import -> export -> import, however the front matter was written.
    (change,) = body_changes("a {{< x >}} b", "a  b")
    assert change["line"] == 1
    assert HUGO_KEY == "hugo"


def test_a_page_the_import_had_to_mend_is_kept_until_it_changes(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "content" / "projets").mkdir(parents=True)
    (site / "content" / "actualites").mkdir()
    page = site / "content" / "projets" / "saison.md"
    text = "---\ntitle: Saison\nsummary: Saison 2 : le lancement\n---\n\nTexte.\n"
    page.write_text(text, "utf-8")
    catalogue = import_site(site).catalogue
    same = export_site(catalogue, tmp_path / "same", source=site)
    assert [p.how for p in same.pages] == ["unchanged"]
    assert (tmp_path / "same" / "content" / "projets" / "saison.md").read_text("utf-8") == text
    changed = export_site(
        edit(catalogue, "saison", title="Saison 2"), tmp_path / "new", source=site
    )
    (exported,) = changed.pages
    assert exported.how == "written"
    assert "mended" in exported.reason


@pytest.mark.parametrize(
    "change",
    [
        {"at": [1, 99], "lines": 1},
        {"at": [1, -3], "lines": 1},
        {"at": [1, 0], "lines": 0},
        {"at": "1:0", "lines": 1},
        {"at": [1, 0], "lines": 10**9},
    ],
)
def test_a_damaged_record_is_named_not_followed(change: dict[str, Any]) -> None:
    body = "a  b"
    (good,) = body_changes("a {{< x >}} b", body)
    back, lost = shortcodes_back(body, {"shortcodes": [{**good, **change}]})
    assert back == body
    assert [n.message for n in lost] == [
        "{{< x >}}: not given back, the text around it changed since the import"
    ]


# -- properties --------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "Texte",
        " ",
        "é",
        "{{< param saison >}}",
        "{{< param equipes >}}",
        "{{< param absent >}}",
        "{{< equipe >}}",
        '{{< figure src="/img/a.png" caption="A" >}}',
        "{{< youtube abc >}}",
        "{{< note >}}",
        "{{< /note >}}",
        "{{% aside %}}",
        "{{< x >}}{{< y >}}",
        "[lien](/a)",
        "`code`",
    ]
)
_LINES = st.lists(_PIECES, max_size=6).map("".join)
# A body has some text of its own somewhere: one made only of shortcodes the import removed
# is blank, and a blank line added to it could be anywhere.
_RAW = st.tuples(st.lists(_LINES, min_size=1, max_size=8), st.integers(0, 8)).map(
    lambda drawn: "\n".join([*drawn[0][: drawn[1]], "Le texte de la page.", *drawn[0][drawn[1] :]])
)
_PARAMS = {"saison": 3, "equipes": ["data", "design"]}


@settings(max_examples=80, deadline=None)
@given(raw=_RAW, added=st.lists(st.sampled_from(["Un paragraphe ajouté.", ""]), max_size=3))
def test_every_change_to_a_body_comes_back_at_its_place(raw: str, added: list[str]) -> None:
    converted, _ = convert_shortcodes(raw, _PARAMS)
    changes = body_changes(raw, converted)
    assert shortcodes_back(converted, recorded(changes)) == (raw, [])
    # Lines added above do not stop a change from being found by the lines around it (lines
    # unlike the body's: an added copy of a line could be either, for a person too).
    prefix = "".join(f"{line}\n" for line in added)
    back, lost = shortcodes_back(prefix + converted, recorded(changes))
    assert lost == []
    assert back == prefix + raw


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(event=event_pages(), proposal=proposal_pages(), extract=st.booleans())
def test_pages_a_site_writes_come_back_byte_for_byte(
    event: str, proposal: str, extract: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        for section, text in (("actualites/e.md", event), ("projets/p.md", proposal)):
            (site / "content" / section).parent.mkdir(parents=True, exist_ok=True)
            (site / "content" / section).write_text(text, encoding="utf-8")
        first = import_site(site, extract=extract)
        exported = export_site(first.catalogue, Path(folder) / "out", source=site)
        assert [p.how for p in exported.pages] == ["unchanged", "unchanged"]
        for page in exported.pages:
            assert (Path(folder) / "out" / page.file).read_text("utf-8") == (
                site / page.file
            ).read_text("utf-8")


_NEW_TITLES = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30
).filter(lambda t: t.strip() == t and t.strip())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(proposal=proposal_pages(), title=_NEW_TITLES)
def test_a_changed_value_reads_back_and_only_its_line_changes(proposal: str, title: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        (site / "content" / "projets").mkdir(parents=True)
        (site / "content" / "actualites").mkdir(parents=True)
        (site / "content" / "projets" / "p.md").write_text(proposal, encoding="utf-8")
        catalogue = import_site(site).catalogue
        changed = edit(catalogue, "p", title=title)
        out = Path(folder) / "out"
        (page,) = export_site(changed, out, source=site).pages
        written = (out / page.file).read_text("utf-8")
        if catalogue.proposal("p").title != title:
            assert page.how == "edited"
            assert page.changed == ("title",)
            lines = changed_lines(proposal, written)
            assert all(line[2:].startswith("title:") for line in lines), lines
        again = import_site(out).catalogue.proposal("p")
        assert again == changed.proposal("p")


def test_a_changed_value_keeps_the_shape_the_page_gave_it(tmp_path: Path) -> None:
    # The import read "Zoom"-like texts as a place, "a, b" as a list and a list of leads as
    # one text; a new value goes back in the page's shape, which the site's theme reads.
    wowchemy = DATA / "hugo-wowchemy"
    catalogue = import_site(wowchemy, events=["event"], proposals=["project"]).catalogue
    event = catalogue.event("kick-off")
    assert event.location is not None
    moved = attrs.evolve(event.location, url="https://meet.example.org/autre")
    catalogue = attrs.evolve(
        catalogue,
        events=[attrs.evolve(e, location=moved) if e is event else e for e in catalogue.events],
    )
    export_site(catalogue, tmp_path / "w", events="event", proposals="project", source=wowchemy)
    page = (tmp_path / "w" / "content" / "event" / "kick-off" / "index.md").read_text("utf-8")
    assert "\nlocation: https://meet.example.org/autre\n" in page

    catalogue = import_site(ROUNDTRIP).catalogue
    impact = catalogue.proposal("impact-environnemental")
    catalogue = edit(catalogue, "impact-environnemental", tags=(*impact.tags, "énergie"))
    catalogue = edit(catalogue, "carte-scolaire", lead="Alice Martin, Chloé Petit")
    export_site(catalogue, tmp_path / "r", source=ROUNDTRIP)
    projets = tmp_path / "r" / "content" / "projets"
    page = (projets / "impact_environnemental.md").read_text("utf-8")
    assert "\nwordcloud: sobriété, mesure, numérique, énergie\n" in page
    page = (projets / "carte-scolaire" / "index.md").read_text("utf-8")
    assert "\nresponsible:\n  - Alice Martin\n  - Chloé Petit\n" in page


def test_a_page_moved_to_another_section_names_the_shortcodes_it_leaves_out(
    tmp_path: Path,
) -> None:
    catalogue = import_site(ROUNDTRIP).catalogue
    exported = export_site(catalogue, tmp_path, proposals="idees")
    (page,) = [p for p in exported.pages if p.file == "content/idees/outil-suivi.md"]
    why = "not given back, the page moved from projets/outil-suivi.md"
    assert [n.message for n in page.notes] == [
        f"{{{{< param saison >}}}}: {why} (line 1 of the body)",
        f"{{{{< param equipes >}}}}, {{{{< equipe >}}}}: {why} (line 2 of the body)",
    ]
