"""The extension's output (data and labels) is never offered to the site's translators."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sphinx_roots import ROOTS, Builder, normalise, warnings_of

from ideation.sphinx._page_parser import page_text
from ideation.sphinx._pages import MARKER

#: What the extension shows of the seed event: its data, and its labels.
SHOWN = ("Atelier d'idéation du 16 mai", "Accueil café", "Agenda", "Participants", "Date")
#: The author's own words around the directive, which stay translatable.
AUTHOR = "Our workshop, as the team tells it."


def _msgids(folder: Path) -> set[str]:
    found = set()
    for pot in folder.rglob("*.pot"):
        found.update(re.findall(r'^msgid "(.+)"$', pot.read_text(encoding="utf-8"), re.M))
    return found


def _seed_site(folder: Path) -> Path:
    shutil.copytree(ROOTS / "test-seed", folder)
    index = folder / "index.rst"
    index.write_text(f"Seed\n====\n\n{AUTHOR}\n\n{index.read_text('utf-8')}", encoding="utf-8")
    return folder


def test_gettext_extracts_the_authors_words_only(build: Builder, tmp_path: Path) -> None:
    app = build("seed", "gettext", srcdir=_seed_site(tmp_path / "seed"))
    messages = {normalise(message) for message in _msgids(app.outdir)}
    assert AUTHOR in messages
    for text in SHOWN:
        assert not [m for m in messages if text in m], text


@pytest.mark.parametrize("generated", [True, False], ids=["generated", "directive"])
def test_an_object_page_offers_no_message(build: Builder, tmp_path: Path, generated: bool) -> None:
    # The same object pages, generated (.ideation, read by the extension's parser) or written
    # as rST stubs holding the directive: neither offers the data or the labels.
    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS / "test-generated", srcdir)
    if not generated:
        (srcdir / "index.rst").write_text(
            "Pages\n=====\n\n.. toctree::\n\n   ideation/events/atelier-ideation\n", "utf-8"
        )
        page = srcdir / "ideation" / "events" / "atelier-ideation.rst"
        page.parent.mkdir(parents=True)
        page.write_text(page_text(MARKER, "event", "atelier-ideation"), encoding="utf-8")
    app = build("generated", "gettext", srcdir=srcdir, ideation_generate_pages=generated)
    pots = [p.read_text(encoding="utf-8") for p in app.outdir.rglob("*.pot")]
    assert not [pot for pot in pots if "events/atelier-ideation." in pot]
    messages = {normalise(message) for message in _msgids(app.outdir)}
    for text in SHOWN:
        assert not [m for m in messages if text in m], text


def test_a_sites_translation_leaves_the_data_as_written(build: Builder, tmp_path: Path) -> None:
    # A translator's catalog that names the data and a label: only the author's text changes.
    srcdir = _seed_site(tmp_path / "seed")
    po = srcdir / "locales" / "de" / "LC_MESSAGES" / "index.po"
    po.parent.mkdir(parents=True)
    entries = {AUTHOR: "Unser Workshop.", "Atelier d'idéation du 16 mai": "Ideenwerkstatt"}
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        + "".join(f'msgid "{key}"\nmsgstr "{value}"\n\n' for key, value in entries.items()),
        encoding="utf-8",
    )
    app = build("seed", "html", srcdir=srcdir, language="de", locale_dirs=["locales"])
    page = normalise((app.outdir / "index.html").read_text(encoding="utf-8"))
    assert "Unser Workshop." in page
    assert "Atelier d'idéation du 16 mai" in page
    assert "Ideenwerkstatt" not in page
    assert "[ideation" not in warnings_of(app)
