"""Which pages a rebuild reads again, now that data files are not Sphinx dependencies.

The domain records the objects each page shows, lists or named while missing; a rebuild reads
again exactly the pages whose record meets an object that was edited, appeared or went.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sphinx_roots import (
    Builder,
    doctree_with_rows,
    edit_later,
    pages_showing,
    touch_later,
    warnings_of,
)
from synthetic_site import add_proposal, proposal_title, site

from ideation.sphinx import _data as data
from ideation.sphinx._data import Changes, Store
from ideation.sphinx._domain import get_domain


def _reread(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {docname for docname, read in after.items() if before.get(docname) != read}


def _html(outdir: Path) -> dict[str, bytes]:
    return {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in sorted(outdir.rglob("*.html"))
    }


@pytest.mark.parametrize("parallel", [0, 2])
def test_an_edited_event_rereads_exactly_the_pages_that_show_it(
    build: Builder, tmp_path: Path, parallel: int
) -> None:
    srcdir = site(tmp_path / "site", 10)
    conf: dict[str, Any] = {"ideation_catalogue": "data", "parallel": parallel}
    first = build("generated", "html", srcdir=srcdir, **conf)
    old, new = "Événement 4", "Événement quatre"
    showing = pages_showing(first, old)
    # Its page, the proposals discussed there (they link to it), and the lists of events.
    assert "ideation/events/event-4" in showing
    assert any(doc.startswith("ideation/proposals/proposal-") for doc in showing)
    listing = get_domain(first.env).documents_listing("event")
    assert listing
    before = dict(first.env.all_docs)

    edit_later(srcdir / "data" / "events" / "event-4.md", f"title: {old}", f"title: {new}")
    second = build("generated", "html", srcdir=srcdir, **conf)
    assert warnings_of(second) == ""
    assert _reread(before, dict(second.env.all_docs)) == showing | listing
    assert pages_showing(second, new) == showing
    assert not pages_showing(second, old)


def test_an_edit_to_a_file_no_page_shows_rereads_nothing(build: Builder, tmp_path: Path) -> None:
    # Proposal 49 is in no event, and no page lists proposals by their text alone: only its
    # own page and the pages listing proposals show it. Another proposal's file is untouched.
    srcdir = site(tmp_path / "site", 10)
    first = build("generated", "html", srcdir=srcdir, ideation_catalogue="data")
    before = dict(first.env.all_docs)
    edit_later(srcdir / "data" / "proposals" / "proposal-49.md", "Texte de la", "Le texte de la")
    second = build("generated", "html", srcdir=srcdir, ideation_catalogue="data")
    domain = get_domain(second.env)
    expected = domain.documents_showing({("proposal", "proposal-49")})
    expected |= domain.documents_listing("proposal")
    assert _reread(before, dict(second.env.all_docs)) == expected
    assert "ideation/proposals/proposal-48" not in expected


def test_a_page_naming_a_missing_object_is_read_again_when_it_appears(
    build: Builder, tmp_path: Path
) -> None:
    srcdir = site(tmp_path / "site", 2)
    with (srcdir / "index.rst").open("a", encoding="utf-8") as index:
        index.write("\nSoon: :ideation:proposal:`later`.\n")
    first = build("generated", "html", srcdir=srcdir, ideation_catalogue="data")
    assert "unknown proposal 'later'" in warnings_of(first)
    added = add_proposal(srcdir, "later", "Une idée tardive")
    touch_later(added)
    second = build("generated", "html", srcdir=srcdir, ideation_catalogue="data")
    assert warnings_of(second) == ""
    assert "Une idée tardive" in doctree_with_rows(second, "index").astext()


def test_a_catalogue_failing_then_fixed_gives_the_pages_back(
    build: Builder, tmp_path: Path
) -> None:
    srcdir = site(tmp_path / "site", 3)
    first = build("generated", "html", srcdir=srcdir, ideation_catalogue="data")
    pages = _html(first.outdir)
    programme = srcdir / "data" / "programme.yaml"
    edit_later(programme, "slug: prog", "slug: Not A Slug")
    broken = build("generated", "html", srcdir=srcdir, ideation_catalogue="data")
    assert "no catalogue could be read" in warnings_of(broken)
    # The pages that showed objects were read again, and show none now.
    assert (
        proposal_title(1) not in _html(broken.outdir)["ideation/proposals/proposal-1.html"].decode()
    )
    edit_later(programme, "slug: Not A Slug", "slug: prog")
    fixed = build("generated", "html", srcdir=srcdir, ideation_catalogue="data")
    assert warnings_of(fixed) == ""
    assert _html(fixed.outdir) == pages


def test_differences_name_the_objects_of_the_files_that_changed() -> None:
    one, two, three = Path("d/one.md"), Path("d/two.md"), Path("d/three.md")
    rules, names = ("ideation 1", 0, 0), ("show_names", 0, 0)
    before = Store(
        signature=(rules, (str(one), 1, 1), (str(two), 1, 1), names),
        files={("proposal", "one"): (one,), ("proposal", "two"): (two,)},
    )
    after = Store(
        signature=(rules, (str(one), 1, 1), (str(two), 2, 1), (str(three), 1, 1), names),
        files={("proposal", "one"): (one,), ("event", "two"): (two,), ("event", "3"): (three,)},
    )
    # Keys come from the catalogues, which these stores have none of: only files are compared.
    found = data._differences(before, after)
    assert found.edited == {("proposal", "two"), ("event", "two"), ("event", "3")}
    assert not found.everything
    # Another version of ideation (or of the names rule) may show every object otherwise.
    other = Store(signature=(("ideation 2", 0, 0), *after.signature[1:]), files=after.files)
    assert data._differences(after, other).everything
    assert (Changes(edited=found.edited) | data.EVERYTHING).everything
