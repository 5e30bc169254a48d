"""Committees, hackathons and trainings: their kind in the site's language, a training's replay
and slides as links (a link that is not safe, as text)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx_roots import Builder, normalise, warnings_of

import ideation
from ideation.model import EventKind

CATALOGUE = """\
programme:
  slug: mini
  name: Mini programme
events:
- slug: formation-python
  title: Formation Python
  kind: training
  date: 2023-03-01
  replay: https://videos.example.org/formation-python
  slides: https://example.org/supports.pdf
- slug: comite
  title: Comité de sélection
  kind: committee
  date: 2023-03-02
  replay: "javascript:alert(1)"
- slug: hackathon
  title: Hackathon
  kind: hackathon
  date: 2023-03-03
"""

INDEX = """\
Events
======

.. ideation:event:: formation-python

.. ideation:event:: comite

.. ideation:event:: hackathon
"""


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    path = tmp_path / "catalogue.yaml"
    path.write_text(CATALOGUE, encoding="utf-8")
    return path


def test_the_new_kinds_and_links_load(catalogue: Path) -> None:
    loaded = ideation.load(catalogue)
    assert isinstance(loaded, ideation.Catalogue)
    training = loaded.event("formation-python")
    assert training.kind is EventKind.TRAINING
    assert training.replay == "https://videos.example.org/formation-python"
    assert loaded.event("comite").kind is EventKind.COMMITTEE
    assert loaded.event("hackathon").kind is EventKind.HACKATHON


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("en", ("Training", "Committee", "Hackathon", "Replay", "Slides")),
        ("fr", ("Formation", "Comité", "Hackathon", "Replay", "Supports de présentation")),
    ],
)
def test_kinds_replay_and_slides_on_the_event_page(
    build: Builder, catalogue: Path, tmp_path: Path, language: str, labels: tuple[str, ...]
) -> None:
    srcdir = tmp_path / f"site-{language}"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text('extensions = ["ideation.sphinx"]\n', encoding="utf-8")
    (srcdir / "index.rst").write_text(INDEX, encoding="utf-8")
    app = build("mini", "html", srcdir=srcdir, ideation_catalogue=str(catalogue), language=language)
    assert warnings_of(app) == ""
    html = normalise((Path(app.outdir) / "index.html").read_text(encoding="utf-8"))
    for label in labels:
        assert label in html, label
    assert 'href="https://videos.example.org/formation-python"' in html
    assert 'href="https://example.org/supports.pdf"' in html
    assert 'href="javascript:' not in html
