"""``ideation new``: a commented file that validates, in the right folder, never over another."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ideation import load, loads
from ideation.cli._new import check, slug_of, template
from ideation.model import Catalogue, Event, Proposal

from .helpers import run

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "programme-10"


@pytest.mark.parametrize(
    ("kind", "path"),
    [
        ("proposal", "proposals/detection-d-anomalies-a-l-etat.md"),
        ("event", "events/detection-d-anomalies-a-l-etat.md"),
        ("candidate", "candidates/detection-d-anomalies-a-l-etat.yaml"),
    ],
)
def test_new_writes_a_commented_file_the_catalogue_accepts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, path: str
) -> None:
    catalogue = Path(shutil.copytree(EXAMPLE, tmp_path / "catalogue"))
    title = "Détection d'anomalies à l'État"
    code, out, err = run(
        capsys, "new", kind, title, "--catalogue", str(catalogue), "--date", "2022-10-04"
    )
    assert (code, err) == (0, "")
    assert out == f"{catalogue / path}\n"
    text = (catalogue / path).read_text(encoding="utf-8")
    assert text.count("# ") >= 3  # commented
    loaded = load(catalogue, Catalogue)
    slug = "detection-d-anomalies-a-l-etat"
    if kind == "proposal":
        assert loaded.proposal(slug).title == title
    elif kind == "event":
        assert loaded.event(slug).first_day.isoformat() == "2022-10-04"
    else:
        assert loaded.candidate(slug).name == title
    assert run(capsys, "validate", str(catalogue))[0] == 0


def test_new_never_writes_over_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "proposals" / "kallm.md"
    page.parent.mkdir()
    page.write_text("mine\n", encoding="utf-8")
    code, _, err = run(capsys, "new", "proposal", "KALLM", "--catalogue", str(tmp_path))
    assert code == 1
    assert "already exists" in err
    assert page.read_text(encoding="utf-8") == "mine\n"


@pytest.mark.parametrize(("title", "slug"), [("!!!", None), ("A title", "Not A Slug")])
def test_a_title_without_a_slug_or_a_bad_slug_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], title: str, slug: str | None
) -> None:
    extra = ["--slug", slug] if slug else []
    code, _, err = run(capsys, "new", "event", title, "--catalogue", str(tmp_path), *extra)
    assert code == 2
    assert "slug" in err
    assert not any(tmp_path.iterdir())


#: Titles as people type them: any character but controls (which the loader refuses, and the
#: command with it, writing nothing).
TITLES = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=80)


@settings(max_examples=60, deadline=None)
@given(title=TITLES, kind=st.sampled_from(["proposal", "event"]))
def test_any_title_gives_a_file_that_reads_back(title: str, kind: str) -> None:
    text = template(kind, title, slug_of(title) or "fallback", dt.date(2022, 5, 16))
    check(kind, text, "new.md")
    read: Event | Proposal = (
        loads(text, Event, "markdown") if kind == "event" else loads(text, Proposal, "markdown")
    )
    assert read.title == title


@pytest.mark.parametrize("title", ["false", "2022", "null", "yes", "1e3"])
def test_a_slug_yaml_would_read_as_another_type_stays_text(title: str) -> None:
    text = template("event", title, slug_of(title), dt.date(2022, 5, 16))
    assert loads(text, Event, "markdown").slug == title


def test_a_title_the_loader_refuses_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "new", "proposal", "Bell\x07", "--catalogue", str(tmp_path))
    assert code == 1
    assert "control character" in err
    assert not (tmp_path / "proposals").exists()
