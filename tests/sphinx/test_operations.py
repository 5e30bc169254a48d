"""The shortlist and teams directives: tables with scores and counts, names only with consent."""

from __future__ import annotations

import pytest

pytest.importorskip("sphinx")
pytest.importorskip("scipy")

from sphinx_roots import Builder, warnings_of

pytestmark = pytest.mark.sphinx


def test_the_shortlist_shows_scores_and_the_rule(build: Builder) -> None:
    app = build("operations", "text")
    assert "index.rst" not in warnings_of(app)
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    assert "Shortlist: Atelier d'idéation du 16 mai" in text
    assert "SIRETisation" in text
    assert "Ranking: by the sum of the scores" in text
    assert text.count("yes") == 6


def test_the_teams_show_counts_and_no_names_by_default(build: Builder) -> None:
    app = build("operations", "text")
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    assert "Teams" in text
    assert "Shortfall:" in text
    assert "Ada Exemple" not in text
    assert "Basile Fictif" not in text


def test_names_need_both_the_setting_and_consent(build: Builder) -> None:
    app = build("operations", "text", ideation_show_names=True)
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    assert "Ada Exemple" in text  # consented
    assert "Basile Fictif" not in text  # did not


def test_bad_arguments_warn_with_type_subtype_and_location(build: Builder) -> None:
    app = build("operations", "html")
    warnings = warnings_of(app)
    assert "bad.rst:6: WARNING: unknown event 'no-such-event' [ideation.ref]" in warnings
    assert "bad.rst:8: WARNING: unknown season '1999' in :season: [ideation.filter]" in warnings
