"""A round trip through every format gives back the same object: load(dump(x)) == x."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ideation
from ideation import model

from .. import strategies

FORMATS = ["json", "yaml", "toml", "markdown"]
FILE_SUFFIXES = {"json": ".json", "yaml": ".yaml", "toml": ".toml", "markdown": ".md"}

ROUND_TRIPPED = {
    model.Event: strategies.events(),
    model.Proposal: strategies.proposals(),
    model.Programme: strategies.programmes(),
    model.Organisation: strategies.organisations(parent=st.none() | strategies.slugs),
}


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("cls", list(ROUND_TRIPPED), ids=lambda cls: cls.__name__)
def test_text_round_trip(format: str, cls: type) -> None:
    @given(ROUND_TRIPPED[cls])
    def check(obj: object) -> None:
        assert ideation.loads(ideation.dumps(obj, format), cls, format) == obj

    check()


@pytest.mark.parametrize("front_matter", ["yaml", "toml", "json"])
@given(event=strategies.events())
def test_markdown_front_matter_round_trip(front_matter: str, event: model.Event) -> None:
    text = ideation.dumps(event, "markdown", front_matter=front_matter)  # type: ignore[arg-type]
    assert ideation.loads(text, model.Event, "markdown") == event


@pytest.mark.parametrize("format", ["json", "yaml", "toml"])
@given(catalogue=strategies.catalogues())
def test_catalogue_file_round_trip(
    format: str, catalogue: model.Catalogue, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("catalogue") / f"catalogue{FILE_SUFFIXES[format]}"
    ideation.dump(catalogue, path)
    assert ideation.load(path) == catalogue


@given(catalogue=strategies.catalogues())
def test_catalogue_folder_round_trip(
    catalogue: model.Catalogue, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("catalogue") / "programme"
    ideation.dump(catalogue, folder)
    loaded = ideation.load(folder)
    assert isinstance(loaded, model.Catalogue)
    # A folder lists events and proposals by file name; the order in the object may differ.
    assert loaded.programme == catalogue.programme
    assert loaded.organisations == catalogue.organisations
    assert sorted(loaded.events, key=lambda e: e.slug) == sorted(
        catalogue.events, key=lambda e: e.slug
    )
    assert sorted(loaded.proposals, key=lambda p: p.slug) == sorted(
        catalogue.proposals, key=lambda p: p.slug
    )


def test_output_is_deterministic_and_leaves_defaults_out() -> None:
    event = model.Event(slug="atelier", title="Atelier", date=dt.date(2022, 5, 16))
    assert ideation.dumps(event, "yaml") == "slug: atelier\ntitle: Atelier\ndate: 2022-05-16\n"
    # Deterministic across processes too: the text depends only on the object, and reads back.
    for format in FORMATS:
        text = ideation.dumps(event, format)
        assert ideation.loads(text, model.Event, format) == event
        again = ideation.loads(text, model.Event, format)
        assert ideation.dumps(again, format) == text


def test_unknown_keys_are_kept_and_written_back() -> None:
    text = "slug: p\ntitle: P\nresponsible: Someone\nweight: 3\n"
    proposal = ideation.loads(text, model.Proposal, "yaml")
    assert dict(proposal.extra) == {"responsible": "Someone", "weight": 3}
    assert ideation.dumps(proposal, "yaml") == text


def test_dump_writes_atomically_and_keeps_the_old_file_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "event.yaml"
    target.write_text("old", encoding="utf-8")
    event = model.Event(slug="atelier", title="Atelier", date=dt.date(2022, 5, 16))

    def interrupted(source: object, destination: object) -> None:
        raise OSError("disk gone")

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(OSError, match="disk gone"):
        ideation.dump(event, target)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["event.yaml"]  # no temporary file left
    monkeypatch.undo()
    ideation.dump(event, target)
    assert ideation.load(target, model.Event) == event


@pytest.mark.parametrize("format", FORMATS)
def test_yaml_only_values_of_unknown_keys_can_be_written_in_every_format(format: str) -> None:
    text = "slug: x\ntitle: X\ndate: 2022-01-01\nx_set: !!set {b, a}\nx_raw: !!binary aGk=\n"
    event = ideation.loads(text, model.Event, "yaml")
    again = ideation.loads(ideation.dumps(event, format), model.Event, format)
    if format in {"yaml", "markdown"}:
        assert again == event  # YAML keeps its own types
    else:
        assert dict(again.extra) == {"x_set": ["a", "b"], "x_raw": "aGk="}


@pytest.mark.parametrize("description", ["a\rb", "a\r\nb", "\r"])
def test_a_carriage_return_in_a_description_survives_a_markdown_file(
    description: str, tmp_path: Path
) -> None:
    # Reading a file turns "\r" into "\n"; a page body cannot keep it, the front matter can.
    event = model.Event(slug="e", title="E", date=dt.date(2022, 5, 16), description=description)
    path = tmp_path / "e.md"
    ideation.dump(event, path)
    assert ideation.load(path, model.Event) == event
