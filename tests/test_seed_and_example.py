"""The real seed page and the example catalogue load as the model says they should."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import ideation
from ideation import model
from ideation.formats import catalogue_files, load_with_sources

from .conftest import EXAMPLE


def test_seed_page_loads_unchanged_as_an_event(corpus: Path) -> None:
    seed = corpus / "content" / "actualites" / "2022-05-16_atelier.md"
    event = ideation.load(seed, ideation.Event)
    assert event.title == "Atelier d'idéation du 16 mai"
    assert event.slug == "atelier-ideation"
    assert event.date == dt.datetime(2022, 5, 16, 13, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert isinstance(event.date, dt.datetime)
    assert event.date.utcoffset() == dt.timedelta(hours=1)
    assert (
        event.summary
        == "Atelier d'idéation afin d'identifier les projets accompagnés par le programme"
    )
    assert event.images == ("/img/photo_atelier_ideation.jpg",)
    assert event.description is not None
    assert event.description.startswith("#### Les objectifs de l'atelier d'idéation")
    assert event.description.endswith("* 11h45 : Restitution des ateliers")


def test_corpus_project_pages_load_as_proposals_keeping_their_own_keys(corpus: Path) -> None:
    for page in sorted((corpus / "content" / "projets").glob("[!_]*.md")):
        proposal = ideation.load(page, ideation.Proposal)
        assert proposal.slug == page.stem
        assert "responsible" in proposal.extra


def test_example_catalogue_has_the_seed_event_modelled_completely() -> None:
    catalogue = ideation.load(EXAMPLE)
    assert isinstance(catalogue, model.Catalogue)
    event = catalogue.event("atelier-ideation")
    assert [s.start.strftime("%H:%M") for s in event.sessions] == [
        "09:30",
        "09:45",
        "10:00",
        "10:30",
        "11:45",
    ]
    assert event.attendance is not None
    assert event.attendance.count == 25
    assert len(event.attendance.profiles) == 5
    represented = event.attendance.organisations
    top_level = [slug for slug in represented if catalogue.organisation(slug).parent is None]
    assert len(top_level) == 10
    assert {"gendarmerie-nationale", "dnum-interieur"} <= {
        org.slug for org in catalogue.children("interieur")
    }
    workshop = next(s for s in event.sessions if s.kind is model.SessionKind.WORKSHOP)
    topics = [catalogue.proposal(slug) for slug in workshop.proposals]
    assert len(topics) == 5
    assert event.starts_at.isoformat() == "2022-05-16T09:30:00+02:00"
    assert event.images == ("/img/photo_atelier_ideation.jpg",)
    assert event.programme == catalogue.programme.slug


def test_example_programme_has_its_phases_events_and_projects() -> None:
    catalogue = ideation.load(EXAMPLE)
    assert isinstance(catalogue, model.Catalogue)
    assert [phase.slug for phase in catalogue.programme.phases] == [
        "qualification",
        "bootcamp-de-lancement",
        "journees-de-travail",
        "bootcamp-final",
    ]
    bootcamp = catalogue.event("bootcamp")
    assert (bootcamp.first_day, bootcamp.last_day) == (dt.date(2022, 6, 13), dt.date(2022, 6, 14))
    for slug in ("annotation", "designsystemetat", "insee", "juripiaf", "liria", "siretisation"):
        assert catalogue.proposal(slug).lead
    assert catalogue.proposal("liria").repository == "https://github.com/etalab-ia/ocr-xtract"
    assert catalogue.proposal("siretisation").status is model.ProposalStatus.IN_PROGRESS


def test_load_with_sources_names_the_file_of_every_object(tmp_path: Path) -> None:
    catalogue, sources = load_with_sources(EXAMPLE)
    assert sources.files == tuple(catalogue_files(EXAMPLE))
    assert (
        sources.objects[("proposal", "siretisation")] == EXAMPLE / "proposals" / "siretisation.md"
    )
    assert sources.objects[("event", "journee-2022-07-05")].suffix == ".yaml"
    assert sources.objects[("organisation", "dares")] == EXAMPLE / "programme.yaml"
    assert len(sources.objects) == 1 + len(catalogue.organisations) + 10 + 8 + 16
    single = tmp_path / "catalogue.json"
    ideation.dump(catalogue, single)
    _, one_file = load_with_sources(single)
    assert set(one_file.objects.values()) == {single}
