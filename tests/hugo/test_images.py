"""Site-path and bundle images (issue 30): resolved at import, copied beside their page in the
catalogue (images only, bounded, never from outside the site) or named in the report, and shown
by the Sphinx extension, which warns at the data file and line for one that is missing.

The fixture ``sites/images`` has a bundle image (``![](gridviz.png)`` beside ``index.md``), a
site path under ``static/`` written as a raw ``<img>`` tag, and the same site path in a
proposal's Markdown.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ideation.cli import main
from ideation.hugo import HugoImport, PageEntry, export_site, import_site
from ideation.hugo import _images as images
from ideation.hugo._images import MAX_IMAGE_BYTES

from .building import build_catalogue

SITE = Path(__file__).parent / "sites" / "images"


def entry(result: HugoImport, file: str) -> PageEntry:
    (found,) = [e for e in result.entries if e.file == f"content/{file}"]
    return found


def said(found: PageEntry) -> str:
    return "\n".join(f"{note.line}: {note.message}" for note in found.notes)


@pytest.fixture(scope="module")
def imported() -> HugoImport:
    return import_site(SITE)


def test_each_local_image_is_planned_beside_its_page(imported: HugoImport) -> None:
    assert imported.ok
    assert [(path.relative_to(SITE).as_posix(), to) for path, to in imported.images] == [
        ("content/actualites/gridviz/gridviz.png", "events/gridviz/gridviz.png"),
        ("static/img/logo.png", "events/gridviz/img/logo.png"),
        ("static/img/logo.png", "proposals/cartes/img/logo.png"),
    ]
    notes = said(entry(imported, "actualites/gridviz/index.md"))
    assert "9: image gridviz.png: copied beside the page, as gridviz/gridviz.png" in notes
    assert "11: a raw <img> tag written as a Markdown image" in notes
    event = imported.catalogue.event("gridviz")
    assert event is not None
    assert event.description is not None
    assert "![La carte en grille](gridviz/gridviz.png)" in event.description
    assert "![Le logo](gridviz/img/logo.png)" in event.description
    proposal = imported.catalogue.proposal("cartes")
    assert proposal is not None
    assert proposal.description == '![Le logo](cartes/img/logo.png "Logo")'


def test_the_command_copies_them_beside_their_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "catalogue"
    assert main(["import", "hugo", str(SITE), "-o", str(out)]) == 0
    assert "copied 3 images beside their pages" in capsys.readouterr().err
    copied = out / "events" / "gridviz" / "gridviz.png"
    assert copied.read_bytes() == (SITE / "content/actualites/gridviz/gridviz.png").read_bytes()
    assert (out / "proposals" / "cartes" / "img" / "logo.png").is_file()


def test_a_one_file_catalogue_says_its_images_are_not_copied(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", "hugo", str(SITE), "-o", str(tmp_path / "c.yaml")]) == 0
    assert "3 images not copied: a one-file catalogue" in capsys.readouterr().err


def test_the_site_builds_and_shows_every_image(imported: HugoImport, tmp_path: Path) -> None:
    warnings, html = build_catalogue(imported.catalogue, tmp_path, imported.images)
    assert warnings == ""
    assert html.count("<img ") == 3
    assert 'alt="La carte en grille"' in html
    assert "&lt;img" not in html
    assert "![" not in html
    shown = sorted(p.name for p in (tmp_path / "site" / "_build").rglob("_images/*.png"))
    assert shown == ["gridviz.png", "logo.png", "logo1.png"]


def test_the_export_gives_the_pages_back(imported: HugoImport, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    report = export_site(imported.catalogue, site)
    assert {page.how for page in report.pages} == {"unchanged"}


@pytest.fixture
def bad_site(tmp_path: Path) -> Path:
    site = Path(shutil.copytree(SITE, tmp_path / "site"))
    (tmp_path / "secret.png").write_bytes((SITE / "static/img/logo.png").read_bytes())
    (site / "static" / "img" / "faux.png").write_text("<html>no image</html>", encoding="utf-8")
    (site / "static" / "img" / "lien.png").symlink_to(tmp_path / "secret.png")
    (site / "static" / "img" / "notes.txt").write_text("texte", encoding="utf-8")
    big = site / "static" / "img" / "grande.png"
    big.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * MAX_IMAGE_BYTES)
    page = site / "content" / "projets" / "cartes.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        + "\n![](../../secret.png)\n\n![](/img/faux.png)\n\n![](/img/lien.png)\n\n"
        "![](/img/notes.txt)\n\n![](/img/grande.png)\n\n![](/img/absente.png)\n\n![](ici.png)\n",
        encoding="utf-8",
    )
    return site


def test_images_that_cannot_be_copied_are_named_with_why(bad_site: Path) -> None:
    result = import_site(bad_site)
    assert result.ok
    assert [to for _, to in result.images if to.startswith("proposals")] == [
        "proposals/cartes/img/logo.png"
    ]
    notes = said(entry(result, "projets/cartes.md"))
    for line, why in [
        (8, "../../secret.png: not copied, it leads out of the page's folder"),
        (10, "/img/faux.png: not copied, not a PNG image by its content"),
        (12, "/img/lien.png: not copied, outside the site"),
        (14, "/img/notes.txt: not copied, not an image (.txt)"),
        (16, "/img/grande.png: not copied, larger than 10 MB"),
        (18, "/img/absente.png: not copied, no such file in the site"),
        (20, "ici.png: not copied, a relative path on a page that is no bundle"),
    ]:
        assert f"{line}: image {why}" in notes


def test_the_extension_warns_at_the_data_file_for_a_missing_image(
    bad_site: Path, tmp_path: Path
) -> None:
    result = import_site(bad_site)
    build = tmp_path / "build"
    build.mkdir()
    warnings, _ = build_catalogue(result.catalogue, build, result.images)
    data = build / "catalogue" / "proposals" / "cartes.md"
    lines = data.read_text(encoding="utf-8").split("\n")
    line = next(n for n, text in enumerate(lines, start=1) if "secret.png" in text)
    assert f"{data}:{line}: WARNING: image ../../secret.png: no such file beside" in warnings
    assert "[ideation.image]" in warnings
    assert f"{data}:{line + 12}: WARNING: image ici.png" in warnings


def test_an_unreadable_image_is_named_not_a_traceback(
    bad_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Permissions do not stop root, who runs the tests in CI: the read itself fails instead.
    def unreadable(path: Path) -> bool:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(images, "_sniffed", unreadable)
    result = import_site(bad_site)
    assert result.ok
    assert "image /img/logo.png: not copied, cannot be read (Permission denied)" in said(
        entry(result, "projets/cartes.md")
    )
