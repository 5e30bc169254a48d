"""Whatever a page holds, the import names it in the report and never raises; what it imports
survives export and import again unchanged."""

from __future__ import annotations

import tempfile
from pathlib import Path

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
