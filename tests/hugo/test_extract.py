"""Structure from prose (``extract=True``): each value found, and reported with its line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ideation.hugo import HugoImport, PageEntry, import_site
from ideation.hugo._extract.event import match_title, session_kind
from ideation.hugo._extract.text import slugify
from ideation.model import SessionKind

MESSY = Path(__file__).parents[1] / "data" / "hugo" / "messy"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "programme10-2022"
SEED = "content/actualites/2022-05-16_atelier.md"


@pytest.fixture(scope="module")
def real() -> HugoImport:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus (the programme 10% Hugo site) is not at {CORPUS}")
    return import_site(CORPUS, extract=True)


def seed_entry(result: HugoImport) -> PageEntry:
    (found,) = [e for e in result.entries if e.file == SEED]
    return found


def test_seed_page_five_agenda_items_with_their_times(real: HugoImport) -> None:
    agenda = [e for e in seed_entry(real).extracted if e.path.startswith("$.sessions")]
    assert [(e.value["start"], e.value["kind"]) for e in agenda] == [
        ("09:30", "welcome"),
        ("09:45", "presentation"),
        ("10:00", "pitch"),
        ("10:30", "workshop"),
        ("11:45", "restitution"),
    ]
    assert agenda[0].line == 42
    assert agenda[0].text == "* 9h30 : Accueil café"


def test_seed_page_attendance(real: HugoImport) -> None:
    event = real.catalogue.event("atelier-ideation")
    assert event.attendance is not None
    assert event.attendance.count == 25
    assert [p.name for p in event.attendance.profiles] == [
        "Data scientists",
        "Développeurs",
        "Data engineers",
        "Chefs de pôle",
        "Administrateurs ministériels des données, des algorithmes et des codes sources (AMDAC)",
    ]
    counts = [e for e in seed_entry(real).extracted if e.path == "$.attendance.count"]
    assert counts[0].line == 17


def test_seed_page_ten_organisations_with_their_sub_units(real: HugoImport) -> None:
    catalogue = real.catalogue
    top = [org for org in catalogue.organisations if org.parent is None]
    assert len(top) == 10
    assert {org.name for org in catalogue.children("ministere-de-l-interieur")} == {
        "Gendarmerie Nationale",
        "DNUM",
    }
    assert (
        catalogue.organisation("dares").parent
        == "ministere-du-travail-de-l-emploi-et-de-l-insertion"
    )
    assert catalogue.organisation("peren").acronym == "PEReN"
    assert catalogue.organisation("cour-de-cassation").kind == "court"
    event = catalogue.event("atelier-ideation")
    assert event.attendance is not None
    assert len(event.attendance.organisations) == 14


def test_seed_page_five_topics_as_parallel_workshops_linked_to_proposals(
    real: HugoImport,
) -> None:
    event = real.catalogue.event("atelier-ideation")
    workshops = [s for s in event.sessions if s.kind == SessionKind.WORKSHOP]
    assert len(workshops) == 5
    assert {s.start for s in workshops} == {dt.time(10, 30)}
    assert {s.end for s in workshops} == {dt.time(11, 45)}
    assert [s.proposals for s in workshops] == [
        ("siretisation",),
        (),
        (),
        ("insee",),
        ("liria",),
    ]
    topics = [e for e in seed_entry(real).extracted if e.path.startswith("$.topics")]
    assert len(topics) == 5
    unmatched = [n.message for n in seed_entry(real).notes if "matches no proposal" in n.message]
    assert len(unmatched) == 2


def test_bootcamp_topics_without_a_workshop_slot_become_the_events_proposals(
    real: HugoImport,
) -> None:
    assert real.catalogue.event("bootcamp").proposals == (
        "juripiaf",
        "designsystemetat",
        "insee",
        "siretisation",
        "liria",
    )


def test_proposal_sections(real: HugoImport) -> None:
    liria = real.catalogue.proposal("liria")
    assert liria.wanted_profiles == (
        "Data scientist (compétences en NLP, computeur vision)",
        "Développeur",
    )
    assert liria.resources[0].url == "https://github.com/etalab-ia/ocr-xtract"
    assert liria.resources[0].title == "Repertoire GitHub du projet OCR-Xtract"
    insee = real.catalogue.proposal("insee")
    assert insee.problem is not None
    assert insee.problem.startswith("De plus en plus de producteurs")
    assert real.catalogue.proposal("designsystemetat").technical_domains[:2] == ("R", "shiny")


def test_messy_agenda_with_ranges_as_headings() -> None:
    result = import_site(MESSY, extract=True)
    event = result.catalogue.event("2023-03-01-lancement")
    assert [(s.start, s.end, s.kind) for s in event.sessions] == [
        (dt.time(9), dt.time(9, 30), SessionKind.WELCOME),
        (dt.time(9, 30), dt.time(10, 15), SessionKind.PRESENTATION),
        (dt.time(10, 15), dt.time(11, 30), SessionKind.WORKSHOP),
        (dt.time(10, 15), dt.time(11, 30), SessionKind.WORKSHOP),
        (dt.time(11, 30), dt.time(12), SessionKind.RESTITUTION),
    ]
    assert event.sessions[2].proposals == ("alpha",)
    assert event.attendance is not None
    assert event.attendance.count == 12
    assert result.catalogue.organisation("deps").parent == "ministere-de-la-culture"


def test_front_matter_wins_over_prose(tmp_path: Path) -> None:
    page = tmp_path / "content" / "actualites" / "x.md"
    page.parent.mkdir(parents=True)
    page.write_text(
        "---\ntitle: X\ndate: 2023-01-01\nsessions:\n- start: '08:00'\n  title: Kept\n---\n\n"
        "* 9h30 : Accueil\n",
        encoding="utf-8",
    )
    result = import_site(tmp_path, extract=True)
    assert [s.title for s in result.catalogue.event("x").sessions] == ["Kept"]
    assert any("in the front matter already" in n.message for n in result.entries[0].notes)


def test_agenda_out_of_order_is_left_in_the_prose(tmp_path: Path) -> None:
    page = tmp_path / "content" / "actualites" / "x.md"
    page.parent.mkdir(parents=True)
    page.write_text(
        "---\ntitle: X\ndate: 2023-01-01\n---\n\n* 14h : Atelier\n* 9h30 : Accueil\n",
        encoding="utf-8",
    )
    result = import_site(tmp_path, extract=True)
    assert result.catalogue.event("x").sessions == ()
    assert any("not in time order" in n.message for n in result.entries[0].notes)


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Accueil café", "welcome"),
        ("Restitution des ateliers", "restitution"),
        ("Pitchs des projets", "pitch"),
        ("Déjeuner", "meal"),
        ("Tour de table", "other"),
    ],
)
def test_session_kind_from_words(title: str, kind: str) -> None:
    assert session_kind(title) == kind


def test_match_title() -> None:
    titles = {"siretisation": "SIRETisation", "ocr": "OCR et extraction d'informations"}
    assert match_title("La SIRETisation des établissements", titles)[0] == "siretisation"
    assert match_title("Le scraping des offres d'emploi", titles)[0] is None


def test_slugify() -> None:
    assert slugify("Ministère de l'Intérieur") == "ministere-de-l-interieur"
    assert slugify("Programme 10%") == "programme-10"


def test_event_kind_from_the_title(real: HugoImport) -> None:
    assert real.catalogue.event("atelier-ideation").kind == "ideation-workshop"
    assert real.catalogue.event("bootcamp").kind == "other"
