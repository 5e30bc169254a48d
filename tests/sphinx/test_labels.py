"""Labels and dates: Babel's data is loaded once, before a build reads its pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sphinx_roots import Builder, touch_later, warnings_of
from synthetic_site import site

from ideation.sphinx import _labels as labels


@pytest.mark.parametrize("language", [None, "fr", "en-GB", "xx-nowhere"])
def test_formatting_is_prepared_for_any_language(language: str | None) -> None:
    labels.prepare_formatting(language)  # an unknown language falls back to English
    day = dt.date(2022, 5, 16)
    assert labels.format_day(day, language)
    assert labels.format_days(day, day + dt.timedelta(days=1), language)
    assert labels.format_clock(dt.time(9, 30), language)


def test_a_build_that_reads_many_pages_prepares_the_dates_of_its_language_first(
    build: Builder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepared: list[str | None] = []
    monkeypatch.setattr(labels, "prepare_formatting", prepared.append)
    srcdir = site(tmp_path / "site", 2)
    first = build("generated", "html", srcdir=srcdir, ideation_catalogue="data", language="fr")
    assert warnings_of(first) == ""
    assert prepared == ["fr"]
    # One page of prose edited: read alone, and it may show no date.
    page = srcdir / "index.rst"
    page.write_text(page.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    touch_later(page)
    build("generated", "html", srcdir=srcdir, ideation_catalogue="data", language="fr")
    assert prepared == ["fr"]


def test_a_site_without_a_catalogue_loads_no_date_formats(
    build: Builder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepared: list[str | None] = []
    monkeypatch.setattr(labels, "prepare_formatting", prepared.append)
    srcdir = tmp_path / "site"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text('extensions = ["ideation.sphinx"]\n', encoding="utf-8")
    pages = "".join(f"   page-{i}\n" for i in range(8))
    (srcdir / "index.rst").write_text(f"Site\n====\n\n.. toctree::\n\n{pages}", encoding="utf-8")
    for i in range(8):
        (srcdir / f"page-{i}.rst").write_text(f"Page {i}\n=======\n", encoding="utf-8")
    app = build("generated", "html", srcdir=srcdir, ideation_catalogue=[])
    assert warnings_of(app) == ""
    assert prepared == []
