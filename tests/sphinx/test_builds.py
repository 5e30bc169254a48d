"""Builds that stay right: incremental re-reads, parallel builds, generated pages, warnings."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from sphinx_roots import EXAMPLES, ROOTS, Builder, touch_later, warnings_of

from ideation.formats import _catalogue, _load
from ideation.sphinx._data import get_store
from ideation.sphinx._pages import MARKER


def _reread(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {docname for docname, read in after.items() if before.get(docname) != read}


def test_editing_a_proposal_rereads_only_the_pages_that_show_it(
    build: Builder, catalogue: Path, tmp_path: Path
) -> None:
    srcdir = tmp_path / "project"
    first = build("incremental", "html", srcdir=srcdir, ideation_catalogue=str(catalogue))
    assert warnings_of(first) == ""
    before = dict(first.env.all_docs)

    proposal = catalogue / "proposals" / "annotation.md"
    proposal.write_text(
        proposal.read_text(encoding="utf-8").replace(
            "Pseudonymisation de documents textuels", "Pseudonymisation de textes"
        ),
        encoding="utf-8",
    )
    touch_later(proposal)
    second = build("incremental", "html", srcdir=srcdir, ideation_catalogue=str(catalogue))
    # The listing of selected proposals lists the same ones: written again, not read again.
    assert _reread(before, dict(second.env.all_docs)) == {"annotation"}
    assert "Pseudonymisation de textes" in (second.outdir / "selected.html").read_text(
        encoding="utf-8"
    )


def test_adding_an_event_rereads_the_calendar(
    build: Builder, catalogue: Path, tmp_path: Path
) -> None:
    srcdir = tmp_path / "project"
    first = build("incremental", "html", srcdir=srcdir, ideation_catalogue=str(catalogue))
    before = dict(first.env.all_docs)

    added = catalogue / "events" / "journee-2022-12-06.yaml"
    added.write_text(
        "title: Journée de travail de décembre\nstart: 2022-12-06T13:30:00\n"
        "end: 2022-12-06T18:30:00\nphase: journees-de-travail\n",
        encoding="utf-8",
    )
    touch_later(added)
    second = build("incremental", "html", srcdir=srcdir, ideation_catalogue=str(catalogue))
    assert _reread(before, dict(second.env.all_docs)) == {"calendar"}
    assert "Journée de travail de décembre" in (second.outdir / "calendar.html").read_text(
        encoding="utf-8"
    )


def test_an_unchanged_catalogue_rereads_nothing(build: Builder, tmp_path: Path) -> None:
    srcdir = tmp_path / "project"
    first = build("incremental", "html", srcdir=srcdir)
    before = dict(first.env.all_docs)
    second = build("incremental", "html", srcdir=srcdir)
    assert _reread(before, dict(second.env.all_docs)) == set()


def _outputs(outdir: Path) -> dict[str, str]:
    return {
        str(path.relative_to(outdir)): path.read_text(encoding="utf-8")
        for path in sorted(outdir.rglob("*"))
        if path.is_file()
        and path.suffix in {".html", ".js", ".txt", ".css"}
        and ".doctrees" not in path.parts
    }


def test_parallel_build_gives_the_same_pages(build: Builder, tmp_path: Path) -> None:
    serial = build("generated", "html", srcdir=tmp_path / "serial")
    parallel = build("generated", "html", srcdir=tmp_path / "parallel", parallel=2)
    assert warnings_of(serial) == ""
    assert warnings_of(parallel) == ""
    # Sphinx read the pages in chunks, one per process ("first .. last"), not one by one.
    assert len(parallel.env.found_docs) > 10
    status = re.sub(r"\x1b\[[0-9;]*m", "", parallel.status.getvalue())
    assert re.search(r"reading sources\.\.\. \[ *\d+%\] \S+ \.\. \S+", status)
    assert _outputs(serial.outdir) == _outputs(parallel.outdir)


def test_generated_pages_link_and_stay_put(build: Builder, catalogue: Path, tmp_path: Path) -> None:
    srcdir = tmp_path / "project"
    app = build("generated", "html", srcdir=srcdir, ideation_catalogue=str(catalogue))
    assert warnings_of(app) == ""
    pages = srcdir / "ideation"
    assert (pages / "events" / "atelier-ideation.ideation").is_file()
    assert (pages / "proposals" / "by-status" / "in-progress.rst").is_file()
    index = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert 'href="ideation/events/atelier-ideation.html#ideation-event-atelier-ideation"' in index
    assert 'href="ideation/proposals/siretisation.html#ideation-proposal-siretisation"' in index
    event_page = (app.outdir / "ideation" / "events" / "atelier-ideation.html").read_text(
        encoding="utf-8"
    )
    assert 'href="../proposals/liria.html#ideation-proposal-liria"' in event_page
    assert (app.outdir / "ideation-proposals.html").is_file()  # the domain index

    before = {
        path: (path.stat().st_mtime_ns, path.read_text(encoding="utf-8"))
        for path in pages.rglob("*")
        if path.is_file()
    }
    own = pages / "notes.rst"
    own.write_text("Notes\n=====\n\n:orphan:\n", encoding="utf-8")
    (catalogue / "proposals" / "annotation.md").unlink()
    # The workshop's votes and the candidates' wishes name it too: they go with it.
    for wishes in (catalogue / "candidates").iterdir():
        text = wishes.read_text(encoding="utf-8").replace("- annotation\n", "")
        wishes.write_text(text, encoding="utf-8")
    workshop = catalogue / "events" / "atelier-ideation.md"
    text = workshop.read_text(encoding="utf-8")
    workshop.write_text(re.sub(r"(?m)^votes:\n(?:[- ] .*\n)+", "", text), encoding="utf-8")
    build("generated", "html", srcdir=srcdir, ideation_catalogue=str(catalogue))
    assert not (pages / "proposals" / "annotation.ideation").exists()
    assert own.is_file()  # only the extension's own stubs are removed
    unchanged = [
        path
        for path, (_mtime, text) in before.items()
        if path.exists() and path.read_text(encoding="utf-8") == text
    ]
    assert pages / "events" / "atelier-ideation.ideation" in unchanged
    for path in unchanged:
        assert path.stat().st_mtime_ns == before[path][0], f"{path} was rewritten unchanged"
    assert all(
        path.read_text(encoding="utf-8").startswith(MARKER)
        for path in pages.rglob("*")
        if path.is_file() and path != own
    )


def test_problems_are_warnings_with_type_subtype_and_location(
    build: Builder, catalogue: Path
) -> None:
    broken = catalogue / "proposals" / "siretisation.md"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("status: selected", "status: chosen", 1),
        encoding="utf-8",
    )
    app = build("warnings", "html", ideation_catalogue=str(catalogue))
    warnings = warnings_of(app)
    assert "siretisation.md:" in warnings
    assert "[ideation.data]" in warnings
    # That no catalogue could be read is said once, at the catalogue; directives and roles do
    # not call each of its objects unknown.
    assert warnings.count("no catalogue could be read") == 1
    assert f"{catalogue}:: WARNING: no catalogue could be read" in warnings
    assert "[ideation.ref]" not in warnings


def test_a_broken_catalogue_does_not_make_its_objects_unknown(
    build: Builder, catalogue: Path, tmp_path: Path
) -> None:
    srcdir = tmp_path / "project"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text('extensions = ["ideation.sphinx"]\n', encoding="utf-8")
    (srcdir / "index.rst").write_text(
        "Roles\n=====\n\n:ideation:proposal:`siretisation`, :ideation:event:`bootcamp`, "
        ":ideation:proposal:`nowhere`.\n\n"
        ".. ideation:proposal:: liria\n",
        encoding="utf-8",
    )
    (catalogue / "programme.yaml").write_text("slug: Not A Slug\n", encoding="utf-8")
    app = build("generated", "html", srcdir=srcdir, ideation_catalogue=str(catalogue))
    warnings = warnings_of(app)
    assert "unknown" not in warnings
    assert warnings.count("no catalogue could be read") == 1
    # One catalogue of two is broken: an unknown slug may be in it, and the warning says so.
    again = Path(
        shutil.copytree(srcdir, tmp_path / "again", ignore=shutil.ignore_patterns("_build"))
    )
    app = build(
        "generated", "html", srcdir=again, ideation_catalogue=[str(catalogue), str(EXAMPLES)]
    )
    assert "no catalogue could be read" not in warnings_of(app)
    assert warnings_of(app).count("unknown") == 1
    assert (
        "unknown proposal 'nowhere' in :ideation:proposal: (it may be in a catalogue that "
        f"could not be read: {catalogue})"
    ) in warnings_of(app)


def test_unknown_slugs_and_filters_are_warnings(build: Builder) -> None:
    app = build("warnings", "html", nitpicky=True)
    warnings = warnings_of(app)
    assert "index.rst:4: WARNING: unknown event 'no-such-event' [ideation.ref]" in warnings
    assert "unknown status 'accepted'" in warnings
    assert "no proposal has the tag 'no-such-tag'" in warnings
    assert "unknown layout 'grid'" in warnings
    assert "[ideation.filter]" in warnings
    assert "unknown proposal 'no-such-proposal' in :ideation:proposal: [ideation.ref]" in warnings
    assert warnings.count("WARNING") == 5


def test_a_hand_written_page_is_never_overwritten(
    build: Builder, catalogue: Path, tmp_path: Path
) -> None:
    srcdir = tmp_path / "project"
    shutil.copytree(ROOTS / "test-generated", srcdir)
    mine = srcdir / "ideation" / "events" / "atelier-ideation.rst"
    mine.parent.mkdir(parents=True)
    mine.write_text("My own words\n============\n\n:orphan:\n", encoding="utf-8")
    app = build("generated", "html", srcdir=srcdir, ideation_catalogue=str(catalogue))
    assert mine.read_text(encoding="utf-8").startswith("My own words")
    warnings = warnings_of(app)
    assert "atelier-ideation.rst: WARNING: a page of this name is generated" in warnings
    assert "[ideation.pages]" in warnings


def test_no_page_is_removed_while_a_catalogue_has_problems(
    build: Builder, catalogue: Path, tmp_path: Path
) -> None:
    srcdir = tmp_path / "project"
    build("generated", "html", srcdir=srcdir, ideation_catalogue=str(catalogue))
    stub = srcdir / "ideation" / "proposals" / "annotation.ideation"
    assert stub.is_file()
    # Two catalogues, one broken: the good one loads, and annotation is gone from it...
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "programme.yaml").write_text("slug: Not A Slug\nname: Broken\n", encoding="utf-8")
    (catalogue / "proposals" / "annotation.md").unlink()
    app = build(
        "generated", "html", srcdir=srcdir, ideation_catalogue=[str(catalogue), str(broken)]
    )
    assert "[ideation.data]" in warnings_of(app)
    # ...but while any data has problems, no page is removed.
    assert stub.is_file()


def test_an_object_shown_in_full_twice_warns_alike_in_serial_and_parallel(
    build: Builder, tmp_path: Path
) -> None:
    # Two pages show the same event in full; they sort far apart, between filler pages, so a
    # parallel build reads them in different processes.
    warned = []
    for name, parallel in (("serial", 0), ("parallel", 2)):
        srcdir = tmp_path / name
        srcdir.mkdir()
        (srcdir / "conf.py").write_text('extensions = ["ideation.sphinx"]\n', encoding="utf-8")
        pages = ["aaa-workshop", *(f"page-{n:02}" for n in range(10)), "zzz-workshop"]
        (srcdir / "index.rst").write_text(
            "Index\n=====\n\n.. toctree::\n\n" + "".join(f"   {p}\n" for p in pages),
            encoding="utf-8",
        )
        for page in pages:
            body = ".. ideation:event:: atelier-ideation" if "workshop" in page else "Text."
            (srcdir / f"{page}.rst").write_text(
                f"{page}\n{'=' * len(page)}\n\n{body}\n", encoding="utf-8"
            )
        app = build("generated", "html", srcdir=srcdir, parallel=parallel)
        warned.append(warnings_of(app).replace(str(srcdir), "SRC"))
    assert (
        warned[0]
        == warned[1]
        == (
            "SRC/zzz-workshop.rst: WARNING: the event 'atelier-ideation' is shown in full here and "
            "in aaa-workshop; links go to aaa-workshop [ideation.duplicate]\n"
        )
    )


def test_a_rebuild_reads_only_the_data_files_that_changed(
    build: Builder, catalogue: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    srcdir = tmp_path / "project"
    build("generated", "html", srcdir=srcdir, ideation_catalogue=str(catalogue))
    read: list[str] = []
    # _catalogue calls the read it imports from _load (the same function, not re-exported).
    original = _load.read

    def counted(path: Path) -> Any:
        read.append(path.name)
        return original(path)

    monkeypatch.setattr(_catalogue, "read", counted)
    proposal = catalogue / "proposals" / "liria.md"
    proposal.write_text(
        proposal.read_text(encoding="utf-8").replace("title: OCR", "title: Lecture OCR"),
        encoding="utf-8",
    )
    touch_later(proposal)
    second = build("generated", "html", srcdir=srcdir, ideation_catalogue=str(catalogue))
    assert warnings_of(second) == ""
    # And the candidate the store names by an anonymous slug (names are off): numbered after
    # the others, it is read again at each load (see ideation.sphinx._data._reusable).
    assert sorted(read) == ["ada-exemple.yaml", "liria.md", "programme.yaml"]
    page = (second.outdir / "ideation" / "proposals" / "liria.html").read_text(encoding="utf-8")
    assert "Lecture OCR" in page
    # The store is the one a fresh load gives.
    fresh = build("generated", "html", ideation_catalogue=str(catalogue))
    assert get_store(second.env).catalogues == get_store(fresh.env).catalogues
