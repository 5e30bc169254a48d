"""The issue's "done when": a new project with only the extension shows every fact of the seed page.

The project (``roots/test-seed``) has ``extensions = ["ideation.sphinx"]``, one reStructuredText
page with ``ideation:event`` for the seed event and one MyST page with ``ideation:proposals``.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from sphinx_roots import ROOTS, Builder, normalise, warnings_of

PROFILES = (
    "Data scientists",
    "Développeurs",
    "Data engineers",
    "Chefs de pôle",
    "Administrateurs ministériels des données, des algorithmes et des codes sources (AMDAC)",
)
ORGANISATIONS = (
    "Ministère de l'Éducation nationale, de la Jeunesse et des Sports",
    "Ministère de l'Intérieur",
    "Gendarmerie nationale",
    "Direction du numérique du ministère de l'Intérieur (DNUM)",
    "Ministère de la Transition écologique",
    "Ministère des Solidarités et de la Santé",
    "Ministère du Travail, de l'Emploi et de l'Insertion",
    "(DARES)",
    "Ministère des Armées",
    "Ministère de l'Économie, des Finances et de la Relance",
    "Pôle d'expertise de la régulation numérique (PEReN)",
    "Direction interministérielle de la transformation publique",
    "(INSEE)",
    "Cour de cassation",
)
TOPICS = (
    "siretisation",
    "scraping-offres-emploi",
    "classification-offres-emploi",
    "insee",
    "liria",
)


def _text_of(page: str) -> str:
    # The page's text, tags removed, entities decoded: what a reader sees.
    return normalise(html.unescape(re.sub(r"<[^>]+>", "", page)))


@pytest.mark.parametrize(
    "buildername", ["html", "dirhtml", "singlehtml", "latex", "text", "gettext"]
)
def test_builds_without_warnings(build: Builder, buildername: str) -> None:
    app = build("seed", buildername, nitpicky=True)
    assert warnings_of(app) == ""


def test_html_shows_every_fact_of_the_seed_page(build: Builder) -> None:
    app = build("seed", "html", nitpicky=True)
    page = (app.outdir / "index.html").read_text(encoding="utf-8")
    text = _text_of(page)
    assert "Atelier d'idéation du 16 mai" in text
    assert "May 16, 2022" in text
    for clock in ("9:30 AM", "9:45 AM", "10:00 AM", "10:30 AM", "11:45 AM"):
        assert clock in text
    for title in (
        "Accueil café",
        "Présentation du programme 10 %",
        "Pitchs des projets",
        "Ateliers sur les projets",
        "Restitution des ateliers",
    ):
        assert title in text
    assert re.search(r"Participants\s*:?\s*25", text)
    for profile in PROFILES:
        assert profile in text
    for organisation in ORGANISATIONS:
        assert organisation in text
    # Sub-units are listed under their ministry.
    assert re.search(
        r"Ministère de l'Intérieur\s*Gendarmerie nationale\s*Direction du numérique", text
    )
    for slug in TOPICS:
        assert f'href="proposals.html#ideation-proposal-{slug}"' in page
    assert "Identifier des projets d'intérêt commun entre les ministères." in text
    assert "Atelier d'idéation afin d'identifier les projets" in text


def test_html_only_extras(build: Builder) -> None:
    app = build("seed", "html")
    page = (app.outdir / "index.html").read_text(encoding="utf-8")
    # Linked with the checksum suffix Sphinx gives every stylesheet it copies itself.
    assert re.search(r'href="_static/ideation\.css\?v=[0-9a-f]+"', page)
    assert (app.outdir / "_static" / "ideation.css").is_file()
    text = build("seed", "text")
    assert "ld+json" not in (text.outdir / "index.txt").read_text(encoding="utf-8")


def test_french_labels(build: Builder) -> None:
    app = build("seed", "html", language="fr")
    text = _text_of((app.outdir / "index.html").read_text(encoding="utf-8"))
    assert warnings_of(app) == ""
    for label in ("Programme de la journée", "Participation", "Profils", "Objectifs", "Horaire"):
        assert label in text
    assert "16 mai 2022" in text
    assert "09:30" in text
    assert "Agenda" not in text
    proposals = _text_of((app.outdir / "proposals.html").read_text(encoding="utf-8"))
    assert "En cours" in proposals
    assert "Statut" in proposals


def test_ideation_language_sets_labels_apart_from_the_site(build: Builder) -> None:
    # An English site showing French data: the extension's labels and dates are French, the
    # site's own words (Sphinx's) stay English; and a later English build is English again.
    french = build("seed", "html", ideation_language="fr")
    text = _text_of((french.outdir / "index.html").read_text(encoding="utf-8"))
    assert warnings_of(french) == ""
    assert "Programme de la journée" in text
    assert "16 mai 2022" in text
    assert "Agenda" not in text
    assert "Navigation" in (french.outdir / "index.html").read_text(encoding="utf-8")
    english = build("seed", "html")
    text = _text_of((english.outdir / "index.html").read_text(encoding="utf-8"))
    assert "Agenda" in text
    assert "May 16, 2022" in text


def test_a_project_can_add_a_language_with_its_own_catalog(build: Builder, tmp_path: Path) -> None:
    # A German catalog of the project's own, in its locale_dirs, as Sphinx projects ship theirs.
    srcdir = tmp_path / "german"
    shutil.copytree(ROOTS / "test-seed", srcdir)
    catalog = Catalog(locale="de", domain="ideation")
    catalog.add("Agenda", "Tagesordnung")
    messages = srcdir / "locales" / "de" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    with (messages / "ideation.mo").open("wb") as stream:
        write_mo(stream, catalog)
    app = build("seed", "html", srcdir=srcdir, language="de", locale_dirs=["locales"])
    text = _text_of((app.outdir / "index.html").read_text(encoding="utf-8"))
    assert "Tagesordnung" in text
    assert "16. Mai 2022" in text  # Babel knows German dates without any catalog


@pytest.mark.parametrize("theme", ["alabaster", "furo", "pydata_sphinx_theme"])
def test_themes_get_the_stylesheet(build: Builder, theme: str) -> None:
    app = build("seed", "html", html_theme=theme)
    assert warnings_of(app) == ""
    assert "_static/ideation.css" in (app.outdir / "index.html").read_text(encoding="utf-8")
