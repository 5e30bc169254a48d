"""The shortlist and teams directives: tables with scores and counts, names only with consent."""

from __future__ import annotations

from pathlib import Path

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


def test_without_recorded_teams_the_page_says_so_and_proposes_only_when_asked(
    build: Builder,
) -> None:
    # The example records no team: every selected proposal is waiting for one.
    app = build("operations", "text")
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    assert "No team recorded yet:" in text
    assert "Proposed teams (not recorded)" in text  # index.rst asks with :proposed:
    app = build("operations", "text", srcdir=_without_proposed(app.srcdir))
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    assert "Proposed teams (not recorded)" not in text


def _without_proposed(srcdir: Path) -> Path:
    index = Path(srcdir) / "index.rst"
    index.write_text(
        index.read_text(encoding="utf-8").replace("   :proposed:\n", ""), encoding="utf-8"
    )
    return Path(srcdir)


def _record(catalogue: Path, proposal: str, members: list[str]) -> None:
    """Record ``members`` as ``proposal``'s team, by hand, as an organiser edits a file."""
    path = next((catalogue / "proposals").glob(f"{proposal}.*"))
    text = path.read_text(encoding="utf-8")
    head, sep, body = text.partition("\n---\n")
    if "\nteam:" in head:
        head = head[: head.index("\nteam:")]
    team = "".join(f"\n- {slug}" for slug in members)
    path.write_text(f"{head}\nteam:{team}{sep}{body}", encoding="utf-8")


def test_the_page_shows_the_recorded_teams_and_a_hand_edit_after_a_rebuild(
    build: Builder, catalogue: Path
) -> None:
    _record(catalogue, "insee", ["ada-exemple", "candidate-1"])
    app = build("operations", "text", ideation_catalogue=str(catalogue), ideation_show_names=True)
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    recorded = text.split("Proposed teams")[0]
    assert "Ada Exemple" in recorded  # recorded, and consented
    assert "Basile Fictif" not in text  # recorded, did not consent
    # A hand edit: Ada leaves the recorded team; an incremental build (no -E) shows it.
    _record(catalogue, "insee", ["candidate-1"])
    app = build(
        "operations",
        "text",
        srcdir=Path(app.srcdir),
        ideation_catalogue=str(catalogue),
        ideation_show_names=True,
    )
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    assert "Ada Exemple" not in text.split("Proposed teams")[0]


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


@pytest.mark.parametrize("show_names", [False, True])
def test_a_generated_proposal_page_shows_its_recorded_team_under_the_consent_rules(
    build: Builder, catalogue: Path, show_names: bool
) -> None:
    _record(catalogue, "insee", ["ada-exemple", "candidate-1"])
    app = build(
        "generated", "text", ideation_catalogue=str(catalogue), ideation_show_names=show_names
    )
    page = next(Path(app.outdir).rglob("insee.txt")).read_text(encoding="utf-8")
    assert "2 member(s)" in page
    assert ("Ada Exemple" in page) is show_names  # consented: named only when names are shown
    assert "Basile Fictif" not in page  # never: no consent
