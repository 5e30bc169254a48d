"""Whatever a page holds, the import names it in the report and never raises; what it imports
survives export and import again unchanged; and pages written as a site would write them are
imported, every one (a round trip of empty catalogues proves nothing)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ideation.hugo import export_site, import_site

_PIECES = [
    "---\n",
    "+++\n",
    "\n",
    " ",
    "title: ",
    "title : ",
    "Title: ",
    "date: ",
    "2023-01-02",
    '"2023-01-02T10:00:00+01:00"',
    "slug: ",
    "summary: ",
    "responsible: ",
    "wordcloud: a, b",
    "github:",
    "tags: [x, y]",
    "images: /a.png",
    "draft: true",
    '"',
    "'",
    ":",
    "[",
    "]",
    "{",
    "}",
    "- ",
    "* ",
    "## ",
    "9h30 : Accueil",
    "10h-11h : Atelier",
    "*25 participant(e)s* : Data scientists, Développeurs",
    "Ministère de l'Intérieur (DNUM)",
    "Ministère des Armées",
    "ateliers autour des projets suivants :",
    '{{< ref "/projets/p" >}}',
    '[x]({{< relref "/actualites" >}} "t")',
    "<br>",
    "```",
    "é",
    "\t",
    "0",
    "Projet",
]

pages = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(event=pages, proposal=pages)
def test_any_page_is_reported_and_what_is_imported_round_trips(event: str, proposal: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        (site / "content" / "actualites").mkdir(parents=True)
        (site / "content" / "projets").mkdir(parents=True)
        (site / "content" / "actualites" / "e.md").write_text(event, encoding="utf-8")
        (site / "content" / "projets" / "p.md").write_text(proposal, encoding="utf-8")
        for extract in (False, True):
            first = import_site(site, extract=extract)
            assert [e.file for e in first.entries] == [
                "content/actualites/e.md",
                "content/projets/p.md",
            ]
            assert all(e.reason for e in first.entries)
            out = Path(folder) / f"out-{extract}"
            export_site(first.catalogue, out)
            second = import_site(out, extract=extract)
            assert second.ok, second.summary()
            assert second.catalogue == first.catalogue


# -- pages a site would write: each must import -----------------------------------------------

_WORDS = st.sampled_from(
    ["Atelier", "idéation", "Bootcamp", "données", "projet", "l'État", "IA", "10%", "Paris", "a:b"]
)
_TEXT = st.lists(_WORDS, min_size=1, max_size=6).map(" ".join)
_DATES = st.one_of(
    st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31)),
    st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2100, 1, 1)).map(
        lambda d: d.replace(second=0, microsecond=0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    ),
)
_BODY_LINES = st.sampled_from(
    [
        "Une journée de travail sur les projets.",
        "",
        "* 9h30 : Accueil café",
        "* 10h00 - 11h30 : Ateliers",
        "* 12h : Déjeuner",
        "*25 participant(e)s* : Data scientists, Développeurs",
        "* Ministère de l'Intérieur (Gendarmerie nationale, DNUM)",
        "* Ministère des Armées",
        '[Les projets]({{< ref "/projets" >}})',
        '{{< ref "/projets/p" >}}',
        "## Les objectifs",
        "- Comprendre le besoin",
        "- Livrer un prototype",
        "##### Domaines techniques",
        "- NLP, vision",
    ]
)
_BODIES = st.lists(_BODY_LINES, max_size=12).map("\n".join)


def _page(front: dict[str, object], body: str) -> str:
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n"
    return text + (f"\n{body}\n" if body.strip() else "")


@st.composite
def event_pages(draw: st.DrawFn) -> str:
    # Every page carries a sign of an event (see ideation.hugo._news): a word or a time of day.
    word = draw(st.sampled_from(["Atelier", "Bootcamp", "Séminaire", "Démo", "Formation"]))
    front: dict[str, object] = {"title": f"{word} {draw(_TEXT)}", "date": draw(_DATES)}
    if draw(st.booleans()):
        front["summary"] = draw(_TEXT)
    if draw(st.booleans()):
        front["tags"] = draw(st.lists(_TEXT, max_size=3, unique=True))
    if draw(st.booleans()):
        front["draft"] = draw(st.booleans())
    return _page(front, draw(_BODIES))


@st.composite
def proposal_pages(draw: st.DrawFn) -> str:
    front: dict[str, object] = {"title": draw(_TEXT)}
    if draw(st.booleans()):
        front["responsible"] = draw(_TEXT)
    if draw(st.booleans()):
        front["github"] = "https://github.com/example/" + draw(st.sampled_from(["a", "b-c"]))
    if draw(st.booleans()):
        front["wordcloud"] = ", ".join(draw(st.lists(_TEXT, min_size=1, max_size=3)))
    if draw(st.booleans()):
        front["description"] = draw(_TEXT)
    return _page(front, draw(_BODIES))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(event=event_pages(), proposal=proposal_pages(), extract=st.booleans())
def test_pages_a_site_writes_import_and_round_trip(
    event: str, proposal: str, extract: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        (site / "content" / "actualites").mkdir(parents=True)
        (site / "content" / "projets").mkdir(parents=True)
        (site / "content" / "actualites" / "e.md").write_text(event, encoding="utf-8")
        (site / "content" / "projets" / "p.md").write_text(proposal, encoding="utf-8")
        first = import_site(site, extract=extract)
        assert first.ok, first.summary()
        assert first.counts["events"] == 1, first.summary()
        assert first.counts["proposals"] == 1, first.summary()
        out = Path(folder) / "out"
        export_site(first.catalogue, out)
        second = import_site(out, extract=extract)
        assert second.ok, second.summary()
        assert second.counts == first.counts
        assert second.catalogue == first.catalogue
