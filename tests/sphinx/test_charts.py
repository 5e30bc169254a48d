"""``ideation:chart``: each kind in HTML, LaTeX and text, deterministic files, rebuilt on change."""

from __future__ import annotations

import builtins
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from sphinx_roots import ROOTS, Builder, normalise, touch_later, warnings_of

from ideation.export import charts

KINDS = {
    "attendance": "Attendance",
    "funnel": "Where the proposals went",
    "timeline": "Timeline",
    "participation": "Participation over the season",
}


def _charts(folder: Path, suffix: str) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.glob(f"ideation-*.{suffix}"))}


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_kind_renders_in_html_with_its_text_alternative_and_table(
    build: Builder, kind: str
) -> None:
    app = build("charts", "html")
    assert warnings_of(app) == ""
    page = normalise((app.outdir / f"{kind}.html").read_text("utf-8"))
    images = re.findall(
        r'<img alt="([^"]+)" class="ideation-chart-(wide|narrow)[^"]*" '
        r'src="_images/(ideation-[^"]+\.svg)"',
        page,
    )
    # The wide layout and the narrow one (which the stylesheet shows in narrow columns).
    assert [layout for _alt, layout, _name in images] == ["wide", "narrow"], page
    for alt, _layout, name in images:
        svg = (app.outdir / "_images" / name).read_text("utf-8")
        title = re.search(r"<title[^>]*>([^<]+)</title>", svg)
        desc = re.search(r"<desc[^>]*>([^<]+)</desc>", svg)
        assert title is not None
        assert title.group(1) == KINDS[kind]
        assert desc is not None
        assert normalise(desc.group(1)) == alt
    # The title is shown once, as the caption: the summary and the table's caption (hidden
    # from the eye) do not repeat it to a sighted reader.
    assert re.findall(r'<span class="caption-text">([^<]+)</span>', page)[0] == KINDS[kind]
    assert '<details class="ideation-chart-data"><summary>The chart' in page
    assert "ideation-chart-table ideation-caption-hidden" in page
    assert 'class="ideation-cell-label"' in page


def test_latex_includes_the_pdf_and_the_table(build: Builder) -> None:
    app = build("charts", "latex")
    assert warnings_of(app) == ""
    tex = next(app.outdir.glob("*.tex")).read_text("utf-8")
    included = re.findall(r"sphinxincludegraphics(?:\[[^]]*\])?\{\{(ideation-[^}]+)\}\.pdf\}", tex)
    assert len(included) == 5
    for stem in included:
        assert (app.outdir / f"{stem}.pdf").read_bytes().startswith(b"%PDF")
    assert "details" not in tex
    assert "Data of the chart: Where the proposals went" in tex


def test_text_builder_shows_the_table(build: Builder) -> None:
    app = build("charts", "text")
    assert warnings_of(app) == ""
    text = normalise((app.outdir / "funnel.txt").read_text("utf-8"))
    assert "Data of the chart: Where the proposals went" in text
    # Six proposals reached selection (one is still there), five went on to be in progress.
    assert re.search(r"\| Selected +\| 6 +\| 1 +\|", text), text
    assert re.search(r"\| In progress +\| 5 +\| 5 +\|", text), text
    assert "[image: Proposals by the furthest step they reached." in text


def test_french_labels_and_numbers(build: Builder) -> None:
    app = build("charts", "html", language="fr")
    page = (app.outdir / "timeline.html").read_text("utf-8")
    assert "Données du graphique" in page
    assert "16 mai 2022" in page


def test_parallel_builds_give_byte_identical_charts(build: Builder, tmp_path: Path) -> None:
    serial = build("charts", "html", srcdir=tmp_path / "serial")
    first = _charts(serial.outdir / "_images", "svg")
    parallel = build("charts", "html", srcdir=tmp_path / "parallel", parallel=2)
    assert warnings_of(parallel) == ""
    assert len(first) == 10  # five charts, each in its wide and its narrow layout
    assert _charts(parallel.outdir / "_images", "svg") == first


def test_a_chart_is_redrawn_when_its_data_changes(
    build: Builder, catalogue: Path, tmp_path: Path
) -> None:
    srcdir = tmp_path / "project"
    first = build("charts", "html", srcdir=srcdir, ideation_catalogue=str(catalogue))
    before = dict(first.env.all_docs)
    old = set(_charts(first.outdir / "_images", "svg"))

    proposal = catalogue / "proposals" / "annotation.md"
    text = proposal.read_text("utf-8")
    proposal.write_text(text.replace("status: selected", "status: in-progress", 1), "utf-8")
    assert proposal.read_text("utf-8") != text
    touch_later(proposal)
    second = build("charts", "html", srcdir=srcdir, ideation_catalogue=str(catalogue))
    reread = {name for name, read in second.env.all_docs.items() if before.get(name) != read}
    assert "funnel" in reread
    assert "plain" not in reread
    funnel = (second.outdir / "funnel.html").read_text("utf-8")
    name = re.search(r'src="_images/(ideation-funnel-[^"]+\.svg)"', funnel)
    assert name is not None
    assert name.group(1) not in old
    # The funnel's old files are gone from where charts are drawn; the pages' files are there.
    # The wide layout is drawn in every format, the narrow one (HTML's only) as SVG.
    shown = {
        (layout, stem)
        for page in second.outdir.glob("*.html")
        for layout, stem in re.findall(
            r'class="ideation-chart-(wide|narrow)[^"]*" src="_images/(ideation-[^"]+)\.svg"',
            page.read_text("utf-8"),
        )
    }
    drawn = {path.name for path in (second.doctreedir / "ideation-charts").iterdir()}
    assert drawn == {
        f"{stem}.{form}"
        for layout, stem in shown
        for form in (charts.FORMATS if layout == "wide" else ("svg",))
    }


