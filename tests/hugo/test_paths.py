"""``export hugo`` writes under its output folder and nowhere else, whatever the options or the
data say (issue 9, item 5)."""

from __future__ import annotations

import os
from pathlib import Path

import attrs
import pytest

from ideation import Catalogue, load
from ideation.cli import main
from ideation.errors import UsageError
from ideation.hugo import export_site
from ideation.hugo._export import section_path

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "programme-10"


def example() -> Catalogue:
    """The example catalogue, loaded afresh for each use."""
    catalogue = load(EXAMPLE)
    assert isinstance(catalogue, Catalogue)
    return catalogue


def files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    "section",
    ["../../x", "..", "../", "a/../../b", "./", ".", "", "/", "a//b", "a\\..\\b", "c:/x", "a\x00"],
)
def test_a_section_that_climbs_out_is_refused_before_any_write(
    section: str, tmp_path: Path
) -> None:
    out = tmp_path / "deep" / "out"
    with pytest.raises(UsageError, match="section"):
        export_site(example(), out, events=section)
    with pytest.raises(UsageError, match="section"):
        export_site(example(), out, proposals=section)
    assert files_under(tmp_path) == []


@pytest.mark.parametrize("section", ["actualites", "/actualites/", "blog/events", "a.b"])
def test_plain_and_nested_sections_are_accepted(section: str) -> None:
    assert ".." not in section_path(section).parts


def test_the_command_exits_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "a" / "b" / "out"
    code = main(["export", "hugo", str(EXAMPLE), "-o", str(out), "--events", "../../x"])
    assert code == 2
    assert "../../x" in capsys.readouterr().err
    assert files_under(tmp_path) == []


def test_a_link_in_the_output_folder_that_leads_out_is_refused(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    (out / "content").mkdir(parents=True)
    elsewhere.mkdir()
    os.symlink(elsewhere, out / "content" / "actualites")
    with pytest.raises(UsageError, match="outside the output folder"):
        export_site(example(), out)
    assert files_under(elsewhere) == []
    assert not (out / "data").exists()


def test_a_slug_that_is_no_plain_name_is_refused(tmp_path: Path) -> None:
    catalogue = example()
    event = catalogue.events[0]
    # Validators would refuse this slug; a catalogue built around them must still not escape.
    bad = attrs.evolve(event)
    object.__setattr__(bad, "slug", "../../escape")
    forged = object.__new__(type(catalogue))
    for field in attrs.fields(type(catalogue)):
        object.__setattr__(forged, field.name, getattr(catalogue, field.name))
    object.__setattr__(forged, "events", (bad,))
    with pytest.raises(UsageError, match="slug"):
        export_site(forged, tmp_path / "out")
    assert files_under(tmp_path) == []


def test_every_written_file_is_under_the_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    written = export_site(example(), out, events="blog/events", proposals="/p/").written
    assert written
    assert all(path.resolve().is_relative_to(out.resolve()) for path in written)
    assert files_under(tmp_path) == sorted(f"out/{p.relative_to(out).as_posix()}" for p in written)


def test_the_command_copies_bundle_resources_from_the_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = Path(__file__).parents[1] / "data" / "hugo-roundtrip"
    catalogue = tmp_path / "catalogue"
    assert main(["import", "hugo", str(site), "-o", str(catalogue)]) == 0
    out = tmp_path / "out"
    assert main(["export", "hugo", str(catalogue), "-o", str(out), "--from", str(site)]) == 0
    bundle = out / "content" / "projets" / "carte-scolaire"
    assert (bundle / "index.md").is_file()
    assert (bundle / "carte.png").read_bytes() == b"PNG"
    assert (bundle / "donnees" / "ecoles.csv").is_file()
    # The page kept its file name, so its URL.
    assert (out / "content" / "projets" / "impact_environnemental.md").is_file()


def test_a_link_in_a_source_bundle_is_not_followed(tmp_path: Path) -> None:
    site = tmp_path / "site"
    bundle = site / "content" / "projets" / "b"
    bundle.mkdir(parents=True)
    (bundle / "index.md").write_text("---\ntitle: B\n---\n", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("secret\n", encoding="utf-8")
    os.symlink(secret, bundle / "leak.txt")
    (site / "content" / "actualites").mkdir()
    from ideation.hugo import import_site

    catalogue = import_site(site).catalogue
    written = export_site(catalogue, tmp_path / "out", source=site).written
    assert not (tmp_path / "out" / "content" / "projets" / "b" / "leak.txt").exists()
    assert all(path.is_file() and not path.is_symlink() for path in written)
