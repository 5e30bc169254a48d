"""Pages everyone can read (issue 12): real headings that follow the outline, named tables with
header cells, ``lang`` where the labels' language is not the page's, status as a badge with
text, narrow-screen markup in HTML only; headings and captions in LaTeX and text too.

What only a browser can see (axe-core, widths, print) is in ``tests/test_browser.py``.
"""

from __future__ import annotations

import re

from sphinx_roots import Builder, normalise, warnings_of

HEADING = re.compile(r"<h([1-6])[^>]*>(.*?)</h\1>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")


def _headings(page: str) -> list[tuple[int, str]]:
    body = page.split('<div class="body"', 1)[-1].split('<div class="sphinxsidebar"', 1)[0]
    return [
        (int(level), TAG.sub("", text).replace("¶", "").strip())
        for level, text in HEADING.findall(body)
    ]


def test_headings_follow_the_outline_of_the_page(build: Builder) -> None:
    app = build("a11y", "html")
    assert warnings_of(app) == ""
    headings = _headings((app.outdir / "index.html").read_text(encoding="utf-8"))
    # The event is a section under the page's title; its parts are headings under it.
    assert headings[:7] == [
        (1, "The programme"),
        (2, "Atelier d’idéation du 16 mai"),
        (3, "Objectives"),
        (3, "Agenda"),
        (3, "Attendance"),
        (3, "Proposals"),
        (3, "Outcomes"),
    ]
    # Cards under an h3 of the page have h4 titles; :heading-level: 5 sets the programme's.
    selected = headings.index((3, "Selected"))
    assert headings[selected + 1][0] == 4
    overview = headings.index((2, "Overview"))
    assert headings[overview + 1] == (3, "Programme 10 %")
    assert {level for level, _ in headings[overview + 2 :]} == {5}


def test_every_table_is_named_and_has_header_cells(build: Builder) -> None:
    app = build("a11y", "html")
    page = (app.outdir / "index.html").read_text(encoding="utf-8")
    tables = re.findall(r"<table.*?</table>", page, re.DOTALL)
    assert len(tables) == 3  # the agenda, the proposals, the counts by status
    for table in tables:
        assert re.search(r"<caption><span class=\"caption-text\">[^<]+</span>", table)
        assert "<thead>" in table
        assert '<th scope="col" class="head">' in table
        # The time, the title, the status: row headers.
        assert '<th scope="row" class="stub">' in table
    assert '<caption><span class="caption-text">Agenda — Atelier d’idéation' in tables[0]
    # A wide table scrolls in a named region the keyboard can reach.
    assert page.count('role="region" tabindex="0" aria-label="Agenda — Atelier') == 1
    assert page.count('role="region" tabindex="0" aria-label="Proposals"') == 1


def test_status_is_a_badge_with_its_text(build: Builder) -> None:
    app = build("a11y", "html")
    page = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<span class="ideation-badge ideation-status-in-progress">In progress<', page)


def test_labels_in_another_language_than_the_page_carry_lang(build: Builder) -> None:
    app = build("a11y", "html", ideation_language="fr")
    page = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in page
    assert re.search(r'<section class="ideation ideation-event"[^>]* lang="fr"', page)
    assert re.search(r'<div class="ideation ideation-proposal-list[^"]*"[^>]* lang="fr"', page)
    same = build("a11y", "html", ideation_language="en-GB")
    assert ' lang="en-GB"' not in (same.outdir / "index.html").read_text(encoding="utf-8")


def test_text_output_has_the_headings_and_captions_and_no_cell_labels(build: Builder) -> None:
    app = build("a11y", "text")
    assert warnings_of(app) == ""
    text = normalise((app.outdir / "index.txt").read_text(encoding="utf-8"))
    assert "Agenda — Atelier d'idéation du 16 mai" in text
    assert "-[ Agenda ]-" in text
    # The column names repeated in cells for phones are HTML only.
    welcome = next(line for line in text.splitlines() if "Welcome" in line)
    assert "Kind" not in welcome


def test_latex_output_has_headings_and_captions_that_compile(build: Builder) -> None:
    app = build("a11y", "latex")
    assert warnings_of(app) == ""
    (tex,) = app.outdir.glob("*.tex")
    source = tex.read_text(encoding="utf-8")
    assert re.search(r"\\sphinxcaption\{Agenda — Atelier", source)
    assert re.search(r"\\(sub)*section\*\{Agenda\}", source)
    # The :heading-level: 5 of the programme stops at a level LaTeX has a command for.
    assert "\\subparagraph*{" not in source


CELL = re.compile(r"<(td|th)[^>]*>(.*?)</\1>", re.DOTALL)
LABEL = re.compile(r'^<p><span class="ideation-cell-label">([^<]*)</span>')


def test_cells_repeat_their_column_name_from_the_header_in_html(build: Builder) -> None:
    for language in ("en", "fr"):
        app = build("a11y", "html", language=language)
        page = (app.outdir / "index.html").read_text(encoding="utf-8")
        labelled = 0
        for table in re.findall(r"<table.*?</table>", page, re.DOTALL):
            head, _, body = table.partition("</thead>")
            headers = [TAG.sub("", cell) for _, cell in CELL.findall(head)]
            for row in re.findall(r"<tr.*?</tr>", body, re.DOTALL):
                for column, (_, cell) in enumerate(CELL.findall(row)):
                    label = LABEL.match(cell)
                    if label is None:
                        continue
                    # Never the row's own header, always its column's name as the header shows it.
                    assert column > 0
                    assert label.group(1) == headers[column]
                    labelled += 1
        # The agenda's kinds and facilitators, the proposals' status and sponsors...
        assert labelled >= 10, language
