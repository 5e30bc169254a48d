"""Generated object pages: ``.ideation`` files read without the rST parser, showing what the
directive shows; and the files around them (hand-written pages, stubs of earlier versions)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sphinx_roots import ROOTS, Builder, warnings_of

from ideation.sphinx._page_parser import page_text
from ideation.sphinx._pages import MARKER

PAGES = ("events/atelier-ideation", "proposals/liria", "proposals/siretisation")


def _body(html: str) -> str:
    # The page's own content, without the link to its source (whose suffix differs), and
    # without the links themselves: the two sites do not have the same pages to link to.
    found = re.search(r'<div class="body" role="main">(.*?)<div class="sphinxsidebar"', html, re.S)
    assert found is not None
    return re.sub(r"<a [^>]*>|</a>", "", found.group(1))


#: Text that smart quotes change, in every way they can, and text they leave alone.
QUOTES = (
    "He said \"yes\" -- then 'no' --- and... . . . `ticks` and &quot;entity&quot;; l'été\n\n"
    "A plain line: 2022-05-16, 3.5 kg, a-b.\n\n- 'item' \"one\"\n- plain item\n\n"
    "A footnote[^n], C:\\\\path and &#39;.\n\n[^n]: The note's own text.\n"
)


@pytest.mark.parametrize(
    ("language", "action"), [("fr", "qDe"), ("en", "qDe"), ("de", "qbBdDew"), ("en", "")]
)
def test_a_generated_page_shows_what_its_directive_shows(
    build: Builder, catalogue: Path, tmp_path: Path, language: str, action: str
) -> None:
    liria = catalogue / "proposals" / "liria.md"
    head, _, _ = liria.read_text(encoding="utf-8").partition("\n---\n")
    head = re.sub(r"(?m)^title: .*$", "title: \"'Quoted' -- title...\"", head)
    liria.write_text(f"{head}\n---\n\n{QUOTES}", encoding="utf-8")
    conf = {
        "ideation_catalogue": str(catalogue),
        "language": language,
        "smartquotes": bool(action),
        "smartquotes_action": action or "qDe",
    }
    generated = build("generated", "html", srcdir=tmp_path / "generated", **conf)
    assert warnings_of(generated) == ""
    # The same lines as rST pages of a site without generated pages: the directive's output.
    written = tmp_path / "written"
    shutil.copytree(ROOTS / "test-generated", written)
    (written / "conf.py").write_text('extensions = ["ideation.sphinx"]\n', encoding="utf-8")
    entries = "".join(f"   ideation/{page}\n" for page in PAGES)
    (written / "index.rst").write_text(
        f"Pages\n=====\n\n.. toctree::\n\n{entries}", encoding="utf-8"
    )
    for page in PAGES:
        kind, slug = page.split("/")
        path = written / "ideation" / f"{page}.rst"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page_text(MARKER, kind.rstrip("s"), slug), encoding="utf-8")
    by_directive = build("generated", "html", srcdir=written, ideation_generate_pages=False, **conf)
    for page in PAGES:
        mine = (generated.outdir / "ideation" / f"{page}.html").read_text(encoding="utf-8")
        theirs = (by_directive.outdir / "ideation" / f"{page}.html").read_text(encoding="utf-8")
        assert _body(mine) == _body(theirs), page
        assert "ideation-" in _body(mine)


@pytest.mark.parametrize("suffix", [".rst", ".md", ".ideation"])
def test_a_hand_written_page_of_any_suffix_stands(
    build: Builder, tmp_path: Path, suffix: str
) -> None:
    srcdir = tmp_path / "project"
    shutil.copytree(ROOTS / "test-generated", srcdir)
    mine = srcdir / "ideation" / "events" / f"atelier-ideation{suffix}"
    mine.parent.mkdir(parents=True)
    heading = "# My own words\n" if suffix == ".md" else "My own words\n============\n"
    mine.write_text(heading, encoding="utf-8")
    app = build("generated", "html", srcdir=srcdir)
    assert mine.read_text(encoding="utf-8") == heading
    assert [p.name for p in mine.parent.glob("atelier-ideation.*")] == [mine.name]
    warnings = warnings_of(app)
    assert "WARNING: a page of this name is generated" in warnings
    assert "[ideation.pages]" in warnings
    assert "multiple files" not in warnings


def test_a_stub_of_an_earlier_version_is_replaced(build: Builder, tmp_path: Path) -> None:
    srcdir = tmp_path / "project"
    shutil.copytree(ROOTS / "test-generated", srcdir)
    old = srcdir / "ideation" / "proposals" / "liria.rst"
    old.parent.mkdir(parents=True)
    old.write_text(f"{MARKER}\n\n.. ideation:proposal:: liria\n", encoding="utf-8")
    app = build("generated", "html", srcdir=srcdir)
    assert warnings_of(app) == ""
    assert not old.exists()
    assert old.with_suffix(".ideation").is_file()


def test_a_page_holds_one_directive_line(build: Builder, tmp_path: Path) -> None:
    srcdir = tmp_path / "project"
    shutil.copytree(ROOTS / "test-generated", srcdir)
    (srcdir / "index.rst").write_text(
        "Index\n=====\n\n.. toctree::\n\n   mine\n   unknown\n", encoding="utf-8"
    )
    (srcdir / "mine.ideation").write_text(
        ".. ideation:event:: atelier-ideation\n\nSome text\n.. include:: /etc/passwd\n",
        encoding="utf-8",
    )
    (srcdir / "unknown.ideation").write_text(
        "\n.. ideation:proposal:: no-such-proposal\n", encoding="utf-8"
    )
    app = build("generated", "html", srcdir=srcdir, ideation_generate_pages=False)
    warnings = warnings_of(app)
    assert re.search(
        r"mine\.ideation:3: WARNING: a generated page holds one line.*\[ideation\.pages\]", warnings
    )
    assert re.search(r"mine\.ideation:4: WARNING: a generated page holds one line", warnings)
    assert re.search(r"unknown\.ideation:2: WARNING: unknown proposal 'no-such-proposal'", warnings)
    html = (app.outdir / "mine.html").read_text(encoding="utf-8")
    assert "Atelier d&#39;idéation du 16 mai" in html or "Atelier d’idéation" in html
    assert "root:" not in html
    assert "Some text" not in html


def test_page_text_refuses_other_kinds() -> None:
    with pytest.raises(ValueError, match="no generated page shows a 'programme'"):
        page_text(MARKER, "programme", "programme-10")
