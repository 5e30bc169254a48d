"""``ideation:figures``: the seed's and the season's figures, each one click from its definition."""

from __future__ import annotations

import re
from pathlib import Path

from sphinx_roots import Builder, normalise, warnings_of


def _items(page: str) -> list[tuple[str, str, str]]:
    """Each figure as (number, link target, label)."""
    return re.findall(
        r'<li><p><strong>([^<]+)</strong> <a class="reference internal" href="#([^"]+)">'
        r"([^<]+)</a>",
        page,
    )


def test_the_seed_and_the_season_give_their_figures_in_html(build: Builder) -> None:
    app = build("figures", "html")
    assert warnings_of(app) == ""
    page = normalise((app.outdir / "index.html").read_text("utf-8"))
    seed, season, days = (
        _items(part) for part in page.split('class="ideation ideation-figures')[1:]
    )
    by_label = {label: number for number, _target, label in seed}
    assert by_label["participants"] == "25"
    assert by_label["organisations represented"] == "10"
    assert by_label["ministries"] == "7"
    assert by_label["units represented (organisations and their sub-units)"] == "14"
    assert by_label["events"] == "1"
    assert by_label["proposals"] == "5"
    season_labels = {label: number for number, _target, label in season}
    assert season_labels["events"] == "10"
    assert season_labels["participants"] == "50"
    assert season_labels["proposals"] == "8"
    # Only two of the season's ten events give a head count: the page says so.
    assert "2 of the 10 events give a head count" in page
    assert {label: number for number, _t, label in days}["participants"] == "0"
    # Each label links to its definition, in a collapsed <details> of the same block.
    for _number, target, _label in [*seed, *season, *days]:
        assert page.count(f'id="{target}"') == 1, target
    assert page.count('<details class="ideation-figures-about"><summary>') == 3
    assert "a person who came to two events counts twice" in page


def test_french_labels_typography_and_an_estimate(build: Builder, catalogue: Path) -> None:
    seed = catalogue / "events" / "atelier-ideation.md"
    seed.write_text(
        seed.read_text("utf-8").replace("  count: 25\n", "  count: 25\n  approximate: true\n"),
        "utf-8",
    )
    app = build("figures", "html", language="fr", ideation_catalogue=str(catalogue))
    assert warnings_of(app) == ""
    raw = (app.outdir / "index.html").read_text("utf-8")
    page = normalise(raw)
    assert "<strong>environ 25</strong>" in page
    assert "organisations représentées" in page
    assert "Comment ces chiffres sont comptés" in page
    # French colons: a no-break space before each, never a plain one or none.
    assert "Atelier d’idéation\u00a0: 1" in raw
    assert "En cours\u00a0: 3" in raw


def test_the_text_builder_shows_the_definitions(build: Builder) -> None:
    app = build("figures", "text")
    text = (app.outdir / "index.txt").read_text("utf-8")
    assert "**25** participants" in text
    assert "How these figures are counted" not in text
    assert "a person who came to two events counts twice" in " ".join(text.split())


def test_unknown_slugs_are_warnings_of_type_ideation(build: Builder, tmp_path: Path) -> None:
    app = build("figures", "html")
    index = Path(app.srcdir) / "index.rst"
    index.write_text(
        "Figures\n=======\n\n.. ideation:figures::\n   :season: 1999\n   :phase: nowhere\n"
        "   :event: nothing\n",
        "utf-8",
    )
    app = build("figures", "html", srcdir=Path(app.srcdir))
    warnings = warnings_of(app)
    for name, slug in (("season", "1999"), ("phase", "nowhere"), ("event", "nothing")):
        assert re.search(
            rf"index.rst:\d+: WARNING: unknown {name} '{slug}'.*\[ideation\.filter\]", warnings
        ), warnings
