"""Names without consent are in no file of the build: pages, doctrees, the pickled environment.

``sphinx-build -b html SRC OUT`` keeps its doctrees and ``environment.pickle`` in
``OUT/.doctrees``, so publishing the output publishes them: every byte under the output and
doctree folders is searched, pickles included.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from sphinx_roots import Builder, warnings_of

import ideation

PAIRS = Path(__file__).parent / "data" / "pairs.yaml"
CONSENTED = b"Named Person"
NOT_CONSENTED = b"Unnamed Person"
UNKNOWN_KEY = b"Hidden Contact"


def _holding(folder: Path, needle: bytes) -> list[str]:
    return sorted(
        str(path.relative_to(folder))
        for path in folder.rglob("*")
        if path.is_file() and needle in path.read_bytes()
    )


@pytest.mark.parametrize("show_names", [False, True], ids=["names-off", "names-on"])
def test_no_name_without_consent_in_any_file(build: Builder, show_names: bool) -> None:
    app = build("privacy", "html", ideation_catalogue=str(PAIRS), ideation_show_names=show_names)
    assert warnings_of(app) == ""
    for folder in (Path(app.outdir), Path(app.doctreedir)):
        assert _holding(folder, NOT_CONSENTED) == []
        assert _holding(folder, UNKNOWN_KEY) == []
        shown = _holding(folder, CONSENTED)
        if show_names and folder == Path(app.outdir):
            assert "index.html" in shown
        elif not show_names:
            assert shown == []


def test_doctrees_do_not_carry_the_environment(build: Builder) -> None:
    # A description's nodes once kept the document they were parsed in, whose settings held
    # the environment: each page's doctree pickled a copy of it, catalogue included.
    app = build("privacy", "html", ideation_catalogue=str(PAIRS))
    doctrees = list(Path(app.doctreedir).rglob("*.doctree"))
    assert doctrees
    assert [str(p) for p in doctrees if b"BuildEnvironment" in p.read_bytes()] == []


def test_no_name_without_consent_after_a_rebuild_that_reuses_files(
    build: Builder, tmp_path: Path
) -> None:
    # A catalogue folder: the rebuild reads only the edited file and reuses what the store
    # kept of the others, which must be what it keeps of a fresh load, not the loaded items.
    folder = ideation.dump(ideation.load(PAIRS, ideation.Catalogue), tmp_path / "catalogue")
    srcdir = tmp_path / "project"
    build("privacy", "html", srcdir=srcdir, ideation_catalogue=str(folder))
    edited = sorted((folder / "proposals").iterdir())[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    later = time.time() + 5
    os.utime(edited, (later, later))
    app = build("privacy", "html", srcdir=srcdir, ideation_catalogue=str(folder))
    assert warnings_of(app) == ""
    for where in (Path(app.outdir), Path(app.doctreedir)):
        assert _holding(where, NOT_CONSENTED) == []
        assert _holding(where, UNKNOWN_KEY) == []
        assert _holding(where, CONSENTED) == []
