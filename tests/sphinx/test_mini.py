"""A one-file catalogue beside the example: parallel sessions, days, several catalogues."""

from __future__ import annotations

import re

from sphinx_roots import EXAMPLES, ROOTS, Builder, normalise, warnings_of


def test_parallel_sessions_several_days_and_catalogues(build: Builder) -> None:
    app = build(
        "mini",
        "text",
        ideation_catalogue=[str(ROOTS / "test-mini" / "mini.yaml"), str(EXAMPLES)],
    )
    assert warnings_of(app) == ""
    text = normalise((app.outdir / "index.txt").read_text(encoding="utf-8"))
    # The two parallel workshops share one time, written once; the second day is named.
    assert text.count("10:00–12:00") == 1
    assert "Data track — Room A" in text
    assert "Web track — Room B" in text
    assert re.search(r"\|\s+1 mars 2023,\s+\|", text)
    assert re.search(r"\|\s+2 mars 2023,\s+\|", text)
    # Events of both catalogues, upcoming first; an event on its last day is still upcoming.
    upcoming, past = text.split("Événements passés")
    assert "Two-day hackathon" in upcoming
    assert "1–2 mars 2023" in upcoming
    assert "Atelier d'idéation du 16 mai" in past
    # Only the mini programme's proposals, drafts left out.
    assert "Better maps" in text
    assert "Simpler forms" not in past
    assert "Retenu" in text
