"""The ``ideation-dsfr`` theme: the example site built in it under ``-n -W``, its DSFR chrome,
its options, and the vendored DSFR files (only those used, at the pinned version)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ideation.sphinx.themes import dsfr

ROOT = Path(__file__).resolve().parents[3]
THEME = Path(dsfr.__file__).parent
VENDORED = THEME / "static" / "dsfr"
OPTIONS = {
    "accessibility_url": "https://example.gouv.fr/accessibilite",
    "accessibility_status": "partiellement conforme",
    "legal_url": "https://example.gouv.fr/mentions-legales",
    "personal_data_url": "https://example.gouv.fr/donnees-personnelles",
    "service_tagline": "Le programme des experts de la donnée",
}


def _build(tmp_path: Path, *options: str) -> Path:
    """The example site (``examples/existing-site``) built in the theme, with no warning."""
    shutil.copytree(ROOT / "examples" / "existing-site", tmp_path / "existing-site")
    shutil.copytree(ROOT / "examples" / "programme-10", tmp_path / "programme-10")
    out = tmp_path / "html"
    command = [sys.executable, "-m", "sphinx", "-n", "-W", "-q", "-b", "html"]
    command += ["-D", "html_theme=ideation-dsfr", *options]
    result = subprocess.run(
        [*command, str(tmp_path / "existing-site"), str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    options = [f"-Dhtml_theme_options.{key}={value}" for key, value in OPTIONS.items()]
    return _build(tmp_path_factory.mktemp("dsfr"), *options)


def test_the_example_builds_with_the_state_header_navigation_and_footer(site: Path) -> None:
    page = (site / "ideation" / "events" / "atelier-ideation.html").read_text("utf-8")
    assert '<html lang="fr"' in page
    assert 'data-fr-scheme="system"' in page
    assert '<p class="fr-logo">République<br>Française</p>' in page
    assert '<p class="fr-header__service-title">Notre programme</p>' in page
    assert "Le programme des experts de la donnée" in page
    # The skip links, then the main navigation from the root's toctree, the current section
    # marked; the side menu and the breadcrumb of the page.
    assert page.index('class="fr-skiplinks"') < page.index('class="fr-header"')
    nav = re.search(r'<nav class="fr-nav".*?</nav>', page, re.S)
    assert nav is not None
    assert 'aria-current="true">Programme 10' in nav.group(0)
    assert 'class="fr-sidemenu"' in page
    assert 'class="fr-breadcrumb__link" aria-current="page">Atelier d’idéation du 16 mai' in page
    # The footer's mandatory links, from html_theme_options, in French typography.
    assert 'href="https://example.gouv.fr/accessibilite">Accessibilité\u00a0: partiellement' in page
    assert ">Mentions légales</a>" in page
    assert ">Données personnelles</a>" in page
    assert 'href="https://legifrance.gouv.fr"' in page
    # The display settings: light, dark and the system's.
    for scheme in ("light", "dark", "system"):
        assert f'id="fr-radios-theme-{scheme}"' in page
    assert "_static/dsfr/dsfr.module.min.js" in page
    assert "_static/dsfr/dsfr.min.css" in page
    # The search page is the theme's layout with Sphinx's search.
    search = (site / "search.html").read_text("utf-8")
    assert 'class="fr-header"' in search
    assert "searchtools.js" in search


def test_the_state_identity_can_be_switched_off(tmp_path: Path) -> None:
    site = _build(
        tmp_path,
        "-Dhtml_theme_options.state_identity=false",
        "-Dhtml_theme_options.operator=Association Exemple",
    )
    page = (site / "index.html").read_text("utf-8")
    assert "fr-logo" not in page
    assert "République" not in page
    assert "gouv.fr" not in page
    assert '<p class="ideation-dsfr-operator">Association Exemple</p>' in page


def test_only_the_files_the_stylesheet_uses_are_vendored_at_the_pinned_version() -> None:
    version = (THEME / "VERSION").read_text("utf-8").strip()
    css = (VENDORED / "dsfr.min.css").read_text("utf-8")
    assert f"DSFR v{version} " in css[:300]
    named = {
        url
        for url in re.findall(r"url\([\"']?(?!data:)([^)\"'?#]+)", css)
        if not url.endswith(".woff")
    }
    vendored = {
        path.relative_to(VENDORED).as_posix() for path in VENDORED.rglob("*") if path.is_file()
    }
    assert vendored == named | {"dsfr.min.css", "dsfr.module.min.js", "LICENSE.md"}
    assert "Etalab" in (VENDORED / "LICENSE.md").read_text("utf-8")
    assert (ROOT / "scripts" / "refresh-dsfr").stat().st_mode & 0o111
