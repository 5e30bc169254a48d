"""The how-to "Import a Hugo site" shows real reports: each is checked against the command's
output here, so that the page stays what the command prints."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from ideation.cli import main

ROOT = Path(__file__).resolve().parents[2]
HOWTO = ROOT / "docs" / "howto" / "import-hugo-site.md"
CORPUS = ROOT.parent / "shared" / "corpus" / "programme10-2022"
DATA = Path(__file__).parents[1] / "data"

needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(), reason=f"the shared corpus is not at {CORPUS}"
)


def block_after(marker: str) -> str:
    """The text of the first fenced block after the line that starts with ``marker``."""
    text = HOWTO.read_text("utf-8")
    start = text.index(marker)
    match = re.compile(r"^```[a-z]*\n(?P<body>.*?)^```$", re.M | re.S).search(text, start)
    assert match is not None, marker
    return match["body"]


def section_lines(heading: str) -> list[str]:
    """The lines of the how-to's section ``heading`` that show a report's entry."""
    text = HOWTO.read_text("utf-8")
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return [line for line in text[start:end].splitlines() if line.startswith("content/")]


@needs_corpus
def test_the_report_of_the_real_import_is_the_commands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", "hugo", str(CORPUS), "-o", str(tmp_path / "catalogue")]) == 0
    printed = capsys.readouterr().out.replace(str(CORPUS), "path/to/site")
    assert block_after("% The report of a real import") == printed


@needs_corpus
def test_the_report_of_the_real_export_is_the_commands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = shutil.copytree(CORPUS, tmp_path / "site")
    catalogue = tmp_path / "catalogue"
    assert main(["import", "hugo", str(site), "-o", str(catalogue)]) == 0
    liria = catalogue / "proposals" / "liria.md"
    text = liria.read_text("utf-8")
    assert "\nlead: Kim Montalibet (Etalab)\n" in text
    liria.write_text(text.replace("(Etalab)", "(DINUM)", 1), "utf-8")
    capsys.readouterr()
    assert main(["export", "hugo", str(catalogue), "-o", str(site)]) == 0
    printed = capsys.readouterr().err.replace(str(site), "path/to/site")
    assert block_after("% A real run on the reference corpus") == printed
    # The diff shown: one line of one page.
    for page in sorted((CORPUS / "content").rglob("*.md")):
        after = site / page.relative_to(CORPUS)
        if page.name != "liria.md":
            assert after.read_bytes() == page.read_bytes(), page
    before_lines = (CORPUS / "content" / "projets" / "liria.md").read_text("utf-8").split("\n")
    after_lines = (site / "content" / "projets" / "liria.md").read_text("utf-8").split("\n")
    changed = [(b, a) for b, a in zip(before_lines, after_lines, strict=True) if a != b]
    diff = block_after("and `git diff` in the site shows one line")
    assert [f"-{b}\n+{a}\n" for b, a in changed] == [diff]


def test_the_reasons_shown_for_events_and_news_are_the_commands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shown = section_lines("Events and news")
    for site, section, options in (
        (DATA / "hugo-news-en", "news", ["--events", "news", "--proposals", "projects"]),
        (DATA / "hugo-news", "actualites", []),
    ):
        assert main(["import", "hugo", str(site), "-o", str(tmp_path / site.name), *options]) == 0
        printed = capsys.readouterr().out.splitlines()
        lines = [line for line in shown if line.startswith(f"content/{section}/")]
        assert len(lines) == 3
        for line in lines:
            assert line in printed, line


def test_the_note_shown_for_a_shortcode_not_given_back_is_the_commands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = DATA / "hugo-roundtrip"
    catalogue = tmp_path / "catalogue"
    assert main(["import", "hugo", str(site), "-o", str(catalogue)]) == 0
    page = catalogue / "proposals" / "outil-suivi.md"
    page.write_text(page.read_text("utf-8").replace("Écrire à  ou", "Écrire ou"), "utf-8")
    capsys.readouterr()
    out = tmp_path / "out"
    assert main(["export", "hugo", str(catalogue), "-o", str(out), "--from", str(site)]) == 0
    printed = capsys.readouterr().err
    shown = block_after("and that line now reads differently")
    assert shown in printed
