"""The example "existing site" builds on its own, as a team's own Sphinx site would."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLE, ROOT

pytest.importorskip("sphinx")


@pytest.mark.sphinx
def test_existing_site_builds_with_no_warning_and_shows_the_programme(tmp_path: Path) -> None:
    # A copy, so that the pages the extension generates land in the copy, not in examples/.
    site = tmp_path / "existing-site"
    shutil.copytree(ROOT / "examples" / "existing-site", site)
    shutil.copytree(EXAMPLE, tmp_path / "programme-10")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "-n",
            "-q",
            "-b",
            "html",
            str(site),
            str(tmp_path / "html"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    index = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert "Atelier d’idéation du 16 mai" in index
    assert "Gendarmerie nationale" in index
    assert (tmp_path / "html" / "ideation" / "proposals" / "siretisation.html").is_file()
    assert "Pierre-Etienne Devineau" in index  # the projects table shows each lead


SPHINX_LATEX = [sys.executable, "-m", "sphinx", "-W", "-n", "-q", "-b", "latex"]


def _latex(site: Path, out: Path, language: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*SPHINX_LATEX, "-D", f"language={language}", str(site), str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.sphinx
@pytest.mark.parametrize("language", ["en", "fr"])
def test_existing_site_compiles_to_pdf_with_pdflatex(tmp_path: Path, language: str) -> None:
    # Sphinx's default LaTeX engine (and Read the Docs' PDFs) is pdflatex, which stops at the
    # first character its UTF-8 setup lacks, such as the thin spaces Babel puts around the dash
    # of a date range. CI installs TeX Live (.ci/run), so there the test must run.
    if shutil.which("latexmk") is None:
        if os.environ.get("CI"):
            pytest.fail("latexmk is missing: .ci/run installs TeX Live for this test")
        pytest.skip("latexmk is not installed (Debian: latexmk texlive-latex-extra ...)")
    site = tmp_path / "existing-site"
    shutil.copytree(ROOT / "examples" / "existing-site", site)
    shutil.copytree(EXAMPLE, tmp_path / "programme-10")
    out = tmp_path / "latex"
    result = _latex(site, out, language)
    assert result.returncode == 0, result.stderr
    (tex,) = out.glob("*.tex")
    if language == "fr":  # the date range that once stopped pdflatex is there
        assert "16 mai\u2009\\textendash{}\u20096 juin 2022" in tex.read_text("utf-8")
    made = subprocess.run(
        ["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error", tex.name],
        cwd=out,
        capture_output=True,
        # TeX writes its log in the fonts' 8-bit encoding, not UTF-8.
        encoding="utf-8",
        errors="replace",
        timeout=300,
    )
    errors = [line for line in made.stdout.splitlines() if line.startswith("!")]
    assert made.returncode == 0, errors or made.stdout[-2000:]
    assert tex.with_suffix(".pdf").read_bytes().startswith(b"%PDF")


def _emitted_characters(language: str) -> set[str]:
    """Every character the extension's dates, times and labels use in ``language``."""
    from babel.messages.pofile import read_po

    from ideation.sphinx._labels import format_clock, format_day, format_days

    texts: list[str] = []
    for month in range(1, 13):
        first = dt.date(2022, month, 16)
        for last in (first, first + dt.timedelta(days=2), first + dt.timedelta(days=40)):
            texts += [format_day(first, language), format_days(first, last, language)]
    texts += [format_clock(dt.time(hour, 30), language) for hour in range(24)]
    po = ROOT / "src" / "ideation" / "sphinx" / "locale" / "fr" / "LC_MESSAGES" / "ideation.po"
    with po.open("rb") as file:
        for message in read_po(file):
            texts += [str(message.id), str(message.string)]
    return set("".join(texts))


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_character_the_extension_writes_is_known_to_pdflatex(language: str) -> None:
    from ideation.sphinx._latex import PDFLATEX_CHARACTERS, pdflatex_preamble

    # Latin-1 and the punctuation LaTeX's utf8 input encoding defines out of the box.
    known = {"\n", *map(chr, range(0x20, 0x7F)), *map(chr, range(0xA0, 0x100)), *"–—‘’“”…€"}
    unknown = {
        f"U+{ord(character):04X}"
        for character in _emitted_characters(language)
        if character not in known and character not in PDFLATEX_CHARACTERS
    }
    assert unknown == set()
    assert "\\DeclareUnicodeCharacter{2009}{" in pdflatex_preamble()


@pytest.mark.sphinx
@pytest.mark.parametrize("engine", ["pdflatex", "xelatex", "lualatex"])
def test_the_pdflatex_declarations_keep_the_projects_own_preamble(
    tmp_path: Path, engine: str
) -> None:
    from io import StringIO

    from sphinx.testing.util import SphinxTestApp

    from ideation.sphinx._latex import pdflatex_preamble

    (tmp_path / "conf.py").write_text('extensions = ["ideation.sphinx"]\n', encoding="utf-8")
    (tmp_path / "index.rst").write_text("Title\n=====\n", encoding="utf-8")
    own = {"preamble": r"\newcommand{\ours}{x}", "papersize": "a4paper"}
    app = SphinxTestApp(
        "latex",
        srcdir=tmp_path,
        confoverrides={"latex_engine": engine, "latex_elements": own},
        status=StringIO(),
        warning=StringIO(),
    )
    try:
        elements = app.config.latex_elements
    finally:
        app.cleanup()
    assert own == {"preamble": r"\newcommand{\ours}{x}", "papersize": "a4paper"}
    assert elements["papersize"] == "a4paper"
    # pdflatex gets the declarations first, then the project's own lines, which may redeclare;
    # the Unicode engines need none.
    declared = pdflatex_preamble() if engine == "pdflatex" else ""
    assert elements["preamble"] == declared + r"\newcommand{\ours}{x}"