def _project(tmp_path: Path, body: str) -> Path:
    srcdir = tmp_path / "project"
    srcdir.mkdir()
    shutil.copy(ROOTS / "test-charts" / "conf.py", srcdir / "conf.py")
    (srcdir / "index.rst").write_text(f"Charts\n======\n\n{body}\n", encoding="utf-8")
    return srcdir


def test_bad_options_are_warnings_of_type_ideation(build: Builder, tmp_path: Path) -> None:
    body = (
        ".. ideation:chart:: pie\n\n"
        ".. ideation:chart:: attendance\n   :event: nowhere\n   :status: selected\n\n"
        ".. ideation:chart:: funnel\n   :status: done\n"
    )
    app = build("charts", "html", srcdir=_project(tmp_path, body))
    warnings = warnings_of(app)
    assert "index.rst:4: WARNING: unknown chart kind 'pie'" in warnings
    assert "unknown event 'nowhere' in :event:" in warnings
    assert ":status: is not used by a attendance chart" in warnings
    assert "unknown status 'done' in :status:" in warnings
    assert warnings.count("[ideation.") == 4


def test_without_matplotlib_the_table_is_shown_after_a_warning(
    build: Builder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = __import__("importlib.util").util.find_spec

    def find_spec(name: str, *args: Any) -> Any:
        return None if name == "matplotlib" else real(name, *args)

    monkeypatch.setattr("importlib.util.find_spec", find_spec)
    app = build("charts", "html", srcdir=_project(tmp_path, ".. ideation:chart:: funnel\n"))
    warnings = warnings_of(app)
    assert "needs matplotlib: install ideation[charts]" in warnings
    assert "[ideation.chart]" in warnings
    page = (app.outdir / "index.html").read_text("utf-8")
    assert "<img" not in page
    assert "ideation-chart-table" in page
    assert builtins is not None


def test_the_same_chart_draws_the_same_bytes() -> None:
    chart = charts.Chart(
        kind="funnel",
        title="t",
        description="d <&>",
        panels=(charts.Bars("p", "a", ("x", "y"), (("s", (1, None)),), frozenset({1})),),
        headers=("h",),
        rows=(("r",),),
    )
    for form in charts.FORMATS:
        assert charts.draw(chart, form) == charts.draw(chart, form)
    assert b'<desc id="ideation-d">d &lt;&amp;&gt;</desc>' in charts.draw(chart, "svg")


def test_event_filters_choose_the_events_of_a_chart(build: Builder, tmp_path: Path) -> None:
    body = (
        ".. ideation:chart:: participation\n   :organisation: interieur\n\n"
        ".. ideation:chart:: participation\n   :phase: journees-de-travail\n"
    )
    app = build("charts", "text", srcdir=_project(tmp_path, body))
    assert warnings_of(app) == ""
    tables = normalise((app.outdir / "index.txt").read_text("utf-8")).split("Data of the chart")
    # The ministry (and two of its units) came to the workshop, and to no working day.
    assert "May 16, 2022" in tables[1]
    assert "July 5, 2022" not in tables[1]
    assert "May 16, 2022" not in tables[2]
    assert "July 5, 2022" in tables[2]
    assert "November 22, 2022" in tables[2]


def test_a_chart_left_out_for_want_of_matplotlib_is_drawn_once_it_is_installed(
    build: Builder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The user reads the warning, installs ideation[charts] and builds again, without -E:
    # the page is read again and shows the chart, with no warning left.
    real = __import__("importlib.util").util.find_spec

    def find_spec(name: str, *args: Any) -> Any:
        return None if name == "matplotlib" else real(name, *args)

    srcdir = _project(tmp_path, ".. ideation:chart:: funnel\n")
    with monkeypatch.context() as patch:
        patch.setattr("importlib.util.find_spec", find_spec)
        first = build("charts", "html", srcdir=srcdir)
        assert "needs matplotlib" in warnings_of(first)
    again = build("charts", "html", srcdir=srcdir)
    assert "needs matplotlib" not in warnings_of(again)
    assert "<img" in (again.outdir / "index.html").read_text("utf-8")
