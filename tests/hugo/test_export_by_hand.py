"""The Hugo export of catalogues that no import wrote: made by hand or loaded from our own files.

A site's key map applies to every object, whether or not an import recorded where it came
from; and the pages hold nobody's name without their consent.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

import ideation
from ideation import model
from ideation.hugo import export_site, import_site

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "programme-10"


def _front(page: Path) -> dict[str, object]:
    text = page.read_text(encoding="utf-8")
    _, front, _ = text.split("---\n", 2)
    loaded = yaml.safe_load(front)
    assert isinstance(loaded, dict)
    return loaded


def _by_hand() -> model.Catalogue:
    programme = model.Programme(slug="p", name="P")
    event = model.Event(
        slug="atelier",
        title="Atelier",
        date=dt.date(2022, 5, 16),
        attendance=model.Attendance(
            count=3,
            participants=(
                model.Participant(name="Named Person", consent=True),
                model.Participant(name="ZZHIDDEN-participant", consent=False),
                model.Participant(name="ZZHIDDEN-nobody-asked"),
            ),
        ),
    )
    proposal = model.Proposal(
        slug="idee", title="Une idée", lead="Claire", tags=("ocr", "nlp"), events=("atelier",)
    )
    return model.Catalogue(programme=programme, events=(event,), proposals=(proposal,))


def test_a_key_map_applies_to_a_catalogue_made_by_hand(tmp_path: Path) -> None:
    key_map = {"responsible": "lead", "wordcloud": "tags"}
    export_site(_by_hand(), tmp_path, events="news", proposals="ideas", key_map=key_map)
    front = _front(tmp_path / "content" / "ideas" / "idee.md")
    assert front["responsible"] == "Claire"
    assert front["wordcloud"] == ["ocr", "nlp"]
    assert "lead" not in front
    assert "tags" not in front
    again = import_site(tmp_path, events=["news"], proposals=["ideas"], key_map=key_map)
    proposal = again.catalogue.proposal("idee")
    assert (proposal.lead, proposal.tags) == ("Claire", ("ocr", "nlp"))


def test_a_key_map_applies_to_a_catalogue_loaded_from_our_files(tmp_path: Path) -> None:
    catalogue = ideation.load(EXAMPLE, ideation.Catalogue)
    export_site(catalogue, tmp_path, key_map={"responsible": "lead"})
    pages = sorted((tmp_path / "content").rglob("*.md"))
    with_lead = [page for page in pages if "responsible" in _front(page)]
    assert with_lead
    assert all("lead" not in _front(page) for page in pages)


def test_a_catalogue_made_by_hand_names_nobody_without_consent(tmp_path: Path) -> None:
    export_site(_by_hand(), tmp_path)
    written = "".join(
        path.read_text(encoding="utf-8") for path in tmp_path.rglob("*") if path.is_file()
    )
    assert "ZZHIDDEN" not in written
    assert "Named Person" in written
