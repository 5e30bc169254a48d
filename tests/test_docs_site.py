"""The docs build with no warning, and their showcase shows every fact of the seed page.

The seed page is the programme 10%'s page of the 16 May 2022 ideation workshop; the showcase
renders the example catalogue in French, so the facts are checked as a French reader sees them.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

pytest.importorskip("sphinx")

TOPICS = (
    "siretisation",
    "scraping-offres-emploi",
    "classification-offres-emploi",
    "insee",
    "liria",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docs") / "html"
    command = [sys.executable, "-m", "sphinx", "-n", "-W", "--keep-going", "-q", "-b", "html"]
    result = subprocess.run(
        [*command, str(ROOT / "docs"), str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return out


def _text(page: Path) -> str:
    raw = page.read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", raw)))


def test_showcase_event_page_shows_every_fact_of_the_seed_page(site: Path) -> None:
    page = site / "showcase" / "programme-10" / "events" / "atelier-ideation.html"
    text = _text(page)
    assert "Atelier d’idéation du 16 mai" in text
    assert "16 mai 2022, 09:30–12:30 (Europe/Paris)" in text
    for hours in ("09:30–09:45", "09:45–10:00", "10:00–10:30", "10:30–11:45", "11:45–12:30"):
        assert hours in text
    assert re.search(r"Participants : 25|Participants: 25", text)
    for profile in ("Data scientists", "Développeurs", "Data engineers", "Chefs de pôle", "AMDAC"):
        assert profile in text
    for organisation in (
        "Ministère de l’Éducation nationale, de la Jeunesse et des Sports",
        "Ministère de l’Intérieur Gendarmerie nationale Direction du numérique",
        "Ministère de la Transition écologique",
        "Ministère des Solidarités et de la Santé",
        "Ministère du Travail, de l’Emploi et de l’Insertion Direction de l’animation",
        "Ministère des Armées",
        "Ministère de l’Économie, des Finances et de la Relance Pôle d’expertise",
        "Direction interministérielle de la transformation publique",
        "Institut national de la statistique et des études économiques",
        "Cour de cassation",
    ):
        assert organisation in text
    raw = page.read_text(encoding="utf-8")
    for slug in TOPICS:
        assert f'href="../proposals/{slug}.html#ideation-proposal-{slug}"' in raw
    assert "Programme de la journée" in text  # French labels on an English site


def test_showcase_landing_page_links_the_calendar_feed(site: Path) -> None:
    landing = (site / "showcase" / "index.html").read_text(encoding="utf-8")
    feed = re.search(r'href="(\.\./_downloads/[0-9a-f]+/programme-10\.ics)"', landing)
    assert feed is not None
    data = (site / "showcase" / feed[1]).resolve().read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert data.count(b"BEGIN:VEVENT") == 10


# Types whose docstring autodoc shows under a documented name that has none of its own.
BUILTINS = (str, int, float, bool, bytes, dict, list, tuple, set, frozenset, object, type)


def test_no_documented_name_shows_a_builtin_docstring(site: Path) -> None:
    # A constant re-exported by a package (ideation.model.DEFAULT_TIMEZONE) once showed the
    # docstring of str: each name must say what it is, or say nothing.
    # Each type's longest docstring line, which no page of ours would write.
    openings = {
        kind.__name__: max((kind.__doc__ or "").splitlines(), key=len).strip() for kind in BUILTINS
    }
    shown = {
        (page.relative_to(site).as_posix(), name)
        for page in site.rglob("*.html")
        for text in [_text(page).replace("’", "'").replace("‘", "'")]
        for name, opening in openings.items()
        if opening in text
    }
    assert shown == set()


def test_the_reference_shows_default_timezone_with_its_own_comment(site: Path) -> None:
    text = _text(site / "reference" / "api.html")
    assert "DEFAULT_TIMEZONE = 'Europe/Paris' ¶ The time zone of events and sessions" in text


def test_every_row_of_the_data_key_tables_has_a_description(site: Path) -> None:
    page = (site / "reference" / "data-files.html").read_text(encoding="utf-8")
    tables = re.findall(r'<table class="[^"]*data-keys.*?</table>', page, re.DOTALL)
    assert len(tables) > 10
    blank = []
    for table in tables:
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table.split("<tbody>", 1)[1], re.DOTALL):
            cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.DOTALL)
            if not re.sub(r"<[^>]+>|\s", "", cells[-1]):
                blank.append(re.sub(r"<[^>]+>|\s+", " ", cells[0]).strip())
    assert blank == []
