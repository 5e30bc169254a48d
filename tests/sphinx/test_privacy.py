"""Names without consent are in no file of the build: pages, doctrees, the pickled environment.

``sphinx-build -b html SRC OUT`` keeps its doctrees and ``environment.pickle`` in
``OUT/.doctrees``, so publishing the output publishes them: every byte under the output and
doctree folders is searched, pickles included.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx_roots import Builder, warnings_of

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
