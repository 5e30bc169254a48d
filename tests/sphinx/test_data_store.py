"""The store's own file next to the environment: loaded only when a page needs the catalogue.

A build with nothing to do must not unpickle the catalogue nor recompute the generated pages;
a build whose data changed must still re-read every page that shows or lists what changed,
even when the store's file and the environment were saved by different builds.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sphinx_roots import Builder, doctree_with_rows, touch_later, warnings_of
from synthetic_site import add_proposal, proposal_title, site

from ideation.sphinx import _data as data
from ideation.sphinx import _pages as pages
from ideation.sphinx._data import STORE_FILE, get_store

PAIRS = Path(__file__).parent / "data" / "pairs.yaml"


def _spy(monkeypatch: pytest.MonkeyPatch, calls: Counter[str]) -> None:
    """Count every way the catalogue can be loaded, and every generation of the stubs."""
    saved, load, generate = data._Source.saved, data._load, pages.generate_pages

    def spy_saved(self: Any) -> Any:
        calls["saved"] += 1
        return saved(self)

    def spy_load(*args: Any, **kwargs: Any) -> Any:
        calls["load"] += 1
        return load(*args, **kwargs)

    def spy_generate(*args: Any, **kwargs: Any) -> Any:
        calls["generate"] += 1
        return generate(*args, **kwargs)

    monkeypatch.setattr(data._Source, "saved", spy_saved)
    monkeypatch.setattr(data, "_load", spy_load)
    monkeypatch.setattr(pages, "generate_pages", spy_generate)


def _outputs(outdir: Path) -> dict[str, bytes]:
    return {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in sorted(outdir.rglob("*.html"))
    }


def test_a_build_with_nothing_to_do_does_not_load_the_catalogue(
    build: Builder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    srcdir = site(tmp_path / "site", 4)
    calls: Counter[str] = Counter()
    _spy(monkeypatch, calls)
    first = build("generated", "html", srcdir=srcdir, ideation_catalogue="data")
    assert calls["load"] == calls["generate"] == 1  # the guard: the spies see a real load
    before, read = _outputs(first.outdir), dict(first.env.all_docs)
    calls.clear()
    second = build("generated", "html", srcdir=srcdir, ideation_catalogue="data")
    assert warnings_of(second) == ""
    assert calls == Counter()
    assert dict(second.env.all_docs) == read
    assert _outputs(second.outdir) == before
    # Asked for after all, it is there, read from its file.
    assert get_store(second.env).proposal("proposal-3") is not None
    assert calls == Counter(saved=1)


def test_a_data_change_no_page_shows_is_loaded_once(
    build: Builder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A file next to the data that no page depends on: no page is read again, so Sphinx does
    # not save the environment; the next build must still see that nothing changed since.
    srcdir = site(tmp_path / "site", 3)
    build("generated", "html", srcdir=srcdir, ideation_catalogue="data")
    (srcdir / "data" / "proposals" / "notes.txt").write_text("not data\n", encoding="utf-8")
    calls: Counter[str] = Counter()
    _spy(monkeypatch, calls)
    build("generated", "html", srcdir=srcdir, ideation_catalogue="data")
    assert calls["load"] == 1
    calls.clear()
    third = build("generated", "html", srcdir=srcdir, ideation_catalogue="data")
    assert warnings_of(third) == ""
    assert calls["load"] == calls["saved"] == calls["generate"] == 0


def test_pages_listing_objects_are_read_again_when_the_environment_is_older_than_the_store(
    build: Builder, tmp_path: Path
) -> None:
    # A build stopped after saving the store but before saving the environment: the next one
    # cannot tell from the store which objects are new to the pages, so it reads again every
    # page that lists or names objects.
    srcdir = site(tmp_path / "site", 3)
    first = build("generated", "html", srcdir=srcdir, ideation_catalogue="data")
    environment = Path(first.doctreedir) / "environment.pickle"
    read = dict(first.env.all_docs)
    kept = tmp_path / "environment.pickle"
    shutil.copyfile(environment, kept)
    added = add_proposal(srcdir, "proposal-99", "Une nouvelle idée")
    touch_later(added)
    build("generated", "html", srcdir=srcdir, ideation_catalogue="data")
    shutil.copyfile(kept, environment)
    third = build("generated", "html", srcdir=srcdir, ideation_catalogue="data")
    assert warnings_of(third) == ""
    # Read again by this build (the output and doctrees of the stopped one are on disk).
    for page in ("ideation/proposals/index", "ideation/index"):
        assert third.env.all_docs[page] != read[page], page
    text = doctree_with_rows(third, "ideation/proposals/index").astext()
    assert "Une nouvelle idée" in text


def test_a_lost_store_file_is_read_again_from_the_data(build: Builder, tmp_path: Path) -> None:
    srcdir = site(tmp_path / "site", 3)
    first = build("generated", "html", srcdir=srcdir, ideation_catalogue="data")
    store_file = Path(first.doctreedir) / STORE_FILE
    before = _outputs(first.outdir)
    store_file.write_bytes(b"not a pickle")
    edited = srcdir / "data" / "proposals" / "proposal-2.md"
    edited.write_text(
        edited.read_text(encoding="utf-8").replace(proposal_title(2), "Titre changé"),
        encoding="utf-8",
    )
    touch_later(edited)
    second = build("generated", "html", srcdir=srcdir, ideation_catalogue="data")
    assert warnings_of(second) == ""
    after = _outputs(second.outdir)
    assert "Titre changé".encode() in after["ideation/proposals/proposal-2.html"]
    assert before.keys() == after.keys()
    assert data._Source(file=store_file, paths=(), show_names=False).saved() is not None


@pytest.mark.parametrize("show_names", [False, True], ids=["names-off", "names-on"])
def test_the_store_file_holds_no_name_without_consent(build: Builder, show_names: bool) -> None:
    # The doctree folder is published with the output by default: the store's file in it
    # keeps only what pages may show, like the environment did when it held the store.
    app = build("privacy", "html", ideation_catalogue=str(PAIRS), ideation_show_names=show_names)
    store_file = Path(app.doctreedir) / STORE_FILE
    content = store_file.read_bytes()
    assert b"Unnamed Person" not in content
    assert b"Hidden Contact" not in content
    assert (b"Named Person" in content) == show_names
    # The environment keeps the summary only: no object of the catalogue.
    environment = (Path(app.doctreedir) / "environment.pickle").read_bytes()
    assert b"Catalogue" not in environment


def test_an_object_in_two_catalogues_is_shown_from_the_first(
    build: Builder, catalogue: Path, tmp_path: Path
) -> None:
    # A second programme that repeats the first one's objects: a warning at each repeated
    # object's file in the second, and the first catalogue's object is the one the build keeps.
    second = Path(shutil.copytree(catalogue, tmp_path / "second"))
    for file in [*second.rglob("*.md"), *second.rglob("*.yaml")]:
        text = file.read_text(encoding="utf-8")
        file.write_text(text.replace("programme-10", "copy"), encoding="utf-8")
    app = build("seed", ideation_catalogue=[str(catalogue), str(second)])
    warnings = warnings_of(app)
    repeated = "the proposal 'liria' is also in the catalogue of programme 'programme-10'"
    assert repeated in warnings
    line = next(line for line in warnings.splitlines() if repeated in line)
    assert str(second / "proposals" / "liria.md") in line
    assert "[ideation.data]" in line
    first, copy = get_store(app.env).catalogues
    assert get_store(app.env).proposal("liria") == (first, first.proposal("liria"))
    assert copy.programme.slug == "copy"
